import { type MessageTrace, NONE, PAST_TWELVE_HOURS, type TraceEvent, traceDelivery } from "./message-trace.js";
import { type EventQueue } from "../engine/event-queue.js";
import { DeadlineSet } from "./deadline-set.js";
import { DedupWindow } from "./fifo-dedup.js";
import { GroupHeap } from "./fifo-group-heap.js";
import { FifoGroups, NO_SLOT } from "./fifo-groups.js";
import { SendOrder } from "./fifo-send-order.js";
import { FifoThrottle, type FifoAction, type FifoThroughputConfig, type ThrottleCounts } from "./fifo-throttle.js";
import { MAX_BATCH_ENTRIES, MAX_VISIBILITY_US } from "./limits.js";
import { LongPollWaits } from "./long-poll-waits.js";
import { MessageState, MessageStore } from "./message-store.js";
import { type ConsumerAction, type ConsumerQueue, type DeliveryObserver, type ReceiveListener } from "./queue-api.js";
import { PollerRegistry } from "./poller-registry.js";
import { QueueTimer } from "./queue-timer.js";
import { RequestCounters } from "./request-counters.js";
import { type LatencyRecorder, type QueueLatencyRecorders } from "./standard-queue.js";
import { TimedDeque } from "./timed-deque.js";

export interface FifoQueueConfig {
  visibilityTimeoutUs: number;
  retentionUs: number;
  maxMessageSizeBytes: number;
  /** Queue-level delay: FIFO refuses per-message timers (aws-behaviour 1.6, 3.9), so every message waits this long. */
  delayUs: number;
  /** 120,000 (1.15, FIFO_IN_FLIGHT_LIMIT). */
  inFlightLimit: number;
  /** Stored messages a receive looks through to find available groups: 120,000 (3.5, FIFO_SCAN_WINDOW). */
  scanWindow: number;
  deadLetter: { maxReceiveCount: number; retentionUs: number } | null;
  /** Refuse to hold more messages than this (a guard against runs that would exhaust memory). */
  maxStoredMessages: number;
  /** Deduplication scope and interval (5 min, 3.6, 3.11). */
  deduplication: { scope: "queue" | "messageGroup"; intervalUs: number };
  throughput: FifoThroughputConfig;
}

/** What became of a SendMessage (or one entry of a SendMessageBatch). Numeric, so a send allocates nothing. */
export const FifoSendOutcome = {
  /** Stored: it will be delivered. */
  Accepted: 0,
  /** A duplicate within the deduplication interval: SQS answers success but neither stores nor delivers it (3.6). */
  Deduplicated: 1,
  /** Refused for its size (1.10). */
  Rejected: 2,
} as const;
export type FifoSendOutcome = (typeof FifoSendOutcome)[keyof typeof FifoSendOutcome];

export type FifoEndReason = "deleted" | "deadLettered" | "expired";

/** Told once when a message leaves the queue (for an order checker kept outside the queue). */
export interface FifoEndListener {
  onMessageEnded(slot: number, reason: FifoEndReason): void;
}

/**
 * An SQS FIFO queue (aws-behaviour §3): strict order within a message group, groups blocked while one of their messages
 * is in flight, receives filled from as few groups as possible, a scan window over the oldest stored messages,
 * deduplication, per-action throttling budgets, visibility, long and short polling, queue delay, retention and
 * redrive to a FIFO dead-letter queue. Exactly one copy of each message: no duplicate deliveries.
 *
 * Per message operation the cost is O(log n): available groups sit in an indexed heap keyed by the send position
 * of their head message, and a Fenwick tree over send positions gives the rank needed for the scan window. Message
 * state is struct-of-arrays (MessageStore plus FifoGroups' per-slot columns); only the next timer is in the global
 * event heap.
 */
export class FifoQueue implements ConsumerQueue {
  readonly store: MessageStore;
  readonly requests = new RequestCounters();
  private readonly queueWait: LatencyRecorder;
  private readonly endToEnd: LatencyRecorder;
  private readonly sendDelay: LatencyRecorder | null;

