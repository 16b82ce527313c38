// Numbers as the explanation writes them, in formulas and in the terminal report.

/** Four significant digits, thousands grouped: 33.33, 0.1013, 12,350 (the same digits as formatDuration's "significant"). */
export { fourDigits as num } from "../engine/number-text.js";

/** A fraction as a percentage with enough digits to show small ones: 59.3%, 0.0041%. */
export function pct(fraction: number): string {
  if (!Number.isFinite(fraction)) return "n/a";
  if (fraction === 0) return "0%";
  const percent = fraction * 100;
  const abs = Math.abs(percent);
  if (abs >= 10) return `${percent.toFixed(1).replace(/\.0$/, "")}%`;
  return `${Number(percent.toPrecision(abs >= 0.01 ? 3 : 2))}%`;
}
