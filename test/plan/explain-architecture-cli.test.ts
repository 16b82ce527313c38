// `sqs-sim explain` on a scenario in the architecture format: the whole, then each queue–pool pair.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { type ArchitectureExplanation } from "../../src/plan/architecture-explain.js";
import { type Explanation } from "../../src/plan/explanation.js";
import { type ArchitectureSummary } from "../../src/sim/architecture-result.js";
import { capture, SMALL, tempDir, writeScenario } from "../cli/cli-helpers.js";
import { EXTRA_ANALYTICS_POOL, SHOP } from "./architecture-helpers.js";

/** SHOP over 10 minutes: runs in a fraction of the time. */
const SHORT_SHOP = SHOP.replace("duration: 1h", "duration: 10m");

async function explain(args: string[], text = SHOP): Promise<{ code: number; out: string; err: string; file: string }> {
  const dir = tempDir();
  const file = writeScenario(dir, text, "shop.yaml");
  const { io, out, err } = capture(dir);
  const code = await runCli(["explain", file, ...args], io);
  return { code, out: out.join(""), err: err.join(""), file };
}

describe("sqs-sim explain <architecture>", () => {
  it("prints the whole (topics, queues, warnings), then a part per queue–pool pair headed by the pair and its arrivals", async () => {
    const { code, out, err } = await explain([]);
    expect(err).toBe("");
    expect(code).toBe(0);
    const lines = out.split("\n");
    expect(lines[0]).toBe("shop: capacity plan from closed forms, per queue and pool · 1h · 1 topic, 4 queues, 3 pools");
    expect(out).toMatch(/\n {4}→ analytics \(filter policy on eventType\) +web 30%\n/);
    expect(out).toMatch(/\n {2}receipts +104 msg\/s {2}read by receipt-workers\n {2}audit +20 msg\/s {2}read by no pool\n/);
    expect(out).toMatch(/\n {2}! consumers\.analytics-workers\.fleet\.instances: analytics-workers processes at most 1 msg\/s/);
    expect(out).toMatch(/\n {2}! queues\.audit: no pool reads it: the 20 msg\/s/);
    const headings = lines.filter((l) => l.startsWith("queue "));
    expect(headings).toEqual([
      "queue billing, read by billing-workers · fixed fleet of 10 instances × 1 worker",
      "queue analytics, read by analytics-workers · fixed fleet of 1 instance × 1 worker",
      "queue receipts, read by receipt-workers · fixed fleet of 8 instances × 1 worker",
      "queue audit, read by no pool",
    ]);
    expect(out).toContain(
      "\nqueue analytics, read by analytics-workers · fixed fleet of 1 instance × 1 worker\n" +
        "receives 15 msg/s on average (λ̄ after fan-out, filtering and emit), from\n" +
        "  web: 30% of its 50 msg/s (topic orders, filter policy on eventType)  15 msg/s\n",
    );
    expect(out).toContain(
      "\nreceives 52 msg/s on average (λ̄ after fan-out, filtering and emit), from\n" +
        "  web: every message of its 50 msg/s (topic orders)        50 msg/s\n" +
        "  batch: every message of its 2 msg/s (sent to the queue)  2 msg/s\n",
    );
    expect(out).toContain(
      "\n  billing-workers (reading billing): 2 per message it processes, of 52 msg/s (emit: send; 2 at once: bursts, so the waits " +
        "below, figured for Poisson or even arrivals, are low)  104 msg/s\n",
    );
    // Each pair's report is the single format's, its fields named as the architecture names them.
    expect(out).toMatch(/\n {2}arrival rate, mean λ̄ \(msg\/s\) +104 {2}∫λ\(t\)dt ÷ length/);
    expect(out).toMatch(/\n {2}! queues\.billing\.receiveWaitTime: short polling/);
    // A pair's suggested sweep varies its own keys, named as the architecture names them (sweep takes the format).
    expect(out).toMatch(/\n {2}sqs-sim sweep \S+ \\\n {6}--vary consumers\.billing-workers\.fleet\./);
    expect(out).not.toMatch(/--vary (fleet|queue|consumers)\.(?!billing-workers|analytics-workers|receipt-workers)/);
    expect(out).toMatch(/\nno pool reads it: no capacity plan \(see the warnings above\)\n$/);
  });

  it("--json prints the whole and one entry per pair, each pair's explanation the single format's", async () => {
    const { code, out } = await explain(["--json"]);
    expect(code).toBe(0);
    const e = JSON.parse(out) as ArchitectureExplanation;
    expect(Object.keys(e)).toEqual(["scenario", "format", "durationSeconds", "simulated", "topics", "pairs", "warnings", "assumptions"]);
    expect(e.pairs.map((p) => [p.queue, p.pool, p.arrivals.meanRate])).toEqual([
      ["billing", "billing-workers", 52],
      ["analytics", "analytics-workers", expect.closeTo(15, 12)],
      ["receipts", "receipt-workers", 104],
      ["audit", null, expect.closeTo(20, 12)],
    ]);
    expect(Object.keys(e.pairs[0]!.explanation as Explanation)).toEqual([
      "scenario",
      "durationSeconds",
      "fleet",
      "simulated",
      "sections",
      "phases",
      "warnings",
      "sweep",
      "assumptions",
    ]);
    expect(e.warnings.map((w) => w.id)).toEqual(["pools-below-arrival-rate", "queue-without-pool"]);
  });

  it("--set changes the architecture explained (a pool by name)", async () => {
    const { code, out } = await explain(["--set", "consumers.billing-workers.emit.0.count=1", "--set", "consumers.analytics-workers.fleet.instances=16"]);
    expect(code).toBe(0);
    expect(out).toMatch(/\n {2}receipts +52 msg\/s {2}read by receipt-workers\n/);
    expect(out).not.toContain("consumers.analytics-workers.fleet.instances:");
  });

  it("shows the share no subscription matches, a filter policy that matches nothing, and a queue nothing reaches", async () => {
    const { code, out } = await explain([
      "--set",
      "topics.orders.subscriptions.0.filterPolicy={ eventType: [order_cancelled] }",
      "--set",
      "topics.orders.subscriptions.1.filterPolicy={ eventType: [order_shipped] }",
    ]);
    expect(code).toBe(0);
    // billing takes order_cancelled (10%), audit all but order_updated (40%): order_updated's 60% reaches no queue.
    expect(out).toMatch(/\n {4}matching no subscription \(dropped, aws-behaviour 13\.21\) +web 60%\n/);
    expect(out).toMatch(/\n {2}! topics\.orders\.subscriptions\.1\.filterPolicy: matches none of the messages published to orders \(web\)/);
    expect(out).toContain("\nqueue analytics, read by analytics-workers · fixed fleet of 1 instance × 1 worker\nreceives 0 msg/s on average");
  });

  it("each pool's instance types side by side, its own marked configured", async () => {
    const typed = `${SHOP.replace("    processing: 1s\n    fleet: { kind: fixed, instances: 1 }", "    processing: 1s\n    fleet: { kind: fixed, instances: 1, instanceType: m5.large }")}instanceTypes:
  m5.large: { hourlyUsd: 0.096, concurrency: 2 }
  c5.large: { hourlyUsd: 0.085, concurrency: 2, processingTimeFactor: 0.8 }
`;
    const { code, out } = await explain(["--json"], typed);
    expect(code).toBe(0);
    const e = JSON.parse(out) as ArchitectureExplanation;
    const analytics = e.pairs.find((p) => p.queue === "analytics")!.explanation!;
    const types = analytics.sections.find((s) => s.id === "instanceTypes")!;
    expect(types.figures.map((f) => [f.label, f.value])).toContainEqual(["m5.large (configured): capacity per instance", 2]);
    expect(types.figures.map((f) => [f.label, f.value])).toContainEqual(["c5.large: capacity per instance", 2.5]);
  });

  it("what run refuses, explain refuses (exit 2, naming the file and the field)", async () => {
    const cycle = await explain(["--set", "consumers.billing-workers.emit=[ { publish: orders } ]"]);
    expect(cycle.code).toBe(2);
    expect(cycle.out).toBe("");
    expect(cycle.err).toContain(`${cycle.file}: consumers: the emit rules make a cycle (billing → billing)`);
    const bad = await explain(["--set", "queues.billing.visibilityTimeout=13h"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/shop\.yaml: queues\.billing\.visibilityTimeout: 13h is above the SQS maximum/);
  });

  it("puts a saved run's values beside each pair's analytic ones: reports/<name>/ when it ran this scenario, or --run <dir>", async () => {
    const dir = tempDir();
    const file = writeScenario(dir, SHORT_SHOP, "shop.yaml");
    const { io, out, err } = capture(dir);
    expect(await runCli(["run", file, "--no-charts", "--quiet", "--seed", "7"], io)).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, "reports", "shop", "summary.json"), "utf8")) as ArchitectureSummary;
    expect(await runCli(["explain", file, "--json"], io)).toBe(0);
    expect(err.join("")).toBe("");
    const e = JSON.parse(out.join("")) as ArchitectureExplanation;
    expect(e.simulated).toEqual({ seed: 7, directory: "reports/shop" });
    const billing = e.pairs[0]!.explanation!;
    expect(billing.simulated).toEqual({ seed: 7, directory: "reports/shop" });
    // The queue's arrivals (sent + rejected) over the run, beside the λ̄ of its producers' shares.
    const rate = billing.phases[0]!.figures.find((f) => f.key === "rate.mean")!;
    expect(rate.simulated).toBe((summary.queues.billing!.messages.sent + summary.queues.billing!.messages.rejected) / 600);
    expect(billing.phases[0]!.figures.find((f) => f.key === "utilisation.mean")?.simulated).toBe(summary.consumers["billing-workers"]!.consumers.utilization);

    const text = capture(dir);
    expect(await runCli(["explain", file], text.io)).toBe(0);
    expect(text.out.join("").split("\n")[1]).toBe("simulated values from reports/shop (seed 7) beside each pair's analytic ones");

    // Another scenario (a --set) is not what that directory ran: analytic values only, unless --run names it.
    const other = capture(dir);
    expect(await runCli(["explain", file, "--set", "consumers.analytics-workers.fleet.instances=16"], other.io)).toBe(0);
    expect(other.out.join("").split("\n")[1]).toBe(
      "no saved run of this scenario: analytic values only (sqs-sim run, or --run <dir>, puts simulated ones beside them)",
    );
    const named = capture(dir);
    expect(await runCli(["explain", file, "--set", "consumers.analytics-workers.fleet.instances=16", "--run", "reports/shop"], named.io)).toBe(0);
    expect(named.err.join("")).toBe("sqs-sim: note: reports/shop ran a different scenario (its scenario.json differs); its values are shown anyway\n");
    expect(named.out.join("").split("\n")[1]).toBe("simulated values from reports/shop (seed 7) beside each pair's analytic ones");

    // A run of another architecture has no values for a pool it did not have, and says so.
    const renamed = capture(dir);
    expect(await runCli(["explain", file, "--set", "consumers.analytics-workers.name=crunchers", "--run", "reports/shop"], renamed.io)).toBe(0);
    expect(renamed.out.join("")).toContain("\nno simulated values: the saved run has no queue analytics read by crunchers\n");
  });

  it("--run: a directory that is not an architecture's run is exit 2; a pool that shares its queue shows no simulated values", async () => {
    const dir = tempDir();
    const { io } = capture(dir);
    expect(await runCli(["run", writeScenario(dir, SMALL), "--no-charts", "--quiet", "--out", "single"], io)).toBe(0);
    for (const [run, message] of [
      ["nowhere", "sqs-sim: --run: nowhere: no such directory\n"],
      ["single", "sqs-sim: --run: single/summary.json: not the summary of an architecture's run (sqs-sim run of a file with queues: [...])\n"],
    ] as const) {
      const bad = await explain(["--run", join(dir, run)]);
      expect(bad.code).toBe(2);
      expect(bad.err).toBe(message.replace(run, join(dir, run)));
      expect(bad.out).toBe("");
    }
    const shared = writeScenario(dir, SHORT_SHOP + EXTRA_ANALYTICS_POOL, "shared.yaml");
    expect(await runCli(["run", shared, "--no-charts", "--quiet"], io)).toBe(0);
    const { io: io2, out } = capture(dir);
    expect(await runCli(["explain", shared, "--json"], io2)).toBe(0);
    const e = JSON.parse(out.join("")) as ArchitectureExplanation;
    expect(e.pairs.map((p) => [p.pool, p.explanation?.simulated ?? null])).toEqual([
      ["billing-workers", { seed: 1, directory: "reports/shop" }],
      ["analytics-workers", null],
      ["analytics-extra", null],
      ["receipt-workers", { seed: 1, directory: "reports/shop" }],
      [null, null],
    ]);
    const text = capture(dir);
    expect(await runCli(["explain", shared], text.io)).toBe(0);
    expect(text.out.join("")).toContain(
      "\n\nno simulated values: the run's waits and backlog of queue analytics are its pools' together, not analytics-extra's alone\n\n",
    );
  });
});