  // Counters (cumulative). `sent` counts stored messages: duplicates are in `deduplicated` instead.
  sent = 0;
  sentBytes = 0;
  rejected = 0;
  /** Sends accepted as duplicates and dropped (NumberOfDeduplicatedSentMessages, 4.8). */
  deduplicated = 0;
  received = 0;
  deleted = 0;
  redelivered = 0;
  /** FIFO delivers one copy per receive: always 0. */
  readonly duplicateDeliveries = 0;
  deadLettered = 0;
  expired = 0;
  deadLetterExpired = 0;

  // Gauges.
  visible = 0;
  inFlight = 0;
  delayed = 0;
  deadLetterDepth = 0;
  /** ∫ (visible + in flight + delayed) dt, in message·µs. */
  inQueueAreaUs = 0;
  private areaSinceUs = 0;

  readonly deliveredSlots = new Int32Array(MAX_BATCH_ENTRIES);
  readonly deliveredTokens = new Uint32Array(MAX_BATCH_ENTRIES);
  readonly deliveredSerials = new Uint32Array(MAX_BATCH_ENTRIES);
  /** When the ReceiveMessage call of the last delivery reached SQS: the 12 h visibility cap counts from it (1.27). */
  deliveredCallUs = 0;
  /** The slot of the last accepted (stored) send, -1 before any: for an observer that follows messages by slot. */
  lastSentSlot = -1;

  private readonly groups = new FifoGroups();
  /** Groups that can be received from now (no message in flight, head visible), earliest head first. */
  private readonly available = new GroupHeap();
  private readonly order: SendOrder;
  private readonly dedup: DedupWindow;
  private readonly throttle: FifoThrottle;
  private readonly visibilityDeadlines = new DeadlineSet();
  private readonly delayDeadlines = new DeadlineSet();
  /** FIFO dead-letter expiries count from the move (1.23), so they arrive in time order: a deque. */
  private readonly deadLetterExpiries = new TimedDeque();
  private readonly polls = new LongPollWaits();
  private readonly timer: QueueTimer;
  private nextReceipt = 1;
  /** Who asked: each poller's consumer (several may read the queue). */
  readonly pollers = new PollerRegistry();
  private endListener: FifoEndListener | null = null;
  /** The first messages' events, when asked for (sqs-sim run --trace-messages); null costs one check per event. */
  private trace: MessageTrace | null = null;

  /** Heap key of a group: the send position of its head (rebuilt after the send order packs its positions). */
  private readonly headPosition = (g: number): number => this.order.positionOf(this.groups.head[g]!);
  private readonly isCurrentReceipt = (slot: number, token: number): boolean =>
    this.store.state[slot] === MessageState.InFlight && this.store.receipt[slot] === token;

  constructor(
    private readonly config: FifoQueueConfig,
    events: EventQueue,
    timerKind: number,
    queueId: number,
    latency: QueueLatencyRecorders,
  ) {
    if (!(Number.isInteger(config.scanWindow) && config.scanWindow >= 1)) {
      throw new RangeError(`scanWindow must be a whole number ≥ 1, got ${config.scanWindow}`);
    }
    if (!(config.delayUs >= 0)) throw new RangeError(`delayUs must be ≥ 0, got ${config.delayUs}`);
    this.store = new MessageStore(1024, config.maxStoredMessages);
    this.order = new SendOrder();
    this.dedup = new DedupWindow(config.deduplication.intervalUs, config.deduplication.scope === "messageGroup");
    this.throttle = new FifoThrottle(config.throughput);
    this.timer = new QueueTimer(events, timerKind, queueId);
    this.queueWait = latency.queueWait;
    this.endToEnd = latency.endToEnd;
    this.sendDelay = latency.sendDelay ?? null;
  }

  addPoller(listener: ReceiveListener, localId: number): number {
    return this.pollers.add(listener, localId);
  }

