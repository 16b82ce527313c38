// The playground's simulator side (issue 17), as messages in and replies out so that it runs in a Web Worker and the
// page stays responsive: load a scenario's text, advance the run to a time or by one event, finish it for its
// summary. Pure: no DOM, no Node; the worker glue (sim-worker.ts) only passes messages.
import { type ChartSpec, timeCharts } from "../report/charts/index.js";
import { type ReportContext, reportContext } from "../report/run-data.js";
import { summaryJson } from "../report/summary-json.js";
import { resolvedScenarioText } from "../scenario/output.js";
import { type TraceRow } from "../sim/message-trace-rows.js";
import { type Control, controlsFor } from "./controls.js";
import { type BoardMessage, countPlaces, MessageBoard, type MessagePlace, TRACED_MESSAGES } from "./message-board.js";

export { TRACED_MESSAGES } from "./message-board.js";
import { type TraceFiles, validateScenarioText } from "../scenario/validate-text.js";
import { type RunView, SteppedRun } from "../sim/stepped-run.js";

export type SessionRequest =
  | {
      type: "load";
      text: string;
      sourceName?: string;
      seed?: number;
      sets?: string[];
      /** The trace files the scenario names, by the name it writes (the page carries them: it has no files). */
      traces?: Record<string, string>;
    }
  | { type: "advance"; toS: number }
  | { type: "step" }
  | { type: "finish" }
  | { type: "charts" }
  | { type: "history"; message: number };

/** The message view's part of a reply: the traced messages where they are now, and the workers' slots. */
export interface BoardView {
  messages: BoardMessage[];
  counts: Record<MessagePlace, number>;
  /** How many messages are traced at most (the first ones the queue accepted). */
  traced: number;
  /** Worker slots to draw (in service × workers each; a Lambda function's executions), and how many are busy. */
  slots: number;
  busy: number;
  fifo: boolean;
}

export type SessionReply =
  | { type: "loaded"; name: string; endS: number; view: RunView; board: BoardView; controls: Control[] }
  | { type: "view"; view: RunView; board: BoardView; done: boolean }
  | { type: "finished"; view: RunView; board: BoardView; summaryJson: string }
  | { type: "history"; message: number; rows: TraceRow[] }
  | { type: "charts"; charts: ChartSpec[] }
  | { type: "error"; errors: string[] };

/** Trace files from the page's copies; a name it has no copy of reads as missing (ENOENT), as on disk. */
function tracesFrom(files: Record<string, string>): TraceFiles {
  return { read: (file) => (Object.hasOwn(files, file) ? { text: files[file]! } : { errorCode: "ENOENT" }) };
}

export class SimSession {
  private run: SteppedRun | null = null;
  private name = "";
  /** The loaded scenario's, for the charts. */
  private context: ReportContext | null = null;
  private board = new MessageBoard(0);
  private workersEach = 1;
  private lambda = false;
  private fifo = false;

  handle(request: SessionRequest): SessionReply {
    try {
      return this.reply(request);
    } catch (error) {
      return { type: "error", errors: [error instanceof Error ? error.message : String(error)] };
    }
  }

  private reply(request: SessionRequest): SessionReply {
    if (request.type === "load") {
      const traces = tracesFrom(request.traces ?? {});
      const loaded = validateScenarioText(request.text, request.sourceName ?? "playground.yaml", {
        ...(request.sets !== undefined ? { sets: request.sets } : {}),
        ...(request.seed !== undefined ? { seed: request.seed } : {}),
        traces,
      });
      if (!loaded.ok) {
        // The run before is gone too: stepping on would play a scenario the page no longer shows.
        this.run = null;
        this.context = null;
        return { type: "error", errors: loaded.errors };
      }
      this.run = new SteppedRun(loaded.scenario, { traceMessages: TRACED_MESSAGES });
      this.board = new MessageBoard(loaded.scenario.queue.visibilityTimeout);
      this.lambda = loaded.scenario.consumers.platform === "lambda";
      this.workersEach = loaded.scenario.consumers.concurrency;
      this.fifo = loaded.scenario.queue.type === "fifo";
      this.name = loaded.scenario.name;
      this.context = reportContext(loaded.scenario, loaded.scenario.seed, resolvedScenarioText(loaded.scenario));
      // The choices' options are --set flags on the scenario as written, not on the page's changes.
      const written =
        request.sets === undefined || request.sets.length === 0
          ? loaded
          : validateScenarioText(request.text, request.sourceName ?? "playground.yaml", { traces });
      const controls = controlsFor(written.ok ? written.scenario : loaded.scenario, loaded.scenario);
      const view = this.run.view();
      return { type: "loaded", name: this.name, endS: this.run.endS, view, board: this.boardView(this.run, view), controls };
    }
    const run = this.run;
    if (run === null) return { type: "error", errors: ['no scenario is loaded (or the last one was refused): send { type: "load" } first'] };
    if (request.type === "history") return { type: "history", message: request.message, rows: this.board.history(request.message) };
    if (request.type === "charts") return { type: "charts", charts: this.context === null ? [] : this.charts(run, this.context) };
    if (request.type === "advance") run.advanceTo(request.toS);
    else if (request.type === "step") run.stepEvent();
    else {
      const result = run.finish();
      const view = run.view();
      return { type: "finished", view, board: this.boardView(run, view), summaryJson: summaryJson(result.summary) };
    }
    const view = run.view();
    return { type: "view", view, board: this.boardView(run, view), done: view.nowS >= run.endS };
  }

  private boardView(run: SteppedRun, view: RunView): BoardView {
    this.board.apply(run.newTraceRows());
    const slots = this.lambda ? view.busyWorkers : Math.max(view.busyWorkers, view.inService * this.workersEach);
    const messages = this.board.messages(view.nowS);
    return {
      messages,
      counts: countPlaces(messages),
      traced: TRACED_MESSAGES,
      slots,
      busy: view.busyWorkers,
      fifo: this.fifo,
    };
  }

  /** The report's charts over time, drawn from the run so far (its series has a row per period ended). */
  private charts(run: SteppedRun, context: ReportContext): ChartSpec[] {
    const soFar = run.soFar();
    return timeCharts({
      series: soFar.series,
      activities: soFar.activities,
      context,
      summary: { cost: soFar.cost, deadLetterQueue: soFar.deadLetterQueue, ...(soFar.lambda !== undefined ? { lambda: soFar.lambda } : {}) },
      ...(run.done ? {} : { running: true as const }),
    });
  }
}
