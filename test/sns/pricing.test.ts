// SNS prices (aws-behaviour 13.6-13.8): publishes billed per 64 KiB chunk, deliveries to SQS free on a standard topic,
// FIFO topics billed per request and per GB.
import { describe, expect, it } from "vitest";
import { DEFAULT_SNS_PRICES, fifoSubscriptionBilledBytes, publishBilledRequests, topicCostUsd } from "../../src/sns/pricing.js";

const KiB = 1024;

describe("SNS publish billing (aws-behaviour 13.6)", () => {
  it.each([
    [0, 1],
    [1, 1],
    [64 * KiB, 1],
    [64 * KiB + 1, 2],
    [128 * KiB, 2],
    [128 * KiB + 1, 3],
    [256 * KiB, 4],
    [1024 * KiB, 16],
  ])("a publish of %i bytes is %i billed requests", (bytes, requests) => {
    expect(publishBilledRequests(bytes)).toBe(requests);
  });
});

describe("SNS topic cost (aws-behaviour 13.7-13.8)", () => {
  it("a standard topic: $0.50 per million billed publishes, deliveries to SQS free, no free tier", () => {
    const usage = { fifo: false, billedPublishRequests: 2_000_000, publishedBytes: 5e9, deliveries: 6_000_000, deliveredBytes: 7e9 };
    expect(topicCostUsd(usage)).toBeCloseTo(1.0, 12);
    expect(topicCostUsd({ ...usage, deliveries: 0, deliveredBytes: 0 })).toBe(topicCostUsd(usage));
  });

  it("a FIFO topic: $0.30 per million publishes + $0.017 per GB, $0.01 per million subscription messages + $0.001 per GB", () => {
    const GiB = 1024 ** 3;
    const usage = { fifo: true, billedPublishRequests: 1_000_000, publishedBytes: 2 * GiB, deliveries: 3_000_000, deliveredBytes: 4 * GiB };
    expect(topicCostUsd(usage)).toBeCloseTo(0.3 + 2 * 0.017 + 3 * 0.01 + 4 * 0.001, 12);
  });

  it("prices are parameters", () => {
    const usage = { fifo: false, billedPublishRequests: 1_000_000, publishedBytes: 0, deliveries: 1_000_000, deliveredBytes: 0 };
    expect(topicCostUsd(usage, { ...DEFAULT_SNS_PRICES, standardPublishPerMillionUsd: 0.6, standardSqsDeliveryPerMillionUsd: 0.1 })).toBeCloseTo(0.7, 12);
  });

  it("bills a FIFO subscription message for at least 1 KB", () => {
    expect(fifoSubscriptionBilledBytes(1)).toBe(1024);
    expect(fifoSubscriptionBilledBytes(1024)).toBe(1024);
    expect(fifoSubscriptionBilledBytes(1025)).toBe(1025);
  });
});
