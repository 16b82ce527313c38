/** FIFO queue defaults and limits; each cites its aws-behaviour number. */

/** In-flight messages per FIFO queue: 120,000 since 2025-01 (20,000 before) (aws-behaviour 1.15). */
export const FIFO_IN_FLIGHT_LIMIT = 120_000;
/** Stored messages a receive looks through to find available groups (3.5; 20,000 in the 2023 docs). */
export const FIFO_SCAN_WINDOW = 120_000;
/** Deduplication interval (3.6). */
export const FIFO_DEDUP_INTERVAL_US = 5 * 60 * 1_000_000;
/** Calls per second per API action, per partition (3.10, 3.12). */
export const FIFO_CALLS_PER_SECOND_PER_ACTION = 300;
/** High-throughput regional cap per action in us-east-1, us-west-2 and eu-west-1 (3.13). */
export const FIFO_REGIONAL_CALLS_PER_SECOND = 70_000;
/** High-throughput partitions before any split (3.12 documents no starting count; 8 was the model's fixed count). */
export const FIFO_INITIAL_PARTITIONS = 8;
