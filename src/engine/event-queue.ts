import { EventLane } from "./event-lane.js";
import { PHASE_COUNT } from "./phases.js";

/**
 * The global event heap, ordered by (time, phase, sequence), allocation-free: event data lives in pooled slots of
 * parallel typed arrays, and the binary heap itself is an Int32Array of slot numbers, so sifting moves one integer
 * per level (4-ary: fewer levels). Time and phase share one double key (timeUs * PHASE_COUNT + phase); the sequence number makes ties
 * first-scheduled-first-run.
 *
 * Beside the heap sit FIFO lanes (EventLane) for event streams whose times never go backwards: pushLane() puts an
 * event there in O(1), and pop() takes the earliest of the heap top and the lane heads. An event that would break a
 * lane's order goes to the heap instead, so lanes are only ever a speed-up, never a change of order.
 *
 * Events carry a numeric kind (the simulation's switch dispatches on it), a target entity index and a numeric
 * argument. After pop() the popped event is readable in timeUs / phase / kind / target / arg.
 */
export class EventQueue {
  private heap: Int32Array;
  /** The key of each heap entry, beside it: sift-down compares four neighbouring children without indirection. */
  private heapKeys: Float64Array;
  private keys: Float64Array;
  private seqs: Float64Array;
  private kinds: Uint8Array;
  private targets: Int32Array;
  private args: Float64Array;
  /** Free slots, as a stack. */
  private free: Int32Array;
  private freeCount: number;
  private count = 0;
  private nextSeq = 0;
  private readonly lanes: EventLane[] = [];

  timeUs = 0;
  phase = 0;
  kind = 0;
  target = 0;
  arg = 0;

  constructor(initialCapacity = 1024) {
    this.heap = new Int32Array(initialCapacity);
    this.heapKeys = new Float64Array(initialCapacity);
    this.keys = new Float64Array(initialCapacity);
    this.seqs = new Float64Array(initialCapacity);
    this.kinds = new Uint8Array(initialCapacity);
    this.targets = new Int32Array(initialCapacity);
    this.args = new Float64Array(initialCapacity);
    this.free = new Int32Array(initialCapacity);
    for (let i = 0; i < initialCapacity; i++) this.free[i] = initialCapacity - 1 - i;
    this.freeCount = initialCapacity;
  }

  /** Events pending, in the heap and the lanes. */
  get size(): number {
    let n = this.count;
    for (const lane of this.lanes) n += lane.length;
    return n;
  }

  /** Creates a lane and returns its number, for pushLane. */
  addLane(): number {
    this.lanes.push(new EventLane());
    return this.lanes.length - 1;
  }

  /** Like push, in O(1), for events whose time is not before the lane's previous one (else the heap takes it). */
  pushLane(lane: number, timeUs: number, phase: number, kind: number, target: number, arg = 0): void {
    const l = this.lanes[lane]!;
    const key = timeUs * PHASE_COUNT + phase;
    if (key < l.lastKey) {
      this.push(timeUs, phase, kind, target, arg);
      return;
    }
    l.push(key, this.nextSeq++, kind, target, arg);
  }

  push(timeUs: number, phase: number, kind: number, target: number, arg = 0): void {
    if (this.freeCount === 0) this.grow();
    const slot = this.free[--this.freeCount]!;
    const key = timeUs * PHASE_COUNT + phase;
    const seq = this.nextSeq++;
    const keys = this.keys;
    const seqs = this.seqs;
    keys[slot] = key;
    seqs[slot] = seq;
    this.kinds[slot] = kind;
    this.targets[slot] = target;
    this.args[slot] = arg;
    const heap = this.heap;
    const heapKeys = this.heapKeys;
    let i = this.count++;
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

  /** Removes the earliest event into the public fields; false when nothing is pending. */
  pop(): boolean {
    let best: EventLane | null = null;
    let bestKey = Infinity;
    let bestSeq = Infinity;
    if (this.count > 0) {
      bestKey = this.heapKeys[0]!;
      bestSeq = this.seqs[this.heap[0]!]!;
    }
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
      const timeUs = Math.floor(bestKey / PHASE_COUNT);
      this.timeUs = timeUs;
      this.phase = bestKey - timeUs * PHASE_COUNT;
      this.kind = best.kinds[h]!;
      this.target = best.targets[h]!;
      this.arg = best.args[h]!;
      best.shift();
      return true;
    }
    return this.popHeap();
  }

  private popHeap(): boolean {
    const n = this.count;
    if (n === 0) return false;
    const heap = this.heap;
    const heapKeys = this.heapKeys;
    const top = heap[0]!;
    const key0 = heapKeys[0]!;
    const timeUs = Math.floor(key0 / PHASE_COUNT);
    this.timeUs = timeUs;
    this.phase = key0 - timeUs * PHASE_COUNT;
    this.kind = this.kinds[top]!;
    this.target = this.targets[top]!;
    this.arg = this.args[top]!;
    this.free[this.freeCount++] = top;
    const last = n - 1;
    this.count = last;
    if (last === 0) return true;
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
    return true;
  }

  private grow(): void {
    const old = this.keys.length;
    const cap = old * 2;
    const heap = new Int32Array(cap);
    heap.set(this.heap);
    this.heap = heap;
    const heapKeys = new Float64Array(cap);
    heapKeys.set(this.heapKeys);
    this.heapKeys = heapKeys;
    const keys = new Float64Array(cap);
    keys.set(this.keys);
    this.keys = keys;
    const seqs = new Float64Array(cap);
    seqs.set(this.seqs);
    this.seqs = seqs;
    const kinds = new Uint8Array(cap);
    kinds.set(this.kinds);
    this.kinds = kinds;
    const targets = new Int32Array(cap);
    targets.set(this.targets);
    this.targets = targets;
    const args = new Float64Array(cap);
    args.set(this.args);
    this.args = args;
    const free = new Int32Array(cap);
    // Every slot was in use (the free stack was empty): the new ones are old..cap-1.
    for (let i = 0; i < old; i++) free[i] = cap - 1 - i;
    this.free = free;
    this.freeCount = old;
  }
}
