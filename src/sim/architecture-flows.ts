// How the messages of an architecture spread: for each queue, the expected messages it receives per message each
// producer makes, through topics (the share each filter policy matches, from the producers' attribute probabilities)
// and through pools' emit rules (count × share per message). From these, each queue–pool pair is described as a
// single-queue scenario whose producers send it their share of the traffic: what preflight's estimates and explain's
// closed forms take. Emitted messages are counted at their origin producer's rate, with no lag, as a steady state.
import { type Architecture, type ArchitectureProducer, type PoolConfig } from "../scenario/architecture-schema.js";
import { architectureResources, type PoolResource } from "../scenario/resources.js";
import { type DistributionSpec, distributionMean } from "../engine/distributions.js";
import { ScenarioSchema, type Scenario, type TrafficShape } from "../scenario/schema.js";
import { compileFilterPolicy } from "../sns/filter-policy.js";
import { AttributeSampler } from "../traffic/attribute-sampler.js";

/** flows[q][p]: expected messages into queue q per message producer p makes (queues and producers in the scenario's order). */
export type Flows = number[][];

/** The share of a producer's messages a subscription's filter policy matches (1 without a policy). */
export function matchedShare(producer: ArchitectureProducer, filterPolicy: Record<string, unknown> | undefined): number {
  if (filterPolicy === undefined) return 1;
  const compiled = compileFilterPolicy(filterPolicy);
  if (!compiled.ok) return 0;
  if (producer.attributes === undefined) return compiled.matches(new Map()) ? 1 : 0;
  // The draws are never made: shareMatching sums the probabilities of the combinations that match.
  return new AttributeSampler(producer.attributes, () => 0).shareMatching(compiled.matches);
}

/** Expected messages a pool's emit rules send to each queue (directly, or through a topic) per message it processes. */
function emitMatrix(a: Architecture): number[][] {
  const queueIndex = new Map(a.queues.map((q, i) => [q.name, i]));
  const m = a.queues.map(() => a.queues.map(() => 0));
  for (const pool of a.consumers) {
    const from = queueIndex.get(pool.queue);
    if (from === undefined) continue;
    const perQueue = emitPerMessage(a, pool, queueIndex);
    // Several pools on one queue split its messages in a way only the run knows: the largest multiplier bounds them.
    perQueue.forEach((n, to) => {
      m[to]![from] = Math.max(m[to]![from]!, n);
    });
  }
  return m;
}

/** Per queue, the messages one pool's emit rules send it per message processed (a batch rule counted per message: a bound). */
function emitPerMessage(a: Architecture, pool: PoolConfig, queueIndex: Map<string, number>): number[] {
  const out = a.queues.map(() => 0);
  for (const e of pool.emit) {
    const n = e.count * e.share;
    if (e.send !== undefined) out[queueIndex.get(e.send)!]! += n;
    else {
      const topic = a.topics.find((t) => t.name === e.publish)!;
      for (const s of topic.subscriptions) {
        // Emitted messages carry the emit rule's attributes, drawn like a producer's.
        const share = matchedShare({ attributes: e.attributes } as ArchitectureProducer, s.filterPolicy);
        out[queueIndex.get(s.queue)!]! += n * share;
      }
    }
  }
  return out;
}

/** The spectral radius of a non-negative matrix, by repeated squaring (log-scaled, so it neither overflows nor vanishes). */
export function spectralRadius(m: readonly (readonly number[])[]): number {
  const n = m.length;
  let a = new Float64Array(n * n);
  m.forEach((row, i) => row.forEach((x, j) => (a[i * n + j] = x)));
  let b = new Float64Array(n * n);
  let logScale = 0;
  const SQUARINGS = 40;
  for (let k = 0; k < SQUARINGS; k++) {
    b.fill(0);
    for (let i = 0; i < n; i++) {
      for (let l = 0; l < n; l++) {
        const x = a[i * n + l]!;
        if (x === 0) continue;
        for (let j = 0; j < n; j++) b[i * n + j]! += x * a[l * n + j]!;
      }
    }
    logScale *= 2;
    let largest = 0;
    for (let i = 0; i < n * n; i++) if (b[i]! > largest) largest = b[i]!;
    if (largest === 0) return 0;
    for (let i = 0; i < n * n; i++) b[i]! /= largest;
    logScale += Math.log(largest);
    [a, b] = [b, a];
  }
  return Math.exp(logScale / 2 ** SQUARINGS);
}

