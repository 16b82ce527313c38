import { type EventQueue } from "../../engine/event-queue.js";
import { type Kernel } from "../../engine/kernel.js";
import { Phase } from "../../engine/phases.js";
import { type LambdaEsm } from "../../consumers/lambda-esm.js";
import { type ColumnReader } from "../../metrics/period-series.js";
import { type ConsumerQueue } from "../../sqs/queue-api.js";
import { type Scaler } from "../scaler.js";
import { type EsmPollers } from "./esm-pollers.js";
import { type LambdaFunction } from "../../consumers/lambda-function.js";
import { lambdaColumns } from "./lambda-columns.js";

/** The mapping's scaling rules by date (aws-behaviour 8.2-8.3): concurrent invocations added a minute, and the most. */
export const ESM_SCALING_RULES = {
  "2023-11": { perMinute: 300, max: 1_250 },
  "2022": { perMinute: 60, max: 1_000 },
} as const;
export type EsmScalingRules = keyof typeof ESM_SCALING_RULES;

/** Concurrent invocations the mapping starts with and falls back to (8.2-8.4), and the fewest when idle (8.4). */
export const ESM_START = 5;
export const ESM_IDLE_FLOOR = 2;
/**
 * How often the model's mapping reconsiders its pollers. AWS states the rate per minute, not its steps: the model adds
 * a sixth of the minute's rate every 10 s, so that the count at each whole minute is the documented one.
 */
export const ESM_TICK_US = 10_000_000;
/** Ticks with no message received before the mapping drops to ESM_IDLE_FLOOR (a minute; AWS gives no figure). */
const QUIET_TICKS_FOR_IDLE_FLOOR = 6;
/**
 * The share of a step's invocations that must fail for the mapping to stop growing (8.14 gives no figure): a function
 * failing most of its batches gains nothing from more concurrency, one failing now and then is not slowed.
 */
export const ESM_FAILED_SHARE_TO_HOLD = 0.5;

/** Provisioned mode (8.6): concurrency added a minute, and the most in all. */
export const PROVISIONED_PER_MINUTE = 1_000;
export const PROVISIONED_MAX_CONCURRENCY = 20_000;

/** What bounds a mapping's concurrency, in either mode (aws-behaviour 8.2-8.6). */
export interface MappingLimits {
  /** Concurrent batches at the start, and the fewest while messages come. */
  initial: number;
  /** The fewest after a quiet minute (8.4), or null when the mapping keeps `initial` (MaximumConcurrency, provisioned). */
  idleFloor: number | null;
  max: number;
  perMinute: number;
}

/** The limits of a mapping from its settings: provisioned pollers, else the scaling rule and MaximumConcurrency. */
export function mappingLimits(l: {
  scalingRules: EsmScalingRules;
  maximumConcurrency?: number | undefined;
  provisionedPollers?: { min: number; max: number; concurrencyPerPoller: number } | undefined;
}): MappingLimits {
  const p = l.provisionedPollers;
  if (p !== undefined) {
    return {
      initial: p.min * p.concurrencyPerPoller,
      idleFloor: null,
      max: Math.min(p.max * p.concurrencyPerPoller, PROVISIONED_MAX_CONCURRENCY),
      perMinute: PROVISIONED_PER_MINUTE,
    };
  }
  const rule = ESM_SCALING_RULES[l.scalingRules];
  const capped = l.maximumConcurrency !== undefined;
  return {
    initial: Math.min(ESM_START, l.maximumConcurrency ?? ESM_START),
    idleFloor: capped ? null : ESM_IDLE_FLOOR,
    max: Math.min(rule.max, l.maximumConcurrency ?? Infinity),
    perMinute: rule.perMinute,
  };
}

export interface EsmScalerConfig {
  limits: MappingLimits;
  /** FIFO: the message groups with messages stored; concurrency grows no further than them (8.12). Null: standard. */
  activeGroups: (() => number) | null;
}

/**
 * Lambda's poller scaling for an SQS event source mapping (aws-behaviour 8.2-8.5, 8.12, 8.14), every ESM_TICK_US:
 * - a throttled invocation since the last tick: back off, down by the step (8.13-8.14; AWS gives no figure);
 * - at least half the invocations since the last tick failed: hold (8.14; the share is the model's);
 * - else messages visible: up by the rule's rate, to the rule's maximum, to MaximumConcurrency and, on a FIFO queue,
 *   to the number of message groups holding messages (8.12);
 * - nothing visible, and pollers finding the queue empty or fewer than half of them busy on average: down by the step,
 *   keeping twice the invocations running, to 5, and to 2 after a minute with no message received, unless
 *   MaximumConcurrency is set (8.4).
 */
