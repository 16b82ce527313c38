// The package as a dependent gets it: `npm pack`, then installed into an empty project from the tarball and the local
// npm cache, offline. It must not bring the native canvas (chart rendering is an optional peer), and simulate() and
// `npx sqs-sim run --no-charts` must work there, giving the summary this checkout gives; `run` with charts writes
// everything but the PNGs and says so. Uses the built dist/.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { summaryJson } from "../../src/report/summary-json.js";
import { loadScenarioFile } from "../../src/scenario/load.js";
import { simulate } from "../../src/sim/simulate.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SETS = ["duration=10m", "seed=5"];
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

function run(command: string, args: string[], cwd: string) {
  const res = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_update_notifier: "false" } });
  return { status: res.status, out: res.stdout, err: res.stderr };
}

/**
 * The lockfile of a project that depends on the tarball: this checkout's lockfile entries for the package's runtime
 * dependencies (its non-dev entries), pinned with their integrity, so that npm installs from the tarballs in the local
 * cache alone (an offline install without a lockfile needs registry metadata that `npm ci` does not cache). npm
 * still checks the tree against the tarball's package.json: a dependency the lockfile lacks (canvas, when it was one)
 * is fetched, and offline, fails the install.
 */
function dependentLockfile(tarballName: string, tarball: Buffer): { lock: object; tarballs: string[] } {
  const ours = JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, any> };
  const { name, version, license, dependencies, peerDependencies, peerDependenciesMeta, engines, bin } = ours.packages[""];
  const runtime = Object.entries(ours.packages).filter(([at, p]) => at !== "" && !p.dev && !p.devOptional);
  const spec = `file:../${tarballName}`;
  const lock = {
    name: "app",
    lockfileVersion: 3,
    requires: true,
    packages: {
      "": { name: "app", dependencies: { [name]: spec } },
      [`node_modules/${name}`]: {
        version,
        resolved: spec,
        integrity: `sha512-${createHash("sha512").update(tarball).digest("base64")}`,
        license,
        dependencies,
        peerDependencies,
        peerDependenciesMeta,
        bin,
        engines,
      },
      ...Object.fromEntries(runtime),
    },
  };
  return { lock, tarballs: runtime.map(([, p]) => p.resolved as string) };
}

describe("the packed package installed as a dependency", () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "sqs-sim-packed-"));
  const app = path.join(tmp, "app");
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("installs offline without canvas, and simulate(), `npx sqs-sim run --no-charts` and `run` without its PNGs work", (ctx) => {
    // --ignore-scripts: npm test has just built dist/; `prepare` would build it again.
    const packed = run(NPM, ["pack", "--ignore-scripts", "--json", "--pack-destination", tmp], ROOT);
    expect(packed.status, packed.err).toBe(0);
    const tarball = path.join(tmp, (JSON.parse(packed.out) as { filename: string }[])[0]!.filename);
    const files = (JSON.parse(packed.out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        "LICENSE",
        "package.json",
        "dist/src/core.js",
        "dist/src/cli/main.js",
        "dist/cli/sqs-sim.mjs",
        "dist/playground/sim-worker.js",
        "scenarios/steady-orders.yaml",
        "scenarios/lessons/visibility-timeout.yaml",
      ]),
    );

    mkdirSync(app);
    const spec = `file:../${path.basename(tarball)}`;
    writeFileSync(path.join(app, "package.json"), `${JSON.stringify({ name: "app", private: true, type: "module", dependencies: { "sqs-sim": spec } })}\n`);
    const lockfile = dependentLockfile(path.basename(tarball), readFileSync(tarball));
    writeFileSync(path.join(app, "package-lock.json"), `${JSON.stringify(lockfile.lock, null, 2)}\n`);
    const installed = run(NPM, ["install", "--offline", "--prefer-offline", "--no-audit", "--no-fund"], app);
    // Offline, npm names what it would have fetched. A pinned tarball of a runtime dependency missing from the cache
    // skips the test (the cache is this machine's); anything else is a failure: registry metadata means npm wanted a
    // package the lockfile does not pin (canvas@3 for chartjs-node-canvas, when it was a dependency).
    const wanted = /request to (\S+) failed/.exec(installed.err)?.[1];
    if (installed.status !== 0 && wanted !== undefined && lockfile.tarballs.includes(wanted)) {
      ctx.skip(`the local npm cache lacks ${wanted}, a dependency of sqs-sim, and the install is offline`);
    }
    expect(installed.status, installed.err).toBe(0);
    const modules = path.join(app, "node_modules");
    expect(existsSync(path.join(modules, "sqs-sim/dist/src/index.js"))).toBe(true);
    expect(["canvas", "@napi-rs", "chartjs-node-canvas"].filter((m) => existsSync(path.join(modules, m)))).toEqual([]);

    const scenario = path.join(ROOT, "scenarios/steady-orders.yaml");
    const loaded = loadScenarioFile(scenario, { sets: SETS });
    if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
    const here = summaryJson(simulate(loaded.scenario).summary);

    const script = `import { loadScenarioFile, simulate } from "sqs-sim";
      import { summaryJson } from "sqs-sim/core";
      const loaded = loadScenarioFile(${JSON.stringify(scenario)}, { sets: ${JSON.stringify(SETS)} });
      process.stdout.write(summaryJson(simulate(loaded.scenario).summary));`;
    const library = run(process.execPath, ["--input-type=module", "-e", script], app);
    expect(library.err).toBe("");
    expect(library.out).toBe(here);

    const cli = run("npx", ["--offline", "sqs-sim", "run", scenario, "--no-charts", "--quiet", "--out", "out", ...SETS.flatMap((s) => ["--set", s])], app);
    expect(cli.err).toBe("");
    expect(cli.status).toBe(0);
    expect(readFileSync(path.join(app, "out/summary.json"), "utf8")).toBe(here);

    // With charts, the PNGs need the optional peer: everything else is written, one warning says how to get them.
    const charts = run("npx", ["--offline", "sqs-sim", "run", scenario, "--out", "with-charts", ...SETS.flatMap((s) => ["--set", s])], app);
    expect(charts.err).toBe(
      "sqs-sim: warning: the charts were not drawn as PNG images (charts/*.png): the optional package " +
        "chartjs-node-canvas cannot be loaded (Cannot find module 'chartjs-node-canvas'); report.html has the same charts, " +
        "drawn in the browser. To get the images: npm install chartjs-node-canvas, then `sqs-sim report with-charts`.\n",
    );
    expect(charts.status).toBe(0);
    expect(readdirSync(path.join(app, "with-charts")).sort()).toEqual([...readdirSync(path.join(app, "out")), "report.html", "report.md"].sort());
    expect(readFileSync(path.join(app, "with-charts/summary.json"), "utf8")).toBe(here);
  }, 180_000);
});
