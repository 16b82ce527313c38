// The chains of stages a message travels in an architecture (producer → topic → queue → pool → queue → pool …), each
// given a number as its first message takes it, so that a message carries its path as one number (SlotTags) and the
// end-to-end latency of every chain is measured apart (`paths.<producer→…→pool>.endToEnd` in summary.json).
import { LogHistogram } from "../metrics/log-histogram.js";
import { grown } from "../engine/typed-arrays.js";

/** Paths a run tells apart; the rest (a cycle of emit taken many times round) share one. */
export const MAX_PATHS = 1_000;
/** The path of no stage yet: every path starts from it. */
export const ROOT_PATH = 0;
/** Where every path past MAX_PATHS goes (and stays). */
export const OTHER_PATHS = "(other paths)";

export class PathTable {
  private readonly names: string[] = [""];
  private readonly children = new Map<number, number>();
  private readonly histograms: (LogHistogram | undefined)[] = [];
  private overflow = -1;

  /**
   * @param nodes the display name of each stage (producers, topics, queues, pools), indexed by node number
   */
  constructor(private readonly nodes: readonly string[]) {}

  /** The path `parent` followed by `node`, numbered the first time it is asked for. */
  child(parent: number, node: number): number {
    const key = parent * this.nodes.length + node;
    const known = this.children.get(key);
    if (known !== undefined) return known;
    let id: number;
    if (parent === this.overflow) id = parent;
    else if (this.names.length >= MAX_PATHS) {
      if (this.overflow < 0) {
        this.overflow = this.names.length;
        this.names.push(OTHER_PATHS);
      }
      id = this.overflow;
    } else {
      id = this.names.length;
      this.names.push(parent === ROOT_PATH ? this.nodes[node]! : `${this.names[parent]}→${this.nodes[node]}`);
    }
    this.children.set(key, id);
    return id;
  }

  name(path: number): string {
    return this.names[path]!;
  }

  /** The end-to-end latency histogram of a path (made when first asked for). */
  latency(path: number): LogHistogram {
    let h = this.histograms[path];
    if (h === undefined) {
      h = new LogHistogram();
      this.histograms[path] = h;
    }
    return h;
  }

  /** Every path with a latency histogram, in the order they were made. */
  measured(): { path: number; name: string; latency: LogHistogram }[] {
    const out: { path: number; name: string; latency: LogHistogram }[] = [];
    this.histograms.forEach((latency, path) => {
      if (latency !== undefined) out.push({ path, name: this.names[path]!, latency });
    });
    return out;
  }
}

/** A number per message slot of a queue (its path), grown with the queue's store. */
export class SlotTags {
  private tags = new Int32Array(1024);

  set(slot: number, tag: number): void {
    if (slot >= this.tags.length) this.tags = grown(this.tags, Math.max(slot + 1, this.tags.length * 2));
    this.tags[slot] = tag;
  }

  get(slot: number): number {
    return slot < this.tags.length ? this.tags[slot]! : ROOT_PATH;
  }
}
