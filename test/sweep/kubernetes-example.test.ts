// examples/kubernetes: the Indexed Job, its volume and the merge Job fit together, and running the Job's own
// arguments once per index, as Kubernetes would, then the merge Job's, gives the directory one unsharded run writes.
// No cluster here: the pods are simulated in this process (the index comes in through the environment the sweep
// reads for --shard auto, exactly as the Job controller sets JOB_COMPLETION_INDEX).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Command } from "commander";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { ExitCode } from "../../src/cli/exit-codes.js";
import { registerSweepCommands, type SweepDeps } from "../../src/cli/sweep-command.js";
import { parseVary, planSweep, RESULTS_CSV, RESULTS_JSON } from "../../src/sweep/index.js";
import { capture, readTree, tempDir } from "./helpers.js";

const ROOT = resolve(import.meta.dirname, "../..");
const EXAMPLE = join(ROOT, "examples", "kubernetes");
const INDEX_VAR = "JOB_COMPLETION_INDEX";

interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface Job {
  apiVersion: string;
  kind: "Job";
  metadata: { name: string };
  spec: {
    completionMode?: string;
    completions?: number;
    parallelism?: number;
    backoffLimit?: number;
    podFailurePolicy?: {
      rules: { action: string; onExitCodes?: { containerName?: string; operator: string; values: number[] }; onPodConditions?: { type: string }[] }[];
    };
    template: {
      spec: {
        restartPolicy: string;
        containers: Container[];
        volumes?: { name: string; persistentVolumeClaim?: { claimName: string } }[];
      };
    };
  };
}
interface Pod {
  apiVersion: string;
  kind: "Pod";
  metadata: { name: string };
  spec: Job["spec"]["template"]["spec"];
}
interface Claim {
  apiVersion: string;
  kind: "PersistentVolumeClaim";
  metadata: { name: string };
  spec: { accessModes: string[]; resources: { requests: { storage: string } } };
}
type K8sObject = Job | Claim | Pod;

function readManifests(name: string): K8sObject[] {
  const docs = parseAllDocuments(readFileSync(join(EXAMPLE, name), "utf8"));
  if (!Array.isArray(docs)) throw new Error(`${name} holds no YAML document`);
  const errors = docs.flatMap((doc) => doc.errors.map((e) => `${name}: ${e.message}`));
  if (errors.length > 0) throw new Error(errors.join("\n"));
  return docs.map((doc) => doc.toJS() as K8sObject);
}

function only<K extends K8sObject["kind"]>(objects: K8sObject[], kind: K): Extract<K8sObject, { kind: K }> {
  const found = objects.filter((o): o is Extract<K8sObject, { kind: K }> => o.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0]!;
}

/** Every value given to the option (`--name value` or `--name=value`), in order. */
function optionValues(args: readonly string[], ...names: string[]): string[] {
  const values: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const arg = args[k]!;
    if (names.includes(arg)) values.push(args[++k]!);
    else for (const name of names) if (arg.startsWith(`${name}=`)) values.push(arg.slice(name.length + 1));
  }
  return values;
}

/** The option's value, as commander reads a single-value option: the last one given wins. */
function lastValue(args: readonly string[], ...names: string[]): string | undefined {
  return optionValues(args, ...names).at(-1);
}

/** The args without the options named (and their values) and without the flags named. */
function without(args: readonly string[], options: readonly string[], flags: readonly string[]): string[] {
  const kept: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const arg = args[k]!;
    if (options.includes(arg)) k++;
    else if (!flags.includes(arg) && !options.some((o) => arg.startsWith(`${o}=`))) kept.push(arg);
  }
  return kept;
}

/** A Kubernetes CPU quantity ("4", "500m") in CPUs. */
function cpus(quantity: string): number {
  return quantity.endsWith("m") ? Number(quantity.slice(0, -1)) / 1000 : Number(quantity);
}

/**
 * Kubernetes expands $(VAR) in a container's args from the container's environment (no shell is involved):
 * the index is the only variable these manifests use.
 */
function expandIndex(arg: string, index: number): string {
  return arg.replaceAll(`$(${INDEX_VAR})`, String(index));
}

/** Runs `sqs-sim sweep|merge …` in this process, with the environment the sweep reads for --shard auto. */
async function sqsSim(args: readonly string[], cwd: string, deps: SweepDeps = {}) {
  const c = capture(cwd);
  let code: ExitCode | undefined;
  const program = new Command().exitOverride().configureOutput({ writeOut: c.io.stdout, writeErr: c.io.stderr });
  registerSweepCommands(program, c.io, (x) => void (code = x), deps);
  await program.parseAsync([...args], { from: "user" });
  return { code, out: c.text(), err: c.errors() };
}

