// The chains a message of an architecture can take (producer → topic → queue → pool → queue → pool …), named as the
// run names them in summary.json's `paths` (sim/paths.ts), listed from the scenario alone: a sweep needs its columns
// before anything runs, and the same columns in every cell, replication and shard.
import { type Architecture } from "../scenario/architecture-schema.js";
import { stageNames } from "../sim/path-names.js";

/** Path columns a sweep lists at most; a run tells up to 1,000 paths apart, a results table would be unreadable. */
export const MAX_PATH_COLUMNS = 100;

/**
 * Every path that ends at a pool (a message's end to end is measured at its delete there), depth first in the
 * scenario's order of producers, subscriptions, pools and emit rules. A path that would reach a queue it has already
 * passed (a cycle of emit) is not followed round again: only its first time round is listed. A path a filter policy
 * never matches is listed too (its figures are then empty). At most MAX_PATH_COLUMNS.
 */
export function architecturePaths(a: Architecture): string[] {
  const out: string[] = [];
  const named = stageNames({ producer: a.producers, topic: a.topics, queue: a.queues, pool: a.consumers });
  const poolsOf = (queue: string) => a.consumers.filter((p) => p.queue === queue);
  const queuesOf = (to: { send?: string | undefined; publish?: string | undefined }): { via: string[]; queue: string }[] => {
    if (to.send !== undefined) return [{ via: [], queue: to.send }];
    const topic = a.topics.find((t) => t.name === to.publish);
    return topic === undefined ? [] : topic.subscriptions.map((s) => ({ via: [named("topic", topic.name)], queue: s.queue }));
  };
  const visit = (prefix: string[], seen: ReadonlySet<string>, to: { send?: string | undefined; publish?: string | undefined }): void => {
    for (const { via, queue } of queuesOf(to)) {
      if (seen.has(queue)) continue;
      const inQueue = [...prefix, ...via, named("queue", queue)];
      const passed = new Set(seen).add(queue);
      for (const pool of poolsOf(queue)) {
        if (out.length >= MAX_PATH_COLUMNS) return;
        const atPool = [...inQueue, named("pool", pool.name)];
        out.push(atPool.join("→"));
        for (const rule of pool.emit) visit(atPool, passed, rule);
      }
    }
  };
  for (const p of a.producers) visit([named("producer", p.name)], new Set(), p);
  return out;
}
