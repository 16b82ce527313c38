// Where the optional chart packages (chartjs-node-canvas and its canvas) cannot be loaded, as in a project that
// installed sqs-sim as a dependency: run, report, compare and sweep write everything but the PNGs, say so once on
// stderr (with how to get them), and exit 0; --no-charts and --quiet stay silent. Nothing is uninstalled: the
// renderer's loader is replaced by one that throws as require does for a missing package.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replacePngRendererLoader } from "../../src/report/render-png.js";
import { cli, readTree, writeTiny } from "../sweep/helpers.js";
import { cliIn, PNG_SIGNATURE, tempDir, writeScenario } from "./cli-helpers.js";

const DATA_FILES = ["activities.csv", "latency-histograms.json", "scenario.json", "summary.json", "timeseries.csv"];
const CAUSE = "Cannot find module 'chartjs-node-canvas'";

function missingPackage(): never {
  throw Object.assign(new Error(`${CAUSE}\nRequire stack:\n- /somewhere/render-png.js`), { code: "MODULE_NOT_FOUND" });
}

/** The warning, whole: which package, why, what still holds the charts, and the command that draws the PNGs later. */
const warning = (then: string): string =>
  `sqs-sim: warning: the charts were not drawn as PNG images (charts/*.png): the optional package chartjs-node-canvas ` +
  `cannot be loaded (${CAUSE}); report.html has the same charts, drawn in the browser. To get the images: ` +
  `npm install chartjs-node-canvas, then ${then}.\n`;

