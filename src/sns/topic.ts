import { type Sampler } from "../engine/distributions.js";
import { type Kernel } from "../engine/kernel.js";
import { Phase } from "../engine/phases.js";
import { grown } from "../engine/typed-arrays.js";
import { DedupWindow } from "../sqs/fifo-dedup.js";
import { fifoSubscriptionBilledBytes, publishBilledRequests, type SnsPrices, topicCostUsd } from "./pricing.js";

/** Where a subscription delivers: the send side of an SQS queue, as SNS calls it. */
export interface SubscriptionTarget {
  /**
   * SNS's SendMessage into the queue at nowUs; false when the queue refuses it. `sendDelayUs` is how long the message
   * has been on its way since it was published (for the queue's send-delay figure); `path` and `originUs` are what the
   * publisher passed (the run's chain of stages, and when its first message was produced).
   */
  deliver(
    nowUs: number,
    sizeBytes: number,
    flags: number,
    group: number,
    deduplicationId: string,
    sendDelayUs: number,
    path: number,
    originUs: number,
  ): boolean;
}

/** A subscription of a topic to one queue. `A` is how the run represents a message's attributes. */
export interface TopicSubscription<A> {
  /** The queue's name, for figures and errors. */
  queue: string;
  target: SubscriptionTarget;
  /** The filter policy (aws-behaviour 13.16-13.18, 13.21): whether a message is delivered; null delivers every message. */
  matches: ((attributes: A) => boolean) | null;
  /** The size of the SQS message a published one becomes: raw, or inside SNS's JSON envelope (13.13-13.14). */
  deliveredBytes: (publishedBytes: number, attributes: A) => number;
}

export interface TopicConfig {
  name: string;
  /** The largest message accepted, body and attributes (13.3-13.4); a larger Publish is refused. Absent: no limit. */
  maxMessageSizeBytes?: number;
  /** A FIFO topic (name ending .fifo) keeps each group's publish order into every subscribed queue (13.24). */
  fifo: boolean;
  /**
   * The time from Publish to the queue's SendMessage, in seconds, drawn per delivery: each subscription is its own
   * hop (13.32). AWS publishes no figure (13.9): the scenario sets the distribution.
   */
  deliveryLatencyS: Sampler;
  /**
   * FIFO topics: a Publish whose deduplication id was first accepted less than `intervalUs` ago (5 minutes) is accepted
   * and not delivered (13.23); scope "messageGroup" keys it by group and id (FifoThroughputScope). Absent for a
   * standard topic.
   */
  deduplication?: { intervalUs: number; scope: "topic" | "messageGroup" };
}

/** Per subscription: what the topic did with the messages published to it. */
export interface SubscriptionCounts {
  /** Matched the filter policy and reached the queue. */
  delivered: number;
  /** Did not match the filter policy: not delivered, not retried (13.21, NumberOfNotificationsFilteredOut). */
  filteredOut: number;
  /** Matched, but the queue refused the message (a subscription target may refuse; a queue takes every SNS delivery
   *  whatever its size, aws-behaviour 13.4, so in a run this stays 0). */
  refused: number;
}

/**
 * An SNS topic fanning out to SQS queues (aws-behaviour §13). A Publish is filtered against each subscription's
 * policy when it is accepted; every match becomes a delivery that reaches its queue after its own latency, each
 * subscription independently of the others (13.32). On a FIFO topic a later message of a group never overtakes an
 * earlier one of the same group into a queue (13.24), while groups pass each other; a standard topic's deliveries keep
 * no order (13.31). Pending deliveries live in typed arrays indexed by slot, reused once delivered.
 *
 * Not modelled here yet: SNS's own at-least-once copies (13.31, no documented rate), delivery retries and
 * subscription dead-letter queues (13.10-13.12, a queue never refuses SNS here but for size), publish quotas
 * (13.26-13.27).
 */