  setDeliveryObserver(observer: DeliveryObserver | null): void {
    this.pollers.setObserver(observer);
  }

  setEndListener(listener: FifoEndListener | null): void {
    this.endListener = listener;
  }

  setTrace(trace: MessageTrace | null): void {
    this.trace = trace;
  }

  private traced(serial: number, nowUs: number, event: TraceEvent, receipt: number, detail: string): void {
    if (this.trace?.includes(serial)) this.trace.record(nowUs, serial, event, NONE, receipt, detail);
  }

  /** Calls refused with a ThrottlingException, per action (3.10-3.13). */
  get throttled(): Readonly<ThrottleCounts> {
    return this.throttle.throttled;
  }

  /** ApproximateNumberOfGroupsWithInflightMessages (4.8): groups with at least one message in flight. */
  get groupsWithInFlight(): number {
    return this.groups.withInFlight;
  }

  get groupsWithInFlightPeak(): number {
    return this.groups.withInFlightPeak;
  }

  /** Groups holding at least one stored message (delayed, visible or in flight). */
  get activeGroups(): number {
    return this.groups.active;
  }

  /** The caller's group id of a message (valid while the slot is held or stored). */
  groupOf(slot: number): number {
    return this.groups.idOf(this.groups.groupOfSlot[slot]!);
  }

  /** The message's 0-based sequence number within its group, assigned when its send was accepted. */
  sequenceOf(slot: number): number {
    return this.groups.sequenceOfSlot[slot]!;
  }

  /** The throttling partition of a group (3.12): 0 in normal mode. */
  partitionOf(groupId: number): number {
    return this.throttle.partitionOf(groupId);
  }

  /**
   * Asks for one API call at nowUs; false means a ThrottlingException (counted in `throttled`). The queue does not
   * call this inside send, receive or delete: producers and consumers ask before each call they make, passing the
   * group the call is for (the first entry's group for a batch; a negative id for ReceiveMessage, which names no
   * group). See FifoThrottle.tryCall.
   */
  /** A consumer's call: a receive names no group, so it takes a call from any partition with room (3.10-3.12). */
  allowCall(action: ConsumerAction, group: number, nowUs: number): boolean {
    return this.tryCall(action, group, nowUs);
  }

  tryCall(action: FifoAction, groupId: number, nowUs: number): boolean {
    return this.throttle.tryCall(action, groupId, nowUs);
  }

  /**
   * SendMessage (or one entry of a SendMessageBatch) reaching SQS at nowUs, for message group groupId with this
   * deduplication id (explicit or the content hash, 3.7: the caller decides). Size is checked first (1.10), then
   * deduplication (3.6, 3.11). There is no per-message delay on FIFO (1.6); the queue delay applies to all.
   * sendDelayUs is how long the message waited before this, since it was produced.
   */
  send(nowUs: number, sizeBytes: number, flags: number, groupId: number, deduplicationId: string, sendDelayUs = 0, fromTopic = false): FifoSendOutcome {
    // A delivery from an SNS topic is held to the topic's maximum size, not the queue's (aws-behaviour 13.4).
    if (sizeBytes > this.config.maxMessageSizeBytes && !fromTopic) {
      this.rejected++;
      return FifoSendOutcome.Rejected;
    }
    const groups = this.groups;
    const g = groups.indexOf(groupId);
    if (this.dedup.isDuplicate(nowUs, g, deduplicationId)) {
      this.deduplicated++;
      return FifoSendOutcome.Deduplicated;
    }
    this.accrue(nowUs);
    const store = this.store;
    const slot = store.allocate(nowUs, sizeBytes, flags, sendDelayUs);
    if (this.sendDelay !== null) this.sendDelay.record(sendDelayUs / 1e6);
    this.lastSentSlot = slot;
    if (this.trace !== null) {
      this.trace.noteSerial(store.serial[slot]!);
      this.traced(store.serial[slot]!, nowUs, "sent", NONE, `group ${groupId}${this.config.delayUs > 0 ? `, delayed ${this.config.delayUs / 1e6} s` : ""}`);
    }
    groups.append(g, slot);
    const packings = this.order.packings;
    this.order.append(slot);
    if (this.order.packings !== packings) this.available.rekey(this.headPosition);
    if (this.order.live === 1) this.timer.armIfEarlier(nowUs + this.config.retentionUs, nowUs);
    this.sent++;
    this.sentBytes += sizeBytes;
    if (this.config.delayUs > 0) {
      this.holdBack(slot, nowUs);
      return FifoSendOutcome.Accepted;
    }
    store.state[slot] = MessageState.Visible;
    this.visible++;
    if (groups.head[g] === slot) {
      this.refresh(g);
      if (this.polls.length > 0) this.serveWaitingPollers(nowUs);
    }
    return FifoSendOutcome.Accepted;
  }

