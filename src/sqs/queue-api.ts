import { type MessageTrace } from "./message-trace.js";
import { type MessageStore } from "./message-store.js";
import { type RequestCounters } from "./request-counters.js";

export type ConsumerAction = "receive" | "delete" | "changeVisibility";

/**
 * Who is told about the outcome of a ReceiveMessage call (a consumer). `localId` is the consumer's own number for the
 * poller that called, as it registered it (addPoller), not the queue's poller id.
 */
export interface ReceiveListener {
  /** `count` messages were delivered to the poller; they are in the queue's `delivered*` arrays. */
  onReceived(localId: number, count: number, nowUs: number): void;
  /** The call returned no message (a short poll that found none, or a long poll whose wait ended). */
  onEmptyReceive(localId: number, nowUs: number): void;
}

/** Sees every delivery before its consumer does (the order checker follows message groups this way). */
export interface DeliveryObserver {
  /** `count` messages were delivered; they are in the queue's `delivered*` arrays. */
  onDelivered(count: number): void;
}

/**
 * What the consumers, the metric sampler and the summary need of a queue, whatever its type: a standard queue
 * (standard-queue.ts) or a FIFO queue (fifo-queue.ts). Slots, receipt tokens and serials identify a delivered
 * message as in StandardQueue.
 */
export interface ConsumerQueue {
  readonly requests: RequestCounters;
  /** Who polls it: a poller's name for a reader ("consumers#3", PollerRegistry.label). */
  readonly pollers: { label(pollerId: number): string };
  /** Records the first messages' events (sqs-sim run --trace-messages); null records nothing. */
  setTrace(trace: MessageTrace | null): void;
  /** Every message the queue holds (read at the end of a run for the messages still waiting). */
  readonly store: MessageStore;

  // Cumulative counters.
  readonly sent: number;
  readonly sentBytes: number;
  readonly rejected: number;
  readonly received: number;
  readonly deleted: number;
  readonly redelivered: number;
  readonly duplicateDeliveries: number;
  readonly deadLettered: number;
  readonly expired: number;
  readonly deadLetterExpired: number;
  readonly inQueueAreaUs: number;

  // Gauges.
  readonly visible: number;
  readonly inFlight: number;
  readonly delayed: number;
  readonly deadLetterDepth: number;

  /** The last delivery, read by the ReceiveListener during onReceived. */
  readonly deliveredSlots: Int32Array;
  readonly deliveredTokens: Uint32Array;
  readonly deliveredSerials: Uint32Array;
  readonly deliveredCallUs: number;

  /**
   * Registers a poller of a consumer (any number of consumers may read the queue): `listener` is told the outcome of
   * its calls, with `localId`, the consumer's own number for it. Returns the id the poller calls receive() with.
   */
  addPoller(listener: ReceiveListener, localId: number): number;
  /** Sees every delivery before the consumer that asked for it; a queue has one (a second is refused). */
  setDeliveryObserver(observer: DeliveryObserver | null): void;
  /**
   * Whether a consumer's call reaching SQS now is within the queue's quota for its action (FIFO: 300 calls/s per
   * action, aws-behaviour 3.10; `group` picks the partition in high-throughput mode, -1 for a receive, which names
   * none); false means ThrottlingException and the call does nothing. Standard queues have no such quota.
   */
  allowCall(action: ConsumerAction, group: number, nowUs: number): boolean;
  /** The message group of a delivered message, or -1 (standard queues have none). */
  groupOf(slot: number): number;
  receive(pollerId: number, maxMessages: number, waitUs: number, nowUs: number): void;
  receiveLater(pollerId: number, maxMessages: number, waitUs: number, arrivesUs: number): boolean;
  cancelPoll(pollerId: number): void;
  deleteMessage(slot: number, token: number, serial: number, nowUs: number): boolean;
  changeVisibility(slot: number, token: number, serial: number, timeoutUs: number, receiveCallUs: number, nowUs: number): boolean;
  release(slot: number): void;
  markProcessed(slot: number): boolean;
  isPoison(slot: number): boolean;
  onTimer(generation: number, nowUs: number): void;
  ageOfOldestMessageS(nowUs: number): number;
  accrue(nowUs: number): void;
}
