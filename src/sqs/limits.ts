/** SQS limits and billing constants the model enforces; each cites its aws-behaviour number. */

/** 12 h cap on visibility, counted from the receive; extensions do not reset it (aws-behaviour 1.1, 1.26-1.27). */
export const MAX_VISIBILITY_US = 43_200 * 1_000_000;
/** Messages per ReceiveMessage and entries per batch call (1.9, 1.12). */
export const MAX_BATCH_ENTRIES = 10;
/** SendMessageBatch total payload, current limit (1.12, §11). */
export const MAX_BATCH_PAYLOAD_BYTES = 1_048_576;
/** Each 64 KiB chunk of a payload is billed as one request (10.2). */
export const BILLING_CHUNK_BYTES = 65_536;
/** Standard queues: a message received this many times without deletion leaves ApproximateAgeOfOldestMessage (4.4). */
export const AGE_METRIC_RECEIVE_EXCLUSION = 3;
