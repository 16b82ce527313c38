// A small valid architecture and ways to vary it, for the architecture format's schema tests.
import { parse, stringify } from "yaml";
import { applySets } from "../../src/scenario/overrides.js";
import { type InputResult, validateInputText } from "../../src/scenario/validate-text.js";

export const SOURCE = "s.yaml";

/** One topic fanned out to two queues, a producer that publishes to it, one that sends to a queue, and one pool. */
export const SMALL = `name: shop
duration: 1h
topics:
  - name: orders
    subscriptions:
      - queue: billing
      - queue: analytics
producers:
  - name: web
    publish: orders
    traffic: [ { constant: 10 } ]
  - name: batch
    send: billing
    traffic: [ { constant: 1 } ]
queues:
  - name: billing
  - name: analytics
consumers:
  - name: billing-workers
    queue: billing
`;

/**
 * The issue's example in the schema's keys: a spike is { at, peak, rise, hold, fall }, and the queue billing-workers
 * emit to (receipts) is defined, as every name a scenario references must be.
 */
export const ISSUE_EXAMPLE = `name: order-events
duration: 2h
topics:
  - name: orders
    subscriptions:
      - queue: billing
      - queue: analytics
        filterPolicy: { eventType: [order_placed] }
      - queue: email
        filterPolicy: { eventType: [{ anything-but: [order_updated] }] }
        rawMessageDelivery: true
producers:
  - name: web
    publish: orders
    traffic: [ { constant: 50 }, { spike: { at: 30m, peak: 400, hold: 10m } } ]
    attributes:
      eventType: { order_placed: 0.3, order_updated: 0.6, order_cancelled: 0.1 }
queues:
  - name: billing
    visibilityTimeout: 30s
    deadLetter: { maxReceiveCount: 5 }
  - name: analytics
  - name: email
  - name: receipts
consumers:
  - name: billing-workers
    queue: billing
    batchSize: 10
    processing: { lognormal: { median: 80ms, p99: 400ms } }
    fleet: { kind: asg, min: 2, max: 40, policies: [ { targetTracking: { metric: backlogPerInstance, target: 100 } } ] }
    emit: [ { send: receipts, per: message } ]
  - name: analytics-workers
    queue: analytics
    fleet: { kind: fixed, instances: 4 }
`;

/**
 * SMALL with `path=value` edits written into the YAML text itself (by the --set rules, so list entries are chosen by
 * name), so that the problems they cause read as problems of the file, without a "(from --set …)" suffix.
 */
export function edited(...sets: string[]): string {
  const result = applySets(parse(SMALL), sets);
  if (result.errors.length > 0) throw new Error(`bad edit: ${result.errors.join("; ")}`);
  return stringify(result.value);
}

export function validate(text: string, sets: readonly string[] = []): InputResult {
  return validateInputText(text, SOURCE, { sets });
}

/** The problem lines of a text that must be refused. */
export function problems(text: string, sets: readonly string[] = []): string[] {
  const result = validate(text, sets);
  if (result.ok) throw new Error("expected the scenario to be refused, and it was accepted");
  return result.errors;
}

/** The architecture of a text that must be accepted in the architecture format. */
export function architectureOf(result: InputResult) {
  if (!result.ok) throw new Error(`expected a valid architecture, got:\n${result.errors.join("\n")}`);
  if (result.architecture === undefined) throw new Error("expected the architecture format, got the single-queue format");
  return result.architecture;
}

/** A line of SOURCE's problems: "<file>: <path>: <message>". */
export const at = (pathAndMessage: string): string => `${SOURCE}: ${pathAndMessage}`;
