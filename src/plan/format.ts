// Numbers as the explanation writes them, in formulas and in the terminal report.

/** Four significant digits, thousands grouped, no exponent for everyday magnitudes: 33.33, 0.1013, 12,350. */
export function num(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? "∞" : x < 0 ? "−∞" : "n/a";
  if (x === 0) return "0";
  const abs = Math.abs(x);
  if (abs < 1e-4) return x.toExponential(2);
  const rounded = Number(x.toPrecision(4));
  if (abs >= 1000) return Math.round(rounded).toLocaleString("en-US");
  return String(rounded);
}

/**
 * A duration for people, four significant digits in the largest unit that keeps it above 1: 100 ms, 2.236 min.
 * (The run summary's formatSeconds rounds harder, and shows 0.4 µs as "0 µs", which a queue wait often is here.)
 */
export function secs(x: number): string {
  if (!Number.isFinite(x)) return "∞";
  if (x === 0) return "0 s";
  if (x < 0) return `−${secs(-x)}`;
  if (x < 1e-6) return "< 1 µs";
  const units: [number, string][] = [[86_400 * 2, "d"], [7_200, "h"], [120, "min"], [1, "s"], [1e-3, "ms"], [1e-6, "µs"]];
  const scale: Record<string, number> = { d: 86_400, h: 3_600, min: 60, s: 1, ms: 1e-3, "µs": 1e-6 };
  for (const [from, unit] of units) {
    // Rounding to four digits can reach the next unit up (0.99999 s is "1 s", not "1,000 ms").
    if (Number((x / scale[unit]!).toPrecision(4)) * scale[unit]! >= from) return `${num(x / scale[unit]!)} ${unit}`;
  }
  return `${num(x / 1e-6)} µs`;
}

/** A fraction as a percentage with enough digits to show small ones: 59.3%, 0.0041%. */
export function pct(fraction: number): string {
  if (!Number.isFinite(fraction)) return "n/a";
  if (fraction === 0) return "0%";
  const percent = fraction * 100;
  const abs = Math.abs(percent);
  if (abs >= 10) return `${percent.toFixed(1).replace(/\.0$/, "")}%`;
  return `${Number(percent.toPrecision(abs >= 0.01 ? 3 : 2))}%`;
}
