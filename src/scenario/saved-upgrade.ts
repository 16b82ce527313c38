// A scenario.json that an older sqs-sim wrote (every default written out) holds keys this version no longer accepts.
// Reading a saved run (report, compare) upgrades it first, so that a user's runs outlive an upgrade; a scenario file
// the user writes is still checked strictly, and its message names the key.

/** Keys removed from the format, by the change that removed them: a saved run's value of them is dropped. */
const REMOVED_QUEUE_KEYS = [
  // Issue 12 §7: short polls sample servers (shortPollServers, shortPollMessageWeight); the old fraction has no
  // equivalent, and the run it described is already simulated.
  "shortPollSampleFraction",
];

/** Keys that older versions wrote for every queue and this one accepts on FIFO queues only (issue 12 §6). */
const FIFO_ONLY_QUEUE_KEYS = ["highThroughputPartitions", "highThroughputSplitTime"];

/** A copy of a saved scenario (parsed JSON) with what an older version wrote and this one refuses taken out. */
export function upgradeSavedScenario(value: unknown): unknown {
  if (!isObject(value) || !isObject(value.queue)) return value;
  const queue: Record<string, unknown> = { ...value.queue };
  for (const key of REMOVED_QUEUE_KEYS) delete queue[key];
  if (queue.type !== "fifo") for (const key of FIFO_ONLY_QUEUE_KEYS) delete queue[key];
  return { ...value, queue };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
