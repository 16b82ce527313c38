// The playground's lessons (issue 17): each sets up a scenario, says in plain sentences what to watch, asks the
// student to change one control and predict the result, and shows the numbers that confirm it. Plain data, so that
// the page carries them as JSON; test/playground/lessons.test.ts runs every lesson with and without its change and
// holds each `confirms` relation (and so the answer) to what the simulator does.

/** How a figure of summary.json moves from the run before the change to the run after it. */
export type Relation = "up" | "down" | "zero" | "nonzero" | "same";

/** A figure of summary.json the lesson shows before and after, by its dotted path ("messages.redelivered"). */
export interface LessonFigure {
  label: string;
  path: string;
}

export interface Lesson {
  /** Short and stable: the page's lesson picker and the screenshot files use it. */
  id: string;
  title: string;
  /** The lesson's scenario, a file under scenarios/lessons/ (read when the page is written). */
  scenarioFile: string;
  /** Two or three plain sentences: what to watch while it plays. */
  watch: string;
  /** The one control the student changes, as `--set` takes it (path and value with its unit), and in words. */
  change: { path: string; value: string; words: string };
  /** The prediction asked before the changed run. */
  question: string;
  choices: string[];
  /** The index of the choice the simulator confirms. */
  answer: number;
  /** Shown before and after, side by side. */
  figures: LessonFigure[];
  /** What the simulator must show for the answer to be right: each figure's move from before to after. */
  confirms: { path: string; relation: Relation }[];
  /** Why, in two or three sentences, shown once the changed run ends (cites aws-behaviour numbers where it can). */
  explanation: string;
}

/** A figure of a parsed summary.json by its dotted path; undefined when the summary has no such number. */
export function figureAt(summary: unknown, path: string): number | undefined {
  let node: unknown = summary;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === "number" ? node : undefined;
}

/** Whether `after` moved from `before` as the relation says. */
export function holds(relation: Relation, before: number, after: number): boolean {
  switch (relation) {
    case "up":
      return after > before;
    case "down":
      return after < before;
    case "zero":
      return before !== 0 && after === 0;
    case "nonzero":
      return before === 0 && after !== 0;
    case "same":
      return after === before;
  }
}
