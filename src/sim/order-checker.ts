import { grown } from "../engine/typed-arrays.js";
import { MAX_BATCH_ENTRIES } from "../sqs/limits.js";

/**
 * Counts deliveries that break per-group order, independently of the queue's own bookkeeping: it numbers each
 * group's messages as the producers send them, and learns of deliveries from the consumers and of endings
 * (delete, dead-letter, expiry) from the queue. A delivery breaks order when an earlier message of its group is
 * still outstanding (sent and not ended) and is not ahead of it in the same ReceiveMessage response. FIFO
 * promises none (aws-behaviour 3.2-3.3); a standard queue with concurrent consumers shows what that promise is worth.
 */
export class OrderChecker {
  /** Deliveries while an earlier message of the group was outstanding (and not ahead in the same response). */
  violations = 0;
  /** Deletes (successful processing) while an earlier message of the group was still outstanding. */
  processedOutOfOrder = 0;
  private slotSerial = new Uint32Array(1024);
  private slotGroup = new Int32Array(1024).fill(-1);
  private slotSeq = new Float64Array(1024);
  /** Per group: the next sequence number to hand out, and the lowest one not yet ended. */
  private readonly nextSeq: number[] = [];
  private readonly lowestOpen: number[] = [];
  /** Per group: ended flags for sequence numbers lowestOpen, lowestOpen + 1, … (a window that slides forward). */
  private readonly ended: boolean[][] = [];
  /** (group, sequence) of the messages delivered earlier in the response being checked (at most 10: no Map). */
  private readonly responseGroups = new Int32Array(MAX_BATCH_ENTRIES);
  private readonly responseSeqs = new Float64Array(MAX_BATCH_ENTRIES);
  private responseLength = 0;

  /** A message of `group` was accepted into slot `slot` (serial tells a reused slot apart). */
  onSent(slot: number, serial: number, group: number): void {
    this.ensureSlot(slot);
    while (this.nextSeq.length <= group) {
      this.nextSeq.push(0);
      this.lowestOpen.push(0);
      this.ended.push([]);
    }
    this.slotSerial[slot] = serial;
    this.slotGroup[slot] = group;
    this.slotSeq[slot] = this.nextSeq[group]!++;
  }

  /** One ReceiveMessage response, in order. Copies (duplicate deliveries) are checked like any delivery. */
  onDelivered(slots: ArrayLike<number>, serials: ArrayLike<number>, count: number): void {
    this.responseLength = 0;
    for (let i = 0; i < count; i++) {
      const slot = slots[i]!;
      const group = this.groupOf(slot, serials[i]!);
      if (group < 0) continue;
      const seq = this.slotSeq[slot]!;
      if (this.earlierOutstanding(group, seq)) this.violations++;
      this.responseGroups[this.responseLength] = group;
      this.responseSeqs[this.responseLength++] = seq;
    }
  }

  /** The message left the queue: deleted (processed), or dead-lettered or expired. */
  onEnded(slot: number, serial: number, deleted: boolean): void {
    const group = this.groupOf(slot, serial);
    if (group < 0) return;
    const seq = this.slotSeq[slot]!;
    const low = this.lowestOpen[group]!;
    // Processed while an earlier message of its group is still to be processed: order broken by the consumers.
    if (deleted && seq > low) this.processedOutOfOrder++;
    const flags = this.ended[group]!;
    if (seq < low) return;
    flags[seq - low] = true;
    let advance = 0;
    while (advance < flags.length && flags[advance] === true) advance++;
    if (advance > 0) {
      flags.splice(0, advance);
      this.lowestOpen[group] = low + advance;
    }
    this.slotGroup[slot] = -1;
  }

  private earlierOutstanding(group: number, seq: number): boolean {
    const low = this.lowestOpen[group]!;
    const flags = this.ended[group]!;
    for (let s = low; s < seq; s++) {
      if (flags[s - low] === true) continue;
      if (!this.deliveredEarlierInResponse(group, s)) return true;
    }
    return false;
  }

  private deliveredEarlierInResponse(group: number, seq: number): boolean {
    for (let i = 0; i < this.responseLength; i++) {
      if (this.responseGroups[i] === group && this.responseSeqs[i] === seq) return true;
    }
    return false;
  }

  private groupOf(slot: number, serial: number): number {
    return slot < this.slotGroup.length && this.slotSerial[slot] === serial ? this.slotGroup[slot]! : -1;
  }

  private ensureSlot(slot: number): void {
    if (slot < this.slotGroup.length) return;
    const size = Math.max(slot + 1, this.slotGroup.length * 2);
    this.slotSerial = grown(this.slotSerial, size);
    const groups = new Int32Array(size).fill(-1);
    groups.set(this.slotGroup);
    this.slotGroup = groups;
    this.slotSeq = grown(this.slotSeq, size);
  }
}
