import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { explainScenario } from "../../src/plan/explain.js";
import { explanationText } from "../../src/plan/explain-text.js";
import { type Explanation } from "../../src/plan/explanation.js";
import { scenarioOf } from "./plan-helpers.js";
import { capture, SMALL, tempDir, writeScenario } from "../cli/cli-helpers.js";

describe("sqs-sim explain", () => {
  it("explain (the default scenario) prints the plan: header, sections, the phase table with formulas, warnings", async () => {
    const dir = tempDir();
    const { io, out, err } = capture(dir);
    expect(await runCli(["explain"], io)).toBe(0);
    expect(err.join("")).toBe("");
    const text = out.join("");
    const lines = text.split("\n");
    expect(lines[0]).toBe("default-spike: capacity plan from closed forms · 1h · fixed fleet of 6 instances × 1 worker");
    expect(lines[1]).toMatch(/^no saved run of this scenario/);
    for (const heading of [
      "Processing and capacity",
      "Traffic phases",
      "Autoscaling target (backlog per instance, aws-behaviour 6.17)",
      "Visibility timeout",
      "Retries and the dead-letter queue",
      "Polling",
      "Warnings (1)",
      "Assumptions",
    ]) {
      expect(lines).toContain(heading);
    }
    expect(text).toMatch(/\n {2}mean processing time E\[S\] \(exponential\) +100 ms {2}the mean\n/);
    expect(text).toMatch(/\n {2}capacity of the fleet \(6 instances\) +59\.4 msg\/s {2}N·k ÷ W\n/);
    expect(text).toMatch(/\n +whole run +0–20m +20m–30m +30m–1h {2}formula\n +start +spike to \+120 msg\/s +spike ends\n/);
    expect(text).toMatch(/\n {2}arrival rate, mean λ̄ \(msg\/s\) +35 +20 +110 +20 {2}∫λ\(t\)dt ÷ length/);
    expect(text).toMatch(/\n {2}P\(wait\), Erlang C +unstable +1\.88% +unstable +1\.88% {2}C\(c, a\) by the Erlang B recursion\n/);
    expect(text).toMatch(/\n {2}backlog growth over the phase \(fluid\) \(messages\) +30,360 +\(λ̄ − cμ\) × length\n/);
    expect(text).toMatch(
      /\n {2}visibility timeout that covers the tail +2 s {2}⌈p99\.9 × 1\.5⌉, at most 12 h = ⌈690\.8 ms × 1\.5⌉ \[aws-behaviour 1\.1\] \(queue\.visibilityTimeout: 2s\)\n/,
    );
    expect(text).toMatch(/\n {2}! fleet\.instances: 6 instances × 1 worker process 59\.4 msg\/s \(N·k ÷ W\), too few: during 20m–30m/);
    expect(text).toMatch(/explain\n {4}gives AWS.s advice of 6 × the function timeout instead \(aws-behaviour 8\.9\)\.\n$/);
  });

  it("explain --json prints the same plan as data: sections, phase columns and warnings, each figure with its formula", async () => {
    const dir = tempDir();
    const { io, out } = capture(dir);
    expect(await runCli(["explain", "--json"], io)).toBe(0);
    const e = JSON.parse(out.join("")) as Explanation;
    expect(Object.keys(e)).toEqual(["scenario", "durationSeconds", "fleet", "simulated", "sections", "phases", "warnings", "sweep", "assumptions"]);
    expect(e).toMatchObject({
      scenario: "default-spike",
      durationSeconds: 3600,
      simulated: null,
      fleet: { kind: "fixed", minInstances: 6, maxInstances: 6, workersPerInstance: 1 },
    });
    expect(e.sections.map((s) => s.id)).toEqual(["processing", "target", "visibility", "retries", "polling"]);
    expect(e.phases.map((p) => [p.id, p.title])).toEqual([
      ["whole", "whole run"],
      ["phase-1", "0–20m"],
      ["phase-2", "20m–30m"],
      ["phase-3", "30m–1h"],
    ]);
    expect(e.phases[1]!.figures.find((f) => f.key === "erlang.pWait")).toEqual({
      key: "erlang.pWait",
      label: "P(wait), Erlang C",
      value: expect.closeTo(0.0188, 4),
      unit: "fraction",
      formula: "C(c, a) by the Erlang B recursion",
      worked: "c = 6, a = 2.02",
    });
    expect(e.warnings).toEqual([{ id: "fleet-cannot-keep-up", path: "fleet.instances", message: expect.stringContaining("30,360 messages") }]);
    for (const f of [...e.sections.flatMap((s) => s.figures), ...e.phases.flatMap((p) => p.figures)]) {
      expect(typeof f.formula).toBe("string");
      expect(f.value === null || Number.isFinite(f.value)).toBe(true);
    }
  });

  it("puts the simulated values of reports/<name>/ beside the analytic ones when that run ran the same scenario (any seed)", async () => {
    const dir = tempDir();
    const file = writeScenario(dir, SMALL);
    const { io, out } = capture(dir);
    expect(await runCli(["run", file, "--no-charts", "--quiet", "--seed", "7"], io)).toBe(0);
    expect(await runCli(["explain", file], io)).toBe(0);
    const text = out.join("");
    expect(text.split("\n")[1]).toBe("simulated values from reports/small-run (seed 7)");
    expect(text).toMatch(/\n +whole run +simulated {2}formula\n/);
    expect(text).toMatch(/\n {2}mean queue wait Wq \(M\/M\/c\) +\S+ \S+ +\S+ \S+ {2}C ÷ \(cμ − λ̄\)\n/);

    // Another scenario (a --set) is not what that directory ran: analytic values only.
    const other = capture(dir);
    expect(await runCli(["explain", file, "--set", "fleet.instances=3", "--json"], other.io)).toBe(0);
    expect((JSON.parse(other.out.join("")) as Explanation).simulated).toBeNull();
  });

  it("--run <dir> names the run to compare with; a directory that is not a run is exit 2", async () => {
    const dir = tempDir();
    const file = writeScenario(dir, SMALL);
    const { io, out, err } = capture(dir);
    expect(await runCli(["run", file, "--no-charts", "--quiet", "--out", "elsewhere"], io)).toBe(0);
    expect(await runCli(["explain", file, "--run", "elsewhere", "--json"], io)).toBe(0);
    expect((JSON.parse(out.join("")) as Explanation).simulated).toEqual({ seed: 1, directory: "elsewhere" });
    expect(err.join("")).toBe("");

    // A run of another scenario is still shown when asked for, with a note on stderr.
    const other = capture(dir);
    expect(await runCli(["explain", file, "--run", "elsewhere", "--set", "fleet.instances=3"], other.io)).toBe(0);
    expect(other.err.join("")).toBe("sqs-sim: note: elsewhere ran a different scenario (its scenario.json differs); its values are shown anyway\n");
    expect(other.out.join("").split("\n")[1]).toBe("simulated values from elsewhere (seed 1)");

    const bad = capture(dir);
    expect(await runCli(["explain", file, "--run", "nowhere"], bad.io)).toBe(2);
    expect(bad.err.join("")).toBe("sqs-sim: --run: nowhere: no such directory\n");
    expect(bad.out.join("")).toBe("");
  });

  it("a bad scenario file is exit 2 with the usual messages, one per problem", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "bad.yaml"),
      "name: bad example\nduration: 1h\nproducers: [{ name: p, traffic: [{ constant: -1 }] }]\nqueue: { visibilityTimout: 30s }\n",
    );
    const { io, out, err } = capture(dir);
    expect(await runCli(["explain", "bad.yaml"], io)).toBe(2);
    expect(out.join("")).toBe("");
    // Files are named as the loader names them (here absolute: the test's cwd is not the process's).
    const bad = join(dir, "bad.yaml");
    expect(err.join("")).toBe(
      [
        `${bad}: name: "bad example" is not a valid name: use 1–80 letters, digits, -, _ or . (it names the output directory)`,
        `${bad}: queue.visibilityTimout: unknown key (did you mean visibilityTimeout?)`,
        `${bad}: producers.0.traffic.0.constant: -1 is negative: a rate in messages per second must be ≥ 0`,
        "",
      ].join("\n"),
    );

    const missing = capture(dir);
    expect(await runCli(["explain", "missing.yaml"], missing.io)).toBe(2);
    expect(missing.err.join("")).toBe(`${join(dir, "missing.yaml")}: cannot read file (ENOENT)\n`);

    writeFileSync(
      join(dir, "negative.yaml"),
      "name: neg\nduration: 1h\nproducers: [{ name: p, traffic: [{ constant: 1 }, { step: { at: 10m, rate: -2 } }] }]\n",
    );
    const negative = capture(dir);
    expect(await runCli(["explain", "negative.yaml"], negative.io)).toBe(2);
    expect(negative.err.join("")).toMatch(/negative\.yaml: producers\.0\.traffic: the summed rate can go negative/);
  });

  it("more than five phases continue in a second table, the whole run only in the first", () => {
    const steps = [1, 2, 3, 4, 5, 6].map((m) => `{step: {at: ${m * 5}m, rate: 1}}`).join(", ");
    const text = explanationText(explainScenario(scenarioOf(`name: many\nduration: 1h\nproducers: [{ name: p, traffic: [{ constant: 1 }, ${steps}] }]\n`)));
    const headers = text.split("\n").filter((l) => / formula$/.test(l));
    expect(headers).toHaveLength(2);
    expect(headers[0]).toMatch(/^ +whole run +0–5m +5m–10m +10m–15m +15m–20m +20m–25m {2}formula$/);
    expect(headers[1]).toMatch(/^ +25m–30m +30m–1h {2}formula$/);
  });
});
