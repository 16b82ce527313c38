import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { capture, PNG_SIGNATURE, SMALL, tempDir, writeScenario } from "./cli-helpers.js";

const repoRoot = resolve(import.meta.dirname, "../..");

describe("sqs-sim run", () => {
  it("the default scenario reads a trace named by --set from the command's working directory", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "t.csv"), "t,c\n0,60\n60,120\n");
    const trace = ["--set", "producers.0.traffic=[{trace: {file: t.csv}}]"];
    const explain = capture(dir);
    expect(await runCli(["explain", ...trace, "--json"], explain.io)).toBe(0);
    expect(explain.err.join("")).toBe("");
    const run = capture(dir);
    expect(await runCli(["run", ...trace, "--out", "o", "-q", "--no-charts"], run.io)).toBe(0);
    expect(run.err.join("")).toBe("");
  });

  it("says one instance and one worker in the singular", async () => {
    const dir = tempDir();
    const run = capture(dir);
    const file = writeScenario(dir, SMALL.replace("instances: 2", "instances: 1"));
    expect(await runCli(["run", file, "--out", "o", "--no-charts"], run.io)).toBe(0);
    expect(run.out.join("")).toMatch(/fleet {7}1 instance \(fixed\) · 1 worker · /);
  });

  it("run --quiet prints nothing on success and writes the data files, charts and reports to --out", async () => {
    const dir = tempDir();
    // Even on a terminal with a slow clock: --quiet draws no progress bar either.
    let clock = 0;
    const { io, out, err } = capture(dir, { stderrIsTTY: true, now: () => (clock += 500) });
    const code = await runCli(["run", writeScenario(dir), "--out", "out", "--quiet"], io);
    expect(code).toBe(0);
    expect(out.join("")).toBe("");
    expect(err.join("")).toBe("");
    expect(readdirSync(join(dir, "out")).sort()).toEqual([
      "activities.csv",
      "charts",
      "latency-histograms.json",
      "report.html",
      "report.md",
      "scenario.json",
      "summary.json",
      "timeseries.csv",
    ]);
    const charts = readdirSync(join(dir, "out", "charts"));
    expect(charts).toContain("queue.png");
    for (const png of charts)
      expect(
        readFileSync(join(dir, "out", "charts", png))
          .subarray(0, 8)
          .equals(PNG_SIGNATURE),
      ).toBe(true);
    expect(readFileSync(join(dir, "out", "activities.csv"), "utf8")).toBe("time_s,kind,source,before,after,reason\n");
    const csv = readFileSync(join(dir, "out", "timeseries.csv"), "utf8").split("\n");
    expect(csv[0]).toMatch(/^time_s,ApproximateNumberOfMessagesVisible_msgs,/);
    expect(csv.filter((l) => l !== "")).toHaveLength(11); // header + ten 60 s periods
  });

  it("run writes to reports/<scenario-name>/ by default and prints a summary table naming the files", async () => {
    const dir = tempDir();
    const { io, out } = capture(dir);
    expect(await runCli(["run", writeScenario(dir)], io)).toBe(0);
    expect(existsSync(join(dir, "reports", "small-run", "summary.json"))).toBe(true);
    const text = out.join("");
    expect(text).toMatch(/^small-run \(seed 1\): 10\.0 min simulated in /);
    for (const row of ["messages", "queue wait", "end to end", "requests", "fleet", "cost", "files"]) expect(text).toContain(`  ${row}`);
    expect(text).toMatch(/\n {2}files +reports\/small-run · open reports\/small-run\/report\.html\n$/);
  });

  it("run --no-charts writes the data files only, and the files line names no report", async () => {
    const dir = tempDir();
    const { io, out } = capture(dir);
    expect(await runCli(["run", writeScenario(dir), "--out", "o", "--no-charts"], io)).toBe(0);
    expect(readdirSync(join(dir, "o")).sort()).toEqual(["activities.csv", "latency-histograms.json", "scenario.json", "summary.json", "timeseries.csv"]);
    expect(out.join("")).toMatch(/\n {2}files +o\n$/);
  });

  it("on a terminal, a run that lasts over a second draws a progress bar on stderr and clears it before the summary", async () => {
    const dir = tempDir();
    let clock = 0;
    const { io, out, err } = capture(dir, { stderrIsTTY: true, now: () => (clock += 400) });
    expect(await runCli(["run", writeScenario(dir), "--out", "o"], io)).toBe(0);
    const bar = err.join("");
    expect(bar).toMatch(/^\r\[#+-*\] [\d.]+ min \/ 10\.0 min +\d+% {2}ETA /);
    expect(bar).toMatch(/\r {20,}\r$/); // the line blanked at the end
    expect(bar.replace(/\r[^\r]*/g, "")).toBe(""); // nothing but redrawn lines
    expect(out.join("")).toMatch(/^small-run \(seed 1\)/);
  });

  it("without a terminal there is no progress bar, however long the run takes", async () => {
    const dir = tempDir();
    let clock = 0;
    const { io, err } = capture(dir, { stderrIsTTY: false, now: () => (clock += 400) });
    expect(await runCli(["run", writeScenario(dir), "--out", "o", "--no-charts"], io)).toBe(0);
    expect(err.join("")).toBe("");
  });

  it("run --json prints summary.json to stdout", async () => {
    const dir = tempDir();
    const { io, out } = capture(dir);
    expect(await runCli(["run", writeScenario(dir), "--json", "--out", "o"], io)).toBe(0);
    const printed = JSON.parse(out.join(""));
    expect(printed).toEqual(JSON.parse(readFileSync(join(dir, "o", "summary.json"), "utf8")));
  });

  it("the same scenario and seed give a byte-identical summary.json; another --seed gives different draws", async () => {
    const dir = tempDir();
    const file = writeScenario(dir);
    const { io } = capture(dir);
    await runCli(["run", file, "--out", "a", "--quiet"], io);
    await runCli(["run", file, "--out", "b", "--quiet"], io);
    await runCli(["run", file, "--out", "c", "--quiet", "--seed", "2"], io);
    const a = readFileSync(join(dir, "a", "summary.json"));
    expect(readFileSync(join(dir, "b", "summary.json")).equals(a)).toBe(true);
    const c = JSON.parse(readFileSync(join(dir, "c", "summary.json"), "utf8"));
    expect(c.seed).toBe(2);
    expect(c.latency.queueWait).not.toEqual(JSON.parse(a.toString()).latency.queueWait);
  });

  it("--set overrides scenario keys before validation, and scenario.json records the value used", async () => {
    const dir = tempDir();
    const { io } = capture(dir);
    const code = await runCli(["run", writeScenario(dir), "--out", "o", "--quiet", "--set", "queue.visibilityTimeout=2m", "--set", "fleet.instances=3"], io);
    expect(code).toBe(0);
    const resolved = JSON.parse(readFileSync(join(dir, "o", "scenario.json"), "utf8"));
    expect(resolved.queue.visibilityTimeout).toBe(120);
    expect(JSON.parse(readFileSync(join(dir, "o", "summary.json"), "utf8")).fleet.peakInstances).toBe(3);
  });

  it("a scenario above an SQS limit exits 2, names the file, the field and the limit, and writes nothing", async () => {
    const dir = tempDir();
    const file = writeScenario(dir, SMALL.replace("visibilityTimeout: 30s", "visibilityTimeout: 13h"), "bad.yaml");
    const { io, out, err } = capture(dir);
    expect(await runCli(["run", file, "--out", "o"], io)).toBe(2);
    expect(out.join("")).toBe("");
    expect(err.join("")).toContain(`${file}: queue.visibilityTimeout: 13h is above the SQS maximum of 12h (43,200 s)`);
    expect(existsSync(join(dir, "o"))).toBe(false);
    expect(readdirSync(dir)).toEqual(["bad.yaml"]);
  });

  it("a short-poll model parameter out of bounds exits 2 and names the file and the field", async () => {
    const dir = tempDir();
    const file = writeScenario(dir, SMALL.replace("visibilityTimeout: 30s", "visibilityTimeout: 30s, shortPollServers: 0"), "bad.yaml");
    const { io, err } = capture(dir);
    expect(await runCli(["validate", file], io)).toBe(2);
    expect(err.join("")).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(:\\d+:\\d+)?: queue\\.shortPollServers: 0 is below the minimum of 1`, "m"),
    );
  });

  it("a bad fleet.initialState or scale-in thresholdRatio exits 2 naming the file and the field", async () => {
    const dir = tempDir();
    const file = writeScenario(dir, SMALL, "ok.yaml");
    const { io, err } = capture(dir);
    const bad = ["--set", "fleet={ kind: asg, max: 2, initialState: warm }", "--set", "cloudwatch.targetTracking.scaleIn.thresholdRatio=1.5"];
    expect(await runCli(["validate", file, ...bad], io)).toBe(2);
    expect(err.join("")).toContain(`${file}: fleet.initialState: "warm" is not an initial state; use running or launching`);
    expect(err.join("")).toContain(
      `${file}: cloudwatch.targetTracking.scaleIn.thresholdRatio: 1.5 is above 1: AlarmLow's threshold cannot be above the target`,
    );
  });

  it("--out onto a directory that is not a run directory is refused with exit 2 and leaves its files alone", async () => {
    const dir = tempDir();
    const mine = join(dir, "mine");
    mkdirSync(mine);
    writeFileSync(join(mine, "notes.txt"), "keep me");
    const { io, err } = capture(dir);
    expect(await runCli(["run", writeScenario(dir), "--out", "mine"], io)).toBe(2);
    expect(err.join("")).toBe(
      "sqs-sim: --out: mine exists and is not an sqs-sim run directory (it has no summary.json that sqs-sim wrote); " +
        "choose a new or empty directory, so that nothing of yours is replaced\n",
    );
    expect(readdirSync(mine)).toEqual(["notes.txt"]);
    // A previous run's directory, on the other hand, is replaced as a whole.
    expect(await runCli(["run", writeScenario(dir), "--out", "run", "--quiet"], io)).toBe(0);
    const before = readFileSync(join(dir, "run", "summary.json"), "utf8");
    writeFileSync(join(dir, "run", "summary.json"), before.replace("{", '{"edited": true,'));
    expect(await runCli(["run", writeScenario(dir), "--out", "run", "--quiet"], io)).toBe(0);
    expect(readFileSync(join(dir, "run", "summary.json"), "utf8")).toBe(before);
  });

  it("a bad --set exits 2 and names the override", async () => {
    const dir = tempDir();
    const { io, err } = capture(dir);
    expect(await runCli(["run", writeScenario(dir), "--set", "fleet.instances=-1", "--out", "o"], io)).toBe(2);
    expect(err.join("")).toMatch(/fleet\.instances: .*-1/);
    expect(existsSync(join(dir, "o"))).toBe(false);
  });

  it("a missing file, an unknown option and a bad --seed are usage errors with exit code 2", async () => {
    const dir = tempDir();
    const { io, err } = capture(dir);
    expect(await runCli(["run", "nope.yaml"], io)).toBe(2);
    expect(err.join("")).toContain("nope.yaml: cannot read file");
    expect(await runCli(["run", "--frobnicate"], io)).toBe(2);
    expect(await runCli(["run", "--seed", "abc"], io)).toBe(2);
    // Too large, and said so with the limit (it was "expected a whole number ≥ 0").
    expect(await runCli(["run", "--seed", "9007199254740992"], io)).toBe(2);
    expect(err.join("")).toContain("'9007199254740992' is invalid. it is above the largest seed, 9,007,199,254,740,991 (2^53 − 1)");
    expect(await runCli(["bogus-command"], io)).toBe(2);
  });

  it("a run that cannot fit in memory is refused before it starts, with exit code 2", async () => {
    const dir = tempDir();
    const huge = SMALL.replace("duration: 10m", "duration: 300d").replace("constant: 5", "constant: 100000").replace("instances: 2", "instances: 0");
    const { io, err } = capture(dir);
    expect(await runCli(["run", writeScenario(dir, huge), "--out", "o"], io)).toBe(2);
    expect(err.join("")).toMatch(/limits\.maxStoredMessages/);
    expect(existsSync(join(dir, "o"))).toBe(false);
  });
});

