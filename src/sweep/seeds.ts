// Seeds of a sweep's runs. A replication's seed is a pure function of (root seed, cell key, replication), so a cell
// re-run alone (another shard, another machine, `sqs-sim run --set … --seed <seed>`) draws exactly the same numbers.
import { createHash } from "node:crypto";

/**
 * The seed of replication r of a cell: the first 48 bits of SHA-256("sqs-sim/sweep/<root>/<cell key>/<r>"), a
 * whole number below 2^48 (a valid scenario seed, exact in a double). A hash rather than a generator draw: nothing
 * about it depends on the order in which cells are run or how many there are.
 */
export function replicationSeed(rootSeed: number, cellKey: string, replication: number): number {
  const digest = createHash("sha256").update(`sqs-sim/sweep/${rootSeed}/${cellKey}/${replication}`).digest();
  return digest.readUIntBE(0, 6);
}

/** The seeds of replications 0 … n−1. */
export function replicationSeeds(rootSeed: number, cellKey: string, replications: number): number[] {
  return Array.from({ length: replications }, (_, r) => replicationSeed(rootSeed, cellKey, r));
}
