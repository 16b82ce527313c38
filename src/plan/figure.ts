// Building a figure: the formula in symbols, the same with numbers, and a null with a note for what is not a number.
import { type Figure } from "./explanation.js";

/** A formula and the same with the scenario's numbers put in. */
export interface Worked {
  formula: string;
  worked: string;
}

export function worked(formula: string, numbers: string): Worked {
  return { formula, worked: numbers };
}

/** A figure; a value that is not finite becomes null with a note. */
export function figure(
  key: string,
  label: string,
  value: number,
  unit: Figure["unit"],
  formula: string | Worked,
  extra: Partial<Pick<Figure, "source" | "simulated" | "note">> = {},
): Figure {
  const f: Figure = { key, label, value: Number.isFinite(value) ? value : null, unit, formula: typeof formula === "string" ? formula : formula.formula };
  if (typeof formula !== "string") f.worked = formula.worked;
  if (extra.source !== undefined) f.source = extra.source;
  if (extra.simulated !== undefined && Number.isFinite(extra.simulated)) f.simulated = extra.simulated;
  const unbounded = value === Infinity || value === -Infinity;
  const note = unbounded
    ? extra.note === undefined
      ? "unbounded"
      : `unbounded: ${extra.note}`
    : (extra.note ?? (Number.isNaN(value) ? "undefined" : undefined));
  if (note !== undefined) f.note = note;
  return f;
}