describe("scenario.json", () => {
  it("a trace scenario's scenario.json is itself a valid scenario that reproduces the run, read from the run directory", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "traces"));
    writeFileSync(join(dir, "traces", "t.csv"), "offset_s,count\n0,300\n60,600\n120,60\n");
    const file = writeScenario(dir, SMALL.replace("traffic: [ { constant: 5 } ]", "traffic: [ { trace: { file: traces/t.csv, loop: true } } ]"));
    const { io, err } = capture(dir);
    expect(await runCli(["run", file, "--out", "first", "--quiet"], io)).toBe(0);
    // Run the written scenario.json from inside the run directory: its trace path must still resolve.
    const runDir = capture(join(dir, "first"));
    expect(await runCli(["run", "scenario.json", "--out", join(dir, "second"), "--quiet"], runDir.io)).toBe(0);
    expect(runDir.err.join("") + err.join("")).toBe("");
    expect(readFileSync(join(dir, "second", "summary.json"), "utf8")).toBe(readFileSync(join(dir, "first", "summary.json"), "utf8"));
  });
});

describe("traffic that steps down", () => {
  it("a negative step lowers the rate from its time on; a step below zero is refused with exit 2 naming the producer", async () => {
    const dir = tempDir();
    const down = SMALL.replace("traffic: [ { constant: 5 } ]", "traffic: [ { constant: 5 }, { step: { at: 5m, rate: -4 } } ]");
    const { io, err } = capture(dir);
    expect(await runCli(["run", writeScenario(dir, down), "--out", "o", "--quiet"], io)).toBe(0);
    const sent = JSON.parse(readFileSync(join(dir, "o", "summary.json"), "utf8")).messages.sent;
    // 5 msg/s for 5 minutes, then 1 msg/s: about 1,800 messages (Poisson, sd ≈ 42).
    expect(Math.abs(sent - 1800)).toBeLessThan(5 * Math.sqrt(1800));
    const below = SMALL.replace("traffic: [ { constant: 5 } ]", "traffic: [ { constant: 5 }, { step: { at: 5m, rate: -6 } } ]");
    const file = writeScenario(dir, below, "below.yaml");
    expect(await runCli(["validate", file], io)).toBe(2);
    expect(err.join("")).toContain(`${file}: producers.0.traffic: the summed rate can go negative`);
    expect(await runCli(["run", file, "--out", "p"], io)).toBe(2);
    expect(existsSync(join(dir, "p"))).toBe(false);
  });
});