const objects = readManifests("sweep-indexed-job.yaml");
const job = only(objects, "Job");
const claim = only(objects, "PersistentVolumeClaim");
const mergeJob = only(readManifests("sweep-merge-job.yaml"), "Job");
const resultsPod = only(readManifests("results-pod.yaml"), "Pod");
const container = job.spec.template.spec.containers[0]!;
const args = container.args ?? [];
const mergeArgs = mergeJob.spec.template.spec.containers[0]!.args ?? [];

/** The shard count the sweep's arguments give: --shard auto/N, or --shard auto with --shard-count N. */
function shardCount(): number {
  const shard = lastValue(args, "--shard") ?? "";
  const fromShard = /^auto\/(\d+)$/.exec(shard)?.[1];
  const fromCount = lastValue(args, "--shard-count");
  expect(shard, "--shard auto reads the index Kubernetes gives the pod").toMatch(/^auto(\/\d+)?$/);
  expect(fromShard ?? fromCount, "the number of shards, in --shard auto/N or --shard-count").toBeDefined();
  if (fromShard !== undefined && fromCount !== undefined) expect(fromCount).toBe(fromShard);
  return Number(fromShard ?? fromCount);
}

/** Where the claim of sweep-indexed-job.yaml is mounted in a Job's (or a pod's) container. */
function resultsMount(o: Job | Pod): string {
  const pod = o.kind === "Job" ? o.spec.template.spec : o.spec;
  const volume = pod.volumes?.find((v) => v.persistentVolumeClaim?.claimName === claim.metadata.name);
  expect(volume, `${o.metadata.name} mounts the claim ${claim.metadata.name}`).toBeDefined();
  const mounts = pod.containers[0]!.volumeMounts?.filter((m) => m.name === volume!.name) ?? [];
  expect(mounts).toHaveLength(1);
  return mounts[0]!.mountPath.replace(/\/+$/, "");
}

