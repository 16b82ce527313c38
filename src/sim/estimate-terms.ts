import { bytesText, groupThousands } from "../engine/units.js";

export { bytesText };

/**
 * One line of an estimate: `count` things of one kind, each costing `each` (bytes, or events), named in words and
 * by the scenario field that drives it, so a refusal can say what to change.
 */
export interface EstimateTerm {
  /** "workers", "stored messages": plural, for "1,000 workers × 320 B". */
  what: string;
  count: number;
  each: number;
  /** The scenario field that sets `count` (dotted path). */
  field: string;
}

/** The field that sets how many messages arrive: the one producer's traffic, or all the producers. */
export function trafficField(scenario: { producers: readonly unknown[] }): string {
  return scenario.producers.length === 1 ? "producers.0.traffic" : "producers";
}

export const termTotal = (terms: readonly EstimateTerm[]): number => terms.reduce((sum, t) => sum + t.count * t.each, 0);

/** The largest terms first, for messages that show what the estimate is made of. */
export function largestTerms(terms: readonly EstimateTerm[], n = 3): EstimateTerm[] {
  return [...terms]
    .filter((t) => t.count * t.each > 0)
    .sort((a, b) => b.count * b.each - a.count * a.each)
    .slice(0, n);
}

/** "1,234" for a count (rounded), "1.2 billion" past a billion so that big figures stay readable. */
export function countText(n: number): string {
  if (!Number.isFinite(n)) return "more than can be counted";
  if (n >= 1e12) return `${groupThousands(Number((n / 1e12).toPrecision(3)))} trillion`;
  if (n >= 1e9) return `${Number((n / 1e9).toPrecision(3))} billion`;
  return groupThousands(Math.round(n));
}