export class Topic<A> {
  readonly name: string;
  /** Messages published to the topic (NumberOfMessagesPublished, 13.29). */
  published = 0;
  /** Publishes refused for their size (above maxMessageSizeBytes, 13.3): not counted as published. */
  rejected = 0;
  /** Publish and PublishBatch calls (before the 64 KiB chunks of billing). */
  publishCalls = 0;
  /** FIFO: publishes accepted as duplicates of one within the deduplication interval, and delivered nowhere (13.23). */
  deduplicated = 0;
  /** Publish and PublishBatch calls, billed in 64 KiB chunks of their payload (13.6). */
  billedPublishRequests = 0;
  /** Payload bytes published (a FIFO topic bills them per GB, 13.8). */
  publishedBytes = 0;
  /** Deliveries made (subscription messages) and their bytes, each at least the FIFO minimum (13.8). */
  private deliveries = 0;
  private deliveredBilledBytes = 0;
  private readonly dedup: DedupWindow | null;
  readonly counts: SubscriptionCounts[];
  private readonly kind: number;
  private subscriptionOf = new Int32Array(64);
  private bytesOf = new Float64Array(64);
  private flagsOf = new Int32Array(64);
  private groupOf = new Int32Array(64);
  private producedAtUs = new Float64Array(64);
  private originUsOf = new Float64Array(64);
  private pathOf = new Int32Array(64);
  private deduplicationIdOf: string[] = [];
  private readonly freeSlots: number[] = [];
  private used = 0;
  /**
   * FIFO topics: per subscription, when each message group's last delivery reaches the queue; a later message of the
   * group never reaches it sooner (13.24 promises order within a group, not across groups).
   */
  private readonly lastDeliveryUs: Float64Array[];

  constructor(
    private readonly config: TopicConfig,
    private readonly subscriptions: readonly TopicSubscription<A>[],
    private readonly kernel: Kernel,
  ) {
    this.name = config.name;
    this.counts = subscriptions.map(() => ({ delivered: 0, filteredOut: 0, refused: 0 }));
    // Indexed by group (a producer's groups are 0, 1, 2, …), grown as groups appear; 0 means no delivery yet.
    this.lastDeliveryUs = subscriptions.map(() => new Float64Array(16));
    const d = config.deduplication;
    this.dedup = d === undefined ? null : new DedupWindow(d.intervalUs, d.scope === "messageGroup");
    this.kind = kernel.register(`sns delivery (${config.name})`, (slot, _a, now) => this.onDelivery(slot, now));
  }

  /**
   * A Publish or PublishBatch call reaching SNS with `payloadBytes` in all (a batch's entries together): billed now,
   * before its entries are published one by one (publish).
   */
  billPublishCall(payloadBytes: number): void {
    this.publishCalls++;
    this.billedPublishRequests += publishBilledRequests(payloadBytes);
  }

  /**
   * What the topic has cost so far (13.6-13.8): billed publishes, and for a FIFO topic the bytes published and the
   * subscription messages delivered (filtered-out ones are not counted: 13.8 leaves it unconfirmed).
   */
  costUsd(prices?: SnsPrices): number {
    return topicCostUsd(
      {
        fifo: this.config.fifo,
        billedPublishRequests: this.billedPublishRequests,
        publishedBytes: this.publishedBytes,
        deliveries: this.deliveries,
        deliveredBytes: this.deliveredBilledBytes,
      },
      prices,
    );
  }

  /** Per subscription, the deliveries still on their way to its queue. */
  pendingBySubscription(): number[] {
    const pending = this.subscriptions.map(() => 0);
    const free = new Uint8Array(this.used);
    for (const slot of this.freeSlots) free[slot] = 1;
    for (let slot = 0; slot < this.used; slot++) if (free[slot] === 0) pending[this.subscriptionOf[slot]!]!++;
    return pending;
  }

  /** Deliveries on their way to a queue. */
  get pending(): number {
    return this.used - this.freeSlots.length;
  }