/**
 * A cycle of emit (queue → pool → queue …) whose messages do not die out: each message, going round, makes one or more
 * on average (the emit matrix's spectral radius is at least 1), so the run would grow without bound. Returns the
 * queues of one such cycle, or null. Only the strongly connected parts of the emit graph can hold a cycle: each is
 * checked on its own (its spectral radius), so a large architecture with few cycles costs little.
 */
export function unboundedEmitCycle(a: Architecture): string[] | null {
  const m = emitMatrix(a);
  for (const part of stronglyConnectedParts(m)) {
    if (part.length === 1 && !(m[part[0]!]![part[0]!]! > 0)) continue;
    if (spectralRadius(part.map((i) => part.map((j) => m[i]![j]!))) < 1 - 1e-9) continue;
    const path = findCycle(m, part[0]!, new Set(part));
    return (path ?? part).map((i) => a.queues[i]!.name);
  }
  return null;
}

/** The strongly connected parts of the graph whose edges go from → to where m[to][from] > 0 (Kosaraju, iterative). */
function stronglyConnectedParts(m: readonly (readonly number[])[]): number[][] {
  const n = m.length;
  const order: number[] = [];
  const seen = new Uint8Array(n);
  for (let start = 0; start < n; start++) {
    if (seen[start]) continue;
    seen[start] = 1;
    const stack: [number, number][] = [[start, 0]];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [at, next] = top;
      let to = next;
      while (to < n && (seen[to] || !(m[to]![at]! > 0))) to++;
      if (to < n) {
        top[1] = to + 1;
        seen[to] = 1;
        stack.push([to, 0]);
      } else {
        order.push(at);
        stack.pop();
      }
    }
  }
  const part = new Int32Array(n).fill(-1);
  const parts: number[][] = [];
  for (let k = n - 1; k >= 0; k--) {
    const root = order[k]!;
    if (part[root] !== -1) continue;
    const members: number[] = [];
    part[root] = parts.length;
    const stack = [root];
    while (stack.length > 0) {
      const at = stack.pop()!;
      members.push(at);
      // Reverse edges: from `from` to `at` where m[at][from] > 0.
      for (let from = 0; from < n; from++) {
        if (part[from] === -1 && m[at]![from]! > 0) {
          part[from] = parts.length;
          stack.push(from);
        }
      }
    }
    parts.push(members.sort((x, y) => x - y));
  }
  return parts;
}

function findCycle(m: number[][], start: number, within: ReadonlySet<number>): number[] | null {
  const seen = new Set<number>();
  const stack: number[][] = [[start]];
  while (stack.length > 0) {
    const path = stack.pop()!;
    const at = path[path.length - 1]!;
    for (let to = 0; to < m.length; to++) {
      if (!within.has(to) || m[to]![at]! <= 0) continue;
      if (to === start) return [...path, start];
      if (!seen.has(to)) {
        seen.add(to);
        stack.push([...path, to]);
      }
    }
  }
  return null;
}

/** flows[q][p] for every queue and producer (the emit series summed, which converges when no cycle is unbounded). */
export function architectureFlows(a: Architecture): Flows {
  const { direct, emitted } = architectureFlowParts(a);
  return direct.map((row, q) => row.map((x, p) => x + emitted[q]![p]!));
}

/**
 * The flows in two parts: `direct[q][p]`, what producer p's messages bring queue q by sending or through topics, and
 * `emitted[q][p]`, what pools' emit rules send q because of them. Throws RangeError for an emit cycle that grows
 * without bound (preflight refuses those first): the sum would not converge.
 */
