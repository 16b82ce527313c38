// The --seed flag of run, compare-platforms and the others: a whole number a double holds exactly.
import { InvalidArgumentError } from "commander";
import { groupThousands } from "../engine/units.js";

export function parseSeed(text: string): number {
  if (!/^\d+$/.test(text)) throw new InvalidArgumentError("expected a whole number ≥ 0");
  // Past 2^53 − 1 doubles skip whole numbers: two seeds written differently would be the same seed.
  if (!Number.isSafeInteger(Number(text))) {
    throw new InvalidArgumentError(`it is above the largest seed, ${groupThousands(Number.MAX_SAFE_INTEGER)} (2^53 − 1)`);
  }
  return Number(text);
}
