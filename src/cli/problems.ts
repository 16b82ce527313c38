// Printing the problems one command found: one line each, a bounded number of them.
import { clip } from "../engine/quote.js";
import { type CliIo } from "./io.js";

/** Problems printed in full; the rest are counted, so 30,000 bad --set flags do not print 30,000 lines. */
export const PROBLEMS_SHOWN = 50;

// Every message quotes user text cut short already; this bounds a line that some future message forgets to cut.
const LINE_LIMIT = 2_000;

/** The text for stderr: the first 50 problems, then "… and 29,950 more problems". */
export function problemsText(lines: readonly string[]): string {
  const shown = lines.slice(0, PROBLEMS_SHOWN).map((line) => `${clip(line, LINE_LIMIT)}\n`);
  const more = lines.length - PROBLEMS_SHOWN;
  if (more > 0) shown.push(`… and ${more.toLocaleString("en-US")} more problem${more === 1 ? "" : "s"}\n`);
  return shown.join("");
}

export function printProblems(io: CliIo, lines: readonly string[]): void {
  io.stderr(problemsText(lines));
}
