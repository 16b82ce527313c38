import { type Sampler } from "../../src/engine/distributions.js";
import { EventQueue } from "../../src/engine/event-queue.js";
import { type EventHandler, Kernel } from "../../src/engine/kernel.js";
import { Phase } from "../../src/engine/phases.js";
import { LogHistogram } from "../../src/metrics/log-histogram.js";
import { randomStream, type Uniform } from "../../src/engine/random.js";
import { WorkerPool, type WorkerPoolConfig } from "../../src/consumers/worker-pool.js";
import { type ReceiveListener } from "../../src/sqs/queue-api.js";
import { StandardQueue, type StandardQueueConfig } from "../../src/sqs/standard-queue.js";

/** Microseconds per second, for writing times as `30 * S`. */
export const S = 1_000_000;

/** Event kinds the harness registers with its kernel, in this order. */
export const Kind = {
  QueueTimer: 0,
  Action: 1,
  WorkerReceive: 2,
  WorkerFinish: 3,
  WorkerHeartbeat: 4,
} as const;

/** One message handed to a poller: what a consumer needs to delete it or change its visibility. */
export interface Held {
  slot: number;
  token: number;
  serial: number;
  /** When SQS delivered it (the base of the 12 h cap, aws-behaviour 1.27). */
  receivedAtUs: number;
}

export interface Delivery {
  /** The harness's poller; -1 for a delivery to the pool's workers (the harness observes those). */
  pollerId: number;
  nowUs: number;
  messages: Held[];
}

export interface EmptyReceive {
  pollerId: number;
  nowUs: number;
}

export const DEFAULT_CONFIG: StandardQueueConfig = {
  visibilityTimeoutUs: 30 * S,
  retentionUs: 4 * 86_400 * S,
  maxMessageSizeBytes: 1_048_576,
  duplicateDeliveryRate: 0,
  // Short polls see every visible message (one server) unless a test says otherwise: exact tests stay deterministic.
  shortPollServers: 1,
  shortPollMessageWeight: 0.5,
  inFlightLimit: 120_000,
  deadLetter: null,
  maxStoredMessages: 1_000_000,
};

export interface HarnessOptions {
  seed?: number;
  /** Adds a WorkerPool as the queue's consumer (its outcomes are still recorded by the harness). */
  pool?: Omit<Partial<WorkerPoolConfig>, "processingS"> & { processingS: Sampler };
  failureRandom?: Uniform;
}

/** Pollers the harness registers when it is the consumer itself (tests call receive() with these ids). */
const HARNESS_POLLERS = 256;

/**
 * A tiny world: an EventQueue and one StandardQueue with a recording listener. Time moves only through runUntil,
 * which pops events and dispatches queue timers (and, when present, worker events and scheduled test actions).
 */
export class Harness implements ReceiveListener {
  readonly events = new EventQueue(16);
  /** The simulation kernel the model runs on: the harness's handlers registered, the same run loop as simulate's. */
  readonly kernel = new Kernel(this.events);
  readonly queue: StandardQueue;
  readonly queueWait = new LogHistogram();
  readonly endToEnd = new LogHistogram();
  readonly pool: WorkerPool | null;
  readonly deliveries: Delivery[] = [];
  readonly empties: EmptyReceive[] = [];
  /** The instant the harness has reached; direct calls (send, receive, ...) happen at it. */
  nowUs = 0;
  /** Every event popped: (time, phase, kind), for order checks. */
  readonly trace: { timeUs: number; phase: number; kind: number }[] = [];
  private readonly actions: (() => void)[] = [];

  constructor(config: Partial<StandardQueueConfig> = {}, options: HarnessOptions = {}) {
    const seed = options.seed ?? 7;
    this.queue = new StandardQueue(
      { ...DEFAULT_CONFIG, ...config },
      this.events,
      Kind.QueueTimer,
      0,
      randomStream(seed, "test/duplicates"),
      randomStream(seed, "test/short-polling"),
      { queueWait: this.queueWait, endToEnd: this.endToEnd },
    );
    if (options.pool) {
      const p = options.pool;
      this.pool = new WorkerPool(
        {
          batchSize: p.batchSize ?? 1,
          waitUs: p.waitUs ?? 20 * S,
          apiLatencyUs: p.apiLatencyUs ?? 0,
          processingS: p.processingS,
          transientFailure: p.transientFailure ?? 0,
          heartbeat: p.heartbeat ?? null,
        },
        this.queue,
        this.events,
        { receive: Kind.WorkerReceive, finish: Kind.WorkerFinish, heartbeat: Kind.WorkerHeartbeat },
        options.failureRandom ?? randomStream(seed, "test/failures"),
      );
    } else {
      this.pool = null;
    }
    // Without a pool the harness is the consumer: its pollers 0..HARNESS_POLLERS-1 are the queue's of the same
    // number. With a pool, the pool's workers poll and the harness records their deliveries as an observer.
    if (this.pool === null) {
      for (let p = 0; p < HARNESS_POLLERS; p++) this.queue.addPoller(this, p);
    } else {
      this.queue.setDeliveryObserver({ onDelivered: (count) => this.record(-1, count, this.nowUs) });
    }
    const traced =
      (handler: EventHandler): EventHandler =>
      (target, arg, now) => {
        this.nowUs = now;
        this.trace.push({ timeUs: now, phase: this.events.phase, kind: this.events.kind });
        handler(target, arg, now);
      };
    const handlers: Record<keyof typeof Kind, EventHandler> = {
      QueueTimer: (_t, arg, now) => this.queue.onTimer(arg, now),
      Action: (t) => this.actions[t]!(),
      WorkerReceive: (t, _a, now) => this.pool!.onReceiveArrives(t, now),
      WorkerFinish: (t, arg, now) => this.pool!.onFinish(t, arg, now),
      WorkerHeartbeat: (t, arg, now) => this.pool!.onHeartbeat(t, arg, now),
    };
    for (const [name, kind] of Object.entries(Kind) as [keyof typeof Kind, number][]) {
      if (this.kernel.register(name, traced(handlers[name])) !== kind) throw new Error(`harness kind ${name} registered out of order`);
    }
  }

