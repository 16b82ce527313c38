import { type Uniform } from "./random.js";

/** The AWS SDKs' default retry of a throttled call: exponential backoff with full jitter, 100 ms base, 20 s cap. */
const BACKOFF_BASE_US = 100_000;
/** The mean wait before the first retry (uniform up to the base): how soon a throttled caller tries again at most. */
export const FIRST_BACKOFF_MEAN_US = BACKOFF_BASE_US / 2;
const BACKOFF_CAP_US = 20_000_000;

/** The wait before retry number `attempt` (0 for the first): uniform up to base × 2^attempt, capped; at least 1 µs. */
export function fullJitterBackoffUs(attempt: number, uniform: Uniform): number {
  const ceiling = Math.min(BACKOFF_CAP_US, BACKOFF_BASE_US * 2 ** Math.min(attempt, 30));
  return Math.max(1, Math.round(uniform() * ceiling));
}