  /**
   * ReceiveMessage reaching SQS at nowUs. Long polling (waitUs > 0) answers as soon as a message is available or
   * when the wait ends (1.8, 2.6). Short polling answers at once with what is available: AWS documents server
   * sampling (2.4-2.5) for standard queues only, and a FIFO receive must see each group's head to keep its order,
   * so nothing is sampled here. The outcome goes to the listener, now or later.
   */
  receive(pollerId: number, maxMessages: number, waitUs: number, nowUs: number): void {
    this.requests.receive++;
    if (waitUs <= 0) {
      this.shortPoll(pollerId, maxMessages, nowUs);
    } else {
      const got = this.takeMessages(maxMessages, nowUs);
      if (got > 0) this.answer(pollerId, got, nowUs, nowUs);
      else this.waitForMessages(pollerId, maxMessages, nowUs, waitUs, nowUs);
    }
    // Messages this receive moved to the dead-letter queue may have uncovered groups for polls already waiting.
    if (this.polls.length > 0 && this.canDeliver()) this.serveWaitingPollers(nowUs);
  }

  /**
   * StandardQueue registers an idle long poll a round trip ahead (receiveLater) to save an event. A FIFO queue never
   * does: its receive quota (3.10) must be judged when the call reaches SQS (allowReceive), in time order. So the
   * caller always delivers the receive at its arrival.
   */
  receiveLater(_pollerId: number, _maxMessages: number, _waitUs: number, _arrivesUs: number): boolean {
    return false;
  }

  cancelPoll(pollerId: number): void {
    this.polls.cancel(pollerId);
  }

  /**
   * DeleteMessage with the receipt of one receive. Only the latest receipt deletes (1.29), and only while the
   * message is in flight under it: on FIFO a delete arriving after the visibility timeout expired fails, even if
   * nobody received the message since (1.31; a standard queue would delete it, 1.30). A delete at the very
   * instant the timeout ends is in time (Phase.Delete runs before the queue's timers). Returns whether it deleted.
   */
  deleteMessage(slot: number, token: number, serial: number, nowUs: number): boolean {
    if (!this.holdsReceipt(slot, token, serial, nowUs)) {
      if (this.trace?.includes(serial)) this.traced(serial, nowUs, "deleteIgnored", token, this.ignoredWhy(slot, token, serial));
      return false;
    }
    this.traced(serial, nowUs, "deleted", token, "");
    const g = this.groups.groupOfSlot[slot]!;
    this.endToEnd.record(this.store.ageS(slot, nowUs));
    this.deleted++;
    this.removeMessage(slot, "deleted", nowUs);
    // The group may be unblocked, the scan window moves on and the in-flight count drops: a waiting poll may be served.
    this.refresh(g);
    if (this.polls.length > 0) this.serveWaitingPollers(nowUs);
    return true;
  }

