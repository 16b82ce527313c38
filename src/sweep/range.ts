// `a..b/n` in a --vary list: n evenly spaced values from a to b, both included. Ranges cover plain numbers and
// durations (the two kinds a sweep most often walks); sizes, enums and objects are listed value by value.
import { clip, quote } from "../engine/quote.js";
import { parseDuration, UnitError } from "../engine/units.js";

/** The most values one range may produce; a typo such as /1000000 should fail fast, not fill memory. */
export const MAX_RANGE_VALUES = 10_000;

const NUMBER = String.raw`(?:\d+(?:\.\d*)?|\.\d+)`;
const END = `(-?${NUMBER})([a-zA-Z][a-zA-Z0-9]*)?`;
const RANGE = new RegExp(String.raw`^${END}\.\.${END}(?:/(.*))?$`);
const SIMPLE_DURATION_UNITS = new Set(["ms", "s", "m", "h", "d"]);

/** Whether an item of a --vary list is meant as a range (`10s..2m/6`), well formed or not. */
export function looksLikeRange(item: string): boolean {
  return RANGE.test(item) || /^\S+\.\.\S+\/\S*$/.test(item);
}

/**
 * The values of `a..b/n` as the texts a --set would take. The values keep the unit of a and b when both ends are
 * written in the same unit (`100ms..500ms/5` → 100ms, 200ms, …); ends in different units (`30s..2m/4`) give seconds.
 * Integers stay integers when both ends are integers and the step (b − a)/(n − 1) is whole; otherwise the values
 * are rounded to 6 decimals, the resolution of every output (a duration in seconds to the microsecond).
 */
export function expandRange(item: string): { values: string[] } | { error: string } {
  const m = RANGE.exec(item);
  if (!m) return { error: `${clip(item)}: expected a range as a..b/n, e.g. 10s..120s/6 or 1..8/8` };
  const [, aText = "", aUnit, bText = "", bUnit, countText] = m;
  const shown = clip(item);
  if (countText === undefined) return { error: `${shown}: a range needs its number of values after a slash, e.g. ${shown}/5` };
  if (!/^\d+$/.test(countText)) return { error: `${shown}: the number of values after the slash must be a whole number, got ${quote(countText)}` };
  const count = Number(countText);
  if (count < 2) return { error: `${shown}: a range needs at least 2 values; write a single value as it is` };
  if (count > MAX_RANGE_VALUES)
    return { error: `${shown}: ${clip(countText)} values is more than the ${MAX_RANGE_VALUES.toLocaleString("en-US")} a range may have` };

  if ((aUnit === undefined) !== (bUnit === undefined)) {
    return { error: `${shown}: both ends need a unit (10s..2m/6) or neither (1..8/8)` };
  }
  if (aUnit === undefined || bUnit === undefined) return spaced(item, Number(aText), Number(bText), count, "");

  for (const [text, unit] of [
    [aText, aUnit],
    [bText, bUnit],
  ] as const) {
    if (!SIMPLE_DURATION_UNITS.has(unit)) {
      return { error: `${shown}: ${clip(text + unit)} is not a duration (ms, s, m, h, d); a range takes numbers or durations, list other values one by one` };
    }
  }
  try {
    if (aUnit === bUnit) {
      parseDuration(`${aText}${aUnit}`); // refuses negatives (and values too large) with the usual message
      parseDuration(`${bText}${bUnit}`);
      return spaced(item, Number(aText), Number(bText), count, aUnit);
    }
    return spaced(item, parseDuration(`${aText}${aUnit}`), parseDuration(`${bText}${bUnit}`), count, "s");
  } catch (e) {
    if (e instanceof UnitError) return { error: `${shown}: ${e.message}` };
    throw e;
  }
}

function spaced(item: string, a: number, b: number, count: number, unit: string): { values: string[] } | { error: string } {
  const step = (b - a) / (count - 1);
  const whole = Number.isInteger(a) && Number.isInteger(b) && Number.isInteger(step);
  const values: string[] = [];
  for (let i = 0; i < count; i++) {
    // The last value is b exactly, not a plus an accumulated rounding error.
    const x = i === count - 1 ? b : whole ? a + i * step : a + ((b - a) * i) / (count - 1);
    // An end of 309 digits reads as Infinity, and ends near the largest double overflow in between: either would
    // reach the scenario as the text "Infinity" or "NaN".
    if (!Number.isFinite(x)) return { error: `${clip(item)}: the values are too large to be numbers` };
    values.push(`${formatValue(x)}${unit}`);
  }
  return { values };
}

/** Integers as they are, others to 6 decimals with trailing zeros trimmed (as every CSV column of sqs-sim). */
export function formatValue(x: number): string {
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toFixed(6)));
}
