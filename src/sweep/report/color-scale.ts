// The heatmaps' colour scale: viridis (perceptually uniform, readable with colour blindness and in greyscale),
// from light yellow for the lowest value to dark purple for the highest, so that "darker" reads as "more". Values
// spread over more than an order of magnitude are placed on a log scale, so that one slow cell does not wash the
// others into a single colour (zeros then share the smallest positive value's colour).

/** Viridis at 9 evenly spaced points, from its dark end (0) to its light end (1). */
const VIRIDIS = ["#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80", "#5ec962", "#addc30", "#fde725"];

/** The colours of the key, from the lowest value to the highest. */
export const COLOR_KEY: readonly string[] = [...VIRIDIS].reverse();

/** Ratios of highest to lowest value above which the scale is logarithmic. */
const LOG_ABOVE_RATIO = 10;

export interface ColorScale {
  /** The colour of a value; null for a missing value. */
  color(value: number | null): string | null;
  /** Black or white, whichever reads better on the value's colour. */
  textColor(value: number | null): string;
  log: boolean;
}

export function colorScale(values: readonly (number | null)[]): ColorScale {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const low = present.length === 0 ? 0 : Math.min(...present);
  const high = present.length === 0 ? 0 : Math.max(...present);
  // On a log scale zeros (a p99 of 0) take the lowest colour with the smallest positive value.
  const positive = present.filter((v) => v > 0);
  const lowPositive = positive.length === 0 ? 0 : Math.min(...positive);
  const log = low >= 0 && lowPositive > 0 && high / lowPositive > LOG_ABOVE_RATIO;
  const position = (v: number): number => {
    if (high === low) return 0.5;
    const t = log ? Math.log(Math.max(v, lowPositive) / lowPositive) / Math.log(high / lowPositive) : (v - low) / (high - low);
    return Math.min(1, Math.max(0, t));
  };
  const color = (v: number | null): string | null => (v === null || !Number.isFinite(v) ? null : interpolate(COLOR_KEY, position(v)));
  return {
    log,
    color,
    textColor: (v) => {
      const c = color(v);
      // Above 0.179 black has the higher contrast ratio, below it white: (L + 0.05)² = 0.05 × 1.05.
      return c === null || luminance(c) > 0.179 ? "#000000" : "#ffffff";
    },
  };
}

function interpolate(stops: readonly string[], t: number): string {
  const at = t * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(at));
  const f = at - i;
  const a = rgb(stops[i]!);
  const b = rgb(stops[i + 1]!);
  return `#${a
    .map((x, k) =>
      Math.round(x + (b[k]! - x) * f)
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

function rgb(hex: string): number[] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** WCAG relative luminance, 0 (black) to 1 (white). */
export function luminance(hex: string): number {
  const [r, g, b] = rgb(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
