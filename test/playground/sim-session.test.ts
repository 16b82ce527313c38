// The playground's simulator side (issue 17): messages in, replies out; in Node here, and, bundled at build time,
// in a Web Worker of headless Chromium, where it must give the summary.json the CLI gives.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Browser } from "playwright-core";
import { haveChromium, launchChromium } from "../browser.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SimSession } from "../../src/playground/sim-session.js";
import { buildCharts } from "../../src/report/charts/index.js";
import { runData } from "../../src/report/run-data.js";
import { summaryJson } from "../../src/report/summary-json.js";
import { resolvedScenarioText } from "../../src/scenario/output.js";
import { loadScenarioFile } from "../../src/scenario/load.js";
import { simulate } from "../../src/sim/simulate.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BUNDLE = `${ROOT}dist/playground/sim-worker.js`;

function cliSummary(file: string, sets: string[]): string {
  const loaded = loadScenarioFile(`${ROOT}scenarios/${file}`, { sets });
  if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
  return summaryJson(simulate(loaded.scenario).summary);
}

describe("SimSession", () => {
  it("loads, steps, advances and finishes with the CLI's summary", () => {
    const session = new SimSession();
    const text = readFileSync(`${ROOT}scenarios/visibility-timeout-too-short.yaml`, "utf8");
    const loaded = session.handle({ type: "load", text, sets: ["duration=10m"], seed: 3 });
    expect(loaded).toMatchObject({ type: "loaded", name: "visibility-timeout-too-short", endS: 600 });
    // The figures the scenario has, as controls (its fixed fleet has instances, not an ASG's min and max).
    const paths = loaded.type === "loaded" ? loaded.controls.flatMap((c) => (c.kind === "number" ? [`${c.path}=${c.value}`] : [])) : [];
    expect(paths).toContain("queue.visibilityTimeout=30");
    expect(paths).toContain("fleet.instances=5");
    // Its consumers long-poll for 20 s: that wait is the control, not the queue's default that they override.
    expect(paths).toContain("consumers.waitTime=20");
    expect(paths.some((p) => p.startsWith("queue.receiveWaitTime"))).toBe(false);
    // Its processing is lognormal (median 20 s, p99 60 s): those two, not an exponential's mean.
    expect(paths).toEqual(expect.arrayContaining(["consumers.processing.lognormal.median=20", "consumers.processing.lognormal.p99=60"]));
    expect(paths.some((p) => p.startsWith("consumers.processing.exponential"))).toBe(false);
    expect(paths.some((p) => p.startsWith("fleet.max="))).toBe(false);
    const stepped = session.handle({ type: "step" });
    expect(stepped.type === "view" && stepped.view.events).toBe(1);
    const at = session.handle({ type: "advance", toS: 120 });
    expect(at).toMatchObject({ type: "view", done: false, view: { nowS: 120 } });
    const done = session.handle({ type: "finish" });
    expect(done.type === "finished" && done.summaryJson).toBe(cliSummary("visibility-timeout-too-short.yaml", ["duration=10m", "seed=3"]));
  });

  it("draws the report's charts over time from the run so far, and at the end exactly the report's", () => {
    const session = new SimSession();
    const text = readFileSync(`${ROOT}scenarios/visibility-timeout-too-short.yaml`, "utf8");
    const sets = ["duration=10m", "metrics.period=30s", "seed=3"];
    session.handle({ type: "load", text, sets });
    session.handle({ type: "advance", toS: 95 });
    const early = session.handle({ type: "charts" });
    if (early.type !== "charts") throw new Error(JSON.stringify(early));
    const queue = early.charts.find((c) => c.id === "queue")!;
    // Three periods of 30 s have ended by 95 s: a point at 30, 60 and 90 s in each line.
    const xs = (queue.config.data.datasets[0]!.data as { x: number }[]).map((p) => p.x);
    expect(xs).toEqual([30, 60, 90]);
    const cost = early.charts.find((c) => c.id === "cost")!;
    expect(cost.howToRead).toContain("So far: compute");
    session.handle({ type: "finish" });
    const late = session.handle({ type: "charts" });
    if (late.type !== "charts") throw new Error(JSON.stringify(late));
    const loaded = loadScenarioFile(`${ROOT}scenarios/visibility-timeout-too-short.yaml`, { sets });
    if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
    const report = buildCharts(runData(simulate(loaded.scenario), loaded.scenario, resolvedScenarioText(loaded.scenario)));
    const ids = late.charts.map((c) => c.id);
    expect(ids).toEqual(["queue", "waiting", "throughput", "dead-letters", "cost"]);
    expect(late.charts).toEqual(report.filter((c) => ids.includes(c.id)));
  });

  it("offers controls whose every flag loads: each choice's options and each figure doubled, for every shipped scenario and lesson", () => {
    // The trace files the shipped scenarios replay (nasa-kennedy-trace.yaml reads ../shared, which a clone may lack).
    const traces = Object.fromEntries(
      readdirSync(`${ROOT}scenarios/traces`)
        .filter((f) => f.endsWith(".csv"))
        .map((f) => [`traces/${f}`, readFileSync(`${ROOT}scenarios/traces/${f}`, "utf8")]),
    );
    const files = [
      ...readdirSync(`${ROOT}scenarios/lessons`).map((f) => `lessons/${f}`),
      ...readdirSync(`${ROOT}scenarios`).filter((f) => f.endsWith(".yaml") && f !== "nasa-kennedy-trace.yaml"),
    ];
    expect(files.length).toBeGreaterThan(20);
    const load = (text: string, sets: string[]) => new SimSession().handle({ type: "load", text, sets: ["duration=1m", ...sets], traces });
    for (const file of files) {
      const text = readFileSync(`${ROOT}scenarios/${file}`, "utf8");
      const loaded = load(text, []);
      if (loaded.type !== "loaded") throw new Error(`${file}: ${JSON.stringify(loaded)}`);
      const choices = loaded.controls.filter((c) => c.kind === "choice");
      expect(choices.map((c) => c.id).filter((id) => id !== "heartbeat")).toEqual(["queueType", "platform"]);
      for (const choice of choices) {
        // The scenario's own option changes nothing; every other one loads and is then the run's.
        expect(choice.options[choice.value]!.sets, `${file} ${choice.id}`).toEqual([]);
        choice.options.forEach((option, i) => {
          const again = load(text, option.sets);
          if (again.type !== "loaded") throw new Error(`${file} ${choice.id} ${option.label}: ${JSON.stringify(again)}`);
          expect(again.controls.find((c) => c.kind === "choice" && c.id === choice.id)?.value, `${file} ${choice.id} ${i}`).toBe(i);
        });
      }
      // A figure set as the page sets it (a constant's parent path where a file may write it short, "100ms") reads
      // back as that figure.
      for (const c of loaded.controls) {
        if (c.kind !== "number") continue;
        const value = Math.max(c.min, c.value ?? c.min);
        const flag = `${c.setPath ?? c.path}=${value}${c.unit === "s" ? "s" : ""}`;
        const again = load(text, [flag]);
        if (again.type !== "loaded") throw new Error(`${file} ${flag}: ${JSON.stringify(again)}`);
        expect(again.controls.find((d) => d.kind === "number" && d.path === c.path)?.value, `${file} ${flag}`).toBe(value);
      }
    }
  });

  it("says when the FIFO choice drops the producers' own delays", () => {
    const loaded = new SimSession().handle({ type: "load", text: readFileSync(`${ROOT}scenarios/delay-queue.yaml`, "utf8") });
    if (loaded.type !== "loaded") throw new Error(JSON.stringify(loaded));
    const choice = loaded.controls.find((c) => c.kind === "choice" && c.id === "queueType");
    expect(choice?.kind === "choice" && choice.options[1]!.label).toContain("the producers' own delays dropped");
    expect(choice?.kind === "choice" && choice.options[1]!.sets).toContain("producers.1.delay=null");
  });

  it("builds the heartbeat from the visibility timeout in effect, and offers a Lambda pool its own figures", () => {
    const text = readFileSync(`${ROOT}scenarios/visibility-timeout-too-short.yaml`, "utf8");
    const loaded = new SimSession().handle({ type: "load", text, sets: ["queue.visibilityTimeout=6s"] });
    if (loaded.type !== "loaded") throw new Error(JSON.stringify(loaded));
    const heartbeat = loaded.controls.find((c) => c.kind === "choice" && c.id === "heartbeat");
    expect(heartbeat?.kind === "choice" && heartbeat.options[1]!.sets).toEqual(["consumers.heartbeat={every: 2s, extendBy: 6s}"]);
    const lambda = new SimSession().handle({ type: "load", text: readFileSync(`${ROOT}scenarios/lambda-reserved-concurrency-trap.yaml`, "utf8") });
    if (lambda.type !== "loaded") throw new Error(JSON.stringify(lambda));
    const paths = lambda.controls.flatMap((c) => (c.kind === "number" ? [c.path] : [c.id]));
    expect(paths).toEqual(
      expect.arrayContaining(["consumers.lambda.batchSize", "consumers.lambda.reservedConcurrency", "consumers.lambda.maximumConcurrency"]),
    );
    // The trap leaves MaximumConcurrency out: an empty box (no limit), which its Compare line turns.
    const max = lambda.controls.find((c) => c.kind === "number" && c.path === "consumers.lambda.maximumConcurrency");
    expect(max?.kind === "number" && max.value).toBeNull();
    // An EC2 scenario made a Lambda pool is offered Lambda's figures at their defaults.
    const made = new SimSession().handle({ type: "load", text, sets: ["consumers.platform=lambda"] });
    if (made.type !== "loaded") throw new Error(JSON.stringify(made));
    expect(made.controls.find((c) => c.kind === "number" && c.path === "consumers.lambda.batchSize")).toMatchObject({ value: 10 });
    for (const unused of ["consumers.concurrency", "consumers.batchSize", "consumers.waitTime", "heartbeat"]) expect(paths).not.toContain(unused);
  });

  it("answers a bad scenario or a message out of turn with errors, not a throw", () => {
    const session = new SimSession();
    const none = { type: "error", errors: ['no scenario is loaded (or the last one was refused): send { type: "load" } first'] };
    expect(session.handle({ type: "step" })).toEqual(none);
    const text = readFileSync(`${ROOT}scenarios/visibility-timeout-too-short.yaml`, "utf8");
    expect(session.handle({ type: "load", text }).type).toBe("loaded");
    const bad = session.handle({ type: "load", text, sets: ["duration=-5m"] });
    expect(bad.type).toBe("error");
    expect(bad.type === "error" && bad.errors.join("\n")).toMatch(/playground\.yaml: duration/);
    // The refused load leaves no run behind to step or finish: the page shows what it refused, not the run before.
    expect(session.handle({ type: "advance", toS: 60 })).toEqual(none);
    expect(session.handle({ type: "finish" })).toEqual(none);
  });
});

