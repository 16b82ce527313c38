// The message attributes of a run's messages, one shared object per combination of values a producer (or an emit
// rule) can draw, numbered across the run, so that each subscription caches its filter policy's verdict and the
// envelope's size per number instead of evaluating them per message.
import { type NamedAttribute, rawDeliveryBytes } from "../sns/envelope.js";
import { type AttributeLookup } from "../sns/message-attributes.js";
import { type AttributeSampler } from "../traffic/attribute-sampler.js";

export interface MessageAttributes {
  /** Its number in the run: 0 for no attributes. */
  readonly id: number;
  readonly lookup: AttributeLookup;
  readonly named: readonly NamedAttribute[];
  /** What the attributes add to a message's size (names, types and values, as SNS and SQS count them, 13.3). */
  readonly bytes: number;
}

const NONE: MessageAttributes = { id: 0, lookup: new Map(), named: [], bytes: 0 };

export class AttributeSets {
  private count = 1;
  readonly none = NONE;

  /** How many numbers are in use (the caches of verdicts are this long). */
  get size(): number {
    return this.count;
  }

  /** A draw of the sampler as shared attribute objects: each combination's object made once. */
  drawer(sampler: AttributeSampler): () => MessageAttributes {
    const made: (MessageAttributes | undefined)[] = [];
    return () => {
      const index = sampler.draw();
      let found = made[index];
      if (found === undefined) {
        const lookup = sampler.lookup(index);
        const named: NamedAttribute[] = sampler.pairs(index);
        found = { id: this.count++, lookup, named, bytes: rawDeliveryBytes(0, named) };
        made[index] = found;
      }
      return found;
    };
  }
}
