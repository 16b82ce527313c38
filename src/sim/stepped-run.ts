// A run that advances on demand (issue 17's playground: play, pause, step): the same world simulate() builds, handled
// one event, or up to a time, at a call, with a live view of the queue between calls; finish() gives the result
// simulate() would — split runs handle the same events in the same order. Pure: runs in a browser's Web Worker.
import { type Activity } from "../metrics/activity-log.js";
import { type PeriodSeries } from "../metrics/period-series.js";
import { type Scenario } from "../scenario/schema.js";
import { type TraceRow, TraceRowCursor } from "./message-trace-rows.js";
import { type RunSummary, type SimulationResult } from "./result.js";
import { advanceWorld, deadLetterFigures, finishRun, round6, type SimulateOptions, type StartedRun, startRun } from "./simulate.js";

/** What the queue and the consumers are doing at the run's clock. */
export interface RunView {
  nowS: number;
  /** Events handled so far. */
  events: number;
  visible: number;
  inFlight: number;
  delayed: number;
  sent: number;
  received: number;
  deleted: number;
  deadLettered: number;
  inService: number;
  /** Instances (or pods) launched and not yet in service, in service but warming up, and on their way out. */
  pending: number;
  warming: number;
  terminating: number;
  busyWorkers: number;
}

/** A run's figures so far, for charts drawn while it goes: the series has a row per period ended. */
export interface RunSoFar {
  scenario: Scenario;
  seed: number;
  series: PeriodSeries;
  activities: Activity[];
  cost: RunSummary["cost"];
  deadLetterQueue: RunSummary["deadLetterQueue"];
  /** A Lambda pool's, as the summary has it (eventPollersUsd only with provisioned pollers). */
  lambda?: { eventPollersUsd?: number };
}

export class SteppedRun {
  private readonly run: StartedRun;
  private result: SimulationResult | null = null;
  private readonly traceCursor: TraceRowCursor;

  /** options.traceMessages traces the first messages, read as the run goes with newTraceRows(). */
  constructor(scenario: Scenario, options: SimulateOptions = {}) {
    this.run = startRun(scenario, options);
    const pollers = this.run.runQueue.queue.pollers;
    this.traceCursor = new TraceRowCursor((p) => pollers.label(p));
  }

  /** The traced messages' events since the last call (none without options.traceMessages). */
  newTraceRows(): TraceRow[] {
    return this.run.trace === null ? [] : this.traceCursor.next(this.run.trace);
  }

  get endS(): number {
    return this.run.endUs / 1e6;
  }

  get done(): boolean {
    return this.result !== null;
  }

  /** Handles the events up to `seconds` (at most the run's end); the clock is then there. */
  advanceTo(seconds: number): void {
    if (this.result !== null) return;
    const untilUs = Math.min(this.run.endUs, Math.max(this.run.world.kernel.nowUs, Math.round(seconds * 1e6)));
    advanceWorld(this.run.world, untilUs, this.run.scenario.limits.maxEvents);
  }

  /** Handles the next event (none past the run's end); false when none is left before it. */
  stepEvent(): boolean {
    if (this.result !== null) return false;
    const { world } = this.run;
    // A look at the next event's time: popped and put back in its place, the clock where it was.
    if (!world.events.pop()) return false;
    const next = world.events.timeUs;
    world.events.repush(world.kernel.nowUs);
    if (next > this.run.endUs) return false;
    // One event at or before the end: the run's limit still holds (advanceWorld refuses past it, as a run does).
    if (world.kernel.handled >= this.run.scenario.limits.maxEvents) advanceWorld(world, next, this.run.scenario.limits.maxEvents);
    world.kernel.step();
    return true;
  }

  view(): RunView {
    const { world, runQueue, pool } = this.run;
    const q = runQueue.queue;
    return {
      nowS: world.kernel.nowUs / 1e6,
      events: world.kernel.handled,
      visible: q.visible,
      inFlight: q.inFlight,
      delayed: q.delayed,
      sent: q.sent,
      received: q.received,
      deleted: q.deleted,
      deadLettered: q.deadLettered,
      inService: pool.capacity.inService,
      pending: pool.capacity.pending,
      warming: pool.capacity.warming(world.kernel.nowUs),
      terminating: pool.capacity.terminating,
      busyWorkers: pool.consumer.processing,
    };
  }

  /** The figures so far (the live series and activities themselves: read them before the run goes on). */
  soFar(): RunSoFar {
    const { scenario, seed, world, runQueue, pool, sampler } = this.run;
    const nowUs = world.kernel.nowUs;
    const sqsUsd = (runQueue.queue.requests.billable / 1e6) * scenario.cost.sqsPerMillionRequestsUsd;
    const computeUsd = pool.capacity.costUsd(nowUs);
    const lambda = pool.lambda;
    return {
      scenario,
      seed,
      series: sampler.series,
      activities: world.activities.entries,
      cost: { sqsUsd: round6(sqsUsd), computeUsd: round6(computeUsd), totalUsd: round6(sqsUsd + computeUsd) },
      deadLetterQueue: deadLetterFigures(runQueue),
      ...(lambda === undefined
        ? {}
        : { lambda: lambda.config.provisionedPollers === undefined ? {} : { eventPollersUsd: round6(lambda.capacity.eventPollersUsd(nowUs)) } }),
    };
  }

  /** Runs to the end and gives the result (the same as simulate's for the same scenario and options). */
  finish(): SimulationResult {
    this.result ??= finishRun(this.run);
    return this.result;
  }
}
