// The architecture demos under scenarios/architectures/: each loads, runs with every queue's messages conserved, and
// teaches what its header says (checked against the comparison runs its header suggests).
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadInputFile } from "../../src/scenario/load.js";
import { type ArchitectureSummary } from "../../src/sim/architecture-result.js";
import { simulateArchitecture } from "../../src/sim/simulate-architecture.js";

const dir = join(resolve(import.meta.dirname, "../.."), "scenarios", "architectures");
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".yaml"))
  .sort();
const TIMEOUT = 30_000;

const cache = new Map<string, ArchitectureSummary>();
function run(file: string, ...sets: string[]): ArchitectureSummary {
  const key = [file, ...sets].join("\u0000");
  const cached = cache.get(key);
  if (cached) return cached;
  const loaded = loadInputFile(join(dir, file), { sets });
  if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
  if (loaded.architecture === undefined) throw new Error(`${file} is not an architecture`);
  const summary = simulateArchitecture(loaded.architecture).summary;
  cache.set(key, summary);
  return summary;
}

describe("every scenario under scenarios/architectures/", () => {
  it("there are the two the issue asks for", () => {
    expect(files).toEqual(["order-fanout.yaml", "video-pipeline.yaml"]);
  });

  for (const file of files) {
    it(`${file} loads as an architecture with a description, named as its file`, () => {
      const loaded = loadInputFile(join(dir, file));
      expect(loaded.ok ? [] : loaded.errors).toEqual([]);
      if (!loaded.ok || loaded.architecture === undefined) throw new Error("not an architecture");
      expect(loaded.architecture.description?.length ?? 0).toBeGreaterThan(40);
      expect(`${loaded.architecture.name}.yaml`).toBe(file);
    });

    it(`${file} runs with every queue's sent = deleted + deadLettered + expired + remaining`, { timeout: TIMEOUT }, () => {
      for (const [name, q] of Object.entries(run(file).queues)) {
        const m = q.messages;
        expect(m.deleted, name).toBeGreaterThan(0);
        expect(m.deleted + m.deadLettered + m.expired + m.remaining.visible + m.remaining.inFlight + m.remaining.delayed, name).toBe(m.sent);
      }
    });
  }
});

describe("the lessons the architecture demos teach", () => {
  it("order-fanout: the campaign hits each queue differently; analytics falls behind, email does not", { timeout: TIMEOUT }, () => {
    const s = run("order-fanout.yaml");
    const wait = (q: string) => s.queues[q]!.latency.queueWait.p99;
    expect(s.consumers["billing-workers"]!.fleet.scaleOutActivities).toBeGreaterThan(0);
    expect(wait("analytics")).toBeGreaterThan(60);
    expect(wait("email")).toBeLessThan(1);
    // The filter policies split the stream: analytics about 30%, email about 40%.
    const t = s.topics.orders!;
    expect(t.delivered.analytics! / t.published).toBeCloseTo(0.3, 2);
    expect(t.delivered.email! / t.published).toBeCloseTo(0.4, 2);
  });

  it("order-fanout: receipts fall behind once billing scales out, the backlog moving downstream; 4 receipt workers follow", { timeout: TIMEOUT }, () => {
    const s = run("order-fanout.yaml");
    const chain = "web→orders→billing→billing-workers→receipts→receipt-workers";
    expect(s.queues.receipts!.latency.queueWait.p99).toBeGreaterThan(60);
    const more = run("order-fanout.yaml", "consumers.receipt-workers.fleet.instances=4");
    expect(more.queues.receipts!.latency.queueWait.p99).toBeLessThan(s.queues.receipts!.latency.queueWait.p99 / 10);
    expect(more.paths[chain]!.endToEnd.p50).toBeLessThan(s.paths[chain]!.endToEnd.p50);
  });

  it("order-fanout: with 2 analytics instances its wait stays under a second", { timeout: TIMEOUT }, () => {
    expect(run("order-fanout.yaml", "consumers.analytics-workers.fleet.instances=2").queues.analytics!.latency.queueWait.p99).toBeLessThan(1);
  });

  it("video-pipeline: the spike passes the encoders and piles up in the capped thumbnail stage; a higher max fixes it", { timeout: TIMEOUT }, () => {
    const s = run("video-pipeline.yaml");
    const first = s.paths["uploads→videos→encoders"]!.endToEnd;
    const chain = s.paths["uploads→videos→encoders→thumbnails→thumbnailers"]!.endToEnd;
    expect(s.consumers.thumbnailers!.fleet.peakInService).toBe(4);
    expect(s.queues.thumbnails!.latency.queueWait.p99).toBeGreaterThan(10 * s.queues.videos!.latency.queueWait.p99);
    expect(chain.p99).toBeGreaterThan(30 * 60);
    expect(first.p99).toBeLessThan(15 * 60);
    const wider = run("video-pipeline.yaml", "consumers.thumbnailers.fleet.max=12");
    expect(wider.paths["uploads→videos→encoders→thumbnails→thumbnailers"]!.endToEnd.p99).toBeLessThan(20 * 60);
  });
});
