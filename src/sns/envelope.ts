// The size of the SQS message one SNS delivery produces (aws-behaviour 13.13-13.14), and whether raw delivery
// refuses it. The model knows sizes, not contents, so the envelope is measured field by field, not built.
//
// Derivation. AWS's raw-delivery page shows one message delivered twice to a queue: raw, its 23-byte body ("This is a
// test message."); not raw, a 953-byte envelope. That envelope is JSON laid out with two-space indentation, one field a
// line, `"Name": value` (JSON.stringify(envelope, null, 2) gives exactly 953 B for it), so its size is
//   2 ("{\n") + Σ fields (2 indent + name + 2 quotes + 2 for ": " + the value as JSON) + 2 per comma-newline + 2 ("\n}")
// with these fields (13.13):
//   Type "Notification" · MessageId, a UUID (36) · TopicArn · Subject (only when the publish gave one) · Message, the
//   body as a JSON string (its bytes + 2 quotes + one byte per character JSON escapes) · Timestamp, ISO 8601 with
//   milliseconds (24) · SignatureVersion "1" · Signature, base64 of a 2048-bit RSA signature (344) · SigningCertURL
//   https://sns.<region>.amazonaws.com/SimpleNotificationService-<32 hex>.pem · UnsubscribeURL
//   https://sns.<region>.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=<topic ARN>:<UUID> · MessageAttributes,
//   when the message has any: `{ "<name>": { "Type": "<type>", "Value": "<value as text>" } }`, indented in turn.
// The topic ARN appears twice (TopicArn, and inside the UnsubscribeURL). A FIFO envelope drops SignatureVersion,
// Signature and SigningCertURL and adds SequenceNumber (13.13; seen in envelopes recorded from AWS, not documented).
// Figures that are ours, each a parameter with a default: the region (us-east-1), the 12-digit account id, the
// SequenceNumber's 20 digits (SQS FIFO sequence numbers are 20 digits; SNS's are 128-bit, 13.24), and the bytes JSON
// escaping adds to the body (0: the model does not know how many quotes, backslashes or control characters a body
// holds). Envelopes recorded from AWS put a space before each colon (`"Type" : "Notification"`), one byte a field more
// than the documented example; the model follows the documented example.
import { type AttributeValue, attributeValueText, utf8Bytes } from "./message-attributes.js";

/** Raw delivery carries at most 10 message attributes as SQS attributes (13.14). */
export const MAX_RAW_DELIVERY_ATTRIBUTES = 10;

export type NamedAttribute = readonly [name: string, value: AttributeValue];

export interface EnvelopeOptions {
  readonly topicName: string;
  /** A FIFO topic's envelope (13.13): no signature fields, a SequenceNumber. */
  readonly fifo?: boolean | undefined;
  /** Our default: us-east-1, as the project's prices (§10). */
  readonly region?: string | undefined;
  /** Bytes of the Subject, when the publish gives one (SNS omits the field otherwise). */
  readonly subjectBytes?: number | undefined;
  readonly attributes?: readonly NamedAttribute[] | undefined;
  /** Ours: digits of a FIFO envelope's SequenceNumber. */
  readonly sequenceNumberDigits?: number | undefined;
}

const ACCOUNT_ID_CHARS = 12;
const UUID_CHARS = 36;
const TIMESTAMP_CHARS = 24; // 2021-02-16T21:41:19.978Z
const SIGNATURE_CHARS = 344; // base64 of 256 bytes
const CERT_HASH_CHARS = 32;
const DEFAULT_REGION = "us-east-1";
const DEFAULT_SEQUENCE_DIGITS = 20;

// One `"name": value` member at an indentation: the indent, the quoted name, ": ", the value's bytes.
const member = (indent: number, quotedNameBytes: number, valueBytes: number) => indent + quotedNameBytes + 2 + valueBytes;
// A JSON string's bytes: the text and its two quotes (escapes counted by the caller).
const jsonString = (textBytes: number) => textBytes + 2;
// An object of `members` members, each already measured: braces, newlines, commas, and the closing brace's indent.
const object = (membersBytes: number, members: number, closingIndent: number) => 2 + membersBytes + 2 * (members - 1) + 1 + closingIndent + 1;

/** The topic's ARN length: arn:aws:sns:<region>:<12-digit account>:<name>. */
export function topicArnBytes(topicName: string, region = DEFAULT_REGION): number {
  return "arn:aws:sns:".length + utf8Bytes(region) + 1 + ACCOUNT_ID_CHARS + 1 + utf8Bytes(topicName);
}