  /**
   * ChangeMessageVisibility: the new timeout counts from now, applies to this receipt only and may not reach past
   * 12 h after the ReceiveMessage call reached SQS (1.26-1.28). A timeout of 0 makes the message visible now, at its
   * place: the front of its group. Returns whether the change was applied.
   */
  changeVisibility(slot: number, token: number, serial: number, timeoutUs: number, receiveCallUs: number, nowUs: number): boolean {
    if (!this.holdsReceipt(slot, token, serial, nowUs)) {
      if (this.trace?.includes(serial)) this.traced(serial, nowUs, "visibilityChangeRefused", token, this.ignoredWhy(slot, token, serial));
      return false;
    }
    if (nowUs + timeoutUs > receiveCallUs + MAX_VISIBILITY_US) {
      if (this.trace?.includes(serial)) this.traced(serial, nowUs, "visibilityChangeRefused", token, PAST_TWELVE_HOURS);
      return false;
    }
    if (this.trace?.includes(serial)) this.traced(serial, nowUs, "visibilityChanged", token, `timeout ${timeoutUs / 1e6} s from now`);
    if (timeoutUs <= 0) {
      this.returnToGroup(slot);
      if (this.polls.length > 0) this.serveWaitingPollers(nowUs);
      return true;
    }
    const deadline = nowUs + timeoutUs;
    this.store.deadlineUs[slot] = deadline;
    this.visibilityDeadlines.push(deadline, slot, token);
    this.timer.armIfEarlier(deadline, nowUs);
    return true;
  }

  /** A consumer is done with a delivered message (processed, failed or abandoned). */
  release(slot: number): void {
    this.store.releaseRef(slot);
  }

  /** Marks a completed processing; returns true when the message had been processed before (a redelivery). */
  markProcessed(slot: number): boolean {
    return this.store.markProcessed(slot);
  }

  isPoison(slot: number): boolean {
    return this.store.isPoison(slot);
  }

  /** The queue's timer event fired. */
  onTimer(generation: number, nowUs: number): void {
    if (!this.timer.claim(generation)) return;
    this.expireRetention(nowUs);
    this.expireDeadLetters(nowUs);
    this.expireVisibility(nowUs);
    this.endDelays(nowUs);
    if (this.polls.length > 0) {
      this.serveWaitingPollers(nowUs);
      this.endPollWaits(nowUs);
    }
    if (this.visibilityDeadlines.length > 2 * this.inFlight + 4096) this.visibilityDeadlines.compact(this.isCurrentReceipt);
    this.timer.armIfEarlier(this.nextDeadline(), nowUs);
  }

  /**
   * ApproximateAgeOfOldestMessage in seconds: the oldest stored message. FIFO queues do not move messages received
   * three times to the back as standard queues do, so none is left out (4.4).
   */
  ageOfOldestMessageS(nowUs: number): number {
    const oldest = this.order.oldest();
    return oldest < 0 ? 0 : (nowUs - this.store.sentUs[oldest]!) / 1e6;
  }

  /** Brings the time-weighted backlog up to nowUs (call before reading inQueueAreaUs). */
  accrue(nowUs: number): void {
    this.inQueueAreaUs += (this.visible + this.inFlight + this.delayed) * (nowUs - this.areaSinceUs);
    this.areaSinceUs = nowUs;
  }

  // ---- receiving -------------------------------------------------------------------------------------------

  /** Whether a receive now would find something: room under the in-flight limit and an available group in the scan window. */
  private canDeliver(): boolean {
    if (this.inFlight >= this.config.inFlightLimit) return false;
    const g = this.available.peek();
    return g >= 0 && this.inScanWindow(this.groups.head[g]!);
  }

  /**
   * Whether a group headed by this message is seen by a receive: only the first scanWindow stored messages in send
   * order are looked through to find available groups (3.5, 12.5), in flight and blocked ones included.
   */
  private inScanWindow(head: number): boolean {
    const window = this.config.scanWindow;
    return this.order.live <= window || this.order.countBefore(head) < window;
  }

  private shortPoll(pollerId: number, maxMessages: number, nowUs: number): void {
    // At the in-flight limit a FIFO receive returns no error, just nothing (1.15): an empty receive, not an
    // overLimit (that counts the standard queue's OverLimit errors, 1.14).
    const atLimit = this.inFlight >= this.config.inFlightLimit;
    const got = atLimit ? 0 : this.takeMessages(maxMessages, nowUs);
    if (got > 0) {
      this.answer(pollerId, got, nowUs, nowUs);
      return;
    }
    this.answerEmpty(pollerId, nowUs);
  }