export class EsmScaler implements Scaler {
  readonly name = "event source mapping scaling";
  scaleOutActivities = 0;
  scaleInActivities = 0;
  firstScaleOut: { atUs: number; breachStartUs: number } | null = null;
  private readonly events: EventQueue;
  private readonly kind: number;
  /** Concurrency added or removed a step: a sixth of the minute's rate, whole numbers carried over (1,000 ÷ 6). */
  private readonly step: number;
  private credit = 0;
  private readonly max: number;
  private quietTicks = 0;
  private lastExecutionS = 0;
  /** When messages were first seen waiting in the current run of growth (for firstScaleOut's breach start). */
  private waitingSinceUs = -1;

  constructor(
    private readonly config: EsmScalerConfig,
    private readonly queue: ConsumerQueue,
    private readonly consumer: LambdaEsm,
    private readonly pollers: EsmPollers,
    private readonly fn: LambdaFunction,
    kernel: Kernel,
  ) {
    this.events = kernel.events;
    this.kind = kernel.register("event source mapping scaling", (_t, _a, now) => this.onTick(now));
    this.step = (config.limits.perMinute * ESM_TICK_US) / 60_000_000;
    this.max = config.limits.max;
  }

  start(): void {
    this.events.push(ESM_TICK_US, Phase.ScalingDecision, this.kind, 0);
  }

  /** The pool's Lambda columns (they are the mapping's view of the function: its pollers and what they ran). */
  seriesColumns(): ColumnReader[] {
    return lambdaColumns(this.fn, this.pollers);
  }

  private onTick(nowUs: number): void {
    const c = this.consumer;
    const throttles = c.throttlesSinceRead;
    const invocations = c.invocationsSinceRead;
    const failed = c.failedSinceRead;
    const received = c.receivedSinceRead;
    const empty = c.emptyReceivesSinceRead;
    c.throttlesSinceRead = 0;
    c.invocationsSinceRead = 0;
    c.failedSinceRead = 0;
    c.receivedSinceRead = 0;
    c.emptyReceivesSinceRead = 0;
    this.quietTicks = received === 0 ? this.quietTicks + 1 : 0;
    const { initial, idleFloor } = this.config.limits;
    const floor = idleFloor !== null && this.quietTicks >= QUIET_TICKS_FOR_IDLE_FLOOR ? idleFloor : initial;
    this.pollers.min = floor;
    const before = this.pollers.desired;
    const visible = this.queue.visible;
    // Invocations running on average over the step just ended.
    const executionS = this.fn.executionSeconds(nowUs);
    const busy = (executionS - this.lastExecutionS) / (ESM_TICK_US / 1e6);
    this.lastExecutionS = executionS;
    const groups = this.config.activeGroups;
    const max = groups === null ? this.max : Math.min(this.max, Math.max(initial, groups()));
    let target = before;
    let reason = "";
    if (throttles > 0) {
      target = before - Math.ceil(this.step);
      reason = `${throttles} throttled invocation${throttles === 1 ? "" : "s"} since the last step: backing off`;
    } else if (invocations > 0 && failed >= ESM_FAILED_SHARE_TO_HOLD * invocations) {
      reason = "";
    } else if (visible > 0) {
      if (this.waitingSinceUs < 0) this.waitingSinceUs = nowUs;
      this.credit += this.step;
      const grow = Math.floor(this.credit + 1e-9);
      this.credit -= grow;
      target = before + grow;
      reason = `${visible} message${visible === 1 ? "" : "s"} waiting: adding up to ${grow} concurrent invocations`;
    } else if (empty > 0 || busy < before / 2) {
      // Low traffic (8.4): nothing waits and the pollers find the queue empty, or run fewer than half of them busy.
      // Never up: with more than half busy only the empty receives speak for falling back, and a step is the most.
      target = Math.min(before, Math.max(before - Math.ceil(this.step), Math.ceil(2 * busy)));
      reason = empty > 0 ? "the queue is empty: falling back" : `${busy.toFixed(1)} invocations running on average: falling back`;
    }
    if (visible === 0) this.waitingSinceUs = -1;
    const bounded = Math.max(floor, Math.min(max, target));
    if (bounded !== target) {
      reason =
        bounded === floor && bounded > target
          ? received > 0
            ? `messages arrive again: back to ${floor} pollers`
            : `at the floor of ${floor} pollers`
          : groups !== null && bounded === max && max < this.max
            ? `${max} message groups hold messages: no more concurrency than groups (8.12)`
            : reason || `at the most the mapping allows, ${max}`;
    }
    target = bounded;
    this.events.push(nowUs + ESM_TICK_US, Phase.ScalingDecision, this.kind, 0);
    if (target === before) return;
    this.pollers.setDesired(target, nowUs, this.name, reason);
    if (target > before) {
      this.scaleOutActivities++;
      if (this.firstScaleOut === null) this.firstScaleOut = { atUs: nowUs, breachStartUs: this.waitingSinceUs < 0 ? nowUs : this.waitingSinceUs };
    } else this.scaleInActivities++;
  }
}
