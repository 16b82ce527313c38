import { type EventQueue } from "../engine/event-queue.js";
import { Phase } from "../engine/phases.js";
import { fullJitterBackoffUs } from "../engine/backoff.js";
import { chance, standardExponential, type Uniform } from "../engine/random.js";
import { type Sampler } from "../engine/distributions.js";
import { MAX_BATCH_PAYLOAD_BYTES } from "../sqs/limits.js";
import { MessageFlag } from "../sqs/message-store.js";
import { type RequestCounters } from "../sqs/request-counters.js";
import { nextArrivalTime } from "./arrival-time.js";
import { type RateFunction } from "./rate.js";
import { SendBacklog } from "./send-backlog.js";

export const SendOutcome = { Accepted: 0, Deduplicated: 1, Rejected: 2 } as const;
export type SendOutcomeValue = (typeof SendOutcome)[keyof typeof SendOutcome];

/** What a grouped producer sends to: a FIFO queue, or a standard queue that ignores groups and ids. */
export interface GroupedSendTarget {
  readonly requests: Pick<RequestCounters, "send" | "bill">;
  /** Asks for one SendMessage(Batch) call for a message of `group`; false means ThrottlingException (aws-behaviour 3.10). */
  trySendCall(group: number, nowUs: number): boolean;
  /** sendDelayUs: how long the message waited since it was produced (in the backlog, and half a round trip). */
  send(nowUs: number, sizeBytes: number, flags: number, group: number, deduplicationId: string, sendDelayUs: number): SendOutcomeValue;
}

export interface GroupedProducerConfig {
  name: string;
  rate: RateFunction;
  poisson: boolean;
  batchSize: number;
  batchWindowUs: number;
  sizeBytes: Sampler;
  horizonS: number;
  apiLatencyUs: number;
  poisonProbability: number;
  pickGroup: () => number;
  /** The MessageDeduplicationId of a message (explicit, or the SHA-256 of its body with content-based deduplication). */
  deduplicationId: (body: string) => string;
  duplicateSends: number;
  duplicateSendDelayUs: number;
  /** The largest payload of one batch call: SendMessageBatch 1 MiB (aws-behaviour 1.12), PublishBatch 256 KiB (13.3). */
  batchPayloadLimitBytes?: number;
}

export interface GroupedProducerEventKinds {
  arrival: number;
  /** The batch window ended, or a throttled call's backoff ended: try to send again. */
  retry: number;
  /** A duplicate send of an earlier message comes due. */
  resend: number;
}

/**
 * A producer whose messages carry a MessageGroupId and a deduplication id (for FIFO queues, aws-behaviour §3, and for
 * standard queues compared with them). Messages wait in an ordered backlog until a send call goes through: a
 * throttled call (FIFO quotas, 3.10-3.12) is retried with backoff, and later messages queue behind it so a
 * group's order is kept. Nothing is dropped; what is still waiting at the end is `unsent`.
 */
export class GroupedProducer {
  private arrivalS = 0;
  private readonly halfLatencyUs: number;
  private readonly lane: number;
  private readonly backlog = new SendBacklog();
  /** Duplicate sends waiting for their time; they come due in the order they were decided (a constant delay). */
  private readonly resends = new SendBacklog();
  private messageNumber = 0;
  private backoffUntilUs = 0;
  private attempts = 0;
  private retryGeneration = 0;
  private retryArmedUs = Infinity;
  /** Messages handed to SQS: each generated one, and each duplicate (retry) send of one. */
  produced = 0;
  accepted = 0;
  deduplicated = 0;
  rejected = 0;
  throttledCalls = 0;
  /** Duplicate sends the queue stored as a new message: a standard queue's, or a FIFO one's past the interval. */
  duplicatesStored = 0;

  constructor(
    private readonly config: GroupedProducerConfig,
    private readonly target: GroupedSendTarget,
    private readonly events: EventQueue,
    private readonly kinds: GroupedProducerEventKinds,
    private readonly id: number,
    private readonly random: { arrivals: Uniform; poison: Uniform; retries: Uniform; duplicates: Uniform },
  ) {
    this.halfLatencyUs = Math.round(config.apiLatencyUs / 2);
    this.lane = events.addLane();
  }

  get unsent(): number {
    return this.backlog.length;
  }

  /** Calls `visit` with the age at nowUs, in seconds, of each message still waiting to be sent (produced, not sent). */
  forEachUnsent(nowUs: number, visit: (ageS: number) => void): void {
    const b = this.backlog;
    for (let i = 0; i < b.length; i++) visit((nowUs - b.arrivalAt(i) + this.halfLatencyUs) / 1e6);
  }

  start(): void {
    this.scheduleNext();
  }

