// The explanation as a terminal report: aligned columns, units on every value, and each line naming the formula
// it came from. The traffic phases are one table (a column per phase), so that the same figure reads across.
import { formatDuration } from "../engine/units.js";
import { type Explanation, type Figure, type PhaseColumn, type Section, type SuggestedSweep } from "./explanation.js";
import { num, pct } from "./format.js";
import { sweepCommandLines } from "./suggested-sweep.js";

/** Phase columns per table; more phases continue in a second table below. */
const PHASES_PER_TABLE = 5;
/** Width that warnings and assumptions wrap at. */
const WRAP = 116;
/** Longest cause shown under a phase's span. */
const CAUSE_CHARS = 22;

/** Units a bare number needs named; seconds and fractions say theirs in the value. */
function unitSuffix(unit: Figure["unit"]): string {
  return unit === "s" || unit === "fraction" || unit === "USD/h" || unit === "count" ? "" : unit;
}

function bare(value: number, unit: Figure["unit"]): string {
  switch (unit) {
    case "s":
      return formatDuration(value, "significant");
    case "fraction":
      return pct(value);
    case "USD/h":
      return value === 0 ? "$0/h" : value < 0.01 ? `$${num(value)}/h` : `$${value.toFixed(2)}/h`;
    default:
      return num(value);
  }
}

/** A value for a cell: `withUnit` adds msg/s, instances, ... (the phase table names them in the label instead). */
export function formatValue(f: Pick<Figure, "value" | "unit" | "note">, withUnit: boolean): string {
  if (f.value === null) return f.note?.startsWith("unstable") ? "unstable" : f.note?.startsWith("unbounded") ? "∞" : "—";
  const suffix = withUnit ? unitSuffix(f.unit) : "";
  return suffix === "" ? bare(f.value, f.unit) : `${bare(f.value, f.unit)} ${suffix}`;
}

function formulaText(f: Figure, withNumbers: boolean): string {
  // Numbers join with "=", settings that name themselves ("p = 0.01, M = 5") with a comma.
  const joiner = f.worked?.includes(" = ") === true ? ", " : " = ";
  const parts = [withNumbers && f.worked !== undefined ? `${f.formula}${joiner}${f.worked}` : f.formula];
  if (f.source !== undefined) parts.push(`[${f.source}]`);
  // "unstable" and "∞" already stand in the value's place; "unbounded: why" still tells why.
  const inValue = f.value === null && (f.note?.startsWith("unstable") === true || f.note === "unbounded");
  if (f.note !== undefined && !inValue) parts.push(`(${f.note})`);
  return parts.join(" ");
}

/** Terminal columns a cell takes: code points, less combining marks (the bar of λ̄ sits on the λ). */
function width(text: string): number {
  return [...text.replace(/\p{M}/gu, "")].length;
}

/** Rows of cells padded into columns; `right` marks right-aligned columns. The last column is never padded. */
export function table(rows: string[][], right: (column: number) => boolean): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, width(cell))));
  return rows.map((row) =>
    row
      .map((cell, i) => {
        if (i === row.length - 1) return cell;
        const pad = " ".repeat((widths[i] ?? 0) - width(cell));
        return right(i) ? pad + cell : cell + pad;
      })
      .join("  ")
      .trimEnd(),
  );
}

function sectionLines(section: Section, simulated: boolean): string[] {
  const withSim = simulated && section.figures.some((f) => f.simulated !== undefined);
  const rows = section.figures.map((f) => [
    `  ${f.label}`,
    formatValue(f, true),
    ...(withSim ? [f.simulated === undefined ? "" : formatValue({ value: f.simulated, unit: f.unit }, true)] : []),
    formulaText(f, true),
  ]);
  const head = withSim ? [["", "analytic", "simulated", "formula"]] : [];
  return [section.title, ...table([...head, ...rows], (i) => i === 1 || (withSim && i === 2))];
}

function rowLabel(f: Figure): string {
  const unit = unitSuffix(f.unit);
  return unit === "" ? f.label : `${f.label} (${unit})`;
}

function short(text: string): string {
  return width(text) <= CAUSE_CHARS ? text : `${[...text].slice(0, CAUSE_CHARS - 1).join("")}…`;
}

function phaseTable(columns: PhaseColumn[], simulated: boolean): string[] {
  // A row's formula is read from a phase column where there is one: the whole run's may be a weighted mean of them.
  const keys: Figure[] = [];
  const ordered = [...columns.filter((c) => c.id !== "whole"), ...columns.filter((c) => c.id === "whole")];
  for (const c of ordered) for (const f of c.figures) if (!keys.some((k) => k.key === f.key)) keys.push(f);
  const order = (f: Figure): number => {
    for (const c of columns) {
      const i = c.figures.findIndex((g) => g.key === f.key);
      if (i >= 0) return i + (c.id === "whole" ? 0 : 0.5);
    }
    return Infinity;
  };
  keys.sort((a, b) => order(a) - order(b));
  const withSim = simulated && columns.some((c) => c.figures.some((f) => f.simulated !== undefined));
  const header = ["", ...columns.flatMap((c) => [c.title, ...(withSim && c.id === "whole" ? ["simulated"] : [])]), "formula"];
  const causes = ["", ...columns.flatMap((c) => [c.id === "whole" ? "" : short(c.cause), ...(withSim && c.id === "whole" ? [""] : [])]), ""];
  const rows = keys.map((k) => {
    const cells = columns.flatMap((c) => {
      const f = c.figures.find((g) => g.key === k.key);
      const value = f === undefined ? "" : formatValue(f, false);
      if (!(withSim && c.id === "whole")) return [value];
      return [value, f?.simulated === undefined ? "" : formatValue({ value: f.simulated, unit: f.unit }, false)];
    });
    return [`  ${rowLabel(k)}`, ...cells, formulaText(k, false)];
  });
  const hasCauses = causes.some((c) => c !== "");
  return table([header, ...(hasCauses ? [causes] : []), ...rows], (i) => i > 0);
}