  onReceived(pollerId: number, count: number, nowUs: number): void {
    this.record(pollerId, count, nowUs);
  }

  private record(pollerId: number, count: number, nowUs: number): void {
    const q = this.queue;
    const messages: Held[] = [];
    for (let i = 0; i < count; i++) {
      messages.push({ slot: q.deliveredSlots[i]!, token: q.deliveredTokens[i]!, serial: q.deliveredSerials[i]!, receivedAtUs: nowUs });
    }
    this.deliveries.push({ pollerId, nowUs, messages });
  }

  onEmptyReceive(pollerId: number, nowUs: number): void {
    this.empties.push({ pollerId, nowUs });
  }

  /** Runs fn as an event at (timeUs, phase): for same-instant ordering tests. */
  at(timeUs: number, phase: number, fn: () => void): void {
    this.actions.push(fn);
    this.events.push(timeUs, phase, Kind.Action, this.actions.length - 1);
  }

  /** Handles every event at or before timeUs (the kernel's runUntil), then stands at timeUs. */
  runUntil(timeUs: number): void {
    if (timeUs < this.nowUs) throw new Error(`runUntil(${timeUs}) is before the harness time ${this.nowUs}`);
    this.kernel.runUntil(timeUs);
    this.nowUs = timeUs;
  }

  // ---- direct calls at nowUs ---------------------------------------------------------------------------------

  send(sizeBytes = 1_000, delayUs = 0, flags = 0): boolean {
    return this.queue.send(this.nowUs, sizeBytes, delayUs, flags);
  }

  /** A ReceiveMessage at nowUs; returns the messages when the call was answered at once, null otherwise. */
  receive(pollerId = 0, maxMessages = 1, waitUs = 0): Held[] | null {
    const before = this.deliveries.length;
    const emptiesBefore = this.empties.length;
    this.queue.receive(pollerId, maxMessages, waitUs, this.nowUs);
    if (this.deliveries.length > before) return this.deliveries[this.deliveries.length - 1]!.messages;
    if (this.empties.length > emptiesBefore) return [];
    return null;
  }

  /** Receives exactly one message (fails the test's expectations loudly otherwise). */
  receiveOne(pollerId = 0): Held {
    const got = this.receive(pollerId, 1, 0);
    if (got === null || got.length !== 1) throw new Error(`expected one message at ${this.nowUs} µs, got ${got?.length ?? "none yet"}`);
    return got[0]!;
  }

  delete(m: Held): boolean {
    return this.queue.deleteMessage(m.slot, m.token, m.serial, this.nowUs);
  }

  changeVisibility(m: Held, timeoutUs: number): boolean {
    return this.queue.changeVisibility(m.slot, m.token, m.serial, timeoutUs, m.receivedAtUs, this.nowUs);
  }

  receiveCount(m: Held): number {
    return this.queue.store.receiveCount[m.slot]!;
  }

  /** sent = deleted + dead-lettered + expired + visible + in flight + delayed (the conservation rule). */
  conserved(): boolean {
    const q = this.queue;
    return q.sent === q.deleted + q.deadLettered + q.expired + q.visible + q.inFlight + q.delayed;
  }
}

export { Phase };

/** A standard queue on `kernel`, its timer registered: for tests that build their own small worlds. */
export function standardQueueOn(kernel: Kernel, config: Partial<StandardQueueConfig> = {}): StandardQueue {
  let queue: StandardQueue | null = null;
  const timer = kernel.register("queue timer", (_t, arg, now) => queue!.onTimer(arg, now));
  queue = new StandardQueue(
    { ...DEFAULT_CONFIG, shortPollServers: 1, ...config },
    kernel.events,
    timer,
    0,
    randomStream(1, "test/duplicates"),
    randomStream(1, "test/short-polling"),
    { queueWait: new LogHistogram(), endToEnd: new LogHistogram() },
  );
  return queue;
}

/** A consumer that records, by its own poller numbers, what the queue tells it: for tests of several consumers. */
export class RecordingConsumer implements ReceiveListener {
  readonly got: string[] = [];
  constructor(
    private readonly name: string,
    private readonly queue: { deliveredSerials: Uint32Array },
  ) {}
  onReceived(localId: number, count: number, nowUs: number): void {
    this.got.push(`${this.name}#${localId} got ${count} (serial ${this.queue.deliveredSerials[0]}) at ${nowUs / S}s`);
  }
  onEmptyReceive(localId: number, nowUs: number): void {
    this.got.push(`${this.name}#${localId} empty at ${nowUs / S}s`);
  }
}
