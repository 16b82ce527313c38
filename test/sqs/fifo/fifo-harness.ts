import { EventQueue } from "../../../src/engine/event-queue.js";
import { Kernel } from "../../../src/engine/kernel.js";
import { Phase } from "../../../src/engine/phases.js";
import { LogHistogram } from "../../../src/metrics/log-histogram.js";
import { FifoQueue, FifoSendOutcome, type FifoEndReason, type FifoQueueConfig } from "../../../src/sqs/fifo-queue.js";
import {
  FIFO_CALLS_PER_SECOND_PER_ACTION,
  FIFO_DEDUP_INTERVAL_US,
  FIFO_IN_FLIGHT_LIMIT,
  FIFO_REGIONAL_CALLS_PER_SECOND,
  FIFO_SCAN_WINDOW,
} from "../../../src/sqs/fifo-limits.js";
import { type ReceiveListener } from "../../../src/sqs/queue-api.js";

export const S = 1_000_000;
export const MINUTE = 60 * S;
export const HOUR = 3_600 * S;
export { FifoSendOutcome, Phase };

const TIMER = 0;
const ACTION = 1;

export const FIFO_DEFAULTS: FifoQueueConfig = {
  visibilityTimeoutUs: 30 * S,
  retentionUs: 4 * 24 * HOUR,
  maxMessageSizeBytes: 1_048_576,
  delayUs: 0,
  inFlightLimit: FIFO_IN_FLIGHT_LIMIT,
  scanWindow: FIFO_SCAN_WINDOW,
  deadLetter: null,
  maxStoredMessages: 10_000_000,
  deduplication: { scope: "queue", intervalUs: FIFO_DEDUP_INTERVAL_US },
  throughput: {
    highThroughput: false,
    callsPerSecondPerAction: FIFO_CALLS_PER_SECOND_PER_ACTION,
    partitions: 1,
    regionalCallsPerSecond: FIFO_REGIONAL_CALLS_PER_SECOND,
  },
};

/** A delivered message as a consumer holds it, with its group and sequence read at delivery. */
export interface Got {
  slot: number;
  token: number;
  serial: number;
  group: number;
  seq: number;
  /** When the ReceiveMessage call reached SQS (the base of the 12 h cap). */
  callUs: number;
}

export interface FifoDelivery {
  pollerId: number;
  nowUs: number;
  messages: Got[];
}

/**
 * One FifoQueue on a hand-driven EventQueue, with a recording listener and end listener. Time moves only through
 * runUntil, which dispatches the queue's timers and scheduled test actions.
 */
export class FifoHarness implements ReceiveListener {
  readonly events = new EventQueue(16);
  /** The kernel the queue runs on, with the harness's two kinds registered: the same run loop as simulate's. */
  private readonly kernel = new Kernel(this.events);
  readonly queue: FifoQueue;
  readonly queueWait = new LogHistogram();
  readonly endToEnd = new LogHistogram();
  readonly deliveries: FifoDelivery[] = [];
  readonly empties: { pollerId: number; nowUs: number }[] = [];
  readonly ended: { group: number; seq: number; reason: FifoEndReason; nowUs: number }[] = [];
  nowUs = 0;
  private readonly actions: (() => void)[] = [];
  private nextDedupId = 0;

  constructor(config: Partial<FifoQueueConfig> = {}) {
    this.queue = new FifoQueue({ ...FIFO_DEFAULTS, ...config }, this.events, TIMER, 0, {
      queueWait: this.queueWait,
      endToEnd: this.endToEnd,
    });
    // The harness is the consumer: its pollers 0..255 are the queue's of the same number.
    for (let p = 0; p < 256; p++) this.queue.addPoller(this, p);
    const timer = this.kernel.register("queue timer", (_t, arg, now) => {
      this.nowUs = now;
      this.queue.onTimer(arg, now);
    });
    const action = this.kernel.register("test action", (t, _a, now) => {
      this.nowUs = now;
      this.actions[t]!();
    });
    if (timer !== TIMER || action !== ACTION) throw new Error("the FIFO harness's kinds registered out of order");
    this.queue.setEndListener({
      onMessageEnded: (slot, reason) => this.ended.push({ group: this.queue.groupOf(slot), seq: this.queue.sequenceOf(slot), reason, nowUs: this.nowUs }),
    });
  }

