// The fuzz oracle's own checks, each shown to catch a deliberately bad CLI: one that exits 1, throws, writes outside
// its output directory or over the user's files, pollutes a prototype, echoes a huge value, prints a stack trace,
// names neither the file nor the field, or disagrees with validate. And the guards: a hang and a memory hog are
// stopped, in a worker thread and in a child process.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { type CliIo } from "../../src/cli/io.js";
import { checkCase } from "./check-case.js";
import { childRunner } from "./child-runner.js";
import { type CliFunction, runDirect } from "./direct-runner.js";
import { type FuzzCase } from "./fuzz-case.js";
import { type Check, namesField } from "./oracle.js";
import { type Runner } from "./outcome.js";
import { WorkerRunner } from "./worker-runner.js";

const SCENARIO = "name: ok\nduration: 1m\nproducers: [{name: p, traffic: [{constant: 1}]}]\n";

function fuzzCase(command: FuzzCase["command"], flags: string[] = [], extra: Partial<FuzzCase> = {}): FuzzCase {
  return { origin: "valid", seed: "test", command, scenario: { path: "scenarios/ok.yaml", content: { text: SCENARIO } }, flags, name: "ok", ...extra };
}

const direct =
  (cli: CliFunction): Runner =>
  (argv, cwd) =>
    runDirect(cli, argv, cwd);

/** A CLI whose `run` writes a run directory where it should and then does `extra`; `validate` says ok. */
function writesRun(extra: (io: CliIo) => number = () => 0): CliFunction {
  return async (argv, io) => {
    if (argv[0] !== "run") return 0;
    const out = argv.includes("--out") ? argv[argv.indexOf("--out") + 1]! : "reports/ok";
    mkdirSync(join(io.cwd, out), { recursive: true });
    writeFileSync(join(io.cwd, out, "summary.json"), "{}");
    return extra(io);
  };
}

async function checks(c: FuzzCase, cli: CliFunction): Promise<Check[]> {
  const { violations } = await checkCase(c, direct(cli));
  return [...new Set(violations.map((v) => v.check))];
}

