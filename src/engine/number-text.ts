// Numbers as people read them in explanations and messages. Pure; no project imports.

/** Four significant digits, thousands grouped, no exponent for everyday magnitudes: 33.33, 0.1013, 12,350. */
export function fourDigits(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? "∞" : x < 0 ? "−∞" : "n/a";
  if (x === 0) return "0";
  const abs = Math.abs(x);
  if (abs < 1e-4) return x.toExponential(2);
  const rounded = Number(x.toPrecision(4));
  if (abs >= 1000) return Math.round(rounded).toLocaleString("en-US");
  return String(rounded);
}
