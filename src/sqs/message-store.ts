import { grown } from "../engine/typed-arrays.js";

/**
 * Every message the queue holds, as a struct of typed arrays indexed by slot (no object per message: a 10 M message
 * backlog must cost under 64 bytes a message). Freed slots are reused through a free list threaded through the
 * `receipt` column, which a free slot does not need.
 */
export const MessageState = {
  Free: 0,
  Delayed: 1,
  Visible: 2,
  InFlight: 3,
  /** Deleted, expired or dead-lettered, but still referenced (a ring entry, a consumer holding it, a copy). */
  Gone: 4,
} as const;

export const MessageFlag = {
  /** Always fails processing (a poison message). */
  Poison: 1,
  /** Completed processing at least once: a later completion is duplicate processing. */
  Processed: 2,
  /** Has an entry in the visible ring. */
  InRing: 4,
  /** Stored from a producer's duplicate send (a client retry the queue kept as a new message): its first
   *  processing already repeats the original's. */
  ProducerDuplicate: 8,
} as const;

const NO_SLOT = 0xffffffff;

/** The store is at the capacity the run allows (limits.maxStoredMessages) and one more message arrived. */
export class StoreFullError extends RangeError {
  constructor(readonly capacity: number) {
    super(`the queue holds ${capacity.toLocaleString("en-US")} messages, the most this run allows`);
    this.name = "StoreFullError";
  }
}

export class MessageStore {
  sentUs: Float64Array;
  /**
   * How long the message waited before SQS accepted it (in a producer's batch, behind throttled calls, or on the
   * way: half a round trip), so end-to-end runs from the moment it was produced. A float32 of microseconds: exact
   * below 16.7 s and within 6e-8 of the value above, 4 bytes a message rather than 8 for a second time stamp.
   */
  sendDelayUs: Float32Array;
  /** Visibility deadline while in flight; the time it becomes visible while delayed. */
  deadlineUs: Float64Array;
  /** Receipt token of the latest receive (a new one per receive, aws-behaviour 1.29); next free slot while free. */
  receipt: Uint32Array;
  /** Unique per message: lets entries that outlive their message (queues, heaps) detect a reused slot. */
  serial: Uint32Array;
  sizeBytes: Uint32Array;
  receiveCount: Uint16Array;
  state: Uint8Array;
  flags: Uint8Array;
  /** Consumers holding the message plus duplicate copies waiting in the ring: the slot lives while any remain. */
  refs: Uint16Array;

  private freeHead = NO_SLOT;
  private used = 0;
  /** Messages allocated and not yet freed. */
  live = 0;
  private nextSerial = 1;

  constructor(
    initialCapacity = 1024,
    private readonly maxCapacity = 0x7fffffff,
  ) {
    // A limit below the first chunk holds as written: the chunk is cut to it (grow() never goes past it either).
    initialCapacity = Math.min(initialCapacity, maxCapacity);
    this.sentUs = new Float64Array(initialCapacity);
    this.sendDelayUs = new Float32Array(initialCapacity);
    this.deadlineUs = new Float64Array(initialCapacity);
    this.receipt = new Uint32Array(initialCapacity);
    this.serial = new Uint32Array(initialCapacity);
    this.sizeBytes = new Uint32Array(initialCapacity);
    this.receiveCount = new Uint16Array(initialCapacity);
    this.state = new Uint8Array(initialCapacity);
    this.flags = new Uint8Array(initialCapacity);
    this.refs = new Uint16Array(initialCapacity);
  }

  allocate(sentUs: number, sizeBytes: number, flags: number, sendDelayUs: number): number {
    let slot: number;
    if (this.freeHead !== NO_SLOT) {
      slot = this.freeHead;
      this.freeHead = this.receipt[slot]!;
    } else {
      if (this.used === this.sentUs.length) this.grow();
      slot = this.used++;
    }
    this.live++;
    this.sentUs[slot] = sentUs;
    this.sendDelayUs[slot] = sendDelayUs;
    this.receipt[slot] = 0;
    this.serial[slot] = this.nextSerial;
    // Serial 0 is never issued, so a zeroed entry never matches a live message.
    this.nextSerial = this.nextSerial === 0xffffffff ? 1 : this.nextSerial + 1;
    this.sizeBytes[slot] = sizeBytes;
    this.receiveCount[slot] = 0;
    this.flags[slot] = flags;
    this.refs[slot] = 0;
    return slot;
  }

  /** Time from production to now, in seconds: the end-to-end time of a message finished now. */
  ageS(slot: number, nowUs: number): number {
    return (nowUs - this.sentUs[slot]! + this.sendDelayUs[slot]!) / 1e6;
  }

  /** A consumer is done with a delivered message: one reference fewer, and the slot is freed when none remain. */
  releaseRef(slot: number): void {
    this.refs[slot]!--;
    this.releaseIfUnreferenced(slot);
  }

  /**
   * Marks a completed processing; returns true when it is duplicate processing: the message had been processed
   * before, or it is a stored producer duplicate (whose original is another message; counted whether or not the
   * original was processed, which the store does not follow).
   */
  markProcessed(slot: number): boolean {
    const before = this.flags[slot]!;
    this.flags[slot] = before | MessageFlag.Processed;
    return (before & (MessageFlag.Processed | MessageFlag.ProducerDuplicate)) !== 0;
  }

  isPoison(slot: number): boolean {
    return (this.flags[slot]! & MessageFlag.Poison) !== 0;
  }

  releaseIfUnreferenced(slot: number): void {
    if (this.state[slot] !== MessageState.Gone || this.refs[slot] !== 0) return;
    if ((this.flags[slot]! & MessageFlag.InRing) !== 0) return;
    this.state[slot] = MessageState.Free;
    this.serial[slot] = 0;
    this.receipt[slot] = this.freeHead;
    this.freeHead = slot;
    this.live--;
  }

  private grow(): void {
    const old = this.sentUs.length;
    if (old >= this.maxCapacity) throw new StoreFullError(old);
    // Grow by half, not double: a 10 M backlog should not reserve room for 20 M.
    const cap = Math.min(this.maxCapacity, Math.max(1024, Math.ceil(old * 1.5)));
    this.sentUs = grown(this.sentUs, cap);
    this.sendDelayUs = grown(this.sendDelayUs, cap);
    this.deadlineUs = grown(this.deadlineUs, cap);
    this.receipt = grown(this.receipt, cap);
    this.serial = grown(this.serial, cap);
    this.sizeBytes = grown(this.sizeBytes, cap);
    this.receiveCount = grown(this.receiveCount, cap);
    this.state = grown(this.state, cap);
    this.flags = grown(this.flags, cap);
    this.refs = grown(this.refs, cap);
  }
}
