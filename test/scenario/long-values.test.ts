// A value, a key or a --set flag can be megabytes long; a message quotes its start and its length, never all of it.
import { describe, expect, it } from "vitest";
import { SOURCE, errorsOf, parse, scenarioYaml } from "./helpers.js";

const LONG = "x".repeat(20 * 1024 * 1024);
const CUT = `${"x".repeat(60)}… (20,971,520 characters)`;

describe("long texts in messages", () => {
  it("a 20 MB string value is quoted by its first 60 characters and its length", () => {
    const errors = errorsOf(parse(scenarioYaml(`queue: { type: ${LONG} }`)));
    expect(errors).toEqual([`${SOURCE}: queue.type: "${"x".repeat(60)}…" (20,971,520 characters) is not a queue type; use standard or fifo`]);
  });

  it("a 20 MB unknown key is cut in the path the message names", () => {
    const errors = errorsOf(parse(scenarioYaml(`queue: { ${LONG}: 1 }`)));
    expect(errors).toEqual([
      `${SOURCE}: queue.${CUT}: unknown key (expected one of: type, name, contentBasedDeduplication, deduplicationScope, throughputLimit, highThroughputPartitions, highThroughputSplitTime, highThroughputQuota, visibilityTimeout, retention, delay, receiveWaitTime, maxMessageSize, apiLatency, duplicateDeliveryRate, shortPollServers, shortPollMessageWeight, inFlightLimit, deadLetter)`,
    ]);
  });

  it("a long duration is shown cut in a limit message", () => {
    const errors = errorsOf(parse(scenarioYaml(`queue: { visibilityTimeout: "${"0".repeat(1000)}13h" }`)));
    expect(errors).toEqual([`${SOURCE}: queue.visibilityTimeout: ${"0".repeat(60)}… (1,003 characters) is above the SQS maximum of 12h (43,200 s)`]);
  });
});
