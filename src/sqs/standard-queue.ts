import { type EventQueue } from "../engine/event-queue.js";
import { Phase } from "../engine/phases.js";
import { chance, type Uniform } from "../engine/random.js";
import { grown } from "../engine/typed-arrays.js";
import { DeadlineSet } from "./deadline-set.js";
import { AGE_METRIC_RECEIVE_EXCLUSION, MAX_BATCH_ENTRIES, MAX_VISIBILITY_US } from "./limits.js";
import { MessageFlag, MessageState, MessageStore } from "./message-store.js";
import { PairDeque } from "./pair-deque.js";
import { type ConsumerAction, type DeliveryObserver, type ReceiveListener } from "./queue-api.js";
import { PollerRegistry } from "./poller-registry.js";
import { RequestCounters } from "./request-counters.js";
import { SlotRing } from "./slot-ring.js";
import { TimedHeap } from "./timed-heap.js";
import { type MessageTrace, NONE, PAST_TWELVE_HOURS, type TraceEvent, traceDelivery } from "./message-trace.js";

export interface StandardQueueConfig {
  visibilityTimeoutUs: number;
  retentionUs: number;
  maxMessageSizeBytes: number;
  duplicateDeliveryRate: number;
  /** Servers a standard queue's messages are spread over, as seen by a short poll (see sampleShortPoll). */
  shortPollServers: number;
  /** Probability that a short poll's server is drawn in proportion to the visible messages it holds. */
  shortPollMessageWeight: number;
  inFlightLimit: number;
  deadLetter: { maxReceiveCount: number; retentionUs: number } | null;
  /** Refuse to hold more messages than this (a guard against runs that would exhaust memory). */
  maxStoredMessages: number;
}

/** Where the queue reports a latency, in seconds (the simulation wires a metrics histogram here). */
export interface LatencyRecorder {
  record(valueS: number): void;
}

export interface QueueLatencyRecorders {
  /** Send → first receive (ApproximateFirstReceiveTimestamp − SentTimestamp, aws-behaviour 1.33). */
  queueWait: LatencyRecorder;
  /** Produced → successful delete: the send delay, then send → delete. */
  endToEnd: LatencyRecorder;
  /** Produced → accepted by SQS, for each accepted message (absent: not recorded). */
  sendDelay?: LatencyRecorder;
}

/** Told once when a message leaves the queue (the order checker); the slot and serial are still the message's. */
export interface MessageEndListener {
  onMessageEnded(slot: number, serial: number, reason: "deleted" | "deadLettered" | "expired"): void;
}

/** Receipt token 0 marks a duplicate copy: it has no receipt handle that can delete or extend the message. */
export const COPY_TOKEN = 0;

/**
 * An SQS standard queue (aws-behaviour §1, §2): visible, in-flight and delayed messages; visibility timeouts and
 * redelivery; long and short polling; retention; redrive to a dead-letter queue; at-least-once duplicates.
 * It keeps its own order (a ring of visible messages, deques of deadlines) and puts only its next timer in the
 * global event heap.
 */
export class StandardQueue {
  readonly store: MessageStore;
  readonly requests = new RequestCounters();
  private readonly queueWait: LatencyRecorder;
  private readonly endToEnd: LatencyRecorder;
  private readonly sendDelay: LatencyRecorder | null;

  // Counters (cumulative). `sent` counts accepted messages; `received` counts deliveries, copies included.
  sent = 0;
  sentBytes = 0;
  rejected = 0;
  received = 0;
  deleted = 0;
  redelivered = 0;
  duplicateDeliveries = 0;
  deadLettered = 0;
  expired = 0;
  deadLetterExpired = 0;

  visible = 0;
  inFlight = 0;
  delayed = 0;
  deadLetterDepth = 0;
  /** ∫ (visible + in flight + delayed) dt, in message·µs: the time-average backlog for Little's law. */
  inQueueAreaUs = 0;
  private areaSinceUs = 0;

