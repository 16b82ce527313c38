// The demo scenarios under scenarios/: each one loads, runs with messages conserved, and teaches what its
// description says (checked against the comparison run its header comment suggests).
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile, parseScenarioText, scenarioJsonSchema } from "../../src/scenario/index.js";
import { type RunSummary } from "../../src/sim/result.js";
import { simulate } from "../../src/sim/simulate.js";

const root = resolve(import.meta.dirname, "../..");
const dir = join(root, "scenarios");
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".yaml"))
  .sort();
const TIMEOUT = 30_000;

/** Loads scenarios/<file> with optional --set overrides and runs it; the run is cached per (file, sets). */
const cache = new Map<string, RunSummary>();
function run(file: string, ...sets: string[]): RunSummary {
  const key = [file, ...sets].join("\u0000");
  const cached = cache.get(key);
  if (cached) return cached;
  const loaded = loadScenarioFile(join(dir, file), { sets });
  if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
  const summary = simulate(loaded.scenario).summary;
  cache.set(key, summary);
  return summary;
}

function conservationGap(s: RunSummary): number {
  const m = s.messages;
  return m.sent - (m.deleted + m.deadLettered + m.expired + m.remaining.visible + m.remaining.inFlight + m.remaining.delayed);
}

describe("every scenario under scenarios/", () => {
  it("there are demo scenarios to check", () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
  });

  for (const file of files) {
    it(`${file} loads without errors, has a description, and its name matches the file`, () => {
      const loaded = loadScenarioFile(join(dir, file));
      expect(loaded.ok ? [] : loaded.errors).toEqual([]);
      if (!loaded.ok) return;
      expect(loaded.scenario.description?.length ?? 0).toBeGreaterThan(40);
      expect(`${loaded.scenario.name}.yaml`).toBe(file);
    });

    it(`${file} runs with sent = deleted + deadLettered + expired + remaining`, { timeout: TIMEOUT }, () => {
      const s = run(file);
      expect(s.messages.sent).toBeGreaterThan(0);
      expect(s.messages.deleted).toBeGreaterThan(0);
      expect(conservationGap(s)).toBe(0);
    });
  }
});

