import { EventLane } from "./event-lane.js";
import { PHASE_COUNT } from "./phases.js";
import { grown } from "./typed-arrays.js";

/**
 * Width of one wheel bucket in key units (timeUs × PHASE_COUNT + phase): 256 µs, a power of two. At the thousands of
 * events a second of a fan-out a 1 ms bucket held a dozen, and each out-of-order insert walked half of them; at 256 µs
 * it holds a few (measured: fan-out bench +3%, single queue and low-rate runs unchanged).
 */
const BUCKET_KEYS = 256 * PHASE_COUNT;
const INV_BUCKET_KEYS = 1 / BUCKET_KEYS;
/** Buckets on the wheel (a power of two): a horizon of about 2.1 s of simulated time. */
const BUCKETS = 8192;
const BUCKET_MASK = BUCKETS - 1;
const BITMAP_WORDS = BUCKETS >>> 5;
const NONE = -1;
/** Whole microseconds stay exact in a double up to 2^53; the key multiplies them by PHASE_COUNT. */
const MAX_TIME_US = Math.floor(Number.MAX_SAFE_INTEGER / PHASE_COUNT);

function badTime(timeUs: number, nowUs: number, kind: string): string {
  const what = Number.isNaN(timeUs)
    ? "NaN"
    : timeUs > MAX_TIME_US
      ? `${timeUs} µs, past the largest time the clock holds`
      : `${timeUs} µs, before now (${nowUs} µs)`;
  return `an event of ${kind} was scheduled at ${what}`;
}

/**
 * The event set, ordered by (time, phase, sequence), allocation-free. Event data lives in pooled slots of parallel
 * typed arrays. Time and phase share one double key (timeUs × PHASE_COUNT + phase); the sequence number makes ties
 * first-scheduled-first-run.
 *
 * Three places hold pending events, and pop() takes the earliest of their heads:
 * - a calendar wheel for the next ~4 s: buckets of ~1 ms, each a short list sorted by (key, sequence) with head and
 *   tail pointers, and a bitmap to skip empty ones. Most events (processing completions) land here, in O(1) when
 *   a bucket holds few events or they arrive in order, with few unpredictable branches,
 *   where a binary heap's sift costs a branch misprediction per level;
 * - an overflow heap (4-ary, keys beside entries) for events beyond the wheel's horizon; they move onto the wheel
 *   as the cursor comes within a horizon of them;
 * - FIFO lanes (EventLane) for streams whose times never go backwards: pushLane() is O(1). An event that would
 *   break a lane's order goes to the wheel or heap instead, so lanes are only a speed-up, never a change of order.
 *
 * Events carry a numeric kind (the simulation's switch dispatches on it), a target entity index and a numeric
 * argument. After pop() the popped event is readable in timeUs / phase / kind / target / arg.
 */
export class EventQueue {
  private keys: Float64Array;
  private seqs: Float64Array;
  private kinds: Uint16Array;
  private targets: Int32Array;
  private args: Float64Array;
  /** Next slot in the same wheel bucket. */
  private next: Int32Array;
  private free: Int32Array;
  private freeCount: number;
  private nextSeq = 0;

  private readonly bucketHead = new Int32Array(BUCKETS).fill(NONE);
  /** Last slot of each bucket: events pushed in order (the same instant, or later) append in O(1). */
  private readonly bucketTail = new Int32Array(BUCKETS).fill(NONE);
  private readonly bitmap = new Uint32Array(BITMAP_WORDS);
  private wheelCount = 0;
  /** Absolute bucket number of the earliest possible wheel event; every wheel event is in [cursor, cursor + BUCKETS). */
  private cursor = 0;

  private heap: Int32Array;
  /** The key of each heap entry, beside it: sift-down compares neighbouring children without indirection. */
  private heapKeys: Float64Array;
  private heapCount = 0;

  private readonly lanes: EventLane[] = [];