  onReceived(pollerId: number, count: number, nowUs: number): void {
    const q = this.queue;
    const messages: Got[] = [];
    for (let i = 0; i < count; i++) {
      const slot = q.deliveredSlots[i]!;
      messages.push({
        slot,
        token: q.deliveredTokens[i]!,
        serial: q.deliveredSerials[i]!,
        group: q.groupOf(slot),
        seq: q.sequenceOf(slot),
        callUs: q.deliveredCallUs,
      });
    }
    this.deliveries.push({ pollerId, nowUs, messages });
  }

  onEmptyReceive(pollerId: number, nowUs: number): void {
    this.empties.push({ pollerId, nowUs });
  }

  at(timeUs: number, phase: number, fn: () => void): void {
    this.actions.push(fn);
    this.events.push(timeUs, phase, ACTION, this.actions.length - 1);
  }

  /** Handles every event up to timeUs (the kernel's runUntil), then stands at timeUs. */
  runUntil(timeUs: number): void {
    if (timeUs < this.nowUs) throw new Error(`runUntil(${timeUs}) is before ${this.nowUs}`);
    this.kernel.runUntil(timeUs);
    this.nowUs = timeUs;
  }

  /** Sends to a group; a fresh deduplication id unless one is given. */
  send(group: number, dedupId?: string, sizeBytes = 1_000, flags = 0): FifoSendOutcome {
    return this.queue.send(this.nowUs, sizeBytes, flags, group, dedupId ?? `auto-${this.nextDedupId++}`);
  }

  /** Sends `count` messages to each group in turn: g0, g1, ..., g0, g1, ... */
  sendRoundRobin(groups: readonly number[], count: number): void {
    for (let k = 0; k < count; k++) for (const g of groups) this.send(g);
  }

  /** A ReceiveMessage at nowUs: the messages when answered at once, [] when answered empty, null when waiting. */
  receive(pollerId = 0, maxMessages = 10, waitUs = 0): Got[] | null {
    const before = this.deliveries.length;
    const emptiesBefore = this.empties.length;
    this.queue.receive(pollerId, maxMessages, waitUs, this.nowUs);
    const d = this.deliveries.slice(before).find((x) => x.pollerId === pollerId);
    if (d !== undefined) return d.messages;
    if (this.empties.slice(emptiesBefore).some((x) => x.pollerId === pollerId)) return [];
    return null;
  }

  /** (group, seq) pairs of a receive, for compact expectations. */
  receivePairs(pollerId = 0, maxMessages = 10): [number, number][] {
    return (this.receive(pollerId, maxMessages, 0) ?? []).map((m) => [m.group, m.seq]);
  }

  /** DeleteMessage with this receipt (the harness never releases: exact tests hold on to their slots). */
  delete(m: Got): boolean {
    return this.queue.deleteMessage(m.slot, m.token, m.serial, this.nowUs);
  }

  changeVisibility(m: Got, timeoutUs: number): boolean {
    return this.queue.changeVisibility(m.slot, m.token, m.serial, timeoutUs, m.callUs, this.nowUs);
  }

  conserved(): boolean {
    const q = this.queue;
    return q.sent === q.deleted + q.deadLettered + q.expired + q.visible + q.inFlight + q.delayed;
  }
}

export function pairs(ms: readonly Got[] | null): [number, number][] {
  return (ms ?? []).map((m) => [m.group, m.seq]);
}

/** A FIFO queue on `kernel`, its timer registered: for tests that build their own small worlds. */
export function fifoQueueOn(kernel: Kernel, config: Partial<FifoQueueConfig> = {}): FifoQueue {
  let queue: FifoQueue | null = null;
  const timer = kernel.register("queue timer", (_t, arg, now) => queue!.onTimer(arg, now));
  queue = new FifoQueue({ ...FIFO_DEFAULTS, ...config }, kernel.events, timer, 0, { queueWait: new LogHistogram(), endToEnd: new LogHistogram() });
  return queue;
}