describe("the lessons the demos teach", () => {
  it("steady-orders: enough fixed consumers keep the queue wait low and the dead-letter queue empty", { timeout: TIMEOUT }, () => {
    const s = run("steady-orders.yaml");
    expect(s.latency.queueWait.p99).toBeLessThan(1);
    expect(s.messages.deadLettered).toBe(0);
    expect(s.deadLetterQueue).toEqual({ moved: 0, expired: 0, remaining: 0 });
    expect(s.messages.redelivered).toBeGreaterThan(0); // the rare transient failures are retried
    expect(s.messages.remaining.visible).toBe(0);
  });

  it("visibility-timeout-too-short: jobs outlast a 30 s visibility timeout and are processed twice", { timeout: TIMEOUT }, () => {
    const s = run("visibility-timeout-too-short.yaml");
    // P(lognormal(median 20 s, p99 60 s) > 30 s) ≈ 0.19 of about 7,200 messages.
    expect(s.messages.redelivered).toBeGreaterThan(0.1 * s.messages.sent);
    expect(s.messages.duplicateProcessing).toBeGreaterThan(0.1 * s.messages.sent);
    expect(s.consumers.deletesWithoutEffect).toBeGreaterThan(0.1 * s.messages.sent);
  });

  it("visibility-timeout-too-short: a 2m visibility timeout, or a heartbeat, removes nearly all redeliveries", { timeout: TIMEOUT }, () => {
    const short = run("visibility-timeout-too-short.yaml");
    const longer = run("visibility-timeout-too-short.yaml", "queue.visibilityTimeout=2m");
    const heartbeat = run("visibility-timeout-too-short.yaml", "consumers.heartbeat={every: 20s, extendBy: 30s}");
    for (const s of [longer, heartbeat]) {
      expect(conservationGap(s)).toBe(0);
      expect(s.messages.redelivered).toBeLessThan(short.messages.redelivered / 50);
      expect(s.messages.duplicateProcessing).toBeLessThan(short.messages.duplicateProcessing / 50);
      expect(s.consumers.utilization).toBeLessThan(short.consumers.utilization);
    }
    expect(heartbeat.requests.changeVisibility).toBeGreaterThan(0);
    expect(longer.requests.changeVisibility).toBe(0);
  });

  it("dead-letter-queue: poison messages move to the DLQ after maxReceiveCount receives", { timeout: TIMEOUT }, () => {
    const s = run("dead-letter-queue.yaml");
    expect(s.messages.deadLettered).toBeGreaterThan(0);
    // About 1% of the messages are poison.
    expect(s.messages.deadLettered).toBeGreaterThan(0.005 * s.messages.sent);
    expect(s.messages.deadLettered).toBeLessThan(0.02 * s.messages.sent);
    expect(s.deadLetterQueue).toEqual({ moved: s.messages.deadLettered, expired: 0, remaining: s.messages.deadLettered });
    expect(s.messages.expired).toBe(0);
    // Each poison message fails once per receive: maxReceiveCount (3) attempts before the move.
    expect(s.consumers.failedAttempts).toBeGreaterThanOrEqual(3 * s.messages.deadLettered);
  });

  it("dead-letter-queue: without a redrive policy, poison messages cycle until retention deletes them", { timeout: TIMEOUT }, () => {
    const withDlq = run("dead-letter-queue.yaml");
    const s = run("dead-letter-queue.yaml", "queue.deadLetter=null");
    expect(s.deadLetterQueue).toBeNull();
    expect(conservationGap(s)).toBe(0);
    expect(s.messages.deadLettered).toBe(0);
    expect(s.messages.expired).toBeGreaterThan(0);
    expect(s.messages.redelivered).toBeGreaterThan(10 * withDlq.messages.redelivered);
    expect(s.requests.billable).toBeGreaterThan(withDlq.requests.billable);
  });

  it("short-vs-long-polling: short polling bills many more empty receives than long polling", { timeout: TIMEOUT }, () => {
    const short = run("short-vs-long-polling.yaml");
    const long = run("short-vs-long-polling.yaml", "consumers.waitTime=20s");
    expect(conservationGap(long)).toBe(0);
    expect(short.requests.emptyReceive).toBeGreaterThan(100 * short.messages.sent);
    expect(short.requests.emptyReceive).toBeGreaterThan(1000 * Math.max(1, long.requests.emptyReceive));
    expect(short.requests.billable).toBeGreaterThan(50 * long.requests.billable);
    expect(short.cost.sqsUsd).toBeGreaterThan(long.cost.sqsUsd);
    // A short poll samples only some servers, so a waiting message is sometimes missed by a poll or two (2.5):
    // some messages wait longer than one 20 ms round trip, which a waiting long poll never makes them do.
    expect(short.latency.queueWait.mean).toBeGreaterThan(long.latency.queueWait.mean);
    expect(short.latency.queueWait.p99).toBeGreaterThan(0.02);
    expect(long.latency.queueWait.p99).toBeLessThan(0.02);
  });

  it("delay-queue: delayed messages wait out the queue delay or their own message timer", { timeout: TIMEOUT }, () => {
    const s = run("delay-queue.yaml");
    expect(s.latency.queueWait.p50).toBeGreaterThanOrEqual(30);
    expect(s.latency.queueWait.p50).toBeLessThan(31);
    expect(s.latency.queueWait.p99).toBeGreaterThanOrEqual(300);
    expect(s.latency.queueWait.max).toBeLessThan(302);
    // Steady state holds about 4 msg/s × 30 s + 1 msg/s × 300 s = 420 delayed messages.
    expect(s.messages.remaining.delayed).toBeGreaterThan(340);
    expect(s.messages.remaining.delayed).toBeLessThan(500);
  });

  it("batching-costs: batching both sides bills far fewer requests than batchSize 1", { timeout: TIMEOUT }, () => {
    const batched = run("batching-costs.yaml");
    const single = run("batching-costs.yaml", "producers.clicks.batchSize=1", "consumers.batchSize=1");
    expect(conservationGap(single)).toBe(0);
    expect(batched.requests.send).toBeLessThanOrEqual(Math.ceil(batched.messages.sent / 9));
    expect(single.requests.send).toBe(single.messages.sent);
    expect(batched.requests.receive).toBeLessThan(single.requests.receive);
    expect(batched.requests.billable).toBeLessThan(0.6 * single.requests.billable);
    expect(batched.cost.sqsUsd).toBeLessThan(single.cost.sqsUsd);
  });

  it("fifo-vs-standard: FIFO throttles the sale's sends, drops the retries and keeps every customer's order; standard does neither", {
    timeout: TIMEOUT,
  }, () => {
    const fifo = run("fifo-vs-standard.yaml");
    const standard = run("fifo-vs-standard.yaml", "queue.type=standard");
    expect(conservationGap(standard)).toBe(0);
    expect(fifo.fifo).toMatchObject({ queueType: "fifo", orderViolations: 0 });
    // Only retries held back in a throttled producer past the 5-minute interval get through as new messages.
    expect(fifo.fifo!.duplicatesStored).toBeLessThan(0.1 * standard.fifo!.duplicatesStored);
    expect(fifo.fifo!.throttledSends).toBeGreaterThan(0);
    expect(fifo.fifo!.deduplicated).toBeGreaterThan(0.01 * fifo.messages.sent);
    expect(standard.fifo).toMatchObject({ queueType: "standard", throttledSends: 0, deduplicated: 0 });
    expect(standard.fifo!.duplicatesStored).toBeGreaterThan(0.01 * standard.messages.sent);
    expect(standard.fifo!.orderViolations).toBeGreaterThan(0.01 * standard.messages.sent);
    // Both account for every message the producers handed over.
    for (const s of [fifo, standard]) {
      expect(s.producers.produced).toBe(s.messages.sent + s.messages.rejected + s.producers.unsent + s.fifo!.deduplicated);
    }
  });

  it("fifo-hot-group: a poison message blocks its hot group until dead-lettered; without poison the tail is short", { timeout: TIMEOUT }, () => {
    const s = run("fifo-hot-group.yaml");
    const clean = run("fifo-hot-group.yaml", "consumers.failures.poison=0");
    expect(s.messages.deadLettered).toBeGreaterThan(0);
    expect(s.fifo!.orderViolations).toBe(0);
    // Three receives of a 60 s visibility timeout: the group's messages behind a poison one wait minutes.
    expect(s.latency.queueWait.p99).toBeGreaterThan(60);
    expect(clean.latency.queueWait.p99).toBeLessThan(1);
    expect(clean.messages.deadLettered).toBe(0);
  });

  it("trace-replay: the looped trace delivers 3 × scale × its total count, and the burst builds a backlog", { timeout: TIMEOUT }, () => {
    const s = run("trace-replay.yaml");
    // traces/sample-per-minute.csv holds 32,573 messages an hour; scale 2, three loops.
    const expected = 3 * 2 * 32_573;
    expect(Math.abs(s.messages.produced - expected)).toBeLessThan(5 * Math.sqrt(expected));
    expect(s.latency.queueWait.p99).toBeGreaterThan(60);
    const bigger = run("trace-replay.yaml", "fleet.instances=5");
    expect(bigger.latency.queueWait.p99).toBeLessThan(s.latency.queueWait.p99 / 5);
  });

  it("nasa-kennedy-trace: two days of the shipped trace; minute bursts swing target tracking, a fixed fleet of 5 does not wait", { timeout: TIMEOUT }, () => {
    const s = run("nasa-kennedy-trace.yaml");
    // The trace's first 2,880 minutes hold 124,981 requests; scale 10.
    const expected = 10 * 124_981;
    expect(Math.abs(s.messages.produced - expected)).toBeLessThan(5 * Math.sqrt(expected));
    expect(s.fleet.scaleOutActivities).toBeGreaterThan(20);
    expect(s.fleet.scaleInActivities).toBeGreaterThan(20);
    expect(s.latency.queueWait.p99).toBeGreaterThan(30);
    const fixed = run("nasa-kennedy-trace.yaml", "fleet={ kind: fixed, instances: 5 }");
    expect(fixed.latency.queueWait.p99).toBeLessThan(1);
    expect(Math.abs(fixed.cost.computeUsd / s.cost.computeUsd - 1)).toBeLessThan(0.1);
  });
});

