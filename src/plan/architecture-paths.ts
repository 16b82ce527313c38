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
    sweep:
      e.sweep === null
        ? null
        : {
            ...e.sweep,
            vary: e.sweep.vary.map(at),
            slos: e.sweep.slos.map((slo) => pairSlo(slo, queue, pool)),
            reasons: e.sweep.reasons.map(at).map((r) => pairSloText(r, queue)),
          },
    assumptions: e.assumptions.map(at),
  };
}

/**
 * A single-format SLO for the pair: in an architecture `queueWait.p99` is the worst queue's and `duplicateProcessing`
 * the sum over every pool, which the pair's own keys may not move: the pair's are its queue's and its pool's
 * (`billing.queueWait.p99`, `billing-workers.duplicateProcessing`), as a sweep of the architecture names them.
 */
function pairSlo(slo: string, queue: string, pool: string): string {
  if (slo.startsWith("queueWait.")) return `${queue}.${slo}`;
  if (slo.startsWith("duplicateProcessing")) return `${pool}.${slo}`;
  return slo;
}

/** The pair's queue named in the text's example `--slo` ("an --slo such as 'queueWait.p99<=60s'"). */
function pairSloText(text: string, queue: string): string {
  return text.replace("'queueWait.p99<=", `'${queue}.queueWait.p99<=`);
}