  /** The messages of the last delivery, read by the ReceiveListener during onReceived. */
  readonly deliveredSlots = new Int32Array(MAX_BATCH_ENTRIES);
  readonly deliveredTokens = new Uint32Array(MAX_BATCH_ENTRIES);
  readonly deliveredSerials = new Uint32Array(MAX_BATCH_ENTRIES);
  /** When the ReceiveMessage call of the last delivery reached SQS (earlier than the delivery after a long-poll
   *  wait): the 12 h visibility cap counts from here (aws-behaviour 1.27). */
  deliveredCallUs = 0;

  private readonly ring = new SlotRing();
  private copiesInRing = 0;
  private readonly sendOrder = new PairDeque();
  private readonly visibilityDeadlines = new DeadlineSet();
  private readonly delayDeadlines = new DeadlineSet();
  private readonly deadLetterExpiries = new TimedHeap();
  private readonly pollWaits = new DeadlineSet();
  private pollerMaxMessages = new Uint8Array(16);
  private pollerToken = new Uint32Array(16);
  private pollerWaiting = new Uint8Array(16);
  /** When a registered long poll reaches SQS (see receiveLater); it cannot be served before. */
  private pollerActiveFromUs = new Float64Array(16);
  private nextReceipt = 1;

  private armedUs = Infinity;
  private timerGeneration = 0;

  /** Who asked: each poller's consumer (several may read the queue). */
  readonly pollers = new PollerRegistry();
  private endListener: MessageEndListener | null = null;
  /** The first messages' events, when asked for (sqs-sim run --trace-messages); null costs one check per event. */
  private trace: MessageTrace | null = null;
  /** The slot of the last accepted send, and its serial (for an observer that follows messages by slot). */
  lastSentSlot = -1;