describe("backlog-per-instance-oscillation: backlog per instance swings a group that keeps up; messages per instance does not", () => {
  const MESSAGES_PER_INSTANCE = [
    "fleet.policies.0.targetTracking.metric={ messagesPerInstance: { include: [visible, notVisible] } }",
    "fleet.policies.0.targetTracking.target=8",
  ];
  function runWithActivities(...sets: string[]) {
    const loaded = loadScenarioFile(join(dir, "backlog-per-instance-oscillation.yaml"), { sets });
    if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
    const fleet = loaded.scenario.fleet;
    if (fleet.kind !== "asg") throw new Error("the demo's fleet is an Auto Scaling group");
    const r = simulate(loaded.scenario);
    const scaling = r.activities.filter((a) => a.kind === "scaling");
    // A swing: desired capacity going from max straight to min in one scale-in.
    const swings = scaling.filter((a) => Number(a.before) === fleet.max && Number(a.after) === fleet.min).length;
    return { summary: r.summary, scaling, swings };
  }

  it("backlogPerInstance: at least 8 max → min swings in 4 h, and a p99 queue wait of minutes", { timeout: TIMEOUT }, () => {
    const { summary, swings } = runWithActivities();
    expect(swings).toBeGreaterThanOrEqual(8);
    expect(summary.fleet.minInService).toBe(10);
    expect(summary.fleet.peakInService).toBe(200);
    expect(summary.latency.queueWait.p99).toBeGreaterThan(120);
  });

  it("messagesPerInstance (visible + notVisible), target 8: no swing, no scale-in to min, p99 queue wait under 1 s, cost within 10% of a fixed fleet of 100", {
    timeout: TIMEOUT,
  }, () => {
    const { summary, swings, scaling } = runWithActivities(...MESSAGES_PER_INSTANCE);
    expect(swings).toBe(0);
    expect(scaling.every((a) => Number(a.after) >= 78)).toBe(true);
    expect(summary.fleet.minInService).toBeGreaterThanOrEqual(78);
    expect(summary.latency.queueWait.p99).toBeLessThan(1);
    const fixed = run("backlog-per-instance-oscillation.yaml", "fleet={ kind: fixed, instances: 100 }");
    expect(summary.cost.computeUsd).toBeLessThan(1.1 * fixed.cost.computeUsd);
    expect(run("backlog-per-instance-oscillation.yaml").cost.computeUsd).toBeGreaterThan(1.4 * fixed.cost.computeUsd);
  });
});

describe("README.md's scenario file reference", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const block = /<!-- reference-scenario -->\n```yaml\n([\s\S]*?)\n```/.exec(readme)?.[1] ?? "";

  it("is a valid scenario (its trace path resolves from the repository root)", () => {
    expect(block.length).toBeGreaterThan(0);
    const loaded = parseScenarioText(block, "README.md", root);
    expect(loaded.ok ? [] : loaded.errors).toEqual([]);
  });

  it("names every key of the scenario schema (distribution parameters in the Distributions table)", () => {
    const keys = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node !== null && typeof node === "object") {
        for (const [k, v] of Object.entries(node)) {
          if (k === "properties" && v !== null && typeof v === "object") Object.keys(v).forEach((key) => keys.add(key));
          walk(v);
        }
      }
    };
    walk(scenarioJsonSchema());
    expect(keys.size).toBeGreaterThan(50);
    const missing = [...keys].filter((k) => !new RegExp(`(^|[^A-Za-z$])${k.replace(/\$/g, "\\$")}:`, "m").test(readme));
    expect(missing).toEqual([]);
  });
});
