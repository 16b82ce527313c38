/**
 * The figures of a summary that are not finite numbers, as "cost.computeUsd = Infinity". JSON has no Infinity or
 * NaN: JSON.stringify writes null, which every reader of summary.json then trips over (report's toFixed). Validation
 * bounds the inputs so that no figure can overflow; one that does anyway is a defect to report, not a file to write.
 */
export function nonFiniteFigures(value: unknown, path = ""): string[] {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => nonFiniteFigures(v, path === "" ? key : `${path}.${key}`));
}
