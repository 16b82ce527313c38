// The playground's lessons (issue 17): each lesson's scenario loads and runs, as shipped and with its one change, and
// what the lesson says the student will see (its `confirms`, and so its answer) is what the simulator does.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { figureAt, holds, type Lesson } from "../../src/playground/lesson-types.js";
import { LESSONS } from "../../src/playground/lessons.js";
import { summaryJson } from "../../src/report/summary-json.js";
import { loadScenarioFile } from "../../src/scenario/index.js";
import { simulate } from "../../src/sim/simulate.js";

const dir = resolve(import.meta.dirname, "../../scenarios/lessons");

function changeFlag(lesson: Lesson): string {
  return `${lesson.change.path}=${lesson.change.value}`;
}

/** The lesson's scenario, loaded as shipped or with the change, and its run's summary.json, parsed. */
function run(lesson: Lesson, sets: string[]): { resolvedText: string; summary: unknown } {
  const loaded = loadScenarioFile(join(dir, lesson.scenarioFile), { sets });
  if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
  return { resolvedText: loaded.resolvedText, summary: JSON.parse(summaryJson(simulate(loaded.scenario).summary)) };
}

/** Messages sent and not accounted for at the end: 0 when the run conserves them. */
function unaccounted(summary: unknown): number {
  const at = (path: string): number => figureAt(summary, `messages.${path}`) ?? NaN;
  return at("sent") - (at("deleted") + at("deadLettered") + at("expired") + at("remaining.visible") + at("remaining.inFlight") + at("remaining.delayed"));
}

describe("the playground's lessons", () => {
  it("there are the six the issue asks for, with unique ids of lowercase letters, digits and dashes", () => {
    expect(LESSONS).toHaveLength(6);
    const ids = LESSONS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+$/);
  });

  it("every file under scenarios/lessons/ is a lesson's, named as its file, described, with the command that runs it", () => {
    const files = readdirSync(dir).filter((f) => f.endsWith(".yaml"));
    expect(files.sort()).toEqual(LESSONS.map((l) => l.scenarioFile).sort());
    for (const file of files) {
      const loaded = loadScenarioFile(join(dir, file));
      if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
      expect(`${loaded.scenario.name}.yaml`).toBe(file);
      expect(loaded.scenario.description?.length ?? 0).toBeGreaterThan(40);
      expect(readFileSync(join(dir, file), "utf8")).toMatch(new RegExp(`^# Run: +npx sqs-sim run scenarios/lessons/${file}\n`));
    }
  });

  for (const lesson of LESSONS) {
    describe(lesson.id, () => {
      it("asks a question with 3 or 4 choices, an answer among them, and shows 2 to 5 figures", () => {
        expect(lesson.choices.length).toBeGreaterThanOrEqual(3);
        expect(lesson.choices.length).toBeLessThanOrEqual(4);
        expect(Number.isInteger(lesson.answer)).toBe(true);
        expect(lesson.answer).toBeGreaterThanOrEqual(0);
        expect(lesson.answer).toBeLessThan(lesson.choices.length);
        expect(lesson.figures.length).toBeGreaterThanOrEqual(2);
        expect(lesson.figures.length).toBeLessThanOrEqual(5);
        expect(lesson.confirms.length).toBeGreaterThan(0);
        for (const text of [lesson.title, lesson.watch, lesson.question, lesson.explanation, lesson.change.words]) expect(text.trim()).not.toBe("");
      });

      it("its scenario file exists and loads", () => {
        expect(existsSync(join(dir, lesson.scenarioFile)), lesson.scenarioFile).toBe(true);
        const loaded = loadScenarioFile(join(dir, lesson.scenarioFile));
        expect(loaded.ok ? [] : loaded.errors).toEqual([]);
      });

      it(`before and after ${changeFlag(lesson)}, the figures exist and move as the lesson says`, () => {
        const before = run(lesson, []);
        const after = run(lesson, [changeFlag(lesson)]);
        // The change reaches the scenario: the resolved scenario it runs is not the one before.
        expect(after.resolvedText).not.toBe(before.resolvedText);
        // Small enough to watch in a browser, message by message, and every message accounted for.
        for (const { summary } of [before, after]) {
          expect(figureAt(summary, "durationSeconds")).toBeLessThanOrEqual(2 * 3600);
          expect(figureAt(summary, "messages.sent")).toBeLessThanOrEqual(5000);
          expect(unaccounted(summary)).toBe(0);
        }
        for (const figure of lesson.figures) {
          expect(figureAt(before.summary, figure.path), `${figure.path} before`).toBeTypeOf("number");
          expect(figureAt(after.summary, figure.path), `${figure.path} after`).toBeTypeOf("number");
        }
        for (const { path, relation } of lesson.confirms) {
          const b = figureAt(before.summary, path);
          const a = figureAt(after.summary, path);
          expect(b, `${path} before`).toBeTypeOf("number");
          expect(a, `${path} after`).toBeTypeOf("number");
          expect(holds(relation, b!, a!), `${path}: ${b} -> ${a} is not "${relation}"`).toBe(true);
        }
      });

      // The page has a seed box: the answer is the lesson's, not one seed's luck.
      it("its answer holds for seeds 1 to 8 too", () => {
        for (let seed = 1; seed <= 8; seed++) {
          const before = run(lesson, [`seed=${seed}`]);
          const after = run(lesson, [`seed=${seed}`, changeFlag(lesson)]);
          for (const { path, relation } of lesson.confirms) {
            const b = figureAt(before.summary, path)!;
            const a = figureAt(after.summary, path)!;
            expect(holds(relation, b, a), `seed ${seed}, ${path}: ${b} -> ${a} is not "${relation}"`).toBe(true);
          }
        }
      });
    });
  }
});

describe("holds", () => {
  it("says no where the move is not the relation's", () => {
    expect(holds("zero", 0, 0)).toBe(false); // already 0 before: nothing fell to zero
    expect(holds("zero", 5, 1)).toBe(false);
    expect(holds("nonzero", 3, 4)).toBe(false); // was not 0 before
    expect(holds("nonzero", 0, 0)).toBe(false);
    expect(holds("up", 2, 2)).toBe(false);
    expect(holds("down", 2, 3)).toBe(false);
    expect(holds("same", 2, 2.5)).toBe(false);
    expect(holds("zero", 5, 0)).toBe(true);
    expect(holds("same", 0, 0)).toBe(true);
  });
});

describe("figureAt", () => {
  it("reads a nested number and nothing else", () => {
    const summary = { messages: { remaining: { inFlight: 3 } }, fleet: null, scenario: "x" };
    expect(figureAt(summary, "messages.remaining.inFlight")).toBe(3);
    expect(figureAt(summary, "messages.remaining")).toBeUndefined();
    expect(figureAt(summary, "fleet.peakInService")).toBeUndefined();
    expect(figureAt(summary, "scenario")).toBeUndefined();
    expect(figureAt(summary, "messages.nothing.here")).toBeUndefined();
  });
});
