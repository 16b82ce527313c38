// SNS prices (aws-behaviour 13.6-13.8), us-east-1 list prices as defaults. As the project's SQS price (10.1), one flat
// price: the monthly free tier (the first million standard publishes) and any volume tiers are not applied.

/** Each 64 KiB chunk of a publish request's payload is billed as one request (13.6), as SQS does (10.2). */
export const SNS_BILLING_CHUNK_BYTES = 65_536;
/** Bytes in the GB of the per-GB prices. Ours: AWS bills data in binary gigabytes (2^30 bytes). */
export const BYTES_PER_BILLED_GB = 1_073_741_824;
/**
 * A FIFO subscription message is billed for at least 1 KB (13.8, unconfirmed). Ours: 1 KB read as 1,024 bytes.
 */
export const FIFO_SUBSCRIPTION_MIN_BILLED_BYTES = 1_024;

export interface SnsPrices {
  /** Standard topic: per million publish requests, 64 KiB chunks counted (13.6-13.7). */
  readonly standardPublishPerMillionUsd: number;
  /** Standard topic: per million deliveries to SQS; SNS charges nothing for them (13.7). */
  readonly standardSqsDeliveryPerMillionUsd: number;
  /** FIFO topic: per million publish requests, and per GB of payload published (13.8). */
  readonly fifoPublishPerMillionUsd: number;
  readonly fifoPublishPerGbUsd: number;
  /** FIFO topic: per million subscription messages, and per GB of them (13.8). */
  readonly fifoSubscriptionPerMillionUsd: number;
  readonly fifoSubscriptionPerGbUsd: number;
}

export const DEFAULT_SNS_PRICES: SnsPrices = {
  standardPublishPerMillionUsd: 0.5, // aws-behaviour 13.7
  standardSqsDeliveryPerMillionUsd: 0, // aws-behaviour 13.7: "no charge for SQS notifications"
  fifoPublishPerMillionUsd: 0.3, // aws-behaviour 13.8 (secondary sources)
  fifoPublishPerGbUsd: 0.017,
  fifoSubscriptionPerMillionUsd: 0.01,
  fifoSubscriptionPerGbUsd: 0.001,
};

/** Billed requests for one Publish or PublishBatch call of `payloadBytes`: one, plus one per further 64 KiB (13.6). */
export function publishBilledRequests(payloadBytes: number): number {
  return payloadBytes <= SNS_BILLING_CHUNK_BYTES ? 1 : Math.ceil(payloadBytes / SNS_BILLING_CHUNK_BYTES);
}

/** The bytes a FIFO subscription message is billed for (13.8: a 1 KB minimum, unconfirmed). */
export function fifoSubscriptionBilledBytes(payloadBytes: number): number {
  return Math.max(payloadBytes, FIFO_SUBSCRIPTION_MIN_BILLED_BYTES);
}

/** What a topic did in a run, as billing counts it. */
export interface TopicUsage {
  readonly fifo: boolean;
  /** Publish requests after the 64 KiB chunking (publishBilledRequests summed over calls). */
  readonly billedPublishRequests: number;
  /** Payload bytes published (FIFO is billed per GB of them). */
  readonly publishedBytes: number;
  /** Deliveries to SQS (standard) or subscription messages (FIFO). */
  readonly deliveries: number;
  /**
   * Bytes of those subscription messages, each at least the FIFO minimum (fifoSubscriptionBilledBytes). Whether SNS
   * also bills filtered-out messages as FIFO subscription messages is unconfirmed (13.8); the caller decides what to
   * count, the price applies to what it is given.
   */
  readonly deliveredBytes: number;
}

/** The topic's cost in US dollars. */
export function topicCostUsd(usage: TopicUsage, prices: SnsPrices = DEFAULT_SNS_PRICES): number {
  const perMillion = (count: number, usd: number) => (count / 1_000_000) * usd;
  const perGb = (bytes: number, usd: number) => (bytes / BYTES_PER_BILLED_GB) * usd;
  if (!usage.fifo) {
    return perMillion(usage.billedPublishRequests, prices.standardPublishPerMillionUsd) + perMillion(usage.deliveries, prices.standardSqsDeliveryPerMillionUsd);
  }
  // FIFO publishes are counted in 64 KiB chunks too; 13.8 quotes the price per request without saying (our reading).
  return (
    perMillion(usage.billedPublishRequests, prices.fifoPublishPerMillionUsd) +
    perGb(usage.publishedBytes, prices.fifoPublishPerGbUsd) +
    perMillion(usage.deliveries, prices.fifoSubscriptionPerMillionUsd) +
    perGb(usage.deliveredBytes, prices.fifoSubscriptionPerGbUsd)
  );
}