/** `text` wrapped at WRAP columns, the first line starting with `first`, the others with `rest`. */
export function wrap(text: string, first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  for (const word of text.split(" ")) {
    if (line.length > first.length && line.length + 1 + word.length > WRAP && line.trim() !== "") {
      lines.push(line);
      line = rest + word;
    } else {
      line += (line === first || line === rest ? "" : " ") + word;
    }
  }
  lines.push(line);
  return lines;
}

/** The fleet in words: "fixed fleet of 6 instances × 1 worker". */
export function fleetText(e: Explanation): string {
  const f = e.fleet;
  const workers = `${f.workersPerInstance} worker${f.workersPerInstance === 1 ? "" : "s"}`;
  if (f.kind === "kubernetes") return `Kubernetes pool of ${num(f.minInstances)}–${num(f.maxInstances)} replicas × ${workers}`;
  if (f.kind === "lambda") {
    const span = f.minInstances === f.maxInstances ? num(f.maxInstances) : `${num(f.minInstances)}–${num(f.maxInstances)}`;
    return `Lambda function, ${span} concurrent invocations`;
  }
  return f.kind === "fixed"
    ? `fixed fleet of ${f.minInstances} instance${f.minInstances === 1 ? "" : "s"} × ${workers}`
    : `Auto Scaling group of ${f.minInstances}–${f.maxInstances} instances × ${workers}`;
}

/** How the scenario was given to explain, for the suggested sweep's command. */
export interface ScenarioSource {
  /** The scenario file as the user typed it; null for the embedded default scenario, which has none. */
  file: string | null;
  /** explain's --set flags: the sweep gets them too, except those whose path it varies. */
  sets?: readonly string[];
}

/** Where the command stands for the scenario file when the caller does not say which it is. */
export const SCENARIO_PLACEHOLDER = "<scenario file>";

function sweepLines(e: Explanation, sweep: SuggestedSweep, source: ScenarioSource | undefined): string[] {
  const cells = sweep.vary.reduce((n, v) => n * v.slice(v.indexOf("=") + 1).split(",").length, 1);
  const lines = ["Check it by simulation"];
  const notes = [...sweep.reasons];
  let file = source?.file ?? SCENARIO_PLACEHOLDER;
  if (source?.file === null) {
    // sweep needs a file; `run` saves the scenario it ran, resolved, as scenario.json, and sweep takes that.
    file = `reports/${e.scenario}/scenario.json`;
    notes.push(`the embedded default scenario has no file: \`sqs-sim run\` saves it as ${file}, which sweep takes`);
  }
  for (const note of notes) lines.push(...wrap(note, "  - ", "    "));
  const judged = sweep.slos.length > 0 ? "; the sweep recommends the cheapest cell that meets every --slo" : "";
  lines.push(`  ${cells} cell${cells === 1 ? "" : "s"} × ${sweep.replications} seeded replications${judged}:`);
  lines.push(...sweepCommandLines(file, source?.sets ?? [], sweep).map((l, i) => (i === 0 ? `  ${l}` : `      ${l}`)));
  return lines;
}

/**
 * The whole report, ending in a newline. `source` names the scenario file in the suggested sweep's command (a
 * placeholder stands for it without one).
 */
export function explanationText(e: Explanation, source?: ScenarioSource): string {
  const header = [
    `${e.scenario}: capacity plan from closed forms · ${formatDuration(e.durationSeconds)} · ${fleetText(e)}`,
    e.simulated !== null
      ? `simulated values from ${e.simulated.directory ?? "a saved run"} (seed ${e.simulated.seed})`
      : "no saved run of this scenario: analytic values only (sqs-sim run, or --run <dir>, puts simulated ones beside them)",
    "",
  ];
  return [...header, ...explanationBodyLines(e, source)].join("\n") + "\n";
}

/**
 * The report without its two header lines: the sections, the traffic table, warnings, the suggested sweep and the
 * assumptions (an architecture's explanation heads each pair's with its own lines).
 */
export function explanationBodyLines(e: Explanation, source?: ScenarioSource): string[] {
  const simulated = e.simulated !== null;
  const lines: string[] = [];
  const [processing, ...others] = e.sections;
  if (processing !== undefined) lines.push(...sectionLines(processing, simulated), "");
  lines.push(e.phases.length > 1 ? "Traffic phases" : "Traffic");
  const [whole, ...phases] = e.phases;
  if (whole !== undefined) {
    if (phases.length === 0) lines.push(...phaseTable([whole], simulated));
    for (let i = 0; i < phases.length; i += PHASES_PER_TABLE) {
      if (i > 0) lines.push("");
      lines.push(...phaseTable([...(i === 0 ? [whole] : []), ...phases.slice(i, i + PHASES_PER_TABLE)], simulated && i === 0));
    }
  }
  lines.push("");
  for (const section of others) lines.push(...sectionLines(section, simulated), "");
  if (e.warnings.length === 0) lines.push("Warnings: none");
  else {
    lines.push(`Warnings (${e.warnings.length})`);
    for (const w of e.warnings) lines.push(...wrap(`${w.path}: ${w.message}${w.source ? ` [${w.source}]` : ""}`, "  ! ", "    "));
  }
  if (e.sweep !== null) lines.push("", ...sweepLines(e, e.sweep, source));
  lines.push("", "Assumptions");
  for (const a of e.assumptions) lines.push(...wrap(a, "  - ", "    "));
  return lines;
}
