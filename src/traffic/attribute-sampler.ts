import { type Uniform } from "../engine/random.js";
import { type AttributeLookup, type AttributeValue } from "../sns/message-attributes.js";

/** A producer's message attributes as a scenario draws them: per key, each String value with its probability. */
/** Per key, each value with its probability: String values, or Number values under `number` (for numeric policies). */
export type AttributeDistributions = Readonly<Record<string, Readonly<Record<string, number>> | { readonly number: Readonly<Record<string, number>> }>>;

/** Whether a key's distribution holds Number values (`{ number: { "5": 0.5, "50": 0.5 } }`). */
export function isNumberDistribution(d: AttributeDistributions[string]): d is { readonly number: Readonly<Record<string, number>> } {
  return typeof (d as { number?: unknown }).number === "object" && (d as { number?: unknown }).number !== null;
}

/**
 * Draws each message's attributes (for SNS filter policies, aws-behaviour 13.16-13.18): one String value per key, the
 * keys independent, each value with its probability. A message's attributes are a combination of one value per key;
 * it is drawn as an index, and each combination's lookup is built the first time it is drawn and then shared, so a
 * topic can remember each subscription's verdict per combination and a message allocates nothing.
 * Draws: one uniform per key, in the keys' order.
 */
export class AttributeSampler {
  private readonly keys: string[];
  private readonly values: string[][];
  /** Per key, the cumulative probabilities of its values (the last is 1). */
  private readonly cumulative: Float64Array[];
  /** Per key, each value's probability as written. */
  private readonly probabilities: number[][];
  /** Per key, how far its value's index moves the combination index (mixed radix, the first key fastest). */
  private readonly stride: number[];
  private readonly lookups: (AttributeLookup | undefined)[] = [];
  /** Per key, whether its values are Numbers. */
  private readonly numeric: boolean[] = [];
  /** Combinations there can be: the product of the numbers of values. */
  readonly combinations: number;

  constructor(
    distributions: AttributeDistributions,
    private readonly random: Uniform,
  ) {
    this.keys = Object.keys(distributions);
    this.values = [];
    this.cumulative = [];
    this.probabilities = [];
    this.stride = [];
    let combinations = 1;
    for (const key of this.keys) {
      const distribution = distributions[key]!;
      const numeric = isNumberDistribution(distribution);
      this.numeric.push(numeric);
      const entries = Object.entries(numeric ? distribution.number : (distribution as Readonly<Record<string, number>>));
      const total = entries.reduce((sum, [, p]) => sum + p, 0);
      if (entries.length === 0 || entries.some(([, p]) => !(p >= 0)) || Math.abs(total - 1) > 1e-9) {
        throw new RangeError(`attributes.${key}: the probabilities must be at least 0 and add up to 1 (they add up to ${total})`);
      }
      let running = 0;
      const cumulative = new Float64Array(entries.length);
      entries.forEach(([, p], i) => {
        running += p;
        cumulative[i] = running;
      });
      // From the last value that can be drawn on, the sum is 1 exactly: a rounding short of 1 (0.7 + 0.2 + 0.1) must not
      // leave a draw near 1 to a value of probability 0 after it.
      let lastPossible = entries.length - 1;
      while (lastPossible > 0 && entries[lastPossible]![1] === 0) lastPossible--;
      cumulative.fill(1, lastPossible);
      this.values.push(entries.map(([value]) => value));
      this.probabilities.push(entries.map(([, p]) => p));
      this.cumulative.push(cumulative);
      this.stride.push(combinations);
      combinations *= entries.length;
    }
    this.combinations = combinations;
  }

  /** Draws one message's attributes; returns their combination's index (see lookup). */
  draw(): number {
    let index = 0;
    for (let k = 0; k < this.keys.length; k++) {
      const u = this.random();
      const cumulative = this.cumulative[k]!;
      let v = 0;
      while (u >= cumulative[v]! && v < cumulative.length - 1) v++;
      index += v * this.stride[k]!;
    }
    return index;
  }

  /** The attributes of a combination, as SNS's filter policies and envelope read them. */
  lookup(index: number): AttributeLookup {
    let found = this.lookups[index];
    if (found === undefined) {
      const map = new Map<string, AttributeValue>();
      this.keys.forEach((key, k) => {
        const v = Math.floor(index / this.stride[k]!) % this.values[k]!.length;
        map.set(key, this.valueOf(k, v));
      });
      found = map;
      this.lookups[index] = found;
    }
    return found;
  }

  /** The attributes of a combination as (name, value) pairs, in the keys' order (for the envelope and sizes). */
  pairs(index: number): [string, AttributeValue][] {
    return this.keys.map((key, k) => [key, this.valueOf(k, Math.floor(index / this.stride[k]!) % this.values[k]!.length)]);
  }

  /** The value v of key k as SNS sees it: a String, or a Number written as its text in the scenario. */
  private valueOf(k: number, v: number): AttributeValue {
    const text = this.values[k]![v]!;
    return this.numeric[k] ? { type: "Number", value: Number(text) } : { type: "String", value: text };
  }

  /**
   * The share of messages whose attributes satisfy `predicate` (a subscription's filter policy): the sum, over every
   * combination of values, of its probability where it matches. Exact, for closed forms (explain's rate into each
   * queue after filtering) and for tests of the delivered fractions. Refuses more than `maxCombinations`.
   */
  shareMatching(predicate: (attributes: AttributeLookup) => boolean, maxCombinations = 1_000_000): number {
    if (this.combinations > maxCombinations) {
      throw new RangeError(`${this.combinations} combinations of attribute values, more than ${maxCombinations} to sum over`);
    }
    let share = 0;
    for (let index = 0; index < this.combinations; index++) {
      let p = 1;
      for (let k = 0; k < this.keys.length; k++) p *= this.probabilities[k]![Math.floor(index / this.stride[k]!) % this.values[k]!.length]!;
      if (p > 0 && predicate(this.lookup(index))) share += p;
    }
    return share;
  }
}
