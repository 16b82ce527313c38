// Entry of a worker thread (loaded from dist/, compiled): answers each CellTask message with the run's figures or
// the error that stopped it. It keeps no state between tasks, so any worker may take any task.
import { parentPort, workerData } from "node:worker_threads";
import { ScenarioRefusedError } from "../sim/simulation-error.js";
import { runCellTask, type CellTask, type SweepSource } from "./cell-task.js";
import { type TaskAnswer } from "./task-answer.js";

const source = workerData as SweepSource;
const port = parentPort;
if (port === null) throw new Error("cell-worker.js runs as a worker thread only");

port.on("message", (task: CellTask) => {
  let answer: TaskAnswer;
  try {
    answer = { id: task.id, ok: true, values: runCellTask(source, task) };
  } catch (error) {
    answer = { id: task.id, ok: false, message: error instanceof Error ? error.message : String(error), refused: error instanceof ScenarioRefusedError };
  }
  port.postMessage(answer);
});