export function architectureFlowParts(a: Architecture): { direct: Flows; emitted: Flows } {
  const cycle = unboundedEmitCycle(a);
  if (cycle !== null) throw new RangeError(`the emit rules make a cycle (${cycle.join(" → ")}) that grows without bound`);
  const direct: Flows = a.queues.map((q) =>
    a.producers.map((p) => {
      if (p.send === q.name) return 1;
      const topic = p.publish === undefined ? undefined : a.topics.find((t) => t.name === p.publish);
      const s = topic?.subscriptions.find((sub) => sub.queue === q.name);
      return s === undefined ? 0 : matchedShare(p, s.filterPolicy);
    }),
  );
  const m = emitMatrix(a);
  // emitted = M·direct + M²·direct + …, until the terms vanish (or, for a cycle near the edge, 10,000 rounds).
  let term = direct;
  const emitted = direct.map((row) => row.map(() => 0));
  for (let round = 0; round < 10_000; round++) {
    term = m.map((row) => a.producers.map((_, p) => row.reduce((sum, x, from) => sum + x * term[from]![p]!, 0)));
    let largest = 0;
    term.forEach((row, q) =>
      row.forEach((x, p) => {
        emitted[q]![p]! += x;
        largest = Math.max(largest, x);
      }),
    );
    if (largest < 1e-12) break;
  }
  return { direct, emitted };
}

/** The size of the messages emit rules send a queue: the first rule's that reaches it (directly or through a topic). */
function emittedSize(a: Architecture, queue: string): unknown {
  for (const pool of a.consumers) {
    for (const e of pool.emit) {
      if (e.send === queue) return e.messageSize;
      const topic = e.publish === undefined ? undefined : a.topics.find((t) => t.name === e.publish);
      if (topic?.subscriptions.some((s) => s.queue === queue)) return e.messageSize;
    }
  }
  return undefined;
}

/** A traffic shape whose rate is `factor` times the original's. */
export function scaledTraffic(shape: TrafficShape, factor: number): TrafficShape {
  if ("constant" in shape) return { constant: shape.constant * factor };
  if ("step" in shape) return { step: { ...shape.step, rate: shape.step.rate * factor } };
  if ("spike" in shape) return { spike: { ...shape.spike, peak: shape.spike.peak * factor } };
  if ("diurnal" in shape) return { diurnal: { ...shape.diurnal, mean: shape.diurnal.mean * factor, amplitude: shape.diurnal.amplitude * factor } };
  const { series, ...trace } = shape.trace;
  return {
    trace: {
      ...trace,
      scale: trace.scale * factor,
      ...(series === undefined ? {} : { series: { ...series, ratesPerS: series.ratesPerS.map((r) => r * factor) } }),
    },
  };
}

/** A queue of the architecture with the pool that reads it (null when none does), as a single-queue scenario. */
export interface PairScenario {
  queue: string;
  pool: string | null;
  scenario: Scenario;
}

/**
 * Each queue–pool pair as a single-queue scenario: the queue, the pool's consumers and fleet (on its instance type),
 * and one producer per architecture producer whose messages reach the queue, its traffic scaled by flows (a queue no
 * pool reads gets a fleet of no instances). Throws RangeError when a pair is not a valid single-queue scenario (a
 * defect: validation should have refused its architecture).
 */
