import { PHASE_COUNT } from "./phases.js";

/**
 * The global event heap: a binary min-heap ordered by (time, phase, sequence), stored in parallel typed arrays so
 * that pushing and popping allocate nothing. Time and phase share one double key (timeUs * PHASE_COUNT + phase);
 * the sequence number makes ties first-scheduled-first-run.
 *
 * Events carry a numeric kind (the simulation's switch dispatches on it), a target entity index and a numeric
 * argument. After pop() the popped event is readable in timeUs / phase / kind / target / arg.
 */
export class EventQueue {
  private keys: Float64Array;
  private seqs: Float64Array;
  private kinds: Uint8Array;
  private targets: Int32Array;
  private args: Float64Array;
  private count = 0;
  private nextSeq = 0;

  timeUs = 0;
  phase = 0;
  kind = 0;
  target = 0;
  arg = 0;

  constructor(initialCapacity = 1024) {
    this.keys = new Float64Array(initialCapacity);
    this.seqs = new Float64Array(initialCapacity);
    this.kinds = new Uint8Array(initialCapacity);
    this.targets = new Int32Array(initialCapacity);
    this.args = new Float64Array(initialCapacity);
  }

  get size(): number {
    return this.count;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTimeUs(): number {
    return this.count === 0 ? Infinity : Math.floor(this.keys[0]! / PHASE_COUNT);
  }

  push(timeUs: number, phase: number, kind: number, target: number, arg = 0): void {
    if (this.count === this.keys.length) this.grow();
    const key = timeUs * PHASE_COUNT + phase;
    const seq = this.nextSeq++;
    const keys = this.keys;
    const seqs = this.seqs;
    // Sift up with a hole: move parents down until the new event's place is found.
    let i = this.count++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pk = keys[p]!;
      if (pk < key || (pk === key && seqs[p]! < seq)) break;
      this.moveSlot(p, i);
      i = p;
    }
    keys[i] = key;
    seqs[i] = seq;
    this.kinds[i] = kind;
    this.targets[i] = target;
    this.args[i] = arg;
  }

  /** Removes the earliest event into the public fields; false when the queue is empty. */
  pop(): boolean {
    const n = this.count;
    if (n === 0) return false;
    const keys = this.keys;
    const seqs = this.seqs;
    const key0 = keys[0]!;
    const phase = key0 % PHASE_COUNT;
    this.phase = phase;
    this.timeUs = (key0 - phase) / PHASE_COUNT;
    this.kind = this.kinds[0]!;
    this.target = this.targets[0]!;
    this.arg = this.args[0]!;
    const last = n - 1;
    this.count = last;
    if (last === 0) return true;
    // Sift the last element down from the root.
    const key = keys[last]!;
    const seq = seqs[last]!;
    const kind = this.kinds[last]!;
    const target = this.targets[last]!;
    const arg = this.args[last]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      const r = c + 1;
      if (r < last) {
        const ck = keys[c]!;
        const rk = keys[r]!;
        if (rk < ck || (rk === ck && seqs[r]! < seqs[c]!)) c = r;
      }
      const ck = keys[c]!;
      if (key < ck || (key === ck && seq < seqs[c]!)) break;
      this.moveSlot(c, i);
      i = c;
    }
    keys[i] = key;
    seqs[i] = seq;
    this.kinds[i] = kind;
    this.targets[i] = target;
    this.args[i] = arg;
    return true;
  }

  private moveSlot(from: number, to: number): void {
    this.keys[to] = this.keys[from]!;
    this.seqs[to] = this.seqs[from]!;
    this.kinds[to] = this.kinds[from]!;
    this.targets[to] = this.targets[from]!;
    this.args[to] = this.args[from]!;
  }

  private grow(): void {
    const cap = this.keys.length * 2;
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
  }
}
