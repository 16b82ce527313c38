// `sqs-sim compare-platforms` (issue 16): one scenario on EC2, Lambda and Kubernetes with the same arrivals, one
// directory with each platform's run and one report; every variant checked before anything is written.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parsePlatforms } from "../../src/cli/compare-platforms-command.js";
import { cliIn, tempDir, writeScenario } from "./cli-helpers.js";

const SCENARIO = `name: three-ways
duration: 20m
seed: 5
slo: { maxQueueWait: 10s }
queue: { visibilityTimeout: 60s, receiveWaitTime: 20s }
producers:
  - name: p
    traffic:
      - constant: 20
      - spike: { at: 8m, peak: 200, rise: 30s, hold: 2m, fall: 30s }
consumers:
  concurrency: 2
  batchSize: 5
  processing: { exponential: { mean: 100ms } }
  lambda: { batchSize: 5, timeout: 10s }
fleet:
  kind: asg
  min: 1
  max: 10
  launchTime: 60s
  policies: [ { targetTracking: { metric: backlogPerInstance, target: 20 } } ]
`;

const json = (file: string) => JSON.parse(readFileSync(file, "utf8"));

describe("sqs-sim compare-platforms", () => {
  it("runs the scenario on each platform with the same arrivals and writes their runs and one report", async () => {
    const dir = tempDir();
    writeScenario(dir, SCENARIO, "three.yaml");
    const { code, out, err } = await cliIn(dir, ["compare-platforms", "three.yaml", "--out", "cmp"]);
    expect(err).not.toMatch(/error|refused/i);
    expect(code).toBe(0);
    const table = json(join(dir, "cmp", "platforms.json"));
    expect(table.platforms.map((r: { platform: string }) => r.platform)).toEqual(["ec2", "lambda", "kubernetes"]);
    expect(table.runs).toEqual({ ec2: "ec2/", lambda: "lambda/", kubernetes: "kubernetes/" });
    const summaries = ["ec2", "lambda", "kubernetes"].map((p) => json(join(dir, "cmp", p, "summary.json")));
    // The producers' streams are named by producer, not platform: every platform sees the same messages.
    expect(new Set(summaries.map((s) => s.producers.produced)).size).toBe(1);
    const sentPerPeriod = (p: string) => {
      const [header, ...rows] = readFileSync(join(dir, "cmp", p, "timeseries.csv"), "utf8")
        .trim()
        .split("\n");
      const at = header!.split(",").indexOf("NumberOfMessagesSent_msgs");
      return rows.map((r) => r.split(",")[at]);
    };
    expect(sentPerPeriod("lambda")).toEqual(sentPerPeriod("ec2"));
    expect(sentPerPeriod("kubernetes")).toEqual(sentPerPeriod("ec2"));
    expect(summaries.map((s) => s.fleet.kind)).toEqual(["asg", "lambda", "kubernetes"]);
    summaries.forEach((s, i) => {
      const row = table.platforms[i];
      const m = s.messages;
      expect(row.processed).toBe(m.deleted);
      expect(row.unfinishedAtEnd).toBe(m.remaining.visible + m.remaining.inFlight + m.remaining.delayed + s.producers.unsent);
      expect(row.cost.totalUsd).toBe(s.cost.totalUsd);
      expect(row.usdPerMillionProcessed).toBeCloseTo((s.cost.totalUsd / m.deleted) * 1e6, 9);
      expect(row.sloMet).toBeCloseTo(1 - s.slo.fractionOverMaxQueueWait, 12);
      expect(row.sloMissed).toBe(s.slo.messagesOverMaxQueueWait);
      expect(row.queueWait.p99).toBe(s.latency.queueWait.p99);
    });
    // `sqs-sim report <dir>` draws the report again from the platforms' runs, byte for byte; not into --out.
    const before = ["report.md", "report.html", "platforms.json"].map((f) => readFileSync(join(dir, "cmp", f), "utf8"));
    rmSync(join(dir, "cmp", "report.html"));
    writeFileSync(join(dir, "cmp", "platforms.json"), JSON.stringify({ platforms: [], runs: { ec2: "ec2/", lambda: "lambda/", kubernetes: "kubernetes/" } }));
    expect((await cliIn(dir, ["report", "cmp", "--quiet"])).code).toBe(0);
    expect(["report.md", "report.html", "platforms.json"].map((f) => readFileSync(join(dir, "cmp", f), "utf8"))).toEqual(before);
    const copy = await cliIn(dir, ["report", "cmp", "--out", "elsewhere"]);
    expect(copy.code).toBe(2);
    expect(copy.err).toContain("is a comparison of platforms; its report is drawn again in place");
    // One platform's run: not in place (the directory would no longer be compare-platforms'), but into --out.
    const inPlace = await cliIn(dir, ["report", "cmp/lambda"]);
    expect(inPlace.code).toBe(2);
    expect(inPlace.err).toContain("is a platform's run in a compare-platforms directory: draw its report elsewhere with --out");
    expect((await cliIn(dir, ["report", "cmp/lambda", "--out", "lambda-report", "--quiet"])).code).toBe(0);
    // A platform platforms.json lists must be there; nothing is rewritten without it.
    renameSync(join(dir, "cmp", "kubernetes"), join(dir, "k8s-aside"));
    const missing = await cliIn(dir, ["report", "cmp"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("(cmp/platforms.json lists kubernetes's run there)");
    expect(readFileSync(join(dir, "cmp", "platforms.json"), "utf8")).toBe(before[2]);
    renameSync(join(dir, "k8s-aside"), join(dir, "cmp", "kubernetes"));
    // Each platform's folder is a saved run the other commands read.
    expect((await cliIn(dir, ["compare", "cmp/ec2", "cmp/lambda", "--out", "two", "--quiet"])).code).toBe(0);
    const md = readFileSync(join(dir, "cmp", "report.md"), "utf8");
    expect(md).toContain("# Platforms: three-ways on EC2, Lambda, Kubernetes");
    expect(md).toContain("| platform | processed | unfinished at the end |");
    expect(md).toContain("**Lambda**: Lambda, batch 5, no maximum concurrency, 128 MB, timeout 10.0 s;");
    expect(md).toContain("(defaults: the scenario has no consumers.kubernetes)");
    expect(md).toContain("Differs: `consumers.platform` (ec2 | lambda | kubernetes)");
    const html = readFileSync(join(dir, "cmp", "report.html"), "utf8");
    expect(html).toContain("<title>Platforms: three-ways on EC2, Lambda, Kubernetes</title>");
    expect(html).toContain('data-chart-id="platforms-capacity"');
    expect(html).toContain('data-chart-id="fleet-kubernetes"');
    expect(out).toMatch(/^ {2}EC2 {8}queue wait p99 .+\n {2}Lambda .+\n {2}Kubernetes .+\nreport: cmp\/report\.html\n$/);
  });

  it("writes byte-identical files from the same scenario and seed, and replaces its own directory", async () => {
    const dir = tempDir();
    writeScenario(dir, SCENARIO, "three.yaml");
    const args = ["compare-platforms", "three.yaml", "--platforms", "kubernetes,ec2", "--set", "duration=5m", "--quiet"];
    expect((await cliIn(dir, [...args, "--out", "a"])).code).toBe(0);
    expect((await cliIn(dir, [...args, "--out", "b"])).code).toBe(0);
    for (const file of ["platforms.json", "report.md", "report.html", "ec2/summary.json", "kubernetes/timeseries.csv"]) {
      expect(readFileSync(join(dir, "b", file), "utf8"), file).toBe(readFileSync(join(dir, "a", file), "utf8"));
    }
    // --platforms keeps the platforms' own order; no Lambda folder.
    expect(Object.keys(json(join(dir, "a", "platforms.json")).runs)).toEqual(["ec2", "kubernetes"]);
    expect(existsSync(join(dir, "a", "lambda"))).toBe(false);
    expect((await cliIn(dir, [...args, "--out", "a", "--seed", "9"])).code).toBe(0);
    expect(json(join(dir, "a", "platforms.json")).seed).toBe(9);
  });

  it("checks every platform before running any: a problem of one platform names it, and nothing is written", async () => {
    const dir = tempDir();
    // Lambda refuses a function timeout above the queue's visibility timeout (aws-behaviour 8.9); EC2 does not care.
    writeScenario(dir, SCENARIO.replace("timeout: 10s", "timeout: 90s"), "three.yaml");
    const { code, err } = await cliIn(dir, ["compare-platforms", "three.yaml", "--out", "cmp"]);
    expect(code).toBe(2);
    expect(err).toMatch(/^\S*three\.yaml: consumers\.lambda\.timeout: .* \(on lambda: consumers\.platform=lambda\)\n$/);
    expect(existsSync(join(dir, "cmp"))).toBe(false);
    // A problem every platform has is said once, without a platform.
    writeScenario(dir, SCENARIO.replace("duration: 20m", "duration: -1m"), "three.yaml");
    const bad = await cliIn(dir, ["compare-platforms", "three.yaml"]);
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split("\n")).toHaveLength(1);
    expect(bad.err).toMatch(/^\S*three\.yaml: duration: /);
    expect(existsSync(join(dir, "reports"))).toBe(false);
  });

  it("refuses an architecture file, a directory of the user's, and a list of fewer than two known platforms", async () => {
    const dir = tempDir();
    writeScenario(
      dir,
      "name: a\nduration: 1m\nqueues: [ { name: q } ]\nproducers: [ { name: p, send: q, traffic: [ { constant: 1 } ] } ]\nconsumers: [ { name: w, queue: q } ]\n",
      "arch.yaml",
    );
    const arch = await cliIn(dir, ["compare-platforms", "arch.yaml"]);
    expect(arch.code).toBe(2);
    expect(arch.err).toContain("does not take the architecture format");
    writeScenario(dir, SCENARIO, "three.yaml");
    writeFileSync(join(dir, "notes.txt"), "mine");
    const mine = await cliIn(dir, ["compare-platforms", "three.yaml", "--out", "."]);
    expect(mine.code).toBe(2);
    expect(mine.err).toContain("is not an sqs-sim platforms comparison");
    expect(readFileSync(join(dir, "notes.txt"), "utf8")).toBe("mine");
    expect(() => parsePlatforms("ec2")).toThrow("name at least two platforms to compare, e.g. ec2,lambda");
    expect(() => parsePlatforms("ec2,fargate")).toThrow('"fargate": the platforms are ec2, lambda, kubernetes');
    expect(parsePlatforms(" Kubernetes,ec2,ec2")).toEqual(["ec2", "kubernetes"]);
    const flag = await cliIn(dir, ["compare-platforms", "three.yaml", "--platforms", "lambda"]);
    expect(flag.code).toBe(2);
    expect(flag.err).toContain("name at least two platforms");
  });
});

describe("the share within the SLO", () => {
  it("never reads 100% while some message missed, is rounded down exactly, and stops at an exact figure", async () => {
    const { shareText } = await import("../../src/report/platforms/platform-table.js");
    const cases: [number, number, string][] = [
      [10, 10, "100%"],
      [992, 1000, "99.2%"],
      [29, 100, "29.0%"], // 0.29 × 100 × 10 is 289.99… in doubles
      [57, 100, "57.0%"],
      [999, 1000, "99.9%"], // exact: no more digits
      [999_975, 1_000_000, "99.997%"],
      [9995, 10_000, "99.95%"],
      [6_711_366, 6_711_536, "99.997%"], // 170 misses
      [0, 5, "0.0%"],
      [999_999_999, 1_000_000_000, "99.999999%"],
    ];
    for (const [part, whole, text] of cases) expect(shareText(part, whole), `${part}/${whole}`).toBe(text);
    // Every n/1000 reads as its exact tenth.
    for (let n = 0; n < 1000; n++) expect(shareText(n, 1000)).toBe(`${(n / 10).toFixed(1)}%`);
  });
});