  constructor(
    private readonly config: StandardQueueConfig,
    private readonly events: EventQueue,
    private readonly timerKind: number,
    private readonly queueId: number,
    private readonly duplicateRandom: Uniform,
    private readonly pollRandom: Uniform,
    latency: QueueLatencyRecorders,
  ) {
    this.store = new MessageStore(1024, config.maxStoredMessages);
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

  allowCall(_action: ConsumerAction, _group: number, _nowUs: number): boolean {
    return true;
  }

  groupOf(_slot: number): number {
    return -1;
  }

  setEndListener(listener: MessageEndListener): void {
    this.endListener = listener;
  }

  setTrace(trace: MessageTrace | null): void {
    this.trace = trace;
  }

  private traced(serial: number, nowUs: number, event: TraceEvent, receipt: number, detail: string, poller = NONE): void {
    if (this.trace?.includes(serial)) this.trace.record(nowUs, serial, event, poller, receipt, detail);
  }

  /** The delivery about to go to `poller` (the queue's delivered arrays), for the trace. */
  private traceDelivery(poller: number, count: number, nowUs: number): void {
    if (this.trace !== null) traceDelivery(this.trace, this, poller, count, nowUs);
  }

  /**
   * SendMessage (or one entry of a batch) reaching SQS at nowUs. Returns false when the message is rejected for
   * its size (aws-behaviour 1.10). delayUs is the message timer or the queue delay (1.5-1.6); sendDelayUs is how long
   * the message waited before this, since it was produced. A delivery from an SNS topic (`fromTopic`) is not held to
   * the queue's maximum size: the topic's applies (aws-behaviour 13.4).
   */
  send(nowUs: number, sizeBytes: number, delayUs: number, flags: number, sendDelayUs = 0, fromTopic = false): boolean {
    if (sizeBytes > this.config.maxMessageSizeBytes && !fromTopic) {
      this.rejected++;
      return false;
    }
    this.accrue(nowUs);
    const store = this.store;
    const slot = store.allocate(nowUs, sizeBytes, flags, sendDelayUs);
    if (this.sendDelay !== null) this.sendDelay.record(sendDelayUs / 1e6);
    this.lastSentSlot = slot;
    if (this.trace !== null) {
      this.trace.noteSerial(store.serial[slot]!);
      this.traced(store.serial[slot]!, nowUs, "sent", NONE, delayUs > 0 ? `delayed ${delayUs / 1e6} s` : "");
    }
    this.sendOrder.push(slot, store.serial[slot]!);
    if (this.sendOrder.length === 1) this.armIfEarlier(nowUs + this.config.retentionUs, nowUs);
    this.sent++;
    this.sentBytes += sizeBytes;
    if (delayUs > 0) {
      store.state[slot] = MessageState.Delayed;
      const at = nowUs + delayUs;
      store.deadlineUs[slot] = at;
      this.delayDeadlines.push(at, slot, store.serial[slot]!);
      this.delayed++;
      this.armIfEarlier(at, nowUs);
    } else {
      this.makeVisible(slot);
      if (this.pollWaits.length > 0) this.serveWaitingPollers(nowUs);
    }
    return true;
  }

  /**
   * ReceiveMessage reaching SQS at nowUs. Long polling (waitUs > 0) returns as soon as a message is available or
   * when the wait ends; short polling samples a subset of the servers (aws-behaviour 1.8, 2.4-2.6). The outcome goes
   * to the listener, now or later.
   */
  receive(pollerId: number, maxMessages: number, waitUs: number, nowUs: number): void {
    const requests = this.requests;
    requests.receive++;
    if (waitUs <= 0) {
      this.shortPoll(pollerId, maxMessages, nowUs);
      return;
    }
    const got = this.deliverableNow() ? this.takeMessages(maxMessages, nowUs) : 0;
    if (got > 0) {
      this.billReceive(got);
      this.deliveredCallUs = nowUs;
      this.traceDelivery(pollerId, got, nowUs);
      this.pollers.received(pollerId, got, nowUs);
      return;
    }
    this.waitForMessages(pollerId, maxMessages, nowUs, waitUs, nowUs);
  }

  private waitForMessages(pollerId: number, maxMessages: number, activeFromUs: number, waitUs: number, nowUs: number): void {
    this.ensurePoller(pollerId);
    const token = ++this.pollerToken[pollerId]!;
    this.pollerWaiting[pollerId] = 1;
    this.pollerMaxMessages[pollerId] = maxMessages;
    this.pollerActiveFromUs[pollerId] = activeFromUs;
    const until = activeFromUs + waitUs;
    this.pollWaits.push(until, pollerId, token);
    this.armIfEarlier(until, nowUs);
  }

  /**
   * A long poll that was sent at nowUs and reaches SQS at arrivesUs, registered now when the queue holds nothing to
   * deliver: it waits from arrivesUs as if it had arrived then, with no event of its own. A message sent before
   * arrivesUs is not given to it early; the queue's timer wakes at arrivesUs to serve it. Returns false (and does
   * nothing) when the caller must deliver the receive at arrivesUs itself: short polling, or messages available.
   */
  receiveLater(pollerId: number, maxMessages: number, waitUs: number, arrivesUs: number): boolean {
    if (waitUs <= 0 || this.visible + this.copiesInRing > 0) return false;
    this.requests.receive++;
    this.waitForMessages(pollerId, maxMessages, arrivesUs, waitUs, arrivesUs);
    return true;
  }

  /** A waiting long poll whose consumer went away: it is no longer served (its ReceiveMessage was already counted). */
  cancelPoll(pollerId: number): void {
    if (pollerId < this.pollerWaiting.length) this.pollerWaiting[pollerId] = 0;
  }

  /**
   * DeleteMessage with the receipt of one receive. Deletes only with the most recent receipt (aws-behaviour 1.29); a
   * message that became visible again but was not received since still has that receipt, so the delete works
   * (1.30). A copy's receipt deletes nothing. Returns whether a message was deleted.
   */
  deleteMessage(slot: number, token: number, serial: number, nowUs: number): boolean {
    const store = this.store;
    if (token === COPY_TOKEN || store.serial[slot] !== serial || store.receipt[slot] !== token) {
      if (this.trace?.includes(serial)) this.traced(serial, nowUs, "deleteIgnored", token, this.ignoredWhy(slot, token, serial));
      return false;
    }
    const state = store.state[slot];
    if (state !== MessageState.InFlight && state !== MessageState.Visible) {
      this.traced(serial, nowUs, "deleteIgnored", token, "the message is gone");
      return false;
    }
    this.traced(serial, nowUs, "deleted", token, "");
    this.accrue(nowUs);
    if (state === MessageState.InFlight) this.inFlight--;
    else this.visible--;
    store.state[slot] = MessageState.Gone;
    this.deleted++;
    if (this.endListener !== null) this.endListener.onMessageEnded(slot, serial, "deleted");
    this.endToEnd.record(store.ageS(slot, nowUs));
    if (state === MessageState.InFlight && this.pollWaits.length > 0 && this.inFlight + 1 >= this.config.inFlightLimit) {
      this.serveWaitingPollers(nowUs);
    }
    return true;
  }

  /** Why a delete or visibility change with this receipt does nothing (aws-behaviour 1.29): for the trace. */
  private ignoredWhy(slot: number, token: number, serial: number): string {
    if (token === COPY_TOKEN) return "a duplicate copy's receipt acts on nothing";
    if (this.store.serial[slot] !== serial) return "the message is gone";
    return "stale receipt: the message was received again since";
  }

  /**
   * ChangeMessageVisibility: the new timeout counts from now, applies to this receipt only, and may not reach past
   * 12 h after the ReceiveMessage call reached SQS (aws-behaviour 1.26-1.28). Returns whether the change was applied.
   */
  changeVisibility(slot: number, token: number, serial: number, timeoutUs: number, receiveCallUs: number, nowUs: number): boolean {
    const store = this.store;
    if (token === COPY_TOKEN || store.serial[slot] !== serial || store.receipt[slot] !== token || store.state[slot] !== MessageState.InFlight) {
      if (this.trace?.includes(serial)) {
        const why = store.serial[slot] === serial && store.receipt[slot] === token ? "the message is not in flight" : this.ignoredWhy(slot, token, serial);
        this.traced(serial, nowUs, "visibilityChangeRefused", token, why);
      }
      return false;
    }
    if (nowUs + timeoutUs > receiveCallUs + MAX_VISIBILITY_US) {
      if (this.trace?.includes(serial)) this.traced(serial, nowUs, "visibilityChangeRefused", token, PAST_TWELVE_HOURS);
      return false;
    }
    if (this.trace?.includes(serial)) this.traced(serial, nowUs, "visibilityChanged", token, `timeout ${timeoutUs / 1e6} s from now`);
    if (timeoutUs <= 0) {
      this.inFlight--;
      this.makeVisible(slot);
      if (this.pollWaits.length > 0) this.serveWaitingPollers(nowUs);
      return true;
    }
    const deadline = nowUs + timeoutUs;
    store.deadlineUs[slot] = deadline;
    this.visibilityDeadlines.push(deadline, slot, token);
    this.armIfEarlier(deadline, nowUs);
    return true;
  }

  /** A consumer is done with a delivered message (processed, failed or abandoned). */
  release(slot: number): void {
    this.store.releaseRef(slot);
  }

  /** Marks a completed processing; returns true when the message had been processed before (a duplicate). */
  markProcessed(slot: number): boolean {
    return this.store.markProcessed(slot);
  }

  isPoison(slot: number): boolean {
    return this.store.isPoison(slot);
  }

  /** The queue's timer event fired (scheduled through armIfEarlier). */
  onTimer(generation: number, nowUs: number): void {
    if (generation !== this.timerGeneration) return;
    this.armedUs = Infinity;
    this.expireRetention(nowUs);
    this.expireDeadLetters(nowUs);
    this.expireVisibility(nowUs);
    this.endDelays(nowUs);
    if (this.pollWaits.length > 0) {
      this.serveWaitingPollers(nowUs);
      this.endPollWaits(nowUs);
    }
    this.compactIfStale();
    this.armIfEarlier(this.nextDeadline(), nowUs);
  }

  /**
   * ApproximateAgeOfOldestMessage in seconds: the oldest message not yet deleted, leaving out messages received
   * three times or more, which standard queues move to the back (aws-behaviour 4.4).
   */
  ageOfOldestMessageS(nowUs: number): number {
    this.dropStaleSendOrderHead();
    const order = this.sendOrder;
    const store = this.store;
    for (let i = 0; i < order.length; i++) {
      const slot = order.slotAt(i);
      if (store.serial[slot] !== order.serialAt(i)) continue;
      const state = store.state[slot];
      if (state === MessageState.Gone || state === MessageState.Free) continue;
      if (store.receiveCount[slot]! >= AGE_METRIC_RECEIVE_EXCLUSION) continue;
      return (nowUs - store.sentUs[slot]!) / 1e6;
    }
    return 0;
  }

  /** Brings the time-weighted backlog up to nowUs (call before reading inQueueAreaUs). */
  accrue(nowUs: number): void {
    this.inQueueAreaUs += (this.visible + this.inFlight + this.delayed) * (nowUs - this.areaSinceUs);
    this.areaSinceUs = nowUs;
  }

  // ---- internals -------------------------------------------------------------------------------------------

  private deliverableNow(): boolean {
    return (this.visible > 0 && this.inFlight < this.config.inFlightLimit) || this.copiesInRing > 0;
  }

  private shortPoll(pollerId: number, maxMessages: number, nowUs: number): void {
    if (this.inFlight >= this.config.inFlightLimit) {
      // Short polls get an OverLimit error at the in-flight limit (aws-behaviour 1.14).
      this.requests.overLimit++;
      this.requests.bill(0);
      this.pollers.empty(pollerId, nowUs);
      return;
    }
    const sampled = this.sampleShortPoll(maxMessages);
    const got = sampled > 0 ? this.takeMessages(sampled, nowUs) : 0;
    if (got > 0) {
      this.billReceive(got);
      this.deliveredCallUs = nowUs;
      this.traceDelivery(pollerId, got, nowUs);
      this.pollers.received(pollerId, got, nowUs);
    } else {
      this.requests.emptyReceive++;
      this.requests.bill(0);
      this.pollers.empty(pollerId, nowUs);
    }
  }

  /**
   * How many messages a short poll finds (aws-behaviour 2.4-2.5). SQS queries "a subset of servers chosen by weighted
   * random distribution"; AWS documents neither the server count nor the weights, so this is a model of ours with
   * two scenario parameters. The available messages are spread at random over `shortPollServers` (N) servers and a
   * poll queries one of them, returning what it holds up to maxMessages:
   * - with probability `shortPollMessageWeight` (w) the server is drawn in proportion to the messages it holds (the
   *   "weighted" draw): it holds a given message plus each other one with probability 1/N, 1 + Binomial(n − 1, 1/N);
   * - otherwise any server, uniformly: Binomial(n, 1/N).
   * The weighting is what lets one model honour both halves of 2.5: a lone message is found with probability
   * w + (1 − w)/N per poll (about ½ by default, so "a later call will return" it within a few calls), while with
   * n messages a poll sees about n/N of them, so a 10-message receive most likely comes back short below ~1,000
   * messages (N = 128: about 1 in 3 polls fills it at 999 messages, nearly all at 2,000). The messages taken are
   * the oldest visible ones: which server held which message is not tracked. Drawn by geometric skips: at most
   * maxMessages + 2 draws whatever the backlog.
   */
  private sampleShortPoll(maxMessages: number): number {
    const available = this.visible + this.copiesInRing;
    if (available === 0) return 0;
    const servers = this.config.shortPollServers;
    if (servers <= 1) return Math.min(maxMessages, available);
    const weight = this.config.shortPollMessageWeight;
    const weighted = weight >= 1 || (weight > 0 && this.pollRandom() < weight);
    if (weighted) return 1 + this.binomialUpTo(available - 1, 1 / servers, maxMessages - 1);
    return this.binomialUpTo(available, 1 / servers, maxMessages);
  }

  /** min(cap, Binomial(trials, p)) for 0 < p < 1, by geometric skips between successes: at most cap + 1 draws. */
  private binomialUpTo(trials: number, p: number, cap: number): number {
    const logMiss = Math.log(1 - p);
    let found = 0;
    let position = -1;
    while (found < cap) {
      position += 1 + Math.floor(Math.log(1 - this.pollRandom()) / logMiss);
      if (position >= trials) break;
      found++;
    }
    return found;
  }

  private billReceive(count: number): void {
    let bytes = 0;
    for (let i = 0; i < count; i++) bytes += this.store.sizeBytes[this.deliveredSlots[i]!]!;
    this.requests.bill(bytes);
  }

  /** Takes up to max messages from the head of the visible ring into the delivered arrays; returns how many. */
  private takeMessages(max: number, nowUs: number): number {
    const store = this.store;
    const ring = this.ring;
    const limit = this.config.inFlightLimit;
    if (max > MAX_BATCH_ENTRIES) max = MAX_BATCH_ENTRIES;
    let n = 0;
    // Only entries present when the call arrived: a copy pushed by this very call waits for a later receive (2.1-2.2).
    let scan = ring.length;
    while (n < max && scan-- > 0) {
      const entry = ring.shift();
      if (entry < 0) {
        // A duplicate copy (aws-behaviour 2.1): delivered once, never in flight; its ring reference passes to the holder.
        const slot = ~entry;
        this.copiesInRing--;
        this.duplicateDeliveries++;
        this.received++;
        this.deliveredSlots[n] = slot;
        this.deliveredTokens[n] = COPY_TOKEN;
        this.deliveredSerials[n] = store.serial[slot]!;
        n++;
        continue;
      }
      // Only originals go in flight, so only they are held back at the in-flight limit (aws-behaviour 1.14).
      if (this.inFlight >= limit) {
        ring.unshift(entry);
        break;
      }
      const slot = entry;
      store.flags[slot]! &= ~MessageFlag.InRing;
      if (store.state[slot] !== MessageState.Visible) {
        store.releaseIfUnreferenced(slot);
        continue;
      }
      const dlq = this.config.deadLetter;
      if (dlq !== null && store.receiveCount[slot]! >= dlq.maxReceiveCount) {
        // The receive that would exceed maxReceiveCount moves the message instead (aws-behaviour 1.18, 12.3).
        this.moveToDeadLetter(slot, nowUs);
        continue;
      }
      this.deliver(slot, n, nowUs);
      n++;
    }
    return n;
  }

  private deliver(slot: number, n: number, nowUs: number): void {
    const store = this.store;
    const count = store.receiveCount[slot]! + 1;
    if (count <= 0xffff) store.receiveCount[slot] = count;
    const token = this.nextReceipt;
    this.nextReceipt = token === 0xffffffff ? 1 : token + 1;
    store.receipt[slot] = token;
    store.state[slot] = MessageState.InFlight;
    store.refs[slot]!++;
    this.visible--;
    this.inFlight++;
    this.received++;
    if (count === 1) this.queueWait.record((nowUs - store.sentUs[slot]!) / 1e6);
    else this.redelivered++;
    const deadline = nowUs + this.config.visibilityTimeoutUs;
    store.deadlineUs[slot] = deadline;
    this.visibilityDeadlines.push(deadline, slot, token);
    this.armIfEarlier(deadline, nowUs);
    this.deliveredSlots[n] = slot;
    this.deliveredTokens[n] = token;
    this.deliveredSerials[n] = store.serial[slot]!;
    if (chance(this.duplicateRandom, this.config.duplicateDeliveryRate)) {
      // A server that missed this receive still offers a copy: another consumer gets it later, out of order (2.1-2.2).
      store.refs[slot]!++;
      this.copiesInRing++;
      this.ring.push(~slot);
    }
  }

  private makeVisible(slot: number): void {
    const store = this.store;
    store.state[slot] = MessageState.Visible;
    store.flags[slot]! |= MessageFlag.InRing;
    this.ring.push(slot);
    this.visible++;
  }

  private moveToDeadLetter(slot: number, nowUs: number): void {
    const store = this.store;
    this.accrue(nowUs);
    store.state[slot] = MessageState.Gone;
    this.visible--;
    this.deadLettered++;
    if (this.trace !== null) this.traced(store.serial[slot]!, nowUs, "deadLettered", NONE, `after ${store.receiveCount[slot]} receives`);
    if (this.endListener !== null) this.endListener.onMessageEnded(slot, store.serial[slot]!, "deadLettered");
    this.deadLetterDepth++;
    // Standard DLQs keep the original enqueue time for retention (aws-behaviour 1.22, 12.4).
    const expiresAt = store.sentUs[slot]! + this.config.deadLetter!.retentionUs;
    this.deadLetterExpiries.push(expiresAt, 0, 0);
    this.armIfEarlier(expiresAt, nowUs);
    store.releaseIfUnreferenced(slot);
  }

  private serveWaitingPollers(nowUs: number): void {
    const waits = this.pollWaits;
    while (waits.length > 0 && this.deliverableNow()) {
      const poller = waits.peekSlot();
      if (!this.isCurrentPoll(poller, waits.peekToken())) {
        waits.shift();
        continue;
      }
      const activeFrom = this.pollerActiveFromUs[poller]!;
      if (activeFrom > nowUs) {
        // The longest-waiting poll has not reached SQS yet (nor, with one wait time, any behind it).
        this.armIfEarlier(activeFrom, nowUs);
        break;
      }
      const got = this.takeMessages(this.pollerMaxMessages[poller]!, nowUs);
      if (got === 0) break;
      waits.shift();
      this.pollerWaiting[poller] = 0;
      this.billReceive(got);
      this.deliveredCallUs = activeFrom;
      this.traceDelivery(poller, got, nowUs);
      this.pollers.received(poller, got, nowUs);
    }
  }

  private endPollWaits(nowUs: number): void {
    const waits = this.pollWaits;
    while (waits.length > 0 && waits.peekTime() <= nowUs) {
      const poller = waits.peekSlot();
      const current = this.isCurrentPoll(poller, waits.peekToken());
      waits.shift();
      if (!current) continue;
      this.pollerWaiting[poller] = 0;
      this.requests.emptyReceive++;
      this.requests.bill(0);
      this.pollers.empty(poller, nowUs);
    }
  }

  private isCurrentPoll(poller: number, token: number): boolean {
    return this.pollerWaiting[poller] === 1 && this.pollerToken[poller] === token;
  }

  private expireVisibility(nowUs: number): void {
    const deadlines = this.visibilityDeadlines;
    const store = this.store;
    while (deadlines.length > 0 && deadlines.peekTime() <= nowUs) {
      const slot = deadlines.peekSlot();
      const token = deadlines.peekToken();
      const at = deadlines.peekTime();
      deadlines.shift();
      if (store.state[slot] !== MessageState.InFlight || store.receipt[slot] !== token) continue;
      if (store.deadlineUs[slot] !== at) continue; // extended since: a later entry stands for it
      // Not deleted in time: the message returns and the next receive counts it again (aws-behaviour 12.2, 1.32).
      this.traced(store.serial[slot]!, nowUs, "visibilityExpired", token, "");
      this.inFlight--;
      this.makeVisible(slot);
    }
  }

  private endDelays(nowUs: number): void {
    const delays = this.delayDeadlines;
    const store = this.store;
    while (delays.length > 0 && delays.peekTime() <= nowUs) {
      const slot = delays.peekSlot();
      const serial = delays.peekToken();
      delays.shift();
      if (store.serial[slot] !== serial || store.state[slot] !== MessageState.Delayed) continue;
      this.delayed--;
      this.makeVisible(slot);
    }
  }

  /** Messages older than the retention period are deleted, counted from the original send (aws-behaviour 1.3). */
  private expireRetention(nowUs: number): void {
    const order = this.sendOrder;
    const store = this.store;
    const retention = this.config.retentionUs;
    while (order.length > 0) {
      const slot = order.slotAt(0);
      const serial = order.serialAt(0);
      const alive = this.isLive(slot, serial);
      if (alive && store.sentUs[slot]! + retention > nowUs) break;
      order.shift();
      if (!alive) continue;
      this.accrue(nowUs);
      const state = store.state[slot];
      if (state === MessageState.Visible) this.visible--;
      else if (state === MessageState.InFlight) this.inFlight--;
      else this.delayed--;
      store.state[slot] = MessageState.Gone;
      this.expired++;
      this.traced(serial, nowUs, "expired", NONE, "retention period");
      if (this.endListener !== null) this.endListener.onMessageEnded(slot, serial, "expired");
      store.releaseIfUnreferenced(slot);
    }
  }

  private expireDeadLetters(nowUs: number): void {
    const heap = this.deadLetterExpiries;
    while (heap.length > 0 && heap.peekTime() <= nowUs) {
      heap.pop();
      this.deadLetterDepth--;
      this.deadLetterExpired++;
    }
  }

  /** Whether a (slot, serial) entry still stands for a message in the queue (not deleted, expired or moved). */
  private isLive(slot: number, serial: number): boolean {
    return this.store.serial[slot] === serial && this.store.state[slot] !== MessageState.Gone;
  }

  private dropStaleSendOrderHead(): void {
    const order = this.sendOrder;
    while (order.length > 0 && !this.isLive(order.slotAt(0), order.serialAt(0))) order.shift();
  }

  private dropStaleDeadlineHeads(): void {
    const store = this.store;
    const vis = this.visibilityDeadlines;
    while (vis.length > 0) {
      const slot = vis.peekSlot();
      if (store.state[slot] === MessageState.InFlight && store.receipt[slot] === vis.peekToken() && store.deadlineUs[slot] === vis.peekTime()) break;
      vis.shift();
    }
    const waits = this.pollWaits;
    while (waits.length > 0 && !this.isCurrentPoll(waits.peekSlot(), waits.peekToken())) waits.shift();
  }

  /**
   * Deleted messages leave entries behind in the send-order and deadline deques until those reach the head; when
   * one long-lived message holds the head, they pile up. Compact when stale entries outnumber live ones.
   */
  private compactIfStale(): void {
    const store = this.store;
    const live = this.visible + this.inFlight + this.delayed;
    if (this.sendOrder.length > 2 * live + 4096) {
      this.sendOrder.compact((slot, serial) => this.isLive(slot, serial));
    }
    if (this.ring.length > 2 * (this.visible + this.copiesInRing) + 4096) {
      // Messages deleted or expired while visible keep their ring entry, and so their slot, until a receive passes
      // them; with no receives (consumers stopped) they would pile up for ever. Drop them and free their slots.
      this.ring.retain((entry) => {
        if (entry < 0 || store.state[entry] === MessageState.Visible) return true;
        store.flags[entry]! &= ~MessageFlag.InRing;
        store.releaseIfUnreferenced(entry);
        return false;
      });
    }
    if (this.visibilityDeadlines.length > 2 * this.inFlight + 4096) {
      this.visibilityDeadlines.compact((slot, token) => store.state[slot] === MessageState.InFlight && store.receipt[slot] === token);
    }
  }

  /**
   * The earliest time any timer is due. Stale heads (deleted messages, served polls) are dropped first: in steady
   * state nearly every deadline belongs to a message deleted in time, and each would otherwise fire a timer.
   */
  private nextDeadline(): number {
    this.dropStaleSendOrderHead();
    this.dropStaleDeadlineHeads();
    let t = this.sendOrder.length > 0 ? this.store.sentUs[this.sendOrder.slotAt(0)]! + this.config.retentionUs : Infinity;
    const v = this.visibilityDeadlines.peekTime();
    if (v < t) t = v;
    const d = this.delayDeadlines.peekTime();
    if (d < t) t = d;
    const p = this.pollWaits.peekTime();
    if (p < t) t = p;
    const x = this.deadLetterExpiries.peekTime();
    if (x < t) t = x;
    return t;
  }

  private armIfEarlier(timeUs: number, nowUs: number): void {
    if (timeUs >= this.armedUs || timeUs === Infinity) return;
    this.armedUs = timeUs;
    this.timerGeneration++;
    this.events.push(timeUs > nowUs ? timeUs : nowUs, Phase.QueueTimers, this.timerKind, this.queueId, this.timerGeneration);
  }

  private ensurePoller(pollerId: number): void {
    if (pollerId < this.pollerToken.length) return;
    const cap = Math.max(pollerId + 1, this.pollerToken.length * 2);
    this.pollerToken = grown(this.pollerToken, cap);
    this.pollerWaiting = grown(this.pollerWaiting, cap);
    this.pollerMaxMessages = grown(this.pollerMaxMessages, cap);
    this.pollerActiveFromUs = grown(this.pollerActiveFromUs, cap);
  }
}