  /**
   * Fills the delivered arrays (3.4): the available group whose head was sent earliest gives its consecutive
   * visible messages, in order, up to max; if the batch is not full the next such group follows, and so on. A group
   * whose head lies beyond the scan window ends the search: every later group's head lies beyond it too.
   */
  private takeMessages(maxMessages: number, nowUs: number): number {
    const max = maxMessages > MAX_BATCH_ENTRIES ? MAX_BATCH_ENTRIES : maxMessages;
    const limit = this.config.inFlightLimit;
    let n = 0;
    while (n < max && this.inFlight < limit) {
      const g = this.available.peek();
      if (g < 0 || !this.inScanWindow(this.groups.head[g]!)) break;
      this.available.remove(g);
      n = this.takeFromGroup(g, n, max, nowUs);
      this.refresh(g);
    }
    return n;
  }

  /** Takes group g's visible messages from its head on, in order, into delivered[n..]; returns the new count. */
  private takeFromGroup(g: number, n: number, max: number, nowUs: number): number {
    const state = this.store.state;
    const next = this.groups.next;
    const dlq = this.config.deadLetter;
    const limit = this.config.inFlightLimit;
    let slot = this.groups.head[g]!;
    while (slot !== NO_SLOT && n < max && this.inFlight < limit && state[slot] === MessageState.Visible) {
      const after = next[slot]!;
      if (dlq !== null && this.store.receiveCount[slot]! >= dlq.maxReceiveCount) {
        // The receive that would exceed maxReceiveCount moves the message instead (1.18, 12.3): a poison message
        // blocks its group until this happens (12.5); then the group goes on with its next message.
        this.moveToDeadLetter(slot, nowUs);
      } else {
        this.deliver(slot, n++, nowUs);
      }
      slot = after;
    }
    return n;
  }

  private deliver(slot: number, n: number, nowUs: number): void {
    const store = this.store;
    const receives = store.receiveCount[slot]! + 1;
    if (receives <= 0xffff) store.receiveCount[slot] = receives;
    const receipt = this.nextReceipt;
    this.nextReceipt = receipt === 0xffffffff ? 1 : receipt + 1;
    store.receipt[slot] = receipt;
    store.state[slot] = MessageState.InFlight;
    store.refs[slot]!++;
    this.groups.addInFlight(this.groups.groupOfSlot[slot]!);
    this.visible--;
    this.inFlight++;
    this.received++;
    if (receives > 1) this.redelivered++;
    else this.queueWait.record((nowUs - store.sentUs[slot]!) / 1e6);
    const deadline = nowUs + this.config.visibilityTimeoutUs;
    store.deadlineUs[slot] = deadline;
    this.visibilityDeadlines.push(deadline, slot, receipt);
    this.timer.armIfEarlier(deadline, nowUs);
    this.deliveredSlots[n] = slot;
    this.deliveredTokens[n] = receipt;
    this.deliveredSerials[n] = store.serial[slot]!;
  }

  private answer(pollerId: number, count: number, nowUs: number, callUs: number): void {
    let bytes = 0;
    for (let i = 0; i < count; i++) bytes += this.store.sizeBytes[this.deliveredSlots[i]!]!;
    this.requests.bill(bytes);
    this.deliveredCallUs = callUs;
    if (this.trace !== null) traceDelivery(this.trace, this, pollerId, count, nowUs);
    this.pollers.received(pollerId, count, nowUs);
  }

  private answerEmpty(pollerId: number, nowUs: number): void {
    this.requests.emptyReceive++;
    this.requests.bill(0);
    this.pollers.empty(pollerId, nowUs);
  }

