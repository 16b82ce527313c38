// Message attributes as SNS sees them (aws-behaviour 13.16): the types a filter policy compares, and the sizes the
// envelope and raw delivery give them. Pure; imports nothing.

/** One element of a String.Array attribute: SNS parses the array as JSON, so strings and numbers can mix. */
export type ArrayElement = string | number;

/**
 * An attribute's value. Number holds the parsed number (SNS carries it as text and compares it numerically); Binary
 * holds only its length, since nothing in the model looks inside it and filter policies ignore it (13.16).
 */
export type AttributeValue =
  | { readonly type: "String"; readonly value: string }
  | { readonly type: "Number"; readonly value: number }
  | { readonly type: "String.Array"; readonly value: readonly ArrayElement[] }
  | { readonly type: "Binary"; readonly byteLength: number };

/**
 * A message's attributes by name. A Map satisfies it; so does anything with a `get`, which lets a caller keep one
 * lookup per drawn combination of values instead of building one per message.
 */
export interface AttributeLookup {
  get(name: string): AttributeValue | undefined;
  /** How many attributes the message has (`exists: false` never matches a message with none, aws-behaviour 13.17). */
  readonly size: number;
}

/** UTF-8 length of a text, without encoding it (no allocation on the hot path). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4; // a surrogate pair is one 4-byte character
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * The attribute's value as text, the way SNS writes it in the envelope's `Value` and SQS counts it: a Number as its
 * decimal text, a String.Array as its JSON, a Binary as base64 (4 characters per 3 bytes, rounded up).
 */
export function attributeValueText(value: AttributeValue): string {
  switch (value.type) {
    case "String":
      return value.value;
    case "Number":
      return String(value.value);
    case "String.Array":
      return JSON.stringify(value.value);
    case "Binary":
      return "A".repeat(4 * Math.ceil(value.byteLength / 3));
  }
}
