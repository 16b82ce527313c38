// An architecture whose rates can be checked by hand, for explain's architecture tests.
import { resolve } from "node:path";
import { type Architecture } from "../../src/scenario/architecture-schema.js";
import { parseInputText } from "../../src/scenario/load.js";

const root = resolve(import.meta.dirname, "../..");

/**
 * web publishes 50 msg/s to orders, 30% order_placed, 60% order_updated, 10% order_cancelled; batch sends 2 msg/s to
 * billing. billing gets every message of web (50) and batch's (2): 52 msg/s; analytics order_placed only: 0.3 × 50 =
 * 15; audit all but order_updated: 0.4 × 50 = 20, and no pool reads it; billing-workers emit 2 per message to
 * receipts: 2 × 52 = 104. analytics-workers (1 instance of 1 s) process 1 msg/s, under analytics' 15.
 */
export const SHOP = `name: shop
duration: 1h
topics:
  - name: orders
    subscriptions:
      - queue: billing
      - queue: analytics
        filterPolicy: { eventType: [order_placed] }
      - queue: audit
        filterPolicy: { eventType: [{ anything-but: [order_updated] }] }
producers:
  - name: web
    publish: orders
    traffic: [ { constant: 50 } ]
    attributes:
      eventType: { order_placed: 0.3, order_updated: 0.6, order_cancelled: 0.1 }
  - name: batch
    send: billing
    traffic: [ { constant: 2 } ]
queues:
  - name: billing
  - name: analytics
  - name: receipts
  - name: audit
consumers:
  - name: billing-workers
    queue: billing
    processing: 100ms
    fleet: { kind: fixed, instances: 10 }
    emit: [ { send: receipts, count: 2 } ]
  - name: analytics-workers
    queue: analytics
    processing: 1s
    fleet: { kind: fixed, instances: 1 }
  - name: receipt-workers
    queue: receipts
    processing: 50ms
    fleet: { kind: fixed, instances: 8 }
`;

/** A second pool on SHOP's analytics queue (append it to SHOP: consumers is its last list). */
export const EXTRA_ANALYTICS_POOL = `  - name: analytics-extra
    queue: analytics
    processing: 1s
    fleet: { kind: fixed, instances: 10 }
`;

/** A validated architecture from YAML text and --set flags. */
export function architectureOf(yaml: string, sets: string[] = []): Architecture {
  const loaded = parseInputText(yaml, "test.yaml", root, { sets });
  if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
  if (loaded.architecture === undefined) throw new Error("not an architecture");
  return loaded.architecture;
}
