// `sqs-sim run --trace-messages N` (issue 17): messages.csv in the run directory, refused values named.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliIn, tempDir, writeScenario } from "./cli-helpers.js";

const STALE = `name: stale
duration: 3m
queue: { visibilityTimeout: 30s, receiveWaitTime: 20s }
producers: [ { name: p, traffic: [ { constant: 0.02 } ], arrivals: uniform } ]
consumers: { concurrency: 2, processing: { constant: 45s } }
fleet: { kind: fixed, instances: 1 }
`;

describe("sqs-sim run --trace-messages", () => {
  it("writes messages.csv, one row per event of the first N messages, and nothing without the flag", async () => {
    const dir = tempDir();
    writeScenario(dir, STALE, "stale.yaml");
    expect((await cliIn(dir, ["run", "stale.yaml", "--trace-messages", "1", "--out", "traced", "--quiet", "--no-charts"])).code).toBe(0);
    const csv = readFileSync(join(dir, "traced", "messages.csv"), "utf8")
      .trim()
      .split("\n");
    expect(csv[0]).toBe("time_s,message,event,consumer,receipt,detail");
    expect(csv.slice(1).every((line) => line.split(",")[1] === "1")).toBe(true);
    expect(csv).toContain("95.0075,1,deleteIgnored,consumers#1,1,stale receipt: the message was received again since");
    // The same directory again without the flag: a run's own file, replaced with the rest.
    expect((await cliIn(dir, ["run", "stale.yaml", "--out", "traced", "--quiet", "--no-charts"])).code).toBe(0);
    expect(existsSync(join(dir, "traced", "messages.csv"))).toBe(false);
  });

  it("refuses a count outside 1-10,000 and an architecture file, naming the flag", async () => {
    const dir = tempDir();
    writeScenario(dir, STALE, "stale.yaml");
    for (const bad of ["0", "10001", "ten", "1.5"]) {
      const r = await cliIn(dir, ["run", "stale.yaml", "--trace-messages", bad]);
      expect(r.code, bad).toBe(2);
      expect(r.err).toContain("expected a whole number of messages from 1 to 10,000");
    }
    writeScenario(
      dir,
      "name: a\nduration: 1m\nqueues: [ { name: q } ]\nproducers: [ { name: p, send: q, traffic: [ { constant: 1 } ] } ]\nconsumers: [ { name: w, queue: q } ]\n",
      "arch.yaml",
    );
    const arch = await cliIn(dir, ["run", "arch.yaml", "--trace-messages", "5"]);
    expect(arch.code).toBe(2);
    expect(arch.err).toContain("--trace-messages: arch.yaml is in the architecture format");
    expect(existsSync(join(dir, "reports"))).toBe(false);
  });

  it("draws the traced messages as lanes in the report, which report draws again from messages.csv", async () => {
    const dir = tempDir();
    writeScenario(dir, STALE, "stale.yaml");
    expect((await cliIn(dir, ["run", "stale.yaml", "--trace-messages", "3", "--out", "traced", "--quiet"])).code).toBe(0);
    const html = readFileSync(join(dir, "traced", "report.html"), "utf8");
    expect(html).toContain('data-chart-id="messages"');
    expect(readFileSync(join(dir, "traced", "report.md"), "utf8")).toContain("## Messages, one lane each");
    // Drawn again in place from the files, and into a copy that keeps messages.csv.
    expect((await cliIn(dir, ["report", "traced", "--quiet"])).code).toBe(0);
    expect(readFileSync(join(dir, "traced", "report.html"), "utf8")).toContain('data-chart-id="messages"');
    expect((await cliIn(dir, ["report", "traced", "--out", "copy", "--quiet"])).code).toBe(0);
    expect(readFileSync(join(dir, "copy", "messages.csv"), "utf8")).toBe(readFileSync(join(dir, "traced", "messages.csv"), "utf8"));
    expect(readFileSync(join(dir, "copy", "report.html"), "utf8")).toContain('data-chart-id="messages"');
    // A comparison never reads messages.csv: a damaged one does not stop it.
    writeFileSync(join(dir, "copy", "messages.csv"), "time_s,message,event,consumer,receipt,detail\nfoo\n");
    expect((await cliIn(dir, ["compare", "copy", "traced", "--out", "cmp", "--quiet"])).code).toBe(0);
    const damaged = await cliIn(dir, ["report", "copy"]);
    expect(damaged.code).toBe(2);
    expect(damaged.err).toContain("copy/messages.csv: line 2");
  });
});
