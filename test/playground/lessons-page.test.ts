// The playground's lessons in headless Chromium (issue 17): every lesson runs in the page as a student takes it —
// the lesson's scenario to its end, a prediction, the change, the run with it — and confirms its answer with the
// simulator's figures; a wrong prediction is told the answer. A screenshot of each lesson is kept in
// test-artifacts/playground/. The lesson's first run is the CLI's, seed for seed.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Browser, type Page } from "playwright-core";
import { haveChromium, launchChromium } from "../browser.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LESSONS } from "../../src/playground/lessons.js";
import { cliIn, tempDir } from "../cli/cli-helpers.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const ARTIFACTS = join(ROOT, "test-artifacts", "playground");

describe.skipIf(!haveChromium)("the playground's lessons in headless Chromium", () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    browser = await launchChromium();
    dir = tempDir();
    expect((await cliIn(dir, ["playground", "--out", "page.html"])).code).toBe(0);
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Opens a lesson by its link and runs it to the end, as it is: the figures "before". */
  async function openLesson(id: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(m.text());
    });
    await page.goto(`${pathToFileURL(join(dir, "page.html")).href}#lesson=${id}`);
    await page.waitForFunction(() => (globalThis as any).document.getElementById("clock").textContent.includes(" of "));
    await page.selectOption("#speed", "0");
    await page.click("#finish");
    await page.waitForFunction(() => (globalThis as any).document.getElementById("lesson-verdict").textContent.startsWith("Now pick"), null, {
      timeout: 60_000,
    });
    return { page, problems };
  }

  async function predictAndChange(page: Page, choice: number): Promise<string> {
    await page.check(`input[name="prediction"][value="${choice}"]`);
    await page.click("#lesson-apply");
    await page.waitForFunction(() => !(globalThis as any).document.getElementById("lesson-explanation").hidden, null, { timeout: 60_000 });
    return (await page.textContent("#lesson-verdict")) ?? "";
  }

  for (const lesson of LESSONS) {
    it(`${lesson.id}: runs, takes the prediction and confirms the answer with the figures`, async () => {
      const { page, problems } = await openLesson(lesson.id);
      expect(await page.textContent("#lesson-title")).toBe(lesson.title);
      // The change cannot be made before a prediction.
      expect(await page.isDisabled("#lesson-apply")).toBe(true);
      const verdict = await predictAndChange(page, lesson.answer);
      expect(verdict).toMatch(/^As you predicted\. The simulator shows /);
      for (const c of lesson.confirms) expect(verdict).toContain(c.path);
      expect(verdict).not.toContain("this run did not");
      // Every figure has a number before and after.
      const cells = await page.$$eval("#lesson-figures td", (tds) => tds.map((td) => (td as any).textContent as string));
      expect(cells.filter((_, i) => i % 3 !== 0).every((c) => /^-?[0-9,.e+-]+$/.test(c))).toBe(true);
      await page.locator("#messages").scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(ARTIFACTS, `${lesson.id}.png`), fullPage: true });
      await page.close();
      expect(problems).toEqual([]);
    });
  }

  it("a lesson picked while another's run is going gets none of its figures", async () => {
    const [first, second] = [LESSONS[1]!, LESSONS[2]!];
    const page = await browser.newPage();
    await page.goto(`${pathToFileURL(join(dir, "page.html")).href}#lesson=${first.id}`);
    await page.waitForFunction(() => (globalThis as any).document.getElementById("clock").textContent.includes(" of "));
    await page.selectOption("#speed", "0");
    await page.click("#finish");
    await page.selectOption("#lesson", second.id);
    // Once the worker is idle, every reply of the first lesson's run has landed (or been dropped).
    await page.waitForFunction(() => (globalThis as any).document.body.dataset.idle === "true");
    expect(await page.textContent("#lesson-title")).toBe(second.title);
    const before = await page.$$eval("#lesson-figures tr", (rows) => rows.map((r) => (r as any).children[1].textContent as string));
    expect(before.every((cell) => cell === "—")).toBe(true);
    expect(await page.isDisabled("#lesson-apply")).toBe(true);
    expect(await page.textContent("#summary")).toBe("");
    await page.close();
  });

  it("tells a wrong prediction the answer, and the lesson's first run is the CLI's for the scenario and seed", async () => {
    const lesson = LESSONS[0]!;
    const { page } = await openLesson(lesson.id);
    const cli = await cliIn(dir, ["run", join(ROOT, "scenarios", "lessons", lesson.scenarioFile), "--out", "run", "--quiet", "--no-charts"]);
    expect(cli.code).toBe(0);
    expect(await page.textContent("#summary")).toBe(readFileSync(join(dir, "run", "summary.json"), "utf8"));
    const wrong = (lesson.answer + 1) % lesson.choices.length;
    expect(await predictAndChange(page, wrong)).toContain(`Not what you predicted; the answer: ${lesson.choices[lesson.answer]}.`);
    // Another seed: the page's seed box, and the CLI's --seed, give the same summary.
    await page.fill("#seed", "7");
    await page.click("#restart");
    await page.click("#finish");
    await page.waitForFunction(() => (globalThis as any).document.getElementById("summary").textContent !== "", null, { timeout: 60_000 });
    const seeded = await cliIn(dir, [
      "run",
      join(ROOT, "scenarios", "lessons", lesson.scenarioFile),
      "--seed",
      "7",
      "--set",
      `${lesson.change.path}=${lesson.change.value}`,
      "--out",
      "run7",
      "--quiet",
      "--no-charts",
    ]);
    expect(seeded.code).toBe(0);
    expect(await page.textContent("#summary")).toBe(readFileSync(join(dir, "run7", "summary.json"), "utf8"));
    await page.close();
  });
});
