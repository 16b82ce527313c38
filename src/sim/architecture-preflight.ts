// Preflight for the architecture format: what only the model can tell before a run. A cycle of emit that would grow
// without bound is refused; each producer's traffic must compile; and each queue–pool pair, described as a
// single-queue scenario with the traffic that reaches it (architecture-flows.ts), goes through the single format's
// preflight, while the events and memory of all the pairs together are held to the run's limits.
import { formatDuration, groupThousands } from "../engine/units.js";
import { CSV_CHARS_PER_VALUE, MAX_STRING_CHARS, seriesShape } from "./series-shape.js";
import { BASE_BYTES } from "../scenario/memory-sizes.js";
import { type Architecture } from "../scenario/architecture-schema.js";
import { buildRate } from "../traffic/rate.js";
import { pairScenarios, unboundedEmitCycle } from "./architecture-flows.js";
import { bytesText, countText } from "./estimate-terms.js";
import { type PreflightHost, preflight, runEstimates } from "./preflight.js";
import { pairPathText } from "../scenario/pair-paths.js";

/** One message per problem, each naming the field or the pair it is about; empty when the run may go. */
export function architecturePreflight(a: Architecture, host: PreflightHost = {}): string[] {
  const problems: string[] = [];
  a.producers.forEach((p) => {
    try {
      buildRate(p.traffic);
    } catch (error) {
      const message = error instanceof Error ? error.message.replace(/^traffic(\[\d+\])?[^:]*: /, "") : String(error);
      problems.push(`producers.${p.name}.traffic: ${message}`);
    }
  });
  const cycle = unboundedEmitCycle(a);
  if (cycle !== null) {
    problems.push(
      `consumers: the emit rules make a cycle (${cycle.join(" → ")}) in which each message makes one or more on average each time ` +
        "round, so the run would grow without bound; lower a count or a share on the cycle below 1 in all",
    );
  }
  if (problems.length > 0) return problems;
  let pairs: ReturnType<typeof pairScenarios>;
  try {
    // A queue read by several pools is split between them, so the backlog and events are not counted once per pool.
    pairs = pairScenarios(a, { splitSharedQueues: true });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return [`the simulator cannot check this scenario: ${error.message} (a check validation misses; please report it)`];
  }
  let events = 0;
  let memory = BASE_BYTES;
  for (const pair of pairs) {
    const where = pair.pool === null ? `queues.${pair.queue} (no pool reads it)` : `consumers.${pair.pool} (reading queues.${pair.queue})`;
    // The pair's single-format fields (fleet.instances, queue.delay) named as the architecture names them.
    const producerNames = new Set(a.producers.map((p) => p.name));
    const named = (line: string) =>
      pairPathText(line, pair.queue, pair.pool ?? "").replace(/\bproducers\.(\d+)\b/g, (text, i: string) => {
        const name = pair.scenario.producers[Number(i)]?.name;
        return name !== undefined && producerNames.has(name) ? `producers.${name}` : text;
      });
    for (const line of preflight(pair.scenario, host)) problems.push(`${where}: ${named(line)}`);
    if (problems.length > 0) continue;
    const estimate = runEstimates(pair.scenario);
    events += estimate.events;
    memory += estimate.memory.total - BASE_BYTES;
  }
  if (problems.length > 0) return problems;
  // timeseries.csv is one string: every pair's columns (a shared queue's counted once per pool, an upper bound) and
  // three per topic, over the run's periods.
  const rows = Math.ceil(a.duration / a.metrics.period);
  const columns = pairs.reduce((n, pair) => n + seriesShape(pair.scenario).columns, 3 * a.topics.length);
  const chars = rows * columns * CSV_CHARS_PER_VALUE;
  if (!(chars <= MAX_STRING_CHARS)) {
    const shortest = Math.ceil((a.duration * columns * CSV_CHARS_PER_VALUE) / MAX_STRING_CHARS);
    problems.push(
      `metrics.period: ${formatDuration(a.metrics.period)} over ${formatDuration(a.duration)} makes ${countText(rows)} rows of about ` +
        `${columns} columns (every queue, pool and topic), about ${bytesText(chars)} of timeseries.csv, more than Node can hold in ` +
        `one string; use a metrics.period of at least ${formatDuration(shortest)}, or a shorter duration`,
    );
  }
  if (!(events <= a.limits.maxEvents)) {
    problems.push(
      `limits.maxEvents: the queues and pools together are estimated at about ${countText(events)} events, above the limit of ` +
        `${groupThousands(a.limits.maxEvents)}; raise it to let the run go, or shorten the run`,
    );
  }
  if (!(memory <= a.limits.maxMemory)) {
    problems.push(
      `limits.maxMemory: the queues and pools together are estimated to need about ${bytesText(memory)}, above the limit of ` +
        `${bytesText(a.limits.maxMemory)}; raise it if the machine has it`,
    );
  }
  return problems;
}
