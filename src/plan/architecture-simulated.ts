// A saved architecture run's values for one queue–pool pair, in the single format's summary layout, so that the
// pair's explanation puts them beside its analytic figures as it does for a single-queue run. Pure.
import { type ArchitectureSummary } from "../sim/architecture-result.js";
import { type RunSummary } from "../sim/result.js";

/** Whether parsed JSON is an architecture run's summary (a single-queue run's has no `format`). */
export function isArchitectureSummary(value: unknown): value is ArchitectureSummary {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const s = value as Partial<ArchitectureSummary>;
  const isRecord = (x: unknown) => typeof x === "object" && x !== null && !Array.isArray(x);
  return s.format === "architecture" && typeof s.seed === "number" && typeof s.durationSeconds === "number" && isRecord(s.queues) && isRecord(s.consumers);
}

/**
 * The run's figures for the queue and the pool that reads it, as a single-queue run's summary: the queue's messages,
 * requests, waits and backlog, the pool's consumers and fleet. Undefined when the run has no such queue or pool, or
 * when other pools read the queue too (its waits and backlog are theirs together, not this pool's alone).
 * `messages.produced` is what reached the queue (sent + rejected): the queue's arrivals, which the pair's producers make.
 */
export function pairRunSummary(run: ArchitectureSummary, queue: string, pool: string): RunSummary | undefined {
  const q = run.queues[queue];
  const p = run.consumers[pool];
  if (q?.messages === undefined || p?.consumers === undefined || p.queue !== queue) return undefined;
  if (Object.entries(run.consumers).some(([name, other]) => name !== pool && other.queue === queue)) return undefined;
  const arrived = q.messages.sent + q.messages.rejected;
  return {
    scenario: run.scenario,
    seed: run.seed,
    durationSeconds: run.durationSeconds,
    messages: { ...q.messages, produced: arrived, duplicateProcessing: p.consumers.duplicateProcessing },
    requests: q.requests,
    latency: q.latency,
    consumers: p.consumers,
    fleet: p.fleet,
    ...(p.lambda === undefined ? {} : { lambda: p.lambda }),
    deadLetterQueue: q.deadLetterQueue,
    cost: { sqsUsd: q.costUsd, computeUsd: p.costUsd, totalUsd: q.costUsd + p.costUsd },
    meanMessagesInQueue: q.meanMessagesInQueue,
    slo: q.slo,
    producers: { produced: arrived, unsent: 0, peakUnsent: 0 },
    fifo: q.fifo,
    engine: run.engine,
  };
}
