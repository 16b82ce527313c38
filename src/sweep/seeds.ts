// Seeds of a sweep's runs. Common random numbers: replication r of EVERY cell runs with the same seed, a pure function
// of (root seed, r). The model keys its random streams by component (`randomStream(seed, "producers/orders/arrivals")`,
// src/engine/random.ts), so replication r of every cell sees the same arrivals, message sizes, launch times and the
// same sequence of processing-time and failure draws: a difference between two cells is the parameter's doing, not
// traffic noise, and a parameter that does not bind (a fleet.max never reached) gives identical figures. A cell
// re-run alone (another shard, another machine, `sqs-sim run --set … --seed <seed>`) draws exactly the same numbers.
import { createHash } from "node:crypto";
import { LEGACY_SWEEP_FORMAT, type SweepDefinition } from "./definition.js";

/**
 * The seed of replication r of every cell: the first 48 bits of SHA-256("sqs-sim/sweep/<root>/<r>"), a whole number
 * below 2^48 (a valid scenario seed, exact in a double). A hash rather than a generator draw: nothing about it
 * depends on the order in which cells are run or how many there are.
 */
export function replicationSeed(rootSeed: number, replication: number): number {
  return seedOf(`sqs-sim/sweep/${rootSeed}/${replication}`);
}

/**
 * The seed an sqs-sim before common random numbers (sweep.json format "sqs-sim-sweep/1") gave replication r of a cell:
 * the cell key was hashed in, so cells drew independent numbers. Kept to read such directories (merge, report).
 */
export function independentReplicationSeed(rootSeed: number, cellKey: string, replication: number): number {
  return seedOf(`sqs-sim/sweep/${rootSeed}/${cellKey}/${replication}`);
}

/** The seeds of replications 0 … n−1 of the cell with this key, as the sweep's format derives them. */
export function replicationSeeds(definition: Pick<SweepDefinition, "format" | "rootSeed" | "replications">, cellKey: string): number[] {
  const legacy = definition.format === LEGACY_SWEEP_FORMAT;
  return Array.from({ length: definition.replications }, (_, r) =>
    legacy ? independentReplicationSeed(definition.rootSeed, cellKey, r) : replicationSeed(definition.rootSeed, r),
  );
}

function seedOf(text: string): number {
  return createHash("sha256").update(text).digest().readUIntBE(0, 6);
}

/** What the terminal and report.html say of a sweep's seeds (format 2), so that a reader compares cells rightly. */
export const COMMON_RANDOM_NUMBERS_TEXT =
  "cells share random numbers: replication r of every cell ran with the same seed, " + "so a difference between cells is the parameters' doing, not chance";
