/** Simulated time is an integer count of microseconds: exact, and safe in a double for centuries. */
export const US_PER_S = 1_000_000;

/** Seconds (float) to integer microseconds, rounded to the nearest microsecond. */
export function secondsToUs(seconds: number): number {
  return Math.round(seconds * US_PER_S);
}

export function usToSeconds(us: number): number {
  return us / US_PER_S;
}
