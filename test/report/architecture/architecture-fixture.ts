// A small architecture run for the report's tests: a topic fanned out to two queues, a producer that sends to one of
// them directly, a pool on an Auto Scaling group that emits into a third queue read by a fixed pool, and a queue no
// pool reads. Uniform arrivals at constant rates, so the producers' counts are known by hand.
import { architectureRunData, type ArchitectureRunData } from "../../../src/report/architecture-report.js";
import { validateInputText } from "../../../src/scenario/validate-text.js";
import { type ArchitectureResult } from "../../../src/sim/architecture-result.js";
import { simulateArchitecture } from "../../../src/sim/simulate-architecture.js";

export const SHOP_YAML = `name: shop
description: Orders fanned out to billing and audit; billing's workers send receipts on.
duration: 10m
topics:
  - name: orders
    subscriptions:
      - queue: billing
      - queue: audit
producers:
  - name: web
    publish: orders
    arrivals: uniform
    traffic: [ { constant: 10 } ]
  - name: batch
    send: billing
    arrivals: uniform
    traffic: [ { constant: 2 } ]
queues:
  - name: billing
    deadLetter: { maxReceiveCount: 5 }
  - name: audit
  - name: receipts
consumers:
  - name: billing-workers
    queue: billing
    fleet: { kind: asg, min: 1, max: 4, policies: [ { targetTracking: { metric: backlogPerInstance, target: 10 } } ] }
    emit: [ { send: receipts } ]
  - name: receipt-workers
    queue: receipts
    fleet: { kind: fixed, instances: 1 }
`;

export interface SimulatedArchitecture {
  result: ArchitectureResult;
  scenarioJson: string;
  data: ArchitectureRunData;
}

export function simulateArchitectureYaml(yaml: string = SHOP_YAML): SimulatedArchitecture {
  const loaded = validateInputText(yaml, "shop.yaml");
  if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
  if (loaded.architecture === undefined) throw new Error("expected the architecture format");
  const result = simulateArchitecture(loaded.architecture);
  return { result, scenarioJson: loaded.resolvedText, data: architectureRunData(result, loaded.architecture, loaded.resolvedText) };
}

/** The elements of the topology SVG with their data-* attributes, in document order. */
export function svgElements(svg: string, cls: "node" | "flow"): { attrs: Record<string, string>; body: string }[] {
  const out: { attrs: Record<string, string>; body: string }[] = [];
  for (const m of svg.matchAll(new RegExp(`<g class="${cls}"([^>]*)>(.*?)</g>`, "gs"))) {
    const attrs: Record<string, string> = {};
    for (const a of m[1]!.matchAll(/data-([a-z-]+)="([^"]*)"/g)) attrs[a[1]!] = a[2]!;
    out.push({ attrs, body: m[2]! });
  }
  return out;
}

/** The text of the element with this class inside an SVG fragment. */
export function textOf(body: string, cls: string): string | undefined {
  return new RegExp(`<text class="${cls}"[^>]*>([^<]*)</text>`).exec(body)?.[1];
}
