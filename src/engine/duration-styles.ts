// The human styles of engine/units.ts formatDuration (call that, not these): each is the one place its style is
// written. The styles differ on purpose: a run summary rounds hard, an explanation keeps four digits, a countdown
// shows whole seconds. Pure; imports only ./number-text.js.

import { fourDigits } from "./number-text.js";

/** "rounded": 0.42 s, 3.1 min, 2.0 h (the run summary, reports, progress bar). */
export function roundedText(s: number): string {
  if (s === 0) return "0 s";
  if (s < 0.001) return `${(s * 1e6).toFixed(0)} µs`;
  if (s < 1) return `${(s * 1000).toFixed(s < 0.01 ? 2 : 0)} ms`;
  if (s < 120) return `${s.toFixed(s < 10 ? 2 : 1)} s`;
  if (s < 7200) return `${(s / 60).toFixed(1)} min`;
  if (s < 172_800) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86_400).toFixed(1)} d`;
}

const SIGNIFICANT_FROM: [number, string][] = [
  [86_400 * 2, "d"],
  [7_200, "h"],
  [120, "min"],
  [1, "s"],
  [1e-3, "ms"],
  [1e-6, "µs"],
];
const SIGNIFICANT_SCALE: Record<string, number> = { d: 86_400, h: 3_600, min: 60, s: 1, ms: 1e-3, µs: 1e-6 };

/**
 * "significant": four significant digits in the largest unit that keeps it above 1: 100 ms, 2.236 min (explain's
 * formulas). Unlike "rounded" it shows 0.4 µs as "< 1 µs", not "0 µs", which a queue wait often is there.
 */
export function significantText(x: number): string {
  if (!Number.isFinite(x)) return "∞";
  if (x === 0) return "0 s";
  if (x < 0) return `−${significantText(-x)}`;
  if (x < 1e-6) return "< 1 µs";
  for (const [from, unit] of SIGNIFICANT_FROM) {
    const scale = SIGNIFICANT_SCALE[unit]!;
    // Rounding to four digits can reach the next unit up (0.99999 s is "1 s", not "1,000 ms").
    if (Number((x / scale).toPrecision(4)) * scale >= from) return `${fourDigits(x / scale)} ${unit}`;
  }
  return `${fourDigits(x / 1e-6)} µs`;
}

/** "period": the largest unit that divides it: 60 s → "1 min", 3600 s → "1 h", 90 s → "90 s" (a metric period). */
export function periodText(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** "countdown": whole seconds and minutes, as a countdown reads: 42 s, 3 min 05 s, 1 h 20 min. */
export function countdownText(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 1) return "<1 s";
  if (s < 60) return `${s} s`;
  const two = (n: number): string => String(n).padStart(2, "0");
  if (s < 3600) return `${Math.floor(s / 60)} min ${two(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${two(Math.floor((s % 3600) / 60))} min`;
}