  private waitForMessages(pollerId: number, maxMessages: number, activeFromUs: number, waitUs: number, nowUs: number): void {
    const endUs = this.polls.add(pollerId, maxMessages, activeFromUs, waitUs);
    this.timer.armIfEarlier(endUs, nowUs);
  }

  /** Serves waiting long polls, longest waiting first, while something is deliverable. */
  private serveWaitingPollers(nowUs: number): void {
    const polls = this.polls;
    for (;;) {
      const poller = polls.peek();
      if (poller < 0 || !this.canDeliver()) return;
      const activeFrom = polls.activeFromUsOf(poller);
      if (activeFrom > nowUs) {
        // The longest-waiting poll has not reached SQS yet (nor, with one wait time, any poll behind it).
        this.timer.armIfEarlier(activeFrom, nowUs);
        return;
      }
      const got = this.takeMessages(polls.maxMessagesOf(poller), nowUs);
      if (got === 0) return;
      polls.served();
      this.answer(poller, got, nowUs, activeFrom);
    }
  }

  private endPollWaits(nowUs: number): void {
    for (let poller = this.polls.popEnded(nowUs); poller >= 0; poller = this.polls.popEnded(nowUs)) {
      this.answerEmpty(poller, nowUs);
    }
  }

  // ---- state changes ---------------------------------------------------------------------------------------

  /**
   * Puts group g in the available heap, keyed by its head's send position, exactly when it can be received from:
   * nothing in flight (3.3) and a visible head (not delayed). Called after anything that may change either.
   */
  private refresh(g: number): void {
    const head = this.groups.head[g]!;
    if (this.groups.inFlight[g] === 0 && head !== NO_SLOT && this.store.state[head] === MessageState.Visible) {
      this.available.set(g, this.order.positionOf(head));
    } else {
      this.available.remove(g);
    }
  }

  /**
   * A new message waits out the queue delay (1.5). One delay for all keeps every group's delayed messages a suffix
   * of the group, in send order.
   */
  private holdBack(slot: number, nowUs: number): void {
    const visibleAtUs = nowUs + this.config.delayUs;
    this.delayed++;
    this.store.state[slot] = MessageState.Delayed;
    this.store.deadlineUs[slot] = visibleAtUs;
    this.delayDeadlines.push(visibleAtUs, slot, this.store.serial[slot]!);
    this.timer.armIfEarlier(visibleAtUs, nowUs);
  }

  /** An in-flight message becomes visible again where it stands in its group: at the front of what is left (3.2). */
  private returnToGroup(slot: number): void {
    const g = this.groups.groupOfSlot[slot]!;
    this.store.state[slot] = MessageState.Visible;
    this.inFlight--;
    this.visible++;
    this.groups.removeInFlight(g);
    this.refresh(g);
  }

  /** Why a delete or visibility change with this receipt does nothing (1.29, 1.31): for the trace. */
  private ignoredWhy(slot: number, token: number, serial: number): string {
    const store = this.store;
    if (store.serial[slot] !== serial || store.state[slot] === MessageState.Gone) return "the message is gone";
    if (store.receipt[slot] !== token) return "stale receipt: the message was received again since";
    return "the visibility timeout had expired (a FIFO queue refuses the call, 1.31)";
  }

  /** Whether (token, serial) is the latest receipt of a message still in flight under it at nowUs. */
  private holdsReceipt(slot: number, token: number, serial: number, nowUs: number): boolean {
    const store = this.store;
    return store.serial[slot] === serial && store.receipt[slot] === token && store.state[slot] === MessageState.InFlight && store.deadlineUs[slot]! >= nowUs;
  }

