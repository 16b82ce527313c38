/**
 * Messages a producer has generated and not yet sent, in order: a ring that grows as needed (a throttled FIFO
 * producer can fall far behind). Plain arrays: deduplication ids are strings.
 */
export class SendBacklog {
  private arrivalUs: number[] = [];
  private sizes: number[] = [];
  private flags: number[] = [];
  private groups: number[] = [];
  private ids: string[] = [];
  private resend: boolean[] = [];
  private head = 0;

  get length(): number {
    return this.sizes.length - this.head;
  }

  push(arrivalUs: number, size: number, flags: number, group: number, deduplicationId: string, isResend: boolean): void {
    this.arrivalUs.push(arrivalUs);
    this.sizes.push(size);
    this.flags.push(flags);
    this.groups.push(group);
    this.ids.push(deduplicationId);
    this.resend.push(isResend);
  }

  shift(): void {
    this.head++;
    // Drop the sent prefix now and then, so the arrays do not grow with everything ever sent.
    if (this.head >= 4096 && this.head * 2 >= this.sizes.length) {
      const h = this.head;
      this.arrivalUs = this.arrivalUs.slice(h);
      this.sizes = this.sizes.slice(h);
      this.flags = this.flags.slice(h);
      this.groups = this.groups.slice(h);
      this.ids = this.ids.slice(h);
      this.resend = this.resend.slice(h);
      this.head = 0;
    }
  }

  firstArrivalUs(): number {
    return this.arrivalUs[this.head]!;
  }

  arrivalAt(i: number): number {
    return this.arrivalUs[this.head + i]!;
  }

  sizeAt(i: number): number {
    return this.sizes[this.head + i]!;
  }

  flagsAt(i: number): number {
    return this.flags[this.head + i]!;
  }

  groupAt(i: number): number {
    return this.groups[this.head + i]!;
  }

  deduplicationIdAt(i: number): string {
    return this.ids[this.head + i]!;
  }

  isResendAt(i: number): boolean {
    return this.resend[this.head + i]!;
  }

  /** How many messages from the front make one call: at most maxEntries, within maxPayloadBytes (at least one). */
  batchEntries(maxEntries: number, maxPayloadBytes: number): number {
    const n = Math.min(maxEntries, this.length);
    let bytes = 0;
    for (let i = 0; i < n; i++) {
      bytes += this.sizeAt(i);
      if (bytes > maxPayloadBytes) return Math.max(1, i);
    }
    return n;
  }

  payloadBytes(entries: number): number {
    let bytes = 0;
    for (let i = 0; i < entries; i++) bytes += this.sizeAt(i);
    return bytes;
  }
}