describe("without the optional chart packages", () => {
  let dir: string;
  let file: string;
  let restore: () => void;
  beforeAll(() => {
    dir = tempDir();
    file = writeScenario(dir);
    restore = replacePngRendererLoader(missingPackage);
  });
  afterAll(() => restore());

  it("`run` writes the data files, report.html and report.md, warns once on stderr, and exits 0", async () => {
    const run = await cliIn(dir, ["run", file, "--out", "out"]);
    expect(run.err).toBe(warning("`sqs-sim report out`"));
    expect(run.code).toBe(0);
    expect(run.out).toContain("open out/report.html");
    expect(readdirSync(join(dir, "out")).sort()).toEqual([...DATA_FILES, "report.html", "report.md"].sort());
    const markdown = readFileSync(join(dir, "out", "report.md"), "utf8");
    expect(markdown).not.toContain(".png");
    expect(markdown).not.toContain("`charts/`");
    expect(markdown).toContain(
      "## Charts\n\nThe charts are not here as PNG images: the optional package chartjs-node-canvas " +
        "could not be loaded when this report was written. `report.html` draws them in the browser. To add the images, " +
        "`npm install chartjs-node-canvas` and draw the report again with `sqs-sim report <run-dir>`.\n",
    );
  });

  it("`run --no-charts` and `run --quiet` print nothing on stderr; --json keeps stdout to the summary", async () => {
    const bare = await cliIn(dir, ["run", file, "--out", "bare", "--no-charts", "--quiet"]);
    expect(bare).toEqual({ code: 0, out: "", err: "" });
    const noCharts = await cliIn(dir, ["run", file, "--out", "bare", "--no-charts"]);
    expect(noCharts.err).toBe("");
    const quiet = await cliIn(dir, ["run", file, "--out", "quiet", "--quiet"]);
    expect(quiet).toEqual({ code: 0, out: "", err: "" });
    expect(readdirSync(join(dir, "quiet"))).toContain("report.md");
    const json = await cliIn(dir, ["run", file, "--out", "json", "--json"]);
    expect(json.code).toBe(0);
    expect(json.out).toBe(`${JSON.stringify(JSON.parse(readFileSync(join(dir, "json", "summary.json"), "utf8")), null, 2)}\n`);
    expect(json.err).toBe(warning("`sqs-sim report json`"));
  });

  it("`report` and `compare` on runs without charts/ work, warn, and write no PNG", async () => {
    const again = await cliIn(dir, ["report", "out"]);
    expect(again.err).toBe(warning("`sqs-sim report out`"));
    expect(again.code).toBe(0);
    expect(readdirSync(join(dir, "out"))).not.toContain("charts");
    const copy = await cliIn(dir, ["report", "out", "--out", "copy"]);
    expect(copy.err).toBe(warning("`sqs-sim report copy`"));
    expect(copy.code).toBe(0);
    expect(readdirSync(join(dir, "copy")).sort()).toEqual([...DATA_FILES, "report.html", "report.md"].sort());
    const compared = await cliIn(dir, ["compare", "out", "bare", "--out", "both"]);
    expect(compared.err).toBe(warning("compare the runs again"));
    expect(compared.code).toBe(0);
    expect(readdirSync(join(dir, "both")).sort()).toEqual(["comparison.json", "report.html", "report.md"]);
    const markdown = readFileSync(join(dir, "both", "report.md"), "utf8");
    expect(markdown).not.toContain(".png");
    expect(markdown).toContain("To add the images, `npm install chartjs-node-canvas` and compare the runs again.");
  });

  it("a sweep and a merge write their results and report.html, warn, and exit 0", async () => {
    const tiny = writeTiny(dir);
    const sweep = await cli(dir, ["sweep", tiny, "--vary", "fleet.instances=1,2", "--seed", "3", "--workers", "1", "--out", "sweep"]);
    expect(sweep.err).toBe(warning("`sqs-sim report sweep`"));
    expect(sweep.code).toBe(0);
    expect(readdirSync(join(dir, "sweep")).sort()).toEqual(["cells", "report.html", "results.csv", "results.json", "sweep.json"]);
    const redrawn = await cli(dir, ["report", "sweep"]);
    expect(redrawn.err).toBe(warning("`sqs-sim report sweep`"));
    expect(redrawn.code).toBe(0);
    expect(readdirSync(join(dir, "sweep"))).not.toContain("charts");
    // Shards draw no report (no warning); their merge does.
    for (const shard of ["0/2", "1/2"]) {
      const part = await cli(dir, [
        "sweep",
        tiny,
        "--vary",
        "fleet.instances=1,2",
        "--seed",
        "3",
        "--workers",
        "1",
        "--shard",
        shard,
        "--out",
        `part-${shard[0]}`,
      ]);
      expect(part.err).toBe("");
    }
    const merged = await cli(dir, ["merge", "part-0", "part-1", "--out", "merged"]);
    expect(merged.err).toBe(warning("`sqs-sim report merged`"));
    expect(merged.code).toBe(0);
    expect(readdirSync(join(dir, "merged"))).toContain("report.html");
    expect(readdirSync(join(dir, "merged"))).not.toContain("charts");
  });

  it("once the packages load, `report` adds the PNGs, and report.html is the same as without them", async () => {
    const before = readTree(join(dir, "out"));
    restore();
    try {
      const redrawn = await cliIn(dir, ["report", "out"]);
      expect(redrawn.err).toBe("");
      expect(redrawn.code).toBe(0);
      const after = readTree(join(dir, "out"));
      expect(after["report.html"]).toBe(before["report.html"]);
      const pngs = readdirSync(join(dir, "out", "charts"));
      expect(pngs.length).toBeGreaterThan(0);
      for (const png of pngs) expect(readFileSync(join(dir, "out", "charts", png)).subarray(0, 8)).toEqual(PNG_SIGNATURE);
      expect(after["report.md"]).toContain(`](charts/${pngs[0]})`);
      expect(existsSync(join(dir, "sweep", "charts"))).toBe(false);
    } finally {
      restore = replacePngRendererLoader(missingPackage);
    }
  });
});

describe("with chartjs-node-canvas but without the canvas it requires when constructed", () => {
  it("`run` writes everything but the PNGs, names the missing canvas, and exits 0", async () => {
    const dir = tempDir();
    const file = writeScenario(dir);
    const restore = replacePngRendererLoader(
      () =>
        class {
          constructor() {
            throw new Error("Cannot find module 'canvas'\nRequire stack:\n- /somewhere/chartJSNodeCanvasBase.js");
          }
        } as never,
    );
    try {
      const run = await cliIn(dir, ["run", file, "--out", "out"]);
      expect(run.err).toBe(warning("`sqs-sim report out`").replace(CAUSE, "Cannot find module 'canvas'"));
      expect(run.code).toBe(0);
      expect(readdirSync(join(dir, "out")).sort()).toEqual([...DATA_FILES, "report.html", "report.md"].sort());
    } finally {
      restore();
    }
  });
});