  timeUs = 0;
  phase = 0;
  kind = 0;
  /** How errors name an event kind (the kernel names them by what they are). */
  describeKind: (kind: number) => string = (kind) => `kind ${kind}`;
  target = 0;
  arg = 0;
  /** The popped event's sequence number and key, so that repush() can put it back in its place. */
  private seq = 0;
  private key = 0;

  constructor(initialCapacity = 1024) {
    this.keys = new Float64Array(initialCapacity);
    this.seqs = new Float64Array(initialCapacity);
    this.kinds = new Uint16Array(initialCapacity);
    this.targets = new Int32Array(initialCapacity);
    this.args = new Float64Array(initialCapacity);
    this.next = new Int32Array(initialCapacity);
    this.heap = new Int32Array(initialCapacity);
    this.heapKeys = new Float64Array(initialCapacity);
    this.free = new Int32Array(initialCapacity);
    for (let i = 0; i < initialCapacity; i++) this.free[i] = initialCapacity - 1 - i;
    this.freeCount = initialCapacity;
  }

  /** Events pending, on the wheel, in the heap and in the lanes. */
  get size(): number {
    let n = this.wheelCount + this.heapCount;
    for (const lane of this.lanes) n += lane.length;
    return n;
  }

  /** Creates a lane and returns its number, for pushLane. */
  addLane(): number {
    this.lanes.push(new EventLane());
    return this.lanes.length - 1;
  }

  /** Like push, in O(1), for events whose time is not before the lane's previous one (else push takes it). */
  pushLane(lane: number, timeUs: number, phase: number, kind: number, target: number, arg = 0): void {
    if (!(timeUs >= this.timeUs && timeUs <= MAX_TIME_US)) throw new RangeError(badTime(timeUs, this.timeUs, this.describeKind(kind)));
    const l = this.lanes[lane]!;
    const key = timeUs * PHASE_COUNT + phase;
    if (key < l.lastKey) {
      this.push(timeUs, phase, kind, target, arg);
      return;
    }
    l.push(key, this.nextSeq++, kind, target, arg);
  }

  /**
   * Schedules an event. A time before the event being handled would move the clock backwards, and NaN or infinity
   * would corrupt the order: each is a defect of the caller, refused here, naming the value (one comparison pair on
   * the hot path; pushLane comes here too when a time breaks its lane's order).
   */
  push(timeUs: number, phase: number, kind: number, target: number, arg = 0): void {
    if (!(timeUs >= this.timeUs && timeUs <= MAX_TIME_US)) throw new RangeError(badTime(timeUs, this.timeUs, this.describeKind(kind)));
    this.insert(timeUs * PHASE_COUNT + phase, this.nextSeq++, kind, target, arg);
  }

  /**
   * Puts the event just popped back, in its place, and sets the clock to clockUs (not after it): a run that stops
   * before the event leaves it for the next run, and may schedule until then.
   */
  repush(clockUs: number): void {
    if (!(clockUs <= this.timeUs)) throw new RangeError(`repush: the clock cannot move to ${clockUs} µs, after the event put back (${this.timeUs} µs)`);
    this.insert(this.key, this.seq, this.kind, this.target, this.arg);
    this.timeUs = clockUs;
  }

  private insert(key: number, seq: number, kind: number, target: number, arg: number): void {
    if (this.freeCount === 0) this.grow();
    const slot = this.free[--this.freeCount]!;
    this.keys[slot] = key;
    this.seqs[slot] = seq;
    this.kinds[slot] = kind;
    this.targets[slot] = target;
    this.args[slot] = arg;
    const bucket = Math.floor(key * INV_BUCKET_KEYS);
    if (bucket < this.cursor + BUCKETS) this.insertInWheel(slot, bucket);
    else this.pushHeap(slot, key);
  }

