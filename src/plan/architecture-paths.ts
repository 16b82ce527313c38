// The single-queue format's field paths, as an architecture names the same field of one queue–pool pair: explain's
// figures, warnings and assumptions for a pair are the single format's, and name `queue.visibilityTimeout` or
// `fleet.max`; in the architecture file the field is `queues.billing.visibilityTimeout`, `consumers.billing-workers.fleet.max`.
import { type Explanation, type Figure } from "./explanation.js";

import { pairPathText } from "../scenario/pair-paths.js";

export { pairPathText };

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