export function pairScenarios(a: Architecture, options: { splitSharedQueues?: boolean } = {}): PairScenario[] {
  const { direct, emitted } = architectureFlowParts(a);
  const resources = architectureResources(a);
  const out: PairScenario[] = [];
  a.queues.forEach((q, qi) => {
    const pools = resources.pools.filter((p) => p.queue === q.name);
    const producers = a.producers.flatMap((p, pi) => {
      const factor = direct[qi]![pi]!;
      if (!(factor > 0)) return [];
      const { send: _send, publish, attributes: _attributes, delay, ...rest } = p;
      return [{ ...rest, ...(publish === undefined && delay !== undefined ? { delay } : {}), traffic: p.traffic.map((t) => scaledTraffic(t, factor)) }];
    });
    // What emit rules send the queue, at the rate of the producer whose messages cause it: one message per call, of
    // the emit rule's size, Poisson (a rule of count n sends n at once: bursts this understates).
    const size = emittedSize(a, q.name);
    for (const [pi, p] of a.producers.entries()) {
      const factor = emitted[qi]![pi]!;
      if (!(factor > 0)) continue;
      producers.push({
        name: `${p.name.slice(0, 60)} (emitted)`,
        traffic: p.traffic.map((t) => scaledTraffic(t, factor)),
        ...(size === undefined ? {} : { messageSize: size }),
      } as (typeof producers)[number]);
    }
    const traffic = producers.length > 0 ? producers : [{ name: "none", traffic: [{ constant: 0 }] }];
    const shares = options.splitSharedQueues ? capacityShares(pools) : pools.map(() => 1);
    for (const [index, pool] of (pools.length > 0 ? pools : [null]).entries()) {
      const share = pool === null ? 1 : shares[index]!;
      const pairTraffic = share === 1 ? traffic : traffic.map((p) => ({ ...p, traffic: p.traffic.map((t) => scaledTraffic(t, share)) }));
      const input = {
        name: a.name,
        duration: a.duration,
        seed: a.seed,
        // SNS deliveries are not held to the queue's maximum size (aws-behaviour 13.4): only its direct senders are.
        queue: a.topics.some((t) => t.subscriptions.some((sub) => sub.queue === q.name))
          ? { ...singleQueueKeys(q), maxMessageSize: 1_048_576 }
          : singleQueueKeys(q),
        producers: pairTraffic.map(withoutSeries),
        consumers: pool?.consumers ?? {},
        fleet: pool?.fleet ?? { kind: "fixed", instances: 0 },
        cloudwatch: a.cloudwatch,
        ...(a.slo === undefined ? {} : { slo: a.slo }),
        // The pool's consumers are already on its instance type: its price is given as the price.
        cost: { instanceHourlyUsd: pool?.hourlyUsd ?? a.cost.instanceHourlyUsd, sqsPerMillionRequestsUsd: resources.queues[qi]!.sqsPerMillionRequestsUsd },
        metrics: a.metrics,
        limits: a.limits,
      };
      const fleetWithoutType = pool === null ? input.fleet : { ...pool.fleet, instanceType: undefined };
      const parsed = ScenarioSchema.safeParse({ ...input, fleet: stripUndefined(fleetWithoutType) });
      if (!parsed.success) {
        const first = parsed.error.issues[0]!;
        throw new RangeError(`queue ${q.name}${pool === null ? "" : ` read by ${pool.name}`}: ${first.path.join(".")}: ${first.message}`);
      }
      // The traces' loaded series go back on (the schema does not take them).
      parsed.data.producers.forEach((p, i) =>
        p.traffic.forEach((t, j) => {
          const original = pairTraffic[i]!.traffic[j]!;
          if ("trace" in t && "trace" in original && original.trace.series !== undefined) t.trace.series = original.trace.series;
        }),
      );
      out.push({ queue: q.name, pool: pool?.name ?? null, scenario: parsed.data });
    }
  });
  return out;
}

/**
 * The share of a shared queue's messages each pool takes, in proportion to what it can process at its largest fleet
 * (instances × workers ÷ mean processing time): a steady-state split, for estimates. Equal shares when none can.
 */
function capacityShares(pools: readonly PoolResource[]): number[] {
  const capacities = pools.map((p) => {
    const instances = p.fleet.kind === "fixed" ? p.fleet.instances : p.fleet.max;
    const mean = distributionMean(p.consumers.processing as DistributionSpec);
    return mean > 0 ? (instances * p.consumers.concurrency) / mean : instances > 0 ? Infinity : 0;
  });
  const total = capacities.reduce((n, c) => n + c, 0);
  if (!(total > 0) || !Number.isFinite(total)) return pools.map(() => 1 / Math.max(1, pools.length));
  return capacities.map((c) => c / total);
}

/** A queue's keys as the single format has them (the architecture's SNS settings left out). */
function singleQueueKeys(q: Architecture["queues"][number]) {
  const { delaySnsDeliveries: _delay, billSnsDeliveries: _bill, ...single } = q;
  return single;
}

function withoutSeries<P extends { traffic: TrafficShape[] }>(p: P): P {
  return {
    ...p,
    traffic: p.traffic.map((t) => {
      if (!("trace" in t)) return t;
      const { series: _series, ...trace } = t.trace;
      return { trace };
    }),
  };
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