  /** Removes the earliest event into the public fields; false when nothing is pending. */
  pop(): boolean {
    let wheelSlot = NONE;
    let bestKey = Infinity;
    let bestSeq = Infinity;
    if (this.wheelCount === 0 && this.heapCount > 0) this.refillFromHeap(this.emptyWheelCursor());
    if (this.wheelCount > 0) {
      wheelSlot = this.bucketHead[this.advanceCursor() & BUCKET_MASK]!;
      bestKey = this.keys[wheelSlot]!;
      bestSeq = this.seqs[wheelSlot]!;
    }
    let best: EventLane | null = null;
    const lanes = this.lanes;
    for (let i = 0; i < lanes.length; i++) {
      const lane = lanes[i]!;
      if (lane.length === 0) continue;
      const key = lane.keys[lane.head]!;
      if (key < bestKey || (key === bestKey && lane.seqs[lane.head]! < bestSeq)) {
        best = lane;
        bestKey = key;
        bestSeq = lane.seqs[lane.head]!;
      }
    }
    if (best !== null) {
      const h = best.head;
      this.seq = bestSeq;
      this.setCurrent(bestKey, best.kinds[h]!, best.targets[h]!, best.args[h]!);
      best.shift();
      return true;
    }
    if (wheelSlot === NONE) return false;
    const index = this.cursor & BUCKET_MASK;
    const rest = this.next[wheelSlot]!;
    this.bucketHead[index] = rest;
    if (rest === NONE) {
      this.bucketTail[index] = NONE;
      this.bitmap[index >>> 5]! &= ~(1 << (index & 31));
    }
    this.wheelCount--;
    this.seq = bestSeq;
    this.setCurrent(bestKey, this.kinds[wheelSlot]!, this.targets[wheelSlot]!, this.args[wheelSlot]!);
    this.free[this.freeCount++] = wheelSlot;
    return true;
  }

  private setCurrent(key: number, kind: number, target: number, arg: number): void {
    this.key = key;
    const timeUs = Math.floor(key / PHASE_COUNT);
    this.timeUs = timeUs;
    this.phase = key - timeUs * PHASE_COUNT;
    this.kind = kind;
    this.target = target;
    this.arg = arg;
  }

  /** Inserts into a bucket's list, keeping it sorted by (key, sequence). A bucket before the cursor means "now". */
  private insertInWheel(slot: number, bucket: number): void {
    const index = (bucket < this.cursor ? this.cursor : bucket) & BUCKET_MASK;
    const keys = this.keys;
    const seqs = this.seqs;
    const next = this.next;
    const key = keys[slot]!;
    const seq = seqs[slot]!;
    const head = this.bucketHead[index]!;
    if (head === NONE) {
      next[slot] = NONE;
      this.bucketHead[index] = slot;
      this.bucketTail[index] = slot;
      this.bitmap[index >>> 5]! |= 1 << (index & 31);
    } else {
      const tail = this.bucketTail[index]!;
      if (key > keys[tail]! || (key === keys[tail]! && seq > seqs[tail]!)) {
        next[slot] = NONE;
        next[tail] = slot;
        this.bucketTail[index] = slot;
      } else if (key < keys[head]! || (key === keys[head]! && seq < seqs[head]!)) {
        next[slot] = head;
        this.bucketHead[index] = slot;
      } else {
        let p = head;
        for (;;) {
          const q = next[p]!;
          if (key < keys[q]! || (key === keys[q]! && seq < seqs[q]!)) break;
          p = q;
        }
        next[slot] = next[p]!;
        next[p] = slot;
      }
    }
    this.wheelCount++;
  }

  /**
   * Moves the cursor to the first non-empty bucket (the wheel is not empty) and returns it. Then brings onto the
   * wheel the heap events that have come within a horizon, so that every heap event stays at least a horizon ahead
   * of the cursor and the cursor, which moves less than a horizon per call, can never pass one.
   */
  private advanceCursor(): number {
    const start = this.cursor & BUCKET_MASK;
    // The common case: the current bucket still holds events, the cursor stays, and no heap event comes closer.
    if (this.bucketHead[start] !== NONE) return this.cursor;
    let word = start >>> 5;
    let bits = this.bitmap[word]! & (-1 << (start & 31));
    for (let n = 0; bits === 0 && n <= BITMAP_WORDS; n++) {
      word = (word + 1) & (BITMAP_WORDS - 1);
      bits = this.bitmap[word]!;
    }
    const index = (word << 5) + (31 - Math.clz32(bits & -bits));
    this.cursor += (index - start) & BUCKET_MASK;
    if (this.heapCount > 0 && this.heapKeys[0]! < (this.cursor + BUCKETS) * BUCKET_KEYS) this.refillFromHeap(this.cursor);
    return this.cursor;
  }

