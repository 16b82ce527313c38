// The suggested sweep must run as printed: every shipped scenario's suggestion is planned (every cell validated,
// nothing simulated), and the command the CLI prints reads back, through the shell's quoting, to the same arguments.
import { copyFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { explainScenario } from "../../src/plan/explain.js";
import { type Explanation, type SuggestedSweep } from "../../src/plan/explanation.js";
import { sweepArguments } from "../../src/plan/suggested-sweep.js";
import { loadDefaultScenario, loadScenarioFile, type Scenario } from "../../src/scenario/index.js";
import { planSweep } from "../../src/sweep/plan.js";
import { capture, tempDir } from "../cli/cli-helpers.js";

const root = resolve(import.meta.dirname, "../..");
const yamlIn = (folder: string): string[] =>
  readdirSync(join(root, "scenarios", folder))
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => join(folder, f));
// The playground's lessons are shipped scenarios too: `explain` on one suggests a sweep that must run as well.
const shipped = [...yamlIn("."), ...yamlIn("lessons")];

function load(file: string): Scenario {
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
  return loaded.scenario;
}

function cells(sweep: SuggestedSweep): number {
  return sweep.vary.reduce((n, v) => n * v.slice(v.indexOf("=") + 1).split(",").length, 1);
}

/** The words a POSIX shell makes of the printed command: backslash-newlines joined, single quotes undone. */
function shellWords(lines: readonly string[]): string[] {
  const text = lines.map((l) => l.replace(/ \\$/, "")).join(" ");
  const words: string[] = [];
  let word: string | null = null;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === "'") quoted = false;
      else word += c;
    } else if (c === "'") {
      quoted = true;
      word ??= "";
    } else if (c === "\\") {
      word = (word ?? "") + text[++i]!;
    } else if (c === " ") {
      if (word !== null) words.push(word);
      word = null;
    } else word = (word ?? "") + c;
  }
  if (word !== null) words.push(word);
  return words;
}

/** The printed command's lines, from "  sqs-sim sweep" to the line without a continuation. */
function commandLines(text: string): string[] {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.startsWith("  sqs-sim sweep "));
  const end = lines.findIndex((l, i) => i >= start && !l.endsWith(" \\"));
  return lines.slice(start, end + 1);
}

describe("suggested sweeps of the shipped scenarios are runnable", () => {
  it.each(shipped)("%s: every cell of the suggested grid validates (planSweep ok)", (name) => {
    const file = join(root, "scenarios", name);
    const sweep = explainScenario(load(file)).sweep;
    expect(sweep).not.toBeNull();
    const plan = planSweep({ file, sets: [], vary: sweep!.vary, replications: sweep!.replications, slos: sweep!.slos });
    if (!plan.ok) throw new Error(plan.errors.join("\n"));
    expect(plan.plan.cells).toHaveLength(cells(sweep!));
    expect(plan.plan.cells.length).toBeLessThanOrEqual(30);
    expect(plan.plan.definition.replications).toBe(5);
  });

  it("…and they cover a fixed fleet, an ASG with target tracking, a too-short visibility timeout and a FIFO queue", () => {
    const suggestions = shipped.map((name) => ({
      scenario: load(join(root, "scenarios", name)),
      sweep: explainScenario(load(join(root, "scenarios", name))).sweep!,
    }));
    const varies = (s: SuggestedSweep, path: RegExp): boolean => s.vary.some((v) => path.test(v.slice(0, v.indexOf("="))));
    expect(suggestions.some(({ scenario, sweep }) => scenario.fleet.kind === "fixed" && varies(sweep, /^fleet\.instances$/))).toBe(true);
    expect(
      suggestions.some(
        ({ scenario, sweep }) =>
          scenario.fleet.kind === "asg" && varies(sweep, /^fleet\.max$/) && varies(sweep, /^fleet\.policies\.\d+\.targetTracking\.target$/),
      ),
    ).toBe(true);
    expect(suggestions.some(({ sweep }) => varies(sweep, /^queue\.visibilityTimeout$/) && sweep.slos.some((s) => s.startsWith("duplicateProcessing<=")))).toBe(
      true,
    );
    expect(suggestions.some(({ scenario }) => scenario.queue.type === "fifo")).toBe(true);
    expect(suggestions.some(({ sweep }) => sweep.slos.some((s) => s.startsWith("queueWait.p99<=")))).toBe(true);
  });

  it("the default scenario: the scenario.json `run` saves (its resolved text) takes the suggested sweep", () => {
    const loaded = loadDefaultScenario();
    if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
    const file = join(tempDir(), "scenario.json");
    writeFileSync(file, loaded.resolvedText);
    const sweep = explainScenario(loaded.scenario).sweep!;
    const plan = planSweep({ file, sets: [], vary: sweep.vary, replications: sweep.replications, slos: sweep.slos });
    if (!plan.ok) throw new Error(plan.errors.join("\n"));
    expect(plan.plan.definition.scenario).toBe("default-spike");
  });
});