/** The bytes of the envelope's MessageAttributes value (an object of objects), at the top level's indentation. */
export function envelopeAttributesBytes(attributes: readonly NamedAttribute[]): number {
  let members = 0;
  for (const [name, value] of attributes) {
    const text = attributeValueText(value);
    // The value is written as a JSON string: quotes inside it (a String.Array's JSON) are escaped.
    const escapes = jsonEscapeBytes(text);
    const inner = member(6, jsonString(4), jsonString(utf8Bytes(value.type))) + member(6, jsonString(5), jsonString(utf8Bytes(text) + escapes));
    members += member(4, jsonString(utf8Bytes(name)), object(inner, 2, 4));
  }
  return object(members, attributes.length, 2);
}

/** Bytes the envelope adds around a body of `bodyBytes` (the body itself, and any escaping, not included). */
export function envelopeOverheadBytes(options: EnvelopeOptions): number {
  const region = options.region ?? DEFAULT_REGION;
  const arn = topicArnBytes(options.topicName, region);
  const host = "https://sns.".length + utf8Bytes(region) + ".amazonaws.com/".length;
  const fields: number[] = [
    member(2, jsonString(4), jsonString(12)), // "Type": "Notification"
    member(2, jsonString(9), jsonString(UUID_CHARS)), // "MessageId"
    member(2, jsonString(8), jsonString(arn)), // "TopicArn"
    member(2, jsonString(7), jsonString(0)), // "Message": the body's bytes are added by the caller
    member(2, jsonString(9), jsonString(TIMESTAMP_CHARS)), // "Timestamp"
    member(2, jsonString(14), jsonString(host + "?Action=Unsubscribe&SubscriptionArn=".length + arn + 1 + UUID_CHARS)), // "UnsubscribeURL"
  ];
  if (options.subjectBytes !== undefined) fields.push(member(2, jsonString(7), jsonString(options.subjectBytes)));
  if (options.fifo) {
    fields.push(member(2, jsonString(14), jsonString(options.sequenceNumberDigits ?? DEFAULT_SEQUENCE_DIGITS))); // "SequenceNumber"
  } else {
    fields.push(
      member(2, jsonString(16), jsonString(1)), // "SignatureVersion": "1"
      member(2, jsonString(9), jsonString(SIGNATURE_CHARS)), // "Signature"
      member(2, jsonString(14), jsonString(host + "SimpleNotificationService-".length + CERT_HASH_CHARS + ".pem".length)), // "SigningCertURL"
    );
  }
  const attributes = options.attributes ?? [];
  if (attributes.length > 0) fields.push(member(2, jsonString(17), envelopeAttributesBytes(attributes)));
  let sum = 0;
  for (const f of fields) sum += f;
  return object(sum, fields.length, 0);
}

/** The envelope's size for a body of `bodyBytes`; `escapedBytes` is what JSON escaping adds to the body (ours: 0). */
export function envelopeBytes(bodyBytes: number, options: EnvelopeOptions, escapedBytes = 0): number {
  return envelopeOverheadBytes(options) + bodyBytes + escapedBytes;
}

/**
 * The size SQS counts for a raw delivery: the body as published, plus each attribute's name, type and value, which
 * SQS counts toward a message's size (13.14). A Binary value counts its bytes, not its base64.
 */
export function rawDeliveryBytes(bodyBytes: number, attributes: readonly NamedAttribute[] = []): number {
  let bytes = bodyBytes;
  for (const [name, value] of attributes) {
    bytes += utf8Bytes(name) + utf8Bytes(value.type) + (value.type === "Binary" ? value.byteLength : utf8Bytes(attributeValueText(value)));
  }
  return bytes;
}

/** Why SNS discards a raw delivery (13.14: more than 10 attributes is a client error, not retried, 13.11), or undefined. */
export function rawDeliveryRefusal(attributeCount: number): string | undefined {
  if (attributeCount <= MAX_RAW_DELIVERY_ATTRIBUTES) return undefined;
  return `raw message delivery carries at most ${MAX_RAW_DELIVERY_ATTRIBUTES} message attributes and this message has ${attributeCount}: SNS discards it as a client error, without retrying (aws-behaviour 13.14, 13.11)`;
}

/** The size of the SQS message a delivery produces: the raw body and its attributes, or the envelope (13.13-13.14). */
export function deliveredMessageBytes(bodyBytes: number, raw: boolean, options: EnvelopeOptions, escapedBytes = 0): number {
  return raw ? rawDeliveryBytes(bodyBytes, options.attributes) : envelopeBytes(bodyBytes, options, escapedBytes);
}

/** Bytes JSON escaping adds to a text: one for each quote, backslash and \n-style control, five for other controls. */
export function jsonEscapeBytes(text: string): number {
  let extra = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d) extra += 1;
    else if (c < 0x20) extra += 5;
  }
  return extra;
}
