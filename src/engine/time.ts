/**
 * Simulated time is an integer count of microseconds, exact in a double. The event heap packs time and phase into
 * one double (timeUs × 8 + phase), which stays exact for about 35 years of simulated time; scenarios stop at 366 days.
 */
export const US_PER_S = 1_000_000;

/** Seconds (float) to integer microseconds, rounded to the nearest microsecond. */
export function secondsToUs(seconds: number): number {
  return Math.round(seconds * US_PER_S);
}
