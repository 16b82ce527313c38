// The single-queue format's field paths, as an architecture names the same field of one queue–pool pair: explain's
// figures, warnings and assumptions for a pair are the single format's, and name `queue.visibilityTimeout` or
// `fleet.max`; in the architecture file the field is `queues.billing.visibilityTimeout`, `consumers.billing-workers.fleet.max`.
import { type Explanation, type Figure } from "./explanation.js";

// A path starts a word (not inside "capacity.fleet" or a file name) and goes on with a key.
const SINGLE_PATH = /(?<![\w.-])(queue|fleet|consumers)\.(?=[A-Za-z])/g;

/** `text` with each single-format path rewritten for the pair (queue, pool). */
export function pairPathText(text: string, queue: string, pool: string): string {
  return text.replace(SINGLE_PATH, (_, key: string) =>
    key === "queue" ? `queues.${queue}.` : key === "fleet" ? `consumers.${pool}.fleet.` : `consumers.${pool}.`,
  );
}

function figureIn(f: Figure, queue: string, pool: string): Figure {
  const at = (text: string) => pairPathText(text, queue, pool);
  return {
    ...f,
    label: at(f.label),
    formula: at(f.formula),
    ...(f.worked === undefined ? {} : { worked: at(f.worked) }),
    ...(f.note === undefined ? {} : { note: at(f.note) }),
  };
}

/** A pair's explanation with every field path it names rewritten for the architecture (keys and ids kept). */
export function explanationInArchitecture(e: Explanation, queue: string, pool: string): Explanation {
  const at = (text: string) => pairPathText(text, queue, pool);
  return {
    ...e,
    sections: e.sections.map((s) => ({ ...s, title: at(s.title), figures: s.figures.map((f) => figureIn(f, queue, pool)) })),
    phases: e.phases.map((p) => ({ ...p, figures: p.figures.map((f) => figureIn(f, queue, pool)) })),
    warnings: e.warnings.map((w) => ({ ...w, path: at(w.path), message: at(w.message) })),
    sweep: e.sweep === null ? null : { ...e.sweep, vary: e.sweep.vary.map(at), reasons: e.sweep.reasons.map(at) },
    assumptions: e.assumptions.map(at),
  };
}
