// The size of an SNS delivery to SQS (aws-behaviour 13.13-13.14): the envelope measured field by field against the
// same envelope built as JSON, starting from AWS's documented example (953 B around a 23-B message).
import { describe, expect, it } from "vitest";
import {
  MAX_RAW_DELIVERY_ATTRIBUTES,
  type NamedAttribute,
  deliveredMessageBytes,
  envelopeBytes,
  envelopeOverheadBytes,
  jsonEscapeBytes,
  rawDeliveryBytes,
  rawDeliveryRefusal,
  topicArnBytes,
} from "../../src/sns/envelope.js";
import { attributeValueText, utf8Bytes } from "../../src/sns/message-attributes.js";

interface Built {
  topicName: string;
  region?: string | undefined;
  subject?: string | undefined;
  message: string;
  fifo?: boolean | undefined;
  attributes?: NamedAttribute[] | undefined;
}

// An envelope with real field values of the documented lengths, laid out as AWS's example is (JSON.stringify, 2 spaces).
function built({ topicName, region = "us-east-1", subject, message, fifo = false, attributes = [] }: Built): number {
  const arn = `arn:aws:sns:${region}:111122223333:${topicName}`;
  const host = `https://sns.${region}.amazonaws.com/`;
  const o: Record<string, unknown> = { Type: "Notification", MessageId: "dc1e94d9-56c5-5e96-808d-cc7f68faa162", TopicArn: arn };
  if (subject !== undefined) o.Subject = subject;
  o.Message = message;
  o.Timestamp = "2021-02-16T21:41:19.978Z";
  if (fifo) o.SequenceNumber = "10000000000000003000";
  else {
    o.SignatureVersion = "1";
    o.Signature = "F".repeat(344);
    o.SigningCertURL = `${host}SimpleNotificationService-010a507c1833636cd94bdb98bd93083a.pem`;
  }
  o.UnsubscribeURL = `${host}?Action=Unsubscribe&SubscriptionArn=${arn}:e1039402-24e7-40a3-a0d4-797da162b297`;
  if (attributes.length > 0) o.MessageAttributes = Object.fromEntries(attributes.map(([n, v]) => [n, { Type: v.type, Value: attributeValueText(v) }]));
  return utf8Bytes(JSON.stringify(o, null, 2));
}

const EXAMPLE = { topicName: "ExampleTopic1", region: "us-east-2", subject: "TestSubject", message: "This is a test message." };
const options = (b: Built) => ({
  topicName: b.topicName,
  region: b.region,
  subjectBytes: b.subject === undefined ? undefined : utf8Bytes(b.subject),
  fifo: b.fifo,
  attributes: b.attributes,
});
const modelled = (b: Built) => envelopeBytes(utf8Bytes(b.message), options(b), jsonEscapeBytes(b.message));

