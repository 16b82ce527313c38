// The grid: the product of the --vary lists. The first --vary varies slowest, so cell indexes read like nested
// loops in the order the flags were given, and a cell's index never depends on anything but the lists.
import { type VaryDimension } from "./vary.js";

/** The most cells a sweep may have: every cell is validated up front, and each is a file in cells/. */
export const MAX_CELLS = 100_000;

export interface Cell {
  /** Position in the product, from 0. */
  index: number;
  /** One value per dimension, in the order of the --vary flags. */
  values: string[];
  /** The cell's identity for seeds: its parameters, not its index (see cellKey). */
  key: string;
}

/** The number of cells: the product of the list lengths (1 without any --vary). */
export function cellCount(dimensions: readonly VaryDimension[]): number {
  return dimensions.reduce((n, d) => n * d.values.length, 1);
}

/**
 * The number of cells in words: exact while a double holds it exactly, else the power of ten it passes (10,000
 * flags of two values make 2^10000 cells, which the product above turns into Infinity).
 */
export function cellCountText(dimensions: readonly VaryDimension[]): string {
  const count = cellCount(dimensions);
  if (Number.isSafeInteger(count)) return count.toLocaleString("en-US");
  const exponent = Math.floor(dimensions.reduce((sum, d) => sum + Math.log10(d.values.length), 0));
  return `more than 10^${exponent}`;
}

/** The cell at `index`: mixed-radix digits, the last dimension fastest. */
export function cellAt(dimensions: readonly VaryDimension[], index: number): Cell {
  const values = new Array<string>(dimensions.length);
  let rest = index;
  for (let d = dimensions.length - 1; d >= 0; d--) {
    const list = dimensions[d]?.values ?? [];
    values[d] = list[rest % list.length] ?? "";
    rest = Math.floor(rest / list.length);
  }
  return { index, values, key: cellKey(dimensions, values) };
}

/** Every cell in index order. A sweep without --vary has one cell with no parameters. */
export function expandGrid(dimensions: readonly VaryDimension[]): Cell[] {
  const count = cellCount(dimensions);
  return Array.from({ length: count }, (_, i) => cellAt(dimensions, i));
}

/**
 * A cell's identity: its (path, value) pairs sorted by path, as JSON. Keyed by values rather than index, so adding
 * a value to a list, or giving the --vary flags in another order, leaves every other cell's seeds as they were.
 */
export function cellKey(dimensions: readonly VaryDimension[], values: readonly string[]): string {
  const pairs = dimensions.map((d, i) => [d.path, values[i] ?? ""] as const);
  pairs.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  return JSON.stringify(pairs);
}

/** The `path=value` overrides that turn the base scenario into this cell's scenario. */
export function cellSets(dimensions: readonly VaryDimension[], cell: Cell): string[] {
  return dimensions.map((d, i) => `${d.path}=${cell.values[i] ?? ""}`);
}

/** `queue.visibilityTimeout=30s, fleet.instances=2`, for messages. */
export function describeCell(dimensions: readonly VaryDimension[], cell: Cell): string {
  if (dimensions.length === 0) return `cell ${cell.index}`;
  return `cell ${cell.index} (${cellSets(dimensions, cell).join(", ")})`;
}