  /**
   * Where the cursor of an empty wheel may go: the earliest pending event's bucket, lanes included. Jumping to the
   * heap's top while a lane holds an earlier event would make every push until then land in one long bucket list.
   */
  private emptyWheelCursor(): number {
    let key = this.heapKeys[0]!;
    const lanes = this.lanes;
    for (let i = 0; i < lanes.length; i++) {
      const lane = lanes[i]!;
      if (lane.length > 0 && lane.keys[lane.head]! < key) key = lane.keys[lane.head]!;
    }
    const bucket = Math.floor(key * INV_BUCKET_KEYS);
    return bucket > this.cursor ? bucket : this.cursor;
  }

  /** Sets the cursor (when the wheel is empty) and moves heap events within a horizon of it onto the wheel. */
  private refillFromHeap(cursor: number): void {
    if (this.wheelCount === 0) this.cursor = cursor;
    const limit = (this.cursor + BUCKETS) * BUCKET_KEYS;
    while (this.heapCount > 0 && this.heapKeys[0]! < limit) {
      const slot = this.popHeap();
      this.insertInWheel(slot, Math.floor(this.keys[slot]! * INV_BUCKET_KEYS));
    }
  }

  private pushHeap(slot: number, key: number): void {
    const heap = this.heap;
    const heapKeys = this.heapKeys;
    const seqs = this.seqs;
    const seq = seqs[slot]!;
    let i = this.heapCount++;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pk = heapKeys[p]!;
      if (pk < key || (pk === key && seqs[heap[p]!]! < seq)) break;
      heap[i] = heap[p]!;
      heapKeys[i] = pk;
      i = p;
    }
    heap[i] = slot;
    heapKeys[i] = key;
  }

  /** Removes the heap's earliest slot and returns it (the heap is not empty). */
  private popHeap(): number {
    const heap = this.heap;
    const heapKeys = this.heapKeys;
    const top = heap[0]!;
    const last = --this.heapCount;
    if (last === 0) return top;
    const seqs = this.seqs;
    const moving = heap[last]!;
    const key = heapKeys[last]!;
    let i = 0;
    for (;;) {
      // 4-ary: half the depth of a binary heap, and the four children's keys sit side by side in memory.
      const first = 4 * i + 1;
      if (first >= last) break;
      let c = first;
      let ck = heapKeys[c]!;
      const stop = first + 4 < last ? first + 4 : last;
      for (let j = first + 1; j < stop; j++) {
        const jk = heapKeys[j]!;
        if (jk < ck || (jk === ck && seqs[heap[j]!]! < seqs[heap[c]!]!)) {
          c = j;
          ck = jk;
        }
      }
      if (key < ck || (key === ck && seqs[moving]! < seqs[heap[c]!]!)) break;
      heap[i] = heap[c]!;
      heapKeys[i] = ck;
      i = c;
    }
    heap[i] = moving;
    heapKeys[i] = key;
    return top;
  }

  private grow(): void {
    const old = this.keys.length;
    const cap = old * 2;
    this.keys = grown(this.keys, cap);
    this.seqs = grown(this.seqs, cap);
    this.args = grown(this.args, cap);
    this.heapKeys = grown(this.heapKeys, cap);
    this.kinds = grown(this.kinds, cap);
    this.targets = grown(this.targets, cap);
    this.next = grown(this.next, cap);
    this.heap = grown(this.heap, cap);
    const free = new Int32Array(cap);
    // Every slot was in use (the free stack was empty): the new ones are old..cap-1.
    for (let i = 0; i < old; i++) free[i] = cap - 1 - i;
    this.free = free;
    this.freeCount = old;
  }
}
