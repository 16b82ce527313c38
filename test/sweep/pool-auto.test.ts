// The pool's automatic choice (sweep without --workers): runs too light for worker threads to pay for starting them
// stay on this thread; heavier ones go to the threads after two timed probes. A fake clock makes each run "take" a
// chosen time, so the choice is tested without depending on this machine's speed. Whatever the choice, every task
// is answered with the same figures.
import { describe, expect, it } from "vitest";
import { type CellTask } from "../../src/sweep/cell-task.js";
import { runTasks, THREAD_START_COST_S } from "../../src/sweep/pool.js";
import { requireBuiltWorker, TINY_YAML } from "./helpers.js";

const source = { text: TINY_YAML, sourceName: "tiny.yaml", baseDir: "." };
const tasks: CellTask[] = Array.from({ length: 12 }, (_, i) => ({ id: i, cell: i, replication: 0, seed: 100 + i, sets: [`fleet.instances=${1 + (i % 3)}`] }));

/** A clock that moves `msPerCall` each time it is read: a run timed by two reads "takes" msPerCall. */
function fakeClock(msPerCall: number): () => number {
  let now = 0;
  return () => (now += msPerCall);
}

async function run(options: { threads: number; auto?: boolean; clock?: () => number }) {
  const answers = new Map<number, (number | null)[]>();
  const outcome = await runTasks(tasks, { ...options, source, onAnswer: (task, values) => void answers.set(task.id, values) });
  return { outcome, answers: [...answers.entries()].sort((a, b) => a[0] - b[0]) };
}

describe("runTasks with auto", () => {
  it("keeps light runs on this thread: 4 tasks left after 8 probes at 50 ms would save 0.1 s on 2 threads", async () => {
    expect(4 * 0.05 * (1 - 1 / 2)).toBeLessThan(THREAD_START_COST_S);
    const light = await run({ threads: 2, auto: true, clock: fakeClock(50) });
    expect(light.outcome).toEqual({ result: "done", threads: 0, judgedLight: true });
    expect(light.answers.map(([id]) => id)).toEqual(tasks.map((t) => t.id));
    // The same figures as a plain run on this thread.
    expect(light.answers).toEqual((await run({ threads: 0 })).answers);
  });

  it("moves heavier runs to the threads once 0.5 s is timed: after 2 runs of 400 ms, 10 left would save 2 s on 2 threads", async () => {
    requireBuiltWorker();
    expect(10 * 0.4 * (1 - 1 / 2)).toBeGreaterThan(THREAD_START_COST_S);
    const heavy = await run({ threads: 2, auto: true, clock: fakeClock(400) });
    expect(heavy.outcome).toEqual({ result: "done", threads: 2 });
    expect(heavy.answers).toEqual((await run({ threads: 0 })).answers);
  });

  it("switches after one run when that run alone is long enough to judge (600 ms: 11 left would save 3.3 s)", async () => {
    requireBuiltWorker();
    const answered: number[] = [];
    const outcome = await runTasks(tasks, { threads: 2, auto: true, clock: fakeClock(600), source, onAnswer: (task) => void answered.push(task.id) });
    expect(outcome).toEqual({ result: "done", threads: 2 });
    expect(answered[0]).toBe(0); // the one run on this thread
    expect([...answered].sort((a, b) => a - b)).toEqual(tasks.map((t) => t.id));
  });

  it("does not call runs light when there were never enough left to share (2 tasks on 2 threads, 600 ms each)", async () => {
    const outcome = await runTasks(tasks.slice(0, 2), { threads: 2, auto: true, clock: fakeClock(600), source, onAnswer: () => {} });
    expect(outcome).toEqual({ result: "done", threads: 0, judgedLight: false });
  });

  it("without auto, starts exactly the threads asked for (never more than the tasks)", async () => {
    requireBuiltWorker();
    expect((await run({ threads: 3 })).outcome).toEqual({ result: "done", threads: 3 });
    expect((await run({ threads: 0 })).outcome).toEqual({ result: "done", threads: 0 });
  });
});
