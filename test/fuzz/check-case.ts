// One fuzz case end to end: a sandbox, the paired `validate` (for run cases), the command, snapshots before and
// after, the oracle's verdict. The same for in-process and child-process runs; only the runner differs.
import { argvOf, type FuzzCase } from "./fuzz-case.js";
import { judge, type Violation } from "./oracle.js";
import { type Outcome, type Runner } from "./outcome.js";
import { createSandbox } from "./sandbox.js";
import { changedPaths, snapshot, type Snapshot } from "./snapshot.js";

export interface CaseResult {
  violations: Violation[];
  outcome: Outcome;
}

/** `validate` with the run's scenario and --set words (its --seed as a --set): the two must agree. */
export function pairedValidate(c: FuzzCase): string[] | undefined {
  if (c.command !== "run" || c.scenario === null) return undefined;
  const words: string[] = [];
  for (let i = 0; i < c.flags.length; i++) {
    const flag = c.flags[i];
    const value = c.flags[i + 1];
    if (value === undefined) continue;
    if (flag === "--set") words.push("--set", value);
    // run --seed takes a whole number ≥ 0 (commander checks it); validate gets it as the scenario's seed.
    if (flag === "--seed" && /^\d+$/.test(value) && Number.isSafeInteger(Number(value))) words.push("--set", `seed=${value}`);
  }
  return ["validate", c.scenario.path, ...words];
}

function trySnapshot(root: string): Snapshot | null {
  try {
    return snapshot(root);
  } catch {
    return null;
  }
}

export async function checkCase(c: FuzzCase, runner: Runner): Promise<CaseResult> {
  const sandbox = await createSandbox(c);
  const unblock = (): void => sandbox.unblock();
  try {
    const initial = snapshot(sandbox.root);
    const validateArgv = pairedValidate(c);
    const validate = validateArgv ? await runner(validateArgv, sandbox.work, unblock) : undefined;
    const before = validate ? trySnapshot(sandbox.root) : initial;
    const violations: Violation[] = [];
    if (validate && before !== null) {
      const changed = changedPaths(initial, before);
      if (changed.length > 0) violations.push({ check: "files", summary: "(validate) validate changed files", detail: changed.slice(0, 6).join(", ") });
    }
    const outcome = await runner(argvOf(c), sandbox.work, unblock);
    const after = trySnapshot(sandbox.root);
    violations.push(
      ...judge({
        fuzzCase: c,
        outcome,
        work: sandbox.work,
        userOwned: sandbox.userOwned,
        before: new Set((before ?? initial).keys()),
        changed: before === null || after === null ? null : changedPaths(before, after),
        ...(validate ? { validate } : {}),
      }),
    );
    return { violations, outcome };
  } finally {
    sandbox.remove();
  }
}
