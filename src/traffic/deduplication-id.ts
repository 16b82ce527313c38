import { createHash } from "node:crypto";

/**
 * A FIFO queue's content-based deduplication id: the SHA-256 of the message body alone, so a resend with other
 * message attributes is still the same message (AWS-FACTS 3.7). Hex-encoded, as the 128-character id field allows.
 */
export function contentDeduplicationId(body: string): string {
  return createHash("sha256").update(body).digest("hex");
}