describe("examples/kubernetes: the manifests fit together", () => {
  it("the sweep Job is an Indexed Job of N completions running `sqs-sim sweep … --shard auto/N --resume`", () => {
    expect(job.apiVersion).toBe("batch/v1");
    expect(job.spec.completionMode).toBe("Indexed");
    const n = shardCount();
    expect(job.spec.completions).toBe(n);
    expect(job.spec.parallelism).toBeGreaterThanOrEqual(1);
    expect(job.spec.parallelism).toBeLessThanOrEqual(n);
    expect(job.spec.backoffLimit).toBeGreaterThanOrEqual(1);
    // A failed pod comes back with the same index and, with --resume, continues the part it left.
    expect(["Never", "OnFailure"]).toContain(job.spec.template.spec.restartPolicy);
    expect(job.spec.template.spec.containers).toHaveLength(1);
    expect(container.command, "no command: the image's entrypoint (sqs-sim) runs the args").toBeUndefined();
    expect(args[0]).toBe("sweep");
    expect(args).toContain("--resume");
    expect(args).toContain("--quiet");
  });

  it("exit 2 (bad input: retrying cannot help) fails the Job at once; disruptions are retried without counting", () => {
    const rules = job.spec.podFailurePolicy?.rules ?? [];
    if (rules.length > 0) expect(job.spec.template.spec.restartPolicy).toBe("Never");
    const failJob = rules.filter((r) => r.action === "FailJob");
    expect(failJob.map((r) => r.onExitCodes)).toEqual([{ containerName: container.name, operator: "In", values: [ExitCode.BadInput] }]);
    expect(rules.filter((r) => r.action === "Ignore").flatMap((r) => r.onPodConditions ?? [])).toEqual([{ type: "DisruptionTarget" }]);
  });

  it("--workers equals the container's CPU limit, and the requests match the limits", () => {
    const limits = container.resources?.limits ?? {};
    const requests = container.resources?.requests ?? {};
    expect(limits.cpu).toBeDefined();
    expect(limits.memory).toBeDefined();
    expect(Number(lastValue(args, "--workers"))).toBe(cpus(limits.cpu!));
    expect(requests).toEqual(limits);
  });

  it("the results volume is ReadWriteMany and mounted where each pod writes its part, one directory per index", () => {
    expect(claim.apiVersion).toBe("v1");
    expect(claim.spec.accessModes).toEqual(["ReadWriteMany"]);
    const out = lastValue(args, "--out", "-o") ?? "";
    expect(out.startsWith(`${resultsMount(job)}/`), `--out ${out} is on the volume`).toBe(true);
    expect(out).toContain(`$(${INDEX_VAR})`);
    // Only $(VAR) is expanded in args; a bare $VAR (a shell's syntax) would reach sqs-sim as it is.
    for (const arg of args) {
      expect(arg).not.toMatch(/\$(?!\()/);
      expect(arg.replaceAll(`$(${INDEX_VAR})`, "")).not.toContain("$(");
    }
  });

  it("the merge Job reads parts 0 … N-1 from the same volume, in the same image, and writes next to them", () => {
    const n = shardCount();
    expect(mergeJob.apiVersion).toBe("batch/v1");
    expect(mergeJob.spec.completionMode ?? "NonIndexed").toBe("NonIndexed");
    expect(mergeJob.spec.template.spec.containers[0]!.image).toBe(container.image);
    expect(mergeJob.spec.template.spec.containers[0]!.command).toBeUndefined();
    expect(mergeArgs[0]).toBe("merge");
    const mergeOut = lastValue(mergeArgs, "--out", "-o") ?? "";
    const parts = without(mergeArgs.slice(1), ["--out", "-o"], ["--quiet", "-q"]);
    const out = lastValue(args, "--out", "-o")!;
    expect(parts).toEqual(Array.from({ length: n }, (_, i) => expandIndex(out, i)));
    const mount = resultsMount(mergeJob);
    expect(resultsMount(job)).toBe(mount);
    expect(mergeOut.startsWith(`${mount}/`)).toBe(true);
    expect(parts).not.toContain(mergeOut);
  });

  it("the results pod mounts the same volume at the same path, in the same image, to copy the merged sweep out", () => {
    expect(resultsPod.apiVersion).toBe("v1");
    expect(resultsMount(resultsPod)).toBe(resultsMount(job));
    expect(resultsPod.spec.containers[0]!.image).toBe(container.image);
  });

  it("the Dockerfile builds what tsconfig.json compiles and runs the CLI; the scenario is in the image", () => {
    const dockerfile = readFileSync(join(EXAMPLE, "Dockerfile"), "utf8");
    const include = (JSON.parse(readFileSync(join(ROOT, "tsconfig.json"), "utf8")) as { include: string[] }).include;
    const copied = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1]!.split(/\s+/));
    for (const folder of new Set(include.map((p) => p.split("/")[0]!))) expect(copied, `COPY ${folder}`).toContain(folder);
    for (const file of ["package.json", "package-lock.json", "tsconfig.json", "scenarios"]) expect(copied).toContain(file);
    const entrypoint = /^ENTRYPOINT (\[.*\])$/m.exec(dockerfile);
    expect(entrypoint).not.toBeNull();
    expect((JSON.parse(entrypoint![1]!) as string[]).at(-1)).toMatch(/\/dist\/src\/cli\/main\.js$/);
    expect(dockerfile).toMatch(/^WORKDIR \/app$/m);
    expect(existsSync(join(ROOT, args[1]!)), `${args[1]} (relative to /app in the image)`).toBe(true);
  });

  it("every value of every --vary list is valid for the scenario (each cell of one dimension, the others as in the file)", () => {
    const sets = optionValues(args, "--set");
    const slos = optionValues(args, "--slo");
    for (const vary of optionValues(args, "--vary")) {
      const planned = planSweep({ file: join(ROOT, args[1]!), sets, vary: [vary], replications: 1, slos });
      expect(planned.ok ? [] : planned.errors, `--vary ${vary}`).toEqual([]);
    }
  });
});

