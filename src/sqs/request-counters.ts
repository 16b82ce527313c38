import { BILLING_CHUNK_BYTES } from "./limits.js";

/** Every SQS API call by kind, and the billable requests they add up to (aws-behaviour 10.1-10.4). */
export class RequestCounters {
  /** SendMessage and SendMessageBatch calls. */
  send = 0;
  /** ReceiveMessage calls, empty ones included. */
  receive = 0;
  /** ReceiveMessage calls that returned no message: billed like any other (10.4). */
  emptyReceive = 0;
  /** DeleteMessage and DeleteMessageBatch calls. */
  delete = 0;
  /** ChangeMessageVisibility and ChangeMessageVisibilityBatch calls. */
  changeVisibility = 0;
  /** Standard queues: short-poll receives refused with an OverLimit error at the in-flight limit (1.14). FIFO queues
   *  return no error there, just an empty receive (1.15). */
  overLimit = 0;
  /** Billed requests: one per call, or one per 64 KiB chunk of its payload when larger (10.2-10.3). */
  billable = 0;

  bill(payloadBytes: number): void {
    this.billable += payloadBytes <= BILLING_CHUNK_BYTES ? 1 : Math.ceil(payloadBytes / BILLING_CHUNK_BYTES);
  }
}
