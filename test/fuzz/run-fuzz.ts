// `npm run fuzz -- [--runs N] [--seed S] [--path P] [--timeout S] [--rss MB] [--shrink S] [--in-process] [--verbose]`:
// the larger fuzz run. Each case runs as its own `node` process (child-runner.ts) under a wall-time limit
// and a memory bound; failures are grouped by cause and shrunk, each printed with its seed and path (which replay
// it) and a shell reproduction; the slowest and largest cases that finished are listed last. With --path, only
// that case is replayed and shrunk; with --in-process, cases run as in npm test's fuzz test (which prints the
// command that replays its failure).
import { childCommand, childRunner, type ChildLimits } from "./child-runner.js";
import { argvOf, describeCase, type FuzzCase } from "./fuzz-case.js";
import { explore, type Failure, shrink } from "./explore.js";
import { CHILD_PROCESS, IN_PROCESS } from "./generator.js";
import { describeViolations, type Violation } from "./oracle.js";
import { reproduction } from "./reproduce.js";
import { inProcessGuards, WorkerRunner } from "./worker-runner.js";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const seed = Number(option("--seed") ?? Math.floor(Math.random() * 2 ** 31));
const runs = Number(option("--runs") ?? 300);
const path = option("--path");
// --in-process replays what the test in npm test runs (one worker thread, its generator settings and guards).
const inProcess = process.argv.includes("--in-process");
// Every legitimate case finishes in a few seconds, start-up included.
const limits: ChildLimits = {
  timeoutMs: Number(option("--timeout") ?? (inProcess ? 60 : 20)) * 1000,
  rssLimitMb: Number(option("--rss") ?? 1024),
  heapLimitMb: 1536,
  virtualLimitMb: 16_384,
};
const generator = inProcess ? IN_PROCESS : CHILD_PROCESS;
const worker = inProcess ? new WorkerRunner(inProcessGuards(limits.timeoutMs)) : undefined;
const runner = worker?.run ?? childRunner(limits);
const shrinkMs = Number(option("--shrink") ?? 120) * 1000;

console.log(
  `fuzz: seed ${seed}${path === undefined ? `, ${runs} cases` : `, path ${path}`}; ` +
    (inProcess
      ? `in-process (one worker thread), limit ${limits.timeoutMs / 1000} s\n`
      : `each case a child process, limits ${limits.timeoutMs / 1000} s, ${limits.rssLimitMb} MB resident (${limits.heapLimitMb} MB heap)\n` +
        `      child: ${childCommand(limits, ["<args>"]).slice(2).join(" ")}\n`),
);

function printFailure(f: Failure): void {
  console.log(
    describeViolations(f.fuzzCase, f.violations)
      .split("\n")
      .map((l) => `    ${l}`)
      .join("\n"),
  );
  console.log(
    describeCase(f.fuzzCase)
      .split("\n")
      .map((l) => `    ${l}`)
      .join("\n"),
  );
  console.log(`    replay: npm run fuzz --${inProcess ? " --in-process" : ""} --seed ${seed} --path ${f.path}`);
  console.log(
    `    reproduce:\n${reproduction(f.fuzzCase)
      .map((l) => `      ${l}`)
      .join("\n")}`,
  );
}

const started = performance.now();
if (path !== undefined) {
  const failure = await shrink({ seed, runner, generator, shrinkMs }, path, undefined);
  if (failure === undefined) console.log("the case passes");
  else printFailure(failure);
  process.exitCode = failure === undefined ? 0 : 1;
} else {
  const { groups, timings } = await explore({
    seed,
    runs,
    runner,
    generator,
    shrinkMs,
    ...(process.argv.includes("--verbose")
      ? {
          onStart: (p: string, c: FuzzCase) => console.log(`  ${p}: sqs-sim ${argvOf(c).join(" ").slice(0, 200)}`),
          onEnd: (p: string, ms: number, vs: readonly Violation[]) =>
            console.log(`  ${p}: ${Math.round(ms)} ms${vs.length > 0 ? `, ${vs.map((v) => v.check).join(", ")}` : ""}`),
        }
      : {}),
    onCase: (done, failing) => {
      if (done % 50 === 0 || done === runs)
        console.log(`  ${done}/${runs} cases, ${failing} kinds of failure, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    },
  });
  console.log(`\n${groups.length} kinds of failure in ${runs} cases (seed ${seed}), ${((performance.now() - started) / 1000).toFixed(0)} s:\n`);
  for (const [i, g] of groups.entries()) {
    console.log(`${i + 1}. ${g.signature} — ${g.count} case${g.count === 1 ? "" : "s"}, first at path ${g.first.path}`);
    printFailure(g.shrunk ?? g.first);
    console.log("");
  }
  const slowest = [...timings].sort((a, b) => b.wallMs - a.wallMs).slice(0, 5);
  const largest = [...timings]
    .filter((t) => t.maxRssKb !== undefined)
    .sort((a, b) => (b.maxRssKb ?? 0) - (a.maxRssKb ?? 0))
    .slice(0, 5);
  console.log("slowest cases that finished:");
  for (const t of slowest) console.log(`  ${(t.wallMs / 1000).toFixed(2)} s  path ${t.path}  sqs-sim ${t.command}`);
  if (largest.length > 0) console.log("largest cases that finished (peak resident set):");
  for (const t of largest) console.log(`  ${Math.round((t.maxRssKb ?? 0) / 1024)} MB  path ${t.path}  sqs-sim ${t.command}`);
  process.exitCode = groups.length === 0 ? 0 : 1;
}
await worker?.close();