describe("examples/kubernetes: the Indexed Job simulated, one pod per index, then the merge Job", () => {
  // The Job's arguments as written, with two changes so that the whole run takes a second or two:
  // - each --vary list keeps its first and last values (its ends: the grid's corners, where cross-field limits such
  //   as min <= max bind). Appending cannot shrink a grid (--vary adds a dimension), and every pod plans and checks
  //   the whole grid (milliseconds a cell), so the full grid would take N+1 times that;
  // - appended overrides, which win because commander keeps the last value of a single-value option: 2
  //   replications, 1 worker (the output is byte-identical whatever the number) and a 20-minute scenario.
  const SHRINK = ["--replications", "2", "--workers", "1", "--set", "duration=20m"];
  const shrunk = (list: readonly string[]): string[] => {
    const out: string[] = [];
    for (let k = 0; k < list.length; k++) {
      const arg = list[k]!;
      if (arg !== "--vary") {
        out.push(arg);
        continue;
      }
      const dimension = parseVary(list[++k]!);
      if ("error" in dimension) throw new Error(dimension.error);
      out.push("--vary", `${dimension.path}=${[...new Set([dimension.values[0], dimension.values.at(-1)])].join(",")}`);
    }
    return [...out, ...SHRINK];
  };

  let dir: string;
  let n: number;
  let mount: string;
  let single: Record<string, string>;
  let merged: Record<string, string>;

  beforeAll(async () => {
    // The shrink must not meet a path the manifest already sets or varies (a path is set once).
    for (const path of [...optionValues(args, "--set"), ...optionValues(args, "--vary")].map((s) => s.slice(0, s.indexOf("=")))) {
      expect(path).not.toBe("duration");
    }
    dir = tempDir();
    n = shardCount();
    mount = resultsMount(job);
    const onVolume = (arg: string) => (arg === mount || arg.startsWith(`${mount}/`) ? join(dir, "results") + arg.slice(mount.length) : arg);

    // One unsharded run of the same sweep, to compare against.
    const alone = shrunk(without(args, ["--shard", "--shard-count", "--out", "-o"], ["--resume"]));
    const one = await sqsSim([...alone, "--out", join(dir, "single")], ROOT);
    expect(one.err).toBe("");
    expect(one.code).toBe(ExitCode.Ok);
    single = readTree(join(dir, "single"));

    // The pods, in any order (here backwards). Pod 0 is "evicted" after its first cell (when it has more than one),
    // and its replacement (same index, same args) continues the part instead of starting over.
    const cells = JSON.parse(single[RESULTS_JSON]!).sweep.cells as number;
    for (let i = n - 1; i >= 0; i--) {
      const podArgs = shrunk(args).map((a) => onVolume(expandIndex(a, i)));
      const env = { [INDEX_VAR]: String(i) };
      if (i === 0 && cells > n) {
        const evict = new AbortController();
        const first = await sqsSim(podArgs, ROOT, { env, stop: evict.signal, onCellWritten: () => evict.abort() });
        expect(first.code).toBe(ExitCode.Failure);
        const part = join(dir, "results", `part-${i}`);
        const cellsIn = () =>
          readdirSync(join(part, "cells"))
            .map((f) => Number(f.replace(/\.json$/, "")))
            .sort((a, b) => a - b);
        const kept = cellsIn();
        expect(kept).toHaveLength(1);
        expect(existsSync(join(part, RESULTS_CSV))).toBe(false);
        const written: number[] = [];
        const retry = await sqsSim(podArgs, ROOT, { env, onCellWritten: (cell) => void written.push(cell) });
        expect({ code: retry.code, out: retry.out, err: retry.err }).toEqual({ code: ExitCode.Ok, out: "", err: "" });
        expect(written.length).toBeGreaterThan(0);
        expect([...kept, ...written].sort((a, b) => a - b)).toEqual(cellsIn()); // the kept cell was not run again
      } else {
        const pod = await sqsSim(podArgs, ROOT, { env });
        expect({ code: pod.code, out: pod.out, err: pod.err }).toEqual({ code: ExitCode.Ok, out: "", err: "" });
      }
    }

    const merge = await sqsSim(mergeArgs.map(onVolume), ROOT);
    expect(merge.err).toBe("");
    expect(merge.code).toBe(ExitCode.Ok);
    merged = readTree(join(dir, "results", "merged"));
  });

  it("the merged results.csv is byte-identical to the single run's, and so are results.json and the cells", () => {
    expect(merged[RESULTS_CSV]).toBeDefined();
    expect(merged[RESULTS_CSV]).toBe(single[RESULTS_CSV]);
    expect(merged[RESULTS_JSON]).toBe(single[RESULTS_JSON]);
    expect(merged["recommendation.json"]).toBe(single["recommendation.json"]);
    const cells = (tree: Record<string, string>) => Object.fromEntries(Object.entries(tree).filter(([name]) => name.startsWith("cells/")));
    expect(Object.keys(cells(merged))).toHaveLength(JSON.parse(single[RESULTS_JSON]!).sweep.cells);
    expect(cells(merged)).toEqual(cells(single));
  });

  it("each pod wrote only its shard's cells (index modulo N), in its own directory on the volume", () => {
    const cellsTotal = JSON.parse(single[RESULTS_JSON]!).sweep.cells as number;
    for (let i = 0; i < n; i++) {
      const part = readTree(join(dir, "results", `part-${i}`));
      expect(JSON.parse(part["sweep.json"]!).shard).toEqual({ index: i, count: n });
      const expected = Array.from({ length: cellsTotal }, (_, cell) => cell).filter((cell) => cell % n === i);
      expect(
        Object.keys(part)
          .filter((f) => f.startsWith("cells/"))
          .map((f) => Number(f.slice(6, -5))),
      ).toEqual(expected);
    }
  });
});
