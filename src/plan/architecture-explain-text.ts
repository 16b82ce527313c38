// An architecture's explanation as a terminal report: the whole first (what each subscription receives, each queue's
// mean rate and who reads it, the warnings only the whole shows), then one part per queue–pool pair, headed by the
// pair and where its messages come from, followed by the single format's report of that pair.
import { formatDuration } from "../engine/units.js";
import { type EmittedArrival, type ProducerArrival, type TopicShares } from "./architecture-arrivals.js";
import { type ArchitectureExplanation, type PairExplanation } from "./architecture-explain.js";
import { explanationBodyLines, fleetText, type ScenarioSource, table, wrap } from "./explain-text.js";
import { num, pct } from "./format.js";

/** The line between the whole and each pair: a pair's report is long, and its headings are the single format's. */
const RULE = "═".repeat(72);

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? "" : "s"}`;
}

function rate(r: number): string {
  return `${num(r)} msg/s`;
}

function filterText(filterOn: readonly string[]): string {
  return filterOn.length === 0 ? "" : `filter policy on ${filterOn.join(", ")}`;
}

/** "web: 30% of its 50 msg/s (topic orders, filter policy on eventType)". */
function producerText(p: ProducerArrival): string {
  const share = p.share === 1 ? `every message of its ${rate(p.producerMeanRate)}` : `${pct(p.share)} of its ${rate(p.producerMeanRate)}`;
  const via = p.topic === null ? "sent to the queue" : [`topic ${p.topic}`, filterText(p.filterOn)].filter((x) => x !== "").join(", ");
  return `${p.producer}: ${share} (${via})`;
}

/** "billing-workers emit 2 per message they process, of the 52 msg/s into billing (send)". */
function emittedText(e: EmittedArrival): string {
  const via = e.topic === null ? "emit: send" : `emit: publish to ${e.topic}`;
  const notes = [
    ...(e.perBatch ? ["per batch, counted per message: an upper bound"] : []),
    ...(e.burst > 1 ? [`${e.burst} at once: bursts, so the waits below, figured for Poisson or even arrivals, are low`] : []),
    ...(e.sharedWith.length > 0 ? [`${e.from} is shared with ${e.sharedWith.join(", ")}: an upper bound`] : []),
  ];
  return `${e.pool} (reading ${e.from}): ${num(e.perMessage)} per message it processes, of ${rate(e.fromMeanRate)} (${[via, ...notes].join("; ")})`;
}

function pairHeading(p: PairExplanation): string {
  const read = p.pool === null ? "read by no pool" : `read by ${p.pool}`;
  const fleet = p.explanation === null ? "" : ` · ${fleetText(p.explanation)}`;
  const shared = p.sharedWith.length > 0 ? ` (with ${p.sharedWith.join(", ")}; this pool's share by capacity: ${Math.round(p.share * 100)}%)` : "";
  return `queue ${p.queue}, ${read}${shared}${fleet}`;
}

function arrivalLines(p: PairExplanation): string[] {
  const a = p.arrivals;
  const rows = [...a.producers.map((x) => [`  ${producerText(x)}`, rate(x.meanRate)]), ...a.emitted.map((x) => [`  ${emittedText(x)}`, rate(x.meanRate)])];
  return [
    `receives ${rate(a.meanRate)} on average (λ̄ after fan-out, filtering and emit)${rows.length === 0 ? ": nothing reaches it" : ", from"}`,
    ...table(rows, (i) => i === 1),
  ];
}

function pairLines(p: PairExplanation, simulated: boolean, source: ScenarioSource | undefined): string[] {
  const lines = [RULE, pairHeading(p), ...arrivalLines(p), ""];
  if (simulated && p.explanation?.simulated === null && p.sharedWith.length > 0) {
    lines.push(`no simulated values: the run's waits and backlog of queue ${p.queue} are its pools' together, not ${p.pool}'s alone`, "");
  } else if (simulated && p.explanation !== null && p.explanation.simulated === null) {
    // The saved run is of another architecture, without this queue or pool.
    lines.push(`no simulated values: the saved run has no queue ${p.queue} read by ${p.pool}`, "");
  }
  if (p.explanation === null) {
    lines.push("no pool reads it: no capacity plan (see the warnings above)");
    return lines;
  }
  return [...lines, ...explanationBodyLines(p.explanation, source)];
}

function topicLines(t: TopicShares): string[] {
  const rows = t.subscriptions.map((s) => {
    const notes = [filterText(s.filterOn), s.rawMessageDelivery ? "raw delivery" : ""].filter((x) => x !== "");
    return [`    → ${s.queue}${notes.length > 0 ? ` (${notes.join(", ")})` : ""}`, s.shares.map((x) => `${x.from} ${pct(x.share)}`).join(", ")];
  });
  if (t.unmatched.some((u) => u.share > 0)) {
    rows.push(["    matching no subscription (dropped, aws-behaviour 13.21)", t.unmatched.map((u) => `${u.from} ${pct(u.share)}`).join(", ")]);
  }
  return [`  ${t.topic}`, ...table(rows, () => false)];
}

function queueRows(e: ArchitectureExplanation): string[] {
  const seen = new Set<string>();
  const rows: string[][] = [];
  for (const p of e.pairs) {
    if (seen.has(p.queue)) continue;
    seen.add(p.queue);
    const readers = e.pairs.filter((x) => x.queue === p.queue && x.pool !== null).map((x) => x.pool);
    rows.push([`  ${p.queue}`, rate(p.arrivals.meanRate), readers.length === 0 ? "read by no pool" : `read by ${readers.join(", ")}`]);
  }
  return table(rows, (i) => i === 1);
}

/** The whole report, ending in a newline. */
export function architectureExplanationText(e: ArchitectureExplanation, source?: ScenarioSource): string {
  const queues = new Set(e.pairs.map((p) => p.queue)).size;
  const pools = e.pairs.filter((p) => p.pool !== null).length;
  const lines = [
    `${e.scenario}: capacity plan from closed forms, per queue and pool · ${formatDuration(e.durationSeconds)} · ` +
      `${plural(e.topics.length, "topic")}, ${plural(queues, "queue")}, ${plural(pools, "pool")}`,
    e.simulated !== null
      ? `simulated values from ${e.simulated.directory ?? "a saved run"} (seed ${e.simulated.seed}) beside each pair's analytic ones`
      : "no saved run of this scenario: analytic values only (sqs-sim run, or --run <dir>, puts simulated ones beside them)",
    "",
  ];
  if (e.topics.length > 0) {
    lines.push("Topics: the share of each publisher's messages each subscription receives");
    for (const t of e.topics) lines.push(...topicLines(t));
    lines.push("");
  }
  lines.push("Queues: mean arrival rate after fan-out, filtering and emit", ...queueRows(e), "");
  if (e.warnings.length === 0) lines.push("Warnings on the architecture: none");
  else {
    lines.push(`Warnings on the architecture (${e.warnings.length})`);
    for (const w of e.warnings) lines.push(...wrap(`${w.path}: ${w.message}${w.source ? ` [${w.source}]` : ""}`, "  ! ", "    "));
  }
  lines.push("", "Assumptions on the architecture");
  for (const a of e.assumptions) lines.push(...wrap(a, "  - ", "    "));
  for (const p of e.pairs) lines.push("", ...pairLines(p, e.simulated !== null, source));
  return lines.join("\n") + "\n";
}