describe("the fuzz oracle", () => {
  it("passes a CLI that keeps the contract: a run writing only its output directory, validate agreeing", async () => {
    expect(await checks(fuzzCase("run", ["--out", "out"]), writesRun())).toEqual([]);
    expect(await checks(fuzzCase("run"), writesRun())).toEqual([]);
    expect(await checks(fuzzCase("run", ["--out", "reports/earlier-run"]), writesRun())).toEqual([]);
  });

  it("catches exit 1, and an exception thrown out of runCli", async () => {
    expect(await checks(fuzzCase("validate"), async () => 1)).toEqual(["exit"]);
    expect(
      await checks(fuzzCase("explain"), async () => {
        throw new TypeError("boom");
      }),
    ).toEqual(["exit"]);
  });

  it("catches a run that writes outside its output directory, or over the user's files inside it", async () => {
    const outside = writesRun((io) => (writeFileSync(join(io.cwd, "stray.txt"), "x"), 0));
    expect(await checks(fuzzCase("run", ["--out", "out"]), outside)).toEqual(["files"]);
    const besideCwd = writesRun((io) => (writeFileSync(join(io.cwd, "..", "outside.txt"), "changed"), 0));
    expect(await checks(fuzzCase("run", ["--out", "out"]), besideCwd)).toEqual(["files"]);
    // --out data names the user's folder that happens to hold a summary.json: replacing it loses notes.txt.
    const replaces = writesRun((io) => (rmSync(join(io.cwd, "data", "notes.txt")), 0));
    expect(await checks(fuzzCase("run", ["--out", "data"]), replaces)).toEqual(["files"]);
    // Without --out, one directory under reports/: the scenario's name.
    const elsewhere = writesRun((io) => (mkdirSync(join(io.cwd, "reports", "other")), 0));
    expect(await checks(fuzzCase("run"), elsewhere)).toEqual(["files"]);
  });

  it("catches validate, explain or a refused run that changes anything", async () => {
    const touches: CliFunction = async (_argv, io) => (writeFileSync(join(io.cwd, "reports-cache"), "x"), 0);
    expect(await checks(fuzzCase("explain"), touches)).toEqual(["files"]);
    const refusesAfterWriting = writesRun((io) => (io.stderr("sqs-sim: --out: out is in the way\n"), 2));
    expect(await checks(fuzzCase("run", ["--out", "out"]), refusesAfterWriting)).toEqual(["files"]);
  });

  it("catches a polluted prototype, and puts the prototype back for the next case", async () => {
    const pollutes: CliFunction = async () => {
      (Object.prototype as Record<string, unknown>)["polluted"] = 1;
      return 0;
    };
    expect(await checks(fuzzCase("validate"), pollutes)).toEqual(["prototype"]);
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("catches a huge value echoed on one line, a stack trace, an error name and zod's generic message", async () => {
    const refuse =
      (text: string): CliFunction =>
      async (_argv, io) => (io.stderr(text), 2);
    expect(await checks(fuzzCase("validate"), refuse(`scenarios/ok.yaml: name: ${"x".repeat(20_000)} is not a name\n`))).toEqual(["message"]);
    expect(await checks(fuzzCase("validate"), refuse("scenarios/ok.yaml: bad\n    at parse (file:///x/load.js:10:5)\n"))).toEqual(["message"]);
    expect(await checks(fuzzCase("validate"), refuse("scenarios/ok.yaml: RangeError: Invalid array length\n"))).toEqual(["message"]);
    expect(await checks(fuzzCase("validate"), refuse("scenarios/ok.yaml: queue: Invalid input\n"))).toEqual(["message"]);
    expect(await checks(fuzzCase("validate"), refuse("something is wrong\n"))).toEqual(["message"]);
    expect(await checks(fuzzCase("validate"), refuse(""))).toEqual(["message"]);
  });

  it("catches a refusal that does not name the field a mutation changed", async () => {
    const mutated = fuzzCase("validate", [], { origin: "mutation", mutation: { path: "queue.visibilityTimeout", via: "file", what: "1e999" } });
    const refuse =
      (text: string): CliFunction =>
      async (_argv, io) => (io.stderr(text), 2);
    expect(await checks(mutated, refuse("scenarios/ok.yaml: duration: required\n"))).toEqual(["field"]);
    expect(await checks(mutated, refuse("scenarios/ok.yaml: queue.visibilityTimeout: Infinity is not a duration\n"))).toEqual([]);
  });

  it("catches validate saying ok where run refuses, and the other way round", async () => {
    const runRefuses: CliFunction = async (argv, io) => (argv[0] === "run" ? (io.stderr("scenarios/ok.yaml: producers.0.traffic: below 0\n"), 2) : 0);
    expect(await checks(fuzzCase("run", ["--out", "out"]), runRefuses)).toEqual(["validate-run"]);
    const validateRefuses: CliFunction = async (argv, io) =>
      argv[0] === "validate" ? (io.stderr("scenarios/ok.yaml: seed: bad\n"), 2) : writesRun()(argv, io);
    expect(await checks(fuzzCase("run", ["--out", "out"]), validateRefuses)).toEqual(["validate-run"]);
  });
});

describe("namesField", () => {
  it("accepts the field, a parent, a child, a sibling or a field checked with it; not an unrelated one", () => {
    expect(namesField("f.yaml: queue.visibilityTimeout: 13h is above", "queue.visibilityTimeout")).toBe(true);
    expect(namesField("f.yaml: producers.0.traffic: the rate goes below 0", "producers.0.traffic.1.step.rate")).toBe(true);
    expect(namesField("f.yaml: fleet.max: required", "fleet.kind")).toBe(true);
    expect(namesField("f.yaml: fleet.min: min 3 is above max 2", "fleet.max")).toBe(true);
    expect(namesField("f.yaml: producers.0.messageSize: 2KiB is above queue.maxMessageSize", "queue.maxMessageSize")).toBe(true);
    expect(namesField("f.yaml:3:5: unexpected end of the stream", "queue.delay")).toBe(true);
    expect(namesField("f.yaml: cloudwatch: expected a mapping (key: value), got a list", "cloudwatch.0")).toBe(true);
    expect(namesField("f.yaml: duration: required", "queue.delay")).toBe(false);
    expect(namesField("f.yaml: queue.visibilityTimeout: 13h is above the maximum", "queue")).toBe(true);
    expect(namesField("f.yaml: fleet: undefined is not a fleet kind", "queue.delay")).toBe(false);
    expect(namesField("f.yaml: queue.delayed: unknown key", "queue.delay.x")).toBe(false);
  });
});

describe("the guards", () => {
  const dir = mkdtempSync(join(tmpdir(), "sqs-sim-fuzz-guards-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const script = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const hog = "const keep = []; for (;;) keep.push(new Array(1e6).fill(Math.random()));";

  it("a worker thread that never answers is stopped as a hang; one that eats its heap as memory", async () => {
    const hang = new WorkerRunner(
      { timeoutMs: 300, rssGrowthLimitBytes: 8 * 2 ** 30, rssCeilingBytes: 16 * 2 ** 30, heapLimitMb: 64 },
      pathToFileURL(script("hang.mjs", "for (;;) {}")),
    );
    expect((await hang.run(["run"], dir, () => {})).hang).toBe(true);
    await hang.close();
    const eats = new WorkerRunner(
      { timeoutMs: 60_000, rssGrowthLimitBytes: 8 * 2 ** 30, rssCeilingBytes: 16 * 2 ** 30, heapLimitMb: 64 },
      pathToFileURL(script("eat.mjs", hog)),
    );
    expect((await eats.run(["run"], dir, () => {})).memory).toMatch(/heap/);
    await eats.close();
  });

  it("a worker thread runs one case at a time, each call getting its own answer, even when calls overlap", async () => {
    const echo = script(
      "echo.mjs",
      'import { parentPort } from "node:worker_threads";\n' +
        "parentPort.on('message', (m) => setTimeout(() => parentPort.postMessage({ exitCode: 0, stdout: m.argv.join(' '), stderr: '', prototypeChanges: [], wallMs: 1 }), 20));\n",
    );
    const runner = new WorkerRunner(
      { timeoutMs: 60_000, rssGrowthLimitBytes: 8 * 2 ** 30, rssCeilingBytes: 16 * 2 ** 30, heapLimitMb: 64 },
      pathToFileURL(echo),
    );
    const answers = await Promise.all([runner.run(["one"], dir, () => {}), runner.run(["two"], dir, () => {})]);
    expect(answers.map((a) => a.stdout)).toEqual(["one", "two"]);
    await runner.close();
  });

  it("a child process is killed as a hang past its time, as memory past its resident set, and reports its peak", async () => {
    const limits = { timeoutMs: 300, rssLimitMb: 200, heapLimitMb: 4096, virtualLimitMb: 16_384 };
    expect((await childRunner({ ...limits, script: script("hang.mjs", "for (;;) {}") })(["run"], dir, () => {})).hang).toBe(true);
    const eats = await childRunner({ ...limits, timeoutMs: 60_000, script: script("eat.mjs", hog) })(["run"], dir, () => {});
    expect(eats.memory).toMatch(/resident set/);
    const exits = await childRunner({ ...limits, timeoutMs: 60_000, script: script("exit.mjs", "process.stderr.write('bad\\n'); process.exitCode = 2;") })(
      ["run"],
      dir,
      () => {},
    );
    expect(exits).toMatchObject({ exitCode: 2, stderr: "bad\n" });
  });
});
