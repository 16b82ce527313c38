import { unwrappedRing } from "../engine/typed-arrays.js";

const EMPTY = -1;

/** A 32-bit hash of (group, id): FNV-1a over the id's UTF-16 units, seeded by the group, with a final avalanche. */
function hashKey(group: number, id: string): number {
  let h = Math.imul(0x811c9dc5 ^ group, 0x01000193);
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return h ^ (h >>> 12);
}

/**
 * FIFO deduplication (aws-behaviour 3.6, 3.11): a send whose deduplication id was first accepted less than the interval
 * ago is a duplicate: accepted by SQS, never stored or delivered. Ids stay tracked for the interval from their FIRST
 * accepted send, whatever happened to the message since (deleted included); a duplicate does not extend it.
 * With scope "messageGroup" the key is (group, id): the same id in two groups is two messages.
 *
 * Tracked ids sit in a ring in first-seen order (so expired ones are purged from its head, lazily, at the next
 * check) and in an open-addressing hash table of ring indexes (linear probing, backward-shift deletion, load ≤ 1/2).
 * A JS Set of a few hundred thousand churning strings costs about 1 µs a send; this table about a quarter of it,
 * and builds no key string for the group scope.
 */
export class DedupWindow {
  private times = new Float64Array(1024);
  private groups = new Int32Array(1024);
  private hashes = new Int32Array(1024);
  private ids: string[] = new Array<string>(1024).fill("");
  private head = 0;
  private len = 0;
  /** The table: per bucket the key's hash and its ring index (EMPTY when free); twice the ring's capacity. */
  private bucketHash = new Int32Array(2048);
  private bucketRef = new Int32Array(2048).fill(EMPTY);

  constructor(
    private readonly intervalUs: number,
    private readonly perGroup: boolean,
  ) {}

  /** Ids tracked right now (purged lazily: some may already be past their interval). */
  get tracked(): number {
    return this.len;
  }

  /**
   * Whether the send at nowUs is a duplicate. When it is not, its id is tracked from nowUs. The interval is
   * half-open: a resend exactly intervalUs after the first send is a new message.
   */
  isDuplicate(nowUs: number, group: number, id: string): boolean {
    this.purge(nowUs);
    const g = this.perGroup ? group : 0;
    const h = hashKey(g, id);
    if (this.find(h, g, id) !== EMPTY) return true;
    if (this.len === this.times.length) this.grow();
    const i = (this.head + this.len) & (this.times.length - 1);
    this.times[i] = nowUs;
    this.groups[i] = g;
    this.hashes[i] = h;
    this.ids[i] = id;
    this.len++;
    this.insert(h, i);
    return false;
  }

  /** The bucket holding (group, id), or EMPTY. */
  private find(h: number, g: number, id: string): number {
    const mask = this.bucketRef.length - 1;
    for (let b = h & mask; ; b = (b + 1) & mask) {
      const ref = this.bucketRef[b]!;
      if (ref === EMPTY) return EMPTY;
      if (this.bucketHash[b] === h && this.groups[ref] === g && this.ids[ref] === id) return b;
    }
  }

  private insert(h: number, ref: number): void {
    const mask = this.bucketRef.length - 1;
    let b = h & mask;
    while (this.bucketRef[b] !== EMPTY) b = (b + 1) & mask;
    this.bucketHash[b] = h;
    this.bucketRef[b] = ref;
  }

  /** Empties bucket b, shifting back the entries of its probe run that may not stay behind a hole. */
  private removeBucket(b: number): void {
    const mask = this.bucketRef.length - 1;
    let hole = b;
    for (let j = (hole + 1) & mask; this.bucketRef[j] !== EMPTY; j = (j + 1) & mask) {
      const home = this.bucketHash[j]! & mask;
      // The entry at j may stay if its home lies cyclically in (hole, j]: the hole is not on its probe path.
      const stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
      if (stays) continue;
      this.bucketHash[hole] = this.bucketHash[j]!;
      this.bucketRef[hole] = this.bucketRef[j]!;
      hole = j;
    }
    this.bucketRef[hole] = EMPTY;
  }

  private purge(nowUs: number): void {
    const mask = this.times.length - 1;
    while (this.len > 0 && this.times[this.head]! + this.intervalUs <= nowUs) {
      const r = this.head;
      this.removeBucket(this.find(this.hashes[r]!, this.groups[r]!, this.ids[r]!));
      this.ids[r] = "";
      this.head = (r + 1) & mask;
      this.len--;
    }
  }

  /** Doubles the ring (unwrapped to index 0) and rebuilds the table at twice its size. */
  private grow(): void {
    const oldCap = this.times.length;
    const cap = oldCap * 2;
    const ids = new Array<string>(cap).fill("");
    for (let k = 0; k < this.len; k++) ids[k] = this.ids[(this.head + k) & (oldCap - 1)]!;
    this.ids = ids;
    this.times = unwrappedRing(this.times, this.head, this.len, cap);
    this.groups = unwrappedRing(this.groups, this.head, this.len, cap);
    this.hashes = unwrappedRing(this.hashes, this.head, this.len, cap);
    this.head = 0;
    this.bucketHash = new Int32Array(cap * 2);
    this.bucketRef = new Int32Array(cap * 2).fill(EMPTY);
    for (let k = 0; k < this.len; k++) this.insert(this.hashes[k]!, k);
  }
}