describe("sqs-sim explain: the suggested sweep in the report", () => {
  it("ends the text with the reasons and the command, quoted for the shell, the file named as typed", async () => {
    const dir = tempDir();
    copyFileSync(join(root, "scenarios", "visibility-timeout-too-short.yaml"), join(dir, "vt short.yaml"));
    const { io, out, err } = capture(dir);
    expect(await runCli(["explain", "vt short.yaml", "--set", "duration=10m"], io)).toBe(0);
    expect(err.join("")).toBe("");
    const lines = out.join("").split("\n");
    const at = lines.indexOf("Check it by simulation");
    expect(lines[at - 1]).toBe("");
    expect(lines[at - 2]).toMatch(/^ {4}delete has no effect\. Set it to 130s/); // the end of the warnings
    // S = ⌊27.79 ÷ 8⌋ + 1 = 4 → 4, 5, 6, 8; the covering timeout ⌈86.06 s × 1.5⌉ = 130 s; 10 min at 1 msg/s = 600
    // messages, so at most ⌈0.6⌉ = 1 processed twice; no SLO in the scenario.
    expect(lines.slice(at, lines.indexOf("Assumptions"))).toEqual([
      "Check it by simulation",
      "  - fleet.instances (configured 5): the smallest stable fleet at the peak rate is 4 (â = 27.79 workers, 8 per",
      "    instance): 4 to 8 instances",
      "  - queue.visibilityTimeout: the configured 30s is below the 130s that covers the processing tail (19.5% of receives",
      "    outlive it): both, with at most 1 message processed twice as an objective (1 in 1,000 of the 600 expected)",
      "  - no slo.maxQueueWait: add one, or an --slo such as 'queueWait.p99<=60s', for the sweep to recommend a cell",
      "  8 cells × 5 seeded replications; the sweep recommends the cheapest cell that meets every --slo:",
      "  sqs-sim sweep 'vt short.yaml' \\",
      "      --set duration=10m \\",
      "      --vary fleet.instances=4,5,6,8 \\",
      "      --vary queue.visibilityTimeout=30s,130s \\",
      "      -n 5 --slo 'duplicateProcessing<=1'",
      "",
    ]);
  });

  it("the printed command reads back to the arguments, and those plan (an SLO with <= is quoted)", async () => {
    const file = join(root, "scenarios", "video-encoding-spike.yaml");
    const { io, out } = capture(tempDir());
    expect(await runCli(["explain", file], io)).toBe(0);
    const printed = commandLines(out.join(""));
    expect(printed.at(-1)).toBe("      -n 5 --slo 'queueWait.p99<=10m'");
    const words = shellWords(printed);
    const sweep = explainScenario(load(file)).sweep!;
    expect(words).toEqual(["sqs-sim", ...sweepArguments(file, [], sweep)]);
    const vary = words.flatMap((w, i) => (words[i - 1] === "--vary" ? [w] : []));
    const slos = words.flatMap((w, i) => (words[i - 1] === "--slo" ? [w] : []));
    const plan = planSweep({ file: words[2]!, sets: [], vary, replications: Number(words[words.indexOf("-n") + 1]), slos });
    expect(plan.ok).toBe(true);
  });

  it("the default scenario: the command sweeps reports/default-spike/scenario.json and says where that comes from", async () => {
    const { io, out } = capture(tempDir());
    expect(await runCli(["explain"], io)).toBe(0);
    const text = out.join("");
    expect(text).toContain(
      "\n  - the embedded default scenario has no file: `sqs-sim run` saves it as reports/default-spike/scenario.json, which\n    sweep takes\n",
    );
    expect(commandLines(text)[0]).toBe("  sqs-sim sweep reports/default-spike/scenario.json \\");
  });

  it("--json has the suggestion as data: vary, replications, slos, reasons", async () => {
    const { io, out } = capture(tempDir());
    expect(await runCli(["explain", join(root, "scenarios", "video-encoding-spike.yaml"), "--json"], io)).toBe(0);
    const e = JSON.parse(out.join("")) as Explanation;
    expect(Object.keys(e.sweep!)).toEqual(["vary", "replications", "slos", "reasons"]);
    expect(e.sweep).toMatchObject({
      vary: ["fleet.max=68,85,100,102,136", "fleet.policies.0.targetTracking.target=2.2,4.5,8.9"],
      replications: 5,
      slos: ["queueWait.p99<=10m"],
    });
    expect(e.sweep!.reasons).toHaveLength(3);
  });
});
