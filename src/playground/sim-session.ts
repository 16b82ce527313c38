// The playground's simulator side (issue 17), as messages in and replies out so that it runs in a Web Worker and the
// page stays responsive: load a scenario's text, advance the run to a time or by one event, finish it for its
// summary. Pure: no DOM, no Node; the worker glue (sim-worker.ts) only passes messages.
import { summaryJson } from "../report/summary-json.js";
import { validateScenarioText } from "../scenario/validate-text.js";
import { type RunView, SteppedRun } from "../sim/stepped-run.js";

export type SessionRequest =
  | { type: "load"; text: string; sourceName?: string; seed?: number; sets?: string[] }
  | { type: "advance"; toS: number }
  | { type: "step" }
  | { type: "finish" };

export type SessionReply =
  | { type: "loaded"; name: string; endS: number; view: RunView }
  | { type: "view"; view: RunView; done: boolean }
  | { type: "finished"; view: RunView; summaryJson: string }
  | { type: "error"; errors: string[] };

export class SimSession {
  private run: SteppedRun | null = null;
  private name = "";

  handle(request: SessionRequest): SessionReply {
    try {
      return this.reply(request);
    } catch (error) {
      return { type: "error", errors: [error instanceof Error ? error.message : String(error)] };
    }
  }

  private reply(request: SessionRequest): SessionReply {
    if (request.type === "load") {
      const loaded = validateScenarioText(request.text, request.sourceName ?? "playground.yaml", {
        ...(request.sets !== undefined ? { sets: request.sets } : {}),
        ...(request.seed !== undefined ? { seed: request.seed } : {}),
      });
      if (!loaded.ok) return { type: "error", errors: loaded.errors };
      this.run = new SteppedRun(loaded.scenario);
      this.name = loaded.scenario.name;
      return { type: "loaded", name: this.name, endS: this.run.endS, view: this.run.view() };
    }
    const run = this.run;
    if (run === null) return { type: "error", errors: ['no scenario is loaded: send { type: "load" } first'] };
    if (request.type === "advance") run.advanceTo(request.toS);
    else if (request.type === "step") run.stepEvent();
    else {
      const result = run.finish();
      return { type: "finished", view: run.view(), summaryJson: summaryJson(result.summary) };
    }
    return { type: "view", view: run.view(), done: run.view().nowS >= run.endS };
  }
}