describe("sqs-sim validate", () => {
  it("validate reports ok for a good file and exit 2 with every problem for a bad one", async () => {
    const dir = tempDir();
    const good = writeScenario(dir);
    const bad = writeScenario(dir, SMALL.replace("receiveWaitTime: 20s", "receiveWaitTime: 25s").replace("instances: 2", "instanses: 2"), "bad.yaml");
    const { io, out, err } = capture(dir);
    expect(await runCli(["validate", good], io)).toBe(0);
    expect(out.join("")).toContain("ok (small-run)");
    expect(await runCli(["validate", bad], io)).toBe(2);
    const text = err.join("");
    expect(text).toContain("queue.receiveWaitTime: 25s is above the SQS maximum of 20s");
    expect(text).toMatch(/fleet\.instanses: unknown key \(did you mean instances\?\)/);
  });
});

describe("the built binary", () => {
  // The package's bin: the CLI bundled into one file (scripts/build-cli.ts).
  const packageBin = join(repoRoot, (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { bin: Record<string, string> }).bin["sqs-sim"]!);

  it("is the bundle, which finds the package's own files: the playground's worker and lessons, the sweep's worker thread, its version", () => {
    expect(packageBin).toBe(join(repoRoot, "dist", "cli", "sqs-sim.mjs"));
    const dir = tempDir();
    const page = spawnSync(process.execPath, [packageBin, "playground", "--out", "p.html"], { cwd: dir, encoding: "utf8" });
    expect(page.stderr).toBe("");
    expect(page.status).toBe(0);
    const html = readFileSync(join(dir, "p.html"), "utf8");
    expect(html).toContain('<script type="text/plain" id="sim-worker">');
    expect(html).toContain("Visibility timeout and redelivery");
    const version = spawnSync(process.execPath, [packageBin, "--version"], { encoding: "utf8" });
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string }).version);
    // A sweep on 2 workers from the bundle, and on 1 from the unbundled CLI: the same results.
    const sweep = (bin: string, workers: string, out: string) =>
      spawnSync(
        process.execPath,
        [bin, "sweep", join(repoRoot, "scenarios/steady-orders.yaml"), "--vary", "consumers.concurrency=1,2", "--replications", "2"].concat([
          "--set",
          "duration=10m",
          "--workers",
          workers,
          "--out",
          out,
          "--quiet",
        ]),
        { cwd: dir, encoding: "utf8" },
      );
    const bundled = sweep(packageBin, "2", "sw");
    expect(bundled.stderr).toBe("");
    expect(bundled.status).toBe(0);
    expect(sweep(join(repoRoot, "dist", "src", "cli", "main.js"), "1", "sw1").status).toBe(0);
    expect(readFileSync(join(dir, "sw", "results.csv"), "utf8")).toBe(readFileSync(join(dir, "sw1", "results.csv"), "utf8"));
  });

  it("`sqs-sim run --quiet` runs the embedded default scenario from a fresh directory and exits 0", () => {
    const dir = tempDir();
    const bin = packageBin;
    const res = spawnSync(process.execPath, [bin, "run", "--quiet"], { cwd: dir, encoding: "utf8" });
    expect(res.stderr).toBe("");
    expect(res.stdout).toBe("");
    expect(res.status).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, "reports", "default-spike", "summary.json"), "utf8"));
    expect(summary.scenario).toBe("default-spike");
    expect(readFileSync(join(dir, "reports", "default-spike", "report.html"), "utf8")).toContain("default-spike");
  });

  it("the built bin is executable, so `npx sqs-sim` can run it right after `npm ci`", () => {
    for (const bin of [packageBin, join(repoRoot, "dist", "src", "cli", "main.js")]) {
      expect(statSync(bin).mode & 0o111).toBe(0o111);
      expect(readFileSync(bin, "utf8")).toMatch(/^#!\/usr\/bin\/env node\n/);
    }
  });

  it("`sqs-sim --help` lists run, validate, report, compare and schema; `sqs-sim schema` prints a JSON Schema", () => {
    const bin = packageBin;
    const help = spawnSync(process.execPath, [bin, "--help"], { encoding: "utf8" });
    expect(help.status).toBe(0);
    for (const cmd of ["run [options]", "validate [options]", "report [options] <run-dir>", "compare [options] <run-dir...>", "schema"]) {
      expect(help.stdout).toContain(`  ${cmd}`);
    }
    const runHelp = spawnSync(process.execPath, [bin, "run", "--help"], { encoding: "utf8" });
    expect(runHelp.stdout).toContain("--no-charts");
    const schema = spawnSync(process.execPath, [bin, "schema"], { encoding: "utf8" });
    expect(schema.status).toBe(0);
    const printed = JSON.parse(schema.stdout);
    expect(printed).toHaveProperty("anyOf.0.properties.queue");
    expect(printed).toHaveProperty("anyOf.1.properties.topics");
  });
});

describe("a reader that closes the pipe early", () => {
  it("`sqs-sim schema | head -c 100` ends with exit 0 and nothing on stderr, not a write error", () => {
    const bin = join(repoRoot, "dist", "src", "cli", "main.js");
    const run = spawnSync("bash", ["-c", `"${process.execPath}" "${bin}" schema | head -c 100 > /dev/null; echo "\${PIPESTATUS[0]}"`], { encoding: "utf8" });
    expect(run.stdout).toBe("0\n");
    expect(run.stderr).toBe("");
  });
});