  onArrival(nowUs: number): void {
    const body = `${this.config.name}/${this.messageNumber++}`;
    const size = Math.max(1, Math.round(this.config.sizeBytes()));
    const flags = chance(this.random.poison, this.config.poisonProbability) ? MessageFlag.Poison : 0;
    this.enqueue(nowUs, size, flags, this.config.pickGroup(), this.config.deduplicationId(body), false);
    this.scheduleNext();
  }

  /** A duplicate send comes due: the same message (group, body, id) again, as a retrying client sends it. */
  onResend(nowUs: number): void {
    const b = this.resends;
    this.enqueue(nowUs, b.sizeAt(0), b.flagsAt(0), b.groupAt(0), b.deduplicationIdAt(0), true);
    b.shift();
  }

  onRetry(generation: number, nowUs: number): void {
    if (generation !== this.retryGeneration) return;
    this.retryArmedUs = Infinity;
    // A batch-window timer armed before a throttled call may fire inside its backoff: wake again when it ends,
    // or the backlog would wait for the next arrival, and forever once arrivals stop.
    if (nowUs < this.backoffUntilUs) {
      if (this.backlog.length > 0) this.armRetry(this.backoffUntilUs);
      return;
    }
    this.sendWhatIsDue(nowUs);
  }

  private enqueue(nowUs: number, size: number, flags: number, group: number, deduplicationId: string, isResend: boolean): void {
    this.produced++;
    this.backlog.push(nowUs, size, flags, group, deduplicationId, isResend);
    this.sendWhatIsDue(nowUs);
  }

  /** Sends every call the backlog is ready for, until it is empty, gathering a batch, or throttled. */
  private sendWhatIsDue(nowUs: number): void {
    const b = this.backlog;
    const c = this.config;
    while (b.length > 0 && nowUs >= this.backoffUntilUs) {
      const entries = b.batchEntries(c.batchSize, c.batchPayloadLimitBytes ?? MAX_BATCH_PAYLOAD_BYTES);
      // A batch still filling waits for its window, unless it cannot grow (full, or the next would not fit).
      const windowEndsUs = b.firstArrivalUs() + c.batchWindowUs;
      if (c.batchSize > 1 && entries === b.length && entries < c.batchSize && nowUs < windowEndsUs) {
        this.armRetry(windowEndsUs);
        return;
      }
      if (!this.target.trySendCall(b.groupAt(0), nowUs)) {
        this.throttledCalls++;
        this.backoffUntilUs = nowUs + fullJitterBackoffUs(this.attempts++, this.random.retries);
        this.armRetry(this.backoffUntilUs);
        return;
      }
      this.attempts = 0;
      this.sendCall(nowUs, entries);
    }
  }

  private sendCall(nowUs: number, entries: number): void {
    const b = this.backlog;
    this.target.requests.send++;
    this.target.requests.bill(b.payloadBytes(entries));
    for (let i = 0; i < entries; i++) {
      const size = b.sizeAt(0);
      const flags = b.flagsAt(0);
      const group = b.groupAt(0);
      const dedup = b.deduplicationIdAt(0);
      const isResend = b.isResendAt(0);
      // The arrival event is when the call reaches SQS; the message was produced half a round trip before.
      const sendDelayUs = nowUs - b.firstArrivalUs() + this.halfLatencyUs;
      b.shift();
      // A stored retry is the same order again: marked, so that processing it counts as duplicate processing.
      const outcome = this.target.send(nowUs, size, isResend ? flags | MessageFlag.ProducerDuplicate : flags, group, dedup, sendDelayUs);
      if (outcome === SendOutcome.Rejected) this.rejected++;
      else if (outcome === SendOutcome.Deduplicated) this.deduplicated++;
      else {
        this.accepted++;
        if (isResend) this.duplicatesStored++;
      }
      if (!isResend && outcome !== SendOutcome.Rejected && chance(this.random.duplicates, this.config.duplicateSends)) {
        this.resends.push(nowUs, size, flags, group, dedup, true);
        this.events.push(nowUs + this.config.duplicateSendDelayUs, Phase.Send, this.kinds.resend, this.id);
      }
    }
  }

  private armRetry(atUs: number): void {
    if (atUs >= this.retryArmedUs) return;
    this.retryArmedUs = atUs;
    this.events.push(atUs, Phase.Send, this.kinds.retry, this.id, ++this.retryGeneration);
  }

  private scheduleNext(): void {
    const amount = this.config.poisson ? standardExponential(this.random.arrivals) : 1;
    const next = nextArrivalTime(this.config.rate, this.arrivalS, amount, this.config.horizonS);
    if (next === Infinity) return;
    this.arrivalS = next;
    this.events.pushLane(this.lane, Math.round(next * 1e6) + this.halfLatencyUs, Phase.Send, this.kinds.arrival, this.id);
  }
}
