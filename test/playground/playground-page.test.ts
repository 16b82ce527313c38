// `sqs-sim playground` (issue 17, first version): the page opens from disk with no network request, steps and plays
// the scenario in a Web Worker, and ends with the CLI's summary.json; bad input is refused before a page is written.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Browser } from "playwright-core";
import { haveChromium, launchChromium } from "../browser.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliIn, tempDir, writeScenario } from "../cli/cli-helpers.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SHORT = `name: short
duration: 10m
seed: 4
queue: { visibilityTimeout: 30s, receiveWaitTime: 20s }
producers: [ { name: p, traffic: [ { constant: 2 } ] } ]
consumers: { concurrency: 2, processing: { exponential: { mean: 500ms } } }
fleet: { kind: fixed, instances: 1 }
`;

describe("sqs-sim playground", () => {
  it("refuses a scenario that would not run, writing nothing", async () => {
    const dir = tempDir();
    writeScenario(dir, SHORT.replace("duration: 10m", "duration: -1m"), "bad.yaml");
    const bad = await cliIn(dir, ["playground", "bad.yaml", "--out", "p.html"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/bad\.yaml: duration/);
    writeScenario(
      dir,
      `${SHORT}`.replace("[ { constant: 2 } ]", "[ { trace: { file: missing.csv, timeColumn: offset_s, countColumn: count } } ]"),
      "trace.yaml",
    );
    const missing = await cliIn(dir, ["playground", "trace.yaml", "--out", "p.html"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/trace\.yaml: producers\.0\.traffic\.0\.trace\.file: cannot read missing\.csv/);
    expect(existsSync(join(dir, "p.html"))).toBe(false);
  });
});

describe.skipIf(!haveChromium)("the playground page in headless Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("opens from a file with no network request, steps by an event and a minute, and plays to the CLI's summary", async () => {
    const dir = tempDir();
    writeScenario(dir, SHORT, "short.yaml");
    const made = await cliIn(dir, ["playground", "short.yaml", "--out", "page.html"]);
    expect(made).toMatchObject({ code: 0, out: "playground: page.html\n" });
    expect((await cliIn(dir, ["run", "short.yaml", "--out", "run", "--quiet", "--no-charts"])).code).toBe(0);
    const cli = readFileSync(join(dir, "run", "summary.json"), "utf8");

    const page = await browser.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(m.text());
    });
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(join(dir, "page.html")).href);
    await page.waitForFunction(() => (globalThis as any).document.getElementById("clock").textContent.includes("of 10 min"));
    await page.click("#step-event");
    await page.waitForFunction(() => (globalThis as any).document.getElementById("g-events").textContent === "1");
    await page.click("#step-minute");
    await page.waitForFunction(() => (globalThis as any).document.getElementById("clock").textContent.startsWith("1 min"));
    expect(Number(await page.textContent("#g-sent"))).toBeGreaterThan(100);
    await page.click("#step-second");
    await page.waitForFunction(() => (globalThis as any).document.getElementById("clock").textContent.startsWith("1 min 1.0 s"));
    // Play at real time, then pause: the clock moved on, and stays where the pause left it.
    const clockS = async () => {
      const m = /^(\d+) min ([0-9.]+) s/.exec((await page.textContent("#clock")) ?? "");
      return m === null ? Number.NaN : Number(m[1]) * 60 + Number(m[2]);
    };
    await page.selectOption("#speed", "1");
    await page.click("#play");
    await page.waitForFunction(() => !(globalThis as any).document.getElementById("clock").textContent.startsWith("1 min 1.0 s"));
    await page.click("#play");
    // A reply already asked for may still land: then nothing more is asked.
    await page.waitForFunction(() => (globalThis as any).document.body.dataset.idle === "true");
    const paused = await clockS();
    expect(paused).toBeGreaterThan(61);
    await page.waitForTimeout(500);
    expect(await clockS()).toBe(paused);
    // The report's charts over time, drawn from the minute so far: the queue chart among them, with a canvas.
    await page.waitForFunction(() => Number((globalThis as any).document.body.dataset.charts) > 0);
    expect(await page.$("#live-queue canvas")).not.toBeNull();
    // The keyboard: "s" is +1 s, "m" +1 min, "l" large type (the charts drawn again with larger fonts).
    await page.click("h1");
    // The clock shows a tenth of a second: each step is read back to within the clock's rounding, twice over.
    await page.keyboard.press("s");
    await expect.poll(async () => Math.abs((await clockS()) - (paused + 1)) <= 0.11, { timeout: 30_000 }).toBe(true);
    await page.keyboard.press("m");
    await expect.poll(async () => Math.abs((await clockS()) - (paused + 61)) <= 0.11, { timeout: 30_000 }).toBe(true);
    await page.keyboard.press("l");
    expect(await page.evaluate(() => (globalThis as any).document.body.classList.contains("large"))).toBe(true);
    await page.waitForFunction(() => Number((globalThis as any).document.body.dataset.charts) > 0);
    await page.selectOption("#speed", "0");
    await page.click("h1");
    await page.keyboard.press(" ");
    await page.waitForFunction(() => (globalThis as any).document.getElementById("summary").textContent !== "", null, { timeout: 30_000 });
    expect(await page.textContent("#summary")).toBe(cli);
    // Play at the end plays nothing: the button stays "Play" (a step asked after it is answered, and still nothing).
    await page.click("#play");
    await page.click("#step-event");
    await page.waitForFunction(() => (globalThis as any).document.body.dataset.idle === "true");
    expect(await page.textContent("#play")).toBe("Play");
    expect(await page.textContent("#summary")).toBe(cli);
    await page.close();
    expect(problems).toEqual([]);
    expect(requests.filter((u) => !u.startsWith("file:") && !u.startsWith("blob:"))).toEqual([]);
  });

  it("draws each message as a dot whose counts, at the end, are the summary's; hovering one shows its history", async () => {
    const dir = tempDir();
    // 3 min at 2 msg/s: about 360 messages, all traced; a visibility timeout of 1 s against 500 ms jobs redelivers some.
    writeScenario(dir, SHORT.replace("duration: 10m", "duration: 3m").replace("visibilityTimeout: 30s", "visibilityTimeout: 1s"), "short.yaml");
    expect((await cliIn(dir, ["playground", "short.yaml", "--out", "page.html"])).code).toBe(0);
    expect((await cliIn(dir, ["run", "short.yaml", "--out", "run", "--quiet", "--no-charts"])).code).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, "run", "summary.json"), "utf8"));
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(pathToFileURL(join(dir, "page.html")).href);
    await page.waitForFunction(() => (globalThis as any).document.getElementById("clock").textContent.includes("of 3 min"));
    await page.click("#step-second");
    await page.waitForFunction(() => (globalThis as any).document.getElementById("clock").textContent.startsWith("1.000 s"));
    // Message 1 was sent in the first second: a dot somewhere; hovering over it shows its history.
    await page.locator("#messages").scrollIntoViewIfNeeded();
    const dot = await page.evaluate(() => {
      const canvas = (globalThis as any).document.getElementById("messages");
      const rect = canvas.getBoundingClientRect();
      return { x: rect.left, y: rect.top, w: rect.width, h: rect.height };
    });
    // The first dot of each place's column sits 12 px in from its left edge and 42 px down (the view's grid, at its
    // widest spacing of 16 px while few messages share a place): message 1 is in one of them.
    // The dots take a few frames to move where they are, and the history a reply: tried again until one shows.
    let shown = "";
    for (let attempt = 0; attempt < 50 && shown === ""; attempt++) {
      for (const edge of [0, 0.13, 0.41, 0.63, 0.78, 0.9]) {
        await page.mouse.move(dot.x + edge * dot.w + 12, dot.y + 42);
        await page.waitForTimeout(50);
        if (await page.isVisible("#message-tip")) {
          shown = (await page.textContent("#message-tip")) ?? "";
          break;
        }
      }
    }
    expect(shown).toMatch(/^message \d+: .*\n(waited in the queue .*\n)?[0-9.]+ s {2}sent/);
    await page.fill("#message-id", "1");
    await page.click("#message-show");
    await page.waitForFunction(() => (globalThis as any).document.getElementById("message-history").textContent !== "");
    expect(await page.textContent("#message-history")).toMatch(/^message 1: .*\nwaited in the queue [0-9.]+ s before its receive.*\n0\.\d+ s {2}sent/);
    await page.click("#finish");
    await page.waitForFunction(() => (globalThis as any).document.getElementById("summary").textContent !== "", null, { timeout: 30_000 });
    const count = async (place: string) => Number(await page.textContent(`#mv-${place}`));
    expect(summary.messages.sent).toBeLessThanOrEqual(500);
    expect(summary.messages.redelivered).toBeGreaterThan(0);
    expect({
      deleted: await count("deleted"),
      deadLettered: await count("deadLettered"),
      expired: await count("expired"),
      visible: await count("visible"),
      inFlight: await count("inFlight"),
      delayed: await count("delayed"),
    }).toEqual({
      deleted: summary.messages.deleted,
      deadLettered: summary.messages.deadLettered,
      expired: summary.messages.expired,
      visible: summary.messages.remaining.visible,
      inFlight: summary.messages.remaining.inFlight,
      delayed: summary.messages.remaining.delayed,
    });
    await page.close();
  });

  it("carries the trace files a scenario replays, and ends with the CLI's summary for it", async () => {
    const dir = tempDir();
    const scenario = join(ROOT, "scenarios/trace-replay.yaml");
    expect((await cliIn(dir, ["playground", scenario, "--out", "page.html"])).code).toBe(0);
    expect((await cliIn(dir, ["run", scenario, "--out", "run", "--quiet", "--no-charts"])).code).toBe(0);
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(dir, "page.html")).href);
    await page.waitForFunction(() => (globalThis as any).document.getElementById("clock").textContent.includes(" of "));
    await page.click("#finish");
    await page.waitForFunction(() => (globalThis as any).document.getElementById("summary").textContent !== "", null, { timeout: 30_000 });
    expect(await page.textContent("#summary")).toBe(readFileSync(join(dir, "run", "summary.json"), "utf8"));
    // A trace the page has no copy of (the scenario's text edited to name another) is refused there, by its field.
    await page.fill("#scenario", readFileSync(scenario, "utf8").replace("file: traces/sample-per-minute.csv", "file: traces/other.csv"));
    await page.click("#restart");
    await page.waitForFunction(() => (globalThis as any).document.getElementById("errors").textContent !== "");
    expect(await page.textContent("#errors")).toMatch(/producers\.0\.traffic\.0\.trace\.file: cannot read traces\/other\.csv \(ENOENT\)/);
    await page.close();
  });

  it("drops what a restarted run asked for: no old summary, no old end, and a refused scenario stays refused", async () => {
    const dir = tempDir();
    // A day of 300 msg/s: far more work than the test waits for, so that a pause lands long before the end.
    writeScenario(
      dir,
      SHORT.replace("duration: 10m", "duration: 24h")
        .replace("constant: 2", "constant: 300")
        .replace("concurrency: 2, processing: { exponential: { mean: 500ms } }", "concurrency: 4, batchSize: 10, processing: { exponential: { mean: 5ms } }")
        .replace("instances: 1", "instances: 2"),
      "long.yaml",
    );
    expect((await cliIn(dir, ["playground", "long.yaml", "--out", "page.html"])).code).toBe(0);
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(pathToFileURL(join(dir, "page.html")).href);
    await page.waitForFunction(() => (globalThis as any).document.getElementById("clock").textContent.includes(" of 24 h"));
    // Run to the end, and restart at once: the new run starts at 0 with no summary, however the old replies land. A
    // step asked after the restart is answered after everything before it: one event, at the start.
    await page.click("#finish");
    await page.waitForFunction(() => !(globalThis as any).document.getElementById("clock").textContent.startsWith("0.000 s"));
    await page.click("#restart");
    await page.click("#step-event");
    await page.waitForFunction(() => (globalThis as any).document.getElementById("g-events").textContent === "1");
    expect(await page.textContent("#summary")).toBe("");
    expect(await page.textContent("#clock")).toMatch(/^0\.\d+ s of 24 h/);
    // Play as fast as it goes, then pause: it stops short of the end (it runs in slices).
    await page.selectOption("#speed", "0");
    await page.click("#play");
    await page.waitForFunction(() => !(globalThis as any).document.getElementById("clock").textContent.startsWith("0.000 s"));
    await page.click("#play");
    expect(await page.textContent("#play")).toBe("Play");
    // Once the slice in flight has landed, nothing more is asked: a step then moves the run by exactly one event.
    const idle = () => page.waitForFunction(() => (globalThis as any).document.body.dataset.idle === "true");
    await idle();
    const events = Number(await page.textContent("#g-events"));
    await page.click("#step-event");
    await page.waitForFunction((n) => Number((globalThis as any).document.getElementById("g-events").textContent) !== n, events);
    await idle();
    expect(Number(await page.textContent("#g-events"))).toBe(events + 1);
    expect(await page.textContent("#summary")).toBe("");
    // A figure the scenario refuses: the error stays, and steps do nothing until a good value is back.
    const batch = 'input[data-path="consumers.batchSize"]';
    await page.fill(batch, "11");
    await page.dispatchEvent(batch, "change");
    await page.waitForFunction(() => (globalThis as any).document.getElementById("errors").textContent.includes("consumers.batchSize"));
    await page.click("#step-minute");
    await page.click("#finish");
    await page.waitForFunction(() => (globalThis as any).document.body.dataset.idle === "true");
    expect(await page.textContent("#errors")).toContain("consumers.batchSize");
    expect(await page.textContent("#summary")).toBe("");
    await page.fill(batch, "");
    await page.dispatchEvent(batch, "change");
    await page.waitForFunction(() => (globalThis as any).document.getElementById("errors").textContent === "");
    await page.click("#step-minute");
    await page.waitForFunction(() => (globalThis as any).document.getElementById("clock").textContent.startsWith("1 min 0.0 s"));
    await page.close();
    expect(problems).toEqual([]);
  });

  it("offers the scenario's figures as controls: a change restarts the run, which ends with the CLI's summary for that --set", async () => {
    const dir = tempDir();
    writeScenario(dir, SHORT, "short.yaml");
    expect((await cliIn(dir, ["playground", "short.yaml", "--out", "page.html"])).code).toBe(0);
    expect((await cliIn(dir, ["run", "short.yaml", "--set", "queue.visibilityTimeout=2s", "--out", "run", "--quiet", "--no-charts"])).code).toBe(0);
    const cli = readFileSync(join(dir, "run", "summary.json"), "utf8");
    expect((await cliIn(dir, ["run", "short.yaml", "--out", "run0", "--quiet", "--no-charts"])).code).toBe(0);
    // The change alters the figures: 2 s of visibility against 500 ms jobs redelivers some.
    expect(cli).not.toBe(readFileSync(join(dir, "run0", "summary.json"), "utf8"));
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(dir, "page.html")).href);
    const control = 'input[data-path="queue.visibilityTimeout"]';
    await page.waitForSelector(control);
    expect(await page.inputValue(control)).toBe("30");
    // A fixed fleet has no min or max: no control for them.
    expect(await page.$('input[data-path="fleet.max"]')).toBeNull();
    await page.fill(control, "2");
    await page.dispatchEvent(control, "change");
    await page.selectOption("#speed", "0");
    await page.click("#play");
    await page.waitForFunction(() => (globalThis as any).document.getElementById("summary").textContent !== "", null, { timeout: 30_000 });
    expect(await page.textContent("#summary")).toBe(cli);

    // Choices: a heartbeat on (from the 2 s visibility timeout in effect: every third of it, by all of it), and a
    // FIFO queue (ten message groups for a producer that names none): the CLI's summary for the same flags.
    const sets = [
      "queue.visibilityTimeout=2s",
      "consumers.heartbeat={every: 0.667s, extendBy: 2s}",
      "queue.type=fifo",
      "queue.duplicateDeliveryRate=null",
      "queue.shortPollServers=null",
      "queue.shortPollMessageWeight=null",
      "producers.0.messageGroups={count: 10}",
    ];
    expect((await cliIn(dir, ["run", "short.yaml", ...sets.flatMap((s) => ["--set", s]), "--out", "run2", "--quiet", "--no-charts"])).code).toBe(0);
    await page.selectOption('select[data-choice="heartbeat"]', "1");
    await page.waitForFunction(() => (globalThis as any).document.getElementById("clock").textContent.startsWith("0.000 s"));
    await page.waitForSelector('select[data-choice="queueType"]');
    await page.selectOption('select[data-choice="queueType"]', "1");
    await page.waitForSelector('input[data-path="producers.0.messageGroups.count"]');
    expect(await page.inputValue('select[data-choice="heartbeat"]')).toBe("1");
    await page.click("#finish");
    await page.waitForFunction(() => (globalThis as any).document.getElementById("summary").textContent !== "", null, { timeout: 30_000 });
    expect(await page.textContent("#summary")).toBe(readFileSync(join(dir, "run2", "summary.json"), "utf8"));
    await page.close();

    // The other order: heartbeat on first (from the 30 s timeout), then the timeout to 2 s: the heartbeat follows it.
    const again = await browser.newPage();
    await again.goto(pathToFileURL(join(dir, "page.html")).href);
    await again.waitForSelector('select[data-choice="heartbeat"]');
    await again.selectOption('select[data-choice="heartbeat"]', "1");
    await again.waitForFunction(
      () => (globalThis as any).document.querySelector('select[data-choice="heartbeat"] option[value="1"]').textContent === "on: every 10 s, by 30 s",
    );
    await again.fill(control, "2");
    await again.dispatchEvent(control, "change");
    await again.waitForFunction(
      () => (globalThis as any).document.querySelector('select[data-choice="heartbeat"] option[value="1"]').textContent === "on: every 0.667 s, by 2 s",
    );
    const hb = ["queue.visibilityTimeout=2s", "consumers.heartbeat={every: 0.667s, extendBy: 2s}"];
    expect((await cliIn(dir, ["run", "short.yaml", ...hb.flatMap((s) => ["--set", s]), "--out", "run3", "--quiet", "--no-charts"])).code).toBe(0);
    await again.click("#finish");
    await again.waitForFunction(() => (globalThis as any).document.getElementById("summary").textContent !== "", null, { timeout: 30_000 });
    expect(await again.textContent("#summary")).toBe(readFileSync(join(dir, "run3", "summary.json"), "utf8"));
    await again.close();
  });
});