describe.skipIf(!haveChromium || !existsSync(BUNDLE))("the playground's worker in headless Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("runs the scenario in a Web Worker, step by step and to the end, with the CLI's summary.json", async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(m.text());
    });
    const text = readFileSync(`${ROOT}scenarios/fifo-hot-group.yaml`, "utf8");
    const replies = await page.evaluate(
      async ({ bundle, text }) => {
        // The page's Worker (the tests compile without the DOM's types).
        const WorkerClass = (globalThis as any).Worker;
        const worker = new WorkerClass(URL.createObjectURL(new Blob([bundle], { type: "text/javascript" })));
        const ask = (message: unknown) =>
          new Promise<any>((resolve) => {
            worker.onmessage = (event: { data: unknown }) => resolve(event.data);
            worker.postMessage(message);
          });
        const out = [await ask({ type: "load", text, sourceName: "fifo-hot-group.yaml", sets: ["duration=15m"], seed: 12 })];
        out.push(await ask({ type: "step" }), await ask({ type: "advance", toS: 60 }), await ask({ type: "finish" }));
        worker.terminate();
        return out;
      },
      { bundle: readFileSync(BUNDLE, "utf8"), text },
    );
    await page.close();
    expect(problems).toEqual([]);
    expect(replies.map((r: { type: string }) => r.type)).toEqual(["loaded", "view", "view", "finished"]);
    expect(replies[1].view.events).toBe(1);
    expect(replies[2].view.nowS).toBe(60);
    expect(replies[3].summaryJson).toBe(cliSummary("fifo-hot-group.yaml", ["duration=15m", "seed=12"]));
  });
});