  /**
   * Publish (or one entry of PublishBatch) reaching SNS at nowUs: refused when above the topic's maximum size (false),
   * else accepted, filtered against every subscription now, each match scheduled to reach its queue after its latency.
   * `producedAtUs` is when the message was made (for send delay); `path` and `originUs` go with each delivery as they
   * are (the run's chain of stages and its start; by default none and the production time).
   */
  publish(
    nowUs: number,
    bytes: number,
    attributes: A,
    flags: number,
    group: number,
    deduplicationId: string,
    producedAtUs: number,
    path = 0,
    originUs = producedAtUs,
  ): boolean {
    if (bytes > (this.config.maxMessageSizeBytes ?? Infinity)) {
      this.rejected++;
      return false;
    }
    this.published++;
    this.publishedBytes += bytes;
    if (this.dedup?.isDuplicate(nowUs, group, deduplicationId)) {
      this.deduplicated++;
      return true;
    }
    const subscriptions = this.subscriptions;
    const latencyS = this.config.deliveryLatencyS;
    const fifo = this.config.fifo;
    const events = this.kernel.events;
    for (let s = 0; s < subscriptions.length; s++) {
      const subscription = subscriptions[s]!;
      if (subscription.matches !== null && !subscription.matches(attributes)) {
        this.counts[s]!.filteredOut++;
        continue;
      }
      let atUs = nowUs + Math.round(latencyS() * 1e6);
      if (fifo && group >= 0) {
        let last = this.lastDeliveryUs[s]!;
        if (group >= last.length) {
          last = grown(last, Math.max(group + 1, last.length * 2));
          this.lastDeliveryUs[s] = last;
        }
        if (atUs < last[group]!) atUs = last[group]!;
        last[group] = atUs;
      }
      const slot = this.take();
      this.subscriptionOf[slot] = s;
      this.bytesOf[slot] = subscription.deliveredBytes(bytes, attributes);
      this.flagsOf[slot] = flags;
      this.groupOf[slot] = group;
      this.producedAtUs[slot] = producedAtUs;
      this.originUsOf[slot] = originUs;
      this.pathOf[slot] = path;
      this.deduplicationIdOf[slot] = deduplicationId;
      // Same time, same phase: the event queue keeps scheduling order, so a FIFO topic's ties stay in publish order.
      events.push(atUs, Phase.Send, this.kind, slot);
    }
    return true;
  }

  private onDelivery(slot: number, nowUs: number): void {
    const s = this.subscriptionOf[slot]!;
    const accepted = this.subscriptions[s]!.target.deliver(
      nowUs,
      this.bytesOf[slot]!,
      this.flagsOf[slot]!,
      this.groupOf[slot]!,
      this.deduplicationIdOf[slot]!,
      nowUs - this.producedAtUs[slot]!,
      this.pathOf[slot]!,
      this.originUsOf[slot]!,
    );
    if (accepted) this.counts[s]!.delivered++;
    else this.counts[s]!.refused++;
    this.deliveries++;
    // Only a FIFO topic bills its deliveries by size (13.8).
    if (this.config.fifo) this.deliveredBilledBytes += fifoSubscriptionBilledBytes(this.bytesOf[slot]!);
    this.deduplicationIdOf[slot] = "";
    this.freeSlots.push(slot);
  }

  private take(): number {
    const free = this.freeSlots.pop();
    if (free !== undefined) return free;
    if (this.used === this.subscriptionOf.length) {
      const cap = this.used * 2;
      this.subscriptionOf = grown(this.subscriptionOf, cap);
      this.bytesOf = grown(this.bytesOf, cap);
      this.flagsOf = grown(this.flagsOf, cap);
      this.groupOf = grown(this.groupOf, cap);
      this.producedAtUs = grown(this.producedAtUs, cap);
      this.originUsOf = grown(this.originUsOf, cap);
      this.pathOf = grown(this.pathOf, cap);
    }
    return this.used++;
  }
}