describe("the SNS envelope (aws-behaviour 13.13)", () => {
  it("is 953 bytes for AWS's example, a 23-byte message", () => {
    expect(utf8Bytes(EXAMPLE.message)).toBe(23);
    expect(built(EXAMPLE)).toBe(953);
    expect(modelled(EXAMPLE)).toBe(953);
  });

  it("grows byte for byte with the body", () => {
    for (const message of ["", "x", "x".repeat(1000), "é".repeat(10)]) expect(modelled({ ...EXAMPLE, message })).toBe(built({ ...EXAMPLE, message }));
    expect(envelopeBytes(1023, options(EXAMPLE)) - envelopeBytes(23, options(EXAMPLE))).toBe(1000);
  });

  it("counts the topic ARN twice: two bytes per character of the topic's name", () => {
    const longer = { ...EXAMPLE, topicName: "ExampleTopic1-with-a-longer-name" };
    expect(modelled(longer)).toBe(built(longer));
    expect(modelled(longer) - modelled(EXAMPLE)).toBe(2 * "-with-a-longer-name".length);
    expect(topicArnBytes("orders")).toBe("arn:aws:sns:us-east-1:123456789012:orders".length);
  });

  it("counts the region four times: the ARN twice, and the host of each URL", () => {
    const other = { ...EXAMPLE, region: "ap-southeast-2" };
    expect(modelled(other)).toBe(built(other));
    expect(modelled(other) - modelled(EXAMPLE)).toBe(4 * ("ap-southeast-2".length - "us-east-2".length));
  });

  it("has a Subject field only when the publish gives one", () => {
    const none = { ...EXAMPLE, subject: undefined };
    expect(modelled(none)).toBe(built(none));
    expect(modelled(EXAMPLE) - modelled(none)).toBe(`,\n  "Subject": "TestSubject"`.length);
  });

  it("counts JSON escaping of the body", () => {
    const json = { ...EXAMPLE, message: '{"orderId":"o-1","note":"line\\none\ttab"}' };
    expect(jsonEscapeBytes(json.message)).toBe(10);
    expect(modelled(json)).toBe(built(json));
  });

  it("renders message attributes as {name: {Type, Value}}", () => {
    const attributes: NamedAttribute[] = [
      ["eventType", { type: "String", value: "order_placed" }],
      ["amount", { type: "Number", value: 12.5 }],
      ["tags", { type: "String.Array", value: ["a", "b", 3] }],
      ["blob", { type: "Binary", byteLength: 10 }],
    ];
    for (let n = 1; n <= attributes.length; n++) {
      const b = { ...EXAMPLE, attributes: attributes.slice(0, n) };
      expect(modelled(b), `${n} attributes`).toBe(built(b));
    }
  });

  it("drops the three signature fields and adds SequenceNumber on a FIFO topic", () => {
    const fifo = { ...EXAMPLE, topicName: "ExampleTopic1.fifo", fifo: true };
    expect(modelled(fifo)).toBe(built(fifo));
    // The signature fields are about half a standard envelope's overhead.
    const standard = { ...fifo, fifo: false };
    expect(modelled(standard) - modelled(fifo)).toBe(built(standard) - built(fifo));
    expect(envelopeOverheadBytes(options(fifo)) / envelopeOverheadBytes(options(standard))).toBeCloseTo(0.5, 1);
    const withAttributes = { ...fifo, attributes: [["eventType", { type: "String", value: "order_placed" }]] as NamedAttribute[] };
    expect(modelled(withAttributes)).toBe(built(withAttributes));
  });

  it("adds the same overhead whatever the body", () => {
    expect(envelopeOverheadBytes(options(EXAMPLE))).toBe(953 - 23);
  });
});

describe("raw message delivery (aws-behaviour 13.14)", () => {
  const attributes: NamedAttribute[] = [
    ["eventType", { type: "String", value: "order_placed" }],
    ["amount", { type: "Number", value: 12.5 }],
    ["blob", { type: "Binary", byteLength: 10 }],
  ];

  it("is the body as published, plus each attribute's name, type and value as SQS counts them", () => {
    expect(rawDeliveryBytes(23)).toBe(23);
    expect(rawDeliveryBytes(23, attributes)).toBe(23 + (9 + 6 + 12) + (6 + 6 + 4) + (4 + 6 + 10));
    expect(deliveredMessageBytes(23, true, { topicName: "t", attributes })).toBe(rawDeliveryBytes(23, attributes));
    expect(deliveredMessageBytes(23, false, options(EXAMPLE))).toBe(953);
  });

  it("refuses a message with more than 10 attributes, as a client error", () => {
    expect(MAX_RAW_DELIVERY_ATTRIBUTES).toBe(10);
    expect(rawDeliveryRefusal(0)).toBeUndefined();
    expect(rawDeliveryRefusal(10)).toBeUndefined();
    expect(rawDeliveryRefusal(11)).toBe(
      "raw message delivery carries at most 10 message attributes and this message has 11: SNS discards it as a client error, without retrying (aws-behaviour 13.14, 13.11)",
    );
  });
});
