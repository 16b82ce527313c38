// `sqs-sim run`, `validate` and `sweep` on the architecture format: the data files, --set by name, refusals with exit 2.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliIn, tempDir, writeScenario } from "./cli-helpers.js";

const PIPE = `name: pipe
duration: 10m
topics:
  - { name: events, subscriptions: [ { queue: a }, { queue: b, filterPolicy: { kind: [big] } } ] }
producers:
  - name: p
    publish: events
    traffic: [ { constant: 5 } ]
    attributes: { kind: { big: 0.5, small: 0.5 } }
queues: [ { name: a }, { name: b }, { name: c } ]
consumers:
  - { name: pa, queue: a, processing: 10ms, emit: [ { send: c } ] }
  - { name: pb, queue: b, processing: 10ms }
  - { name: pc, queue: c, processing: 10ms }
`;

describe("sqs-sim on an architecture", () => {
  it("validate says ok, naming what the architecture has", async () => {
    const dir = tempDir();
    const file = writeScenario(dir, PIPE, "pipe.yaml");
    const result = await cliIn(dir, ["validate", file]);
    expect(result).toEqual({ code: 0, out: `${file}: ok (pipe: 1 topic, 3 queues, 3 pools)\n`, err: "" });
  });

  it("run writes summary.json, timeseries.csv, activities.csv and the resolved scenario, which runs again to the same summary", async () => {
    const dir = tempDir();
    const file = writeScenario(dir, PIPE, "pipe.yaml");
    const first = await cliIn(dir, ["run", file, "--out", "one", "-q"]);
    expect(first).toEqual({ code: 0, out: "", err: "" });
    for (const name of ["summary.json", "timeseries.csv", "activities.csv", "scenario.json"]) expect(existsSync(join(dir, "one", name))).toBe(true);
    const summary = JSON.parse(readFileSync(join(dir, "one", "summary.json"), "utf8"));
    expect(summary.format).toBe("architecture");
    expect(Object.keys(summary.paths).sort()).toEqual(["p→events→a→pa", "p→events→a→pa→c→pc", "p→events→b→pb"]);
    const header = readFileSync(join(dir, "one", "timeseries.csv"), "utf8")
      .split("\n")[0]!
      .split(",");
    expect(header).toContain("events.NumberOfNotificationsFilteredOut_msgs");
    expect(header).toContain("c.ApproximateNumberOfMessagesVisible_msgs");
    expect(header).toContain("pc.instances");
    const again = await cliIn(dir, ["run", join(dir, "one", "scenario.json"), "--out", "two", "-q"]);
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, "two", "summary.json"), "utf8")).toBe(readFileSync(join(dir, "one", "summary.json"), "utf8"));
    // A second run into the same directory replaces it: the directory is recognised as a run's.
    expect((await cliIn(dir, ["run", file, "--out", "one", "-q", "--set", "queues.c.visibilityTimeout=60s"])).code).toBe(0);
  });

  it("--set reaches a pool by name; a bad value names the field by name and exits 2, writing nothing", async () => {
    const dir = tempDir();
    const file = writeScenario(dir, PIPE, "pipe.yaml");
    const bad = await cliIn(dir, ["run", file, "--out", "out", "--set", "consumers.pc.batchSize=11"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(`${file}: consumers.pc.batchSize: 11 is above the SQS maximum of 10 messages per receive`);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("refuses an emit cycle that grows without bound before the run, with exit 2", async () => {
    const dir = tempDir();
    const file = writeScenario(
      dir,
      PIPE.replace("  - { name: pc, queue: c, processing: 10ms }", "  - { name: pc, queue: c, processing: 10ms, emit: [ { send: a } ] }"),
      "loop.yaml",
    );
    const result = await cliIn(dir, ["run", file, "--out", "out"]);
    expect(result.code).toBe(2);
    expect(result.err).toContain("the emit rules make a cycle (a → c → a)");
    expect(existsSync(join(dir, "out"))).toBe(false);
    expect((await cliIn(dir, ["validate", file])).code).toBe(2);
  });

  it("sweep takes the format: a --vary by name, a column per resource (test/sweep/architecture-sweep.test.ts has the rest)", async () => {
    const dir = tempDir();
    const file = writeScenario(dir, PIPE, "pipe.yaml");
    const result = await cliIn(dir, ["sweep", file, "--vary", "queues.a.visibilityTimeout=30s,60s", "--out", "s", "--workers", "1", "-q"]);
    expect(result).toEqual({ code: 0, out: "", err: "" });
    const header = readFileSync(join(dir, "s", "results.csv"), "utf8")
      .split("\n")[0]!
      .split(",");
    expect(header).toContain("queues.a.visibilityTimeout");
    expect(header).toContain("c.queue_wait_p99_s_mean");
    expect(header).toContain("path:p→events→a→pa→c→pc.end_to_end_p99_s_mean");
  });
});

describe("the terminal summary of an architecture with many paths", () => {
  it("lists the first 12 and says how many more summary.json has", async () => {
    const dir = tempDir();
    const loop = `name: loop
duration: 5m
producers: [ { name: p, send: a, traffic: [ { constant: 5 } ] } ]
queues: [ { name: a } ]
consumers: [ { name: w, queue: a, processing: 10ms, emit: [ { send: a, share: 0.8 } ] } ]
`;
    const result = await cliIn(dir, ["run", writeScenario(dir, loop, "loop.yaml"), "--out", "out", "--no-charts"]);
    expect(result.code).toBe(0);
    const paths = Object.keys(JSON.parse(readFileSync(join(dir, "out", "summary.json"), "utf8")).paths).length;
    expect(paths).toBeGreaterThan(12);
    expect(result.out.split("\n").filter((l) => l.startsWith("  path ")).length).toBe(12);
    expect(result.out).toContain(`  … and ${paths - 12} more paths (summary.json, report.html)\n`);
  });
});