  /** Takes a stored message out of the queue: its group, the send order and the gauges. The caller refreshes its group. */
  private removeMessage(slot: number, reason: FifoEndReason, nowUs: number): void {
    const store = this.store;
    const groups = this.groups;
    this.accrue(nowUs);
    const state = store.state[slot];
    if (state === MessageState.Visible) this.visible--;
    else if (state === MessageState.Delayed) this.delayed--;
    else {
      this.inFlight--;
      groups.removeInFlight(groups.groupOfSlot[slot]!);
    }
    groups.unlink(slot);
    this.order.remove(slot);
    store.state[slot] = MessageState.Gone;
    if (this.trace !== null && reason !== "deleted") {
      this.traced(store.serial[slot]!, nowUs, reason, NONE, reason === "deadLettered" ? `after ${store.receiveCount[slot]} receives` : "retention period");
    }
    this.endListener?.onMessageEnded(slot, reason);
    store.releaseIfUnreferenced(slot);
  }

  private moveToDeadLetter(slot: number, nowUs: number): void {
    this.removeMessage(slot, "deadLettered", nowUs);
    this.deadLettered++;
    this.deadLetterDepth++;
    // A FIFO DLQ restarts the retention clock at the move (1.23, 12.4), unlike a standard one (1.22).
    const expiresAt = nowUs + this.config.deadLetter!.retentionUs;
    this.deadLetterExpiries.push(expiresAt, 0, 0);
    this.timer.armIfEarlier(expiresAt, nowUs);
  }

  /** Messages older than the retention period are deleted wherever they are, in flight included (1.3). */
  private expireRetention(nowUs: number): void {
    const store = this.store;
    const lastKeptSentUs = nowUs - this.config.retentionUs;
    for (let slot = this.order.oldest(); slot >= 0; slot = this.order.oldest()) {
      if (store.sentUs[slot]! > lastKeptSentUs) return;
      const g = this.groups.groupOfSlot[slot]!;
      this.removeMessage(slot, "expired", nowUs);
      this.expired++;
      this.refresh(g);
    }
  }

  private expireDeadLetters(nowUs: number): void {
    const expiries = this.deadLetterExpiries;
    while (expiries.peekTime() <= nowUs) {
      expiries.shift();
      this.deadLetterDepth--;
      this.deadLetterExpired++;
    }
  }

  private expireVisibility(nowUs: number): void {
    const deadlines = this.visibilityDeadlines;
    const store = this.store;
    while (deadlines.peekTime() <= nowUs) {
      const slot = deadlines.peekSlot();
      const receipt = deadlines.peekToken();
      const at = deadlines.peekTime();
      deadlines.shift();
      // Stale: deleted, received again, or extended since (a later entry stands for it).
      if (!this.isCurrentReceipt(slot, receipt) || store.deadlineUs[slot] !== at) continue;
      // Not deleted in time: back at the front of its group; the next receive counts it again (12.2, 1.32).
      this.traced(store.serial[slot]!, nowUs, "visibilityExpired", receipt, "");
      this.returnToGroup(slot);
    }
  }

  private endDelays(nowUs: number): void {
    const delays = this.delayDeadlines;
    const store = this.store;
    while (delays.peekTime() <= nowUs) {
      const slot = delays.peekSlot();
      const serial = delays.peekToken();
      delays.shift();
      if (store.serial[slot] !== serial || store.state[slot] !== MessageState.Delayed) continue;
      store.state[slot] = MessageState.Visible;
      this.delayed--;
      this.visible++;
      this.refresh(this.groups.groupOfSlot[slot]!);
    }
  }

  /**
   * The earliest time any timer is due. Stale visibility deadlines at the head (messages deleted in time: nearly
   * all of them in steady state) are dropped first, so that they do not each fire a timer.
   */
  private nextDeadline(): number {
    const vis = this.visibilityDeadlines;
    const store = this.store;
    while (vis.length > 0) {
      const slot = vis.peekSlot();
      if (this.isCurrentReceipt(slot, vis.peekToken()) && store.deadlineUs[slot] === vis.peekTime()) break;
      vis.shift();
    }
    const oldest = this.order.oldest();
    const retentionUs = oldest < 0 ? Infinity : store.sentUs[oldest]! + this.config.retentionUs;
    return Math.min(retentionUs, vis.peekTime(), this.delayDeadlines.peekTime(), this.polls.nextEndUs(), this.deadLetterExpiries.peekTime());
  }
}
