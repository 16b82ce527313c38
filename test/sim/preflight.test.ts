// preflight refuses, from the scenario's figures alone, runs that would exhaust memory or time: each case below ran
// for minutes or died of V8's out-of-memory abort (exit 134) before, and validate called it ok.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../src/scenario/index.js";
import { type Scenario } from "../../src/scenario/schema.js";
import { BASE_BYTES } from "../../src/sim/memory-estimate.js";
import { preflight, runEstimates, runMemoryBytes } from "../../src/sim/preflight.js";
import { seriesShape } from "../../src/sim/series-shape.js";

const root = resolve(import.meta.dirname, "../..");

function steadyOrders(...sets: string[]): Scenario {
  const loaded = loadScenarioFile(join(root, "scenarios", "steady-orders.yaml"), { sets });
  if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
  return loaded.scenario;
}

describe("preflight's memory estimate (limits.maxMemory)", () => {
  it("a billion instances are refused, with the estimate, what it is made of, the limit and what to change", () => {
    const problems = preflight(steadyOrders("fleet.instances=1000000000"));
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^limits\.maxMemory: this run would need about 1\.\d TB \(4 billion workers × 320 B, 1 billion instances × 400 B, .*\), above the limit of 4GiB; raise limits\.maxMemory if the machine has it, or lower fleet\.instances$/,
      ),
    );
  });

  it("a larger limit lets the same memory through, so the limit is what refuses it", () => {
    const sets = ["fleet.instances=3000000", "duration=1m"];
    expect(preflight(steadyOrders(...sets)).join("\n")).toMatch(/^limits\.maxMemory: .* above the limit of 4GiB/);
    expect(preflight(steadyOrders(...sets, "limits.maxMemory=64GiB"))).toEqual([]);
  });

  it("a year of 1 s metric periods is refused for the series it would keep, naming metrics.period", () => {
    const problems = preflight(steadyOrders("duration=366d", "metrics.period=1s"));
    expect(problems).toContainEqual(
      expect.stringMatching(/^limits\.maxMemory: this run would need about \d+ GB \(980,294,400 series values × 32 B, 31,622,400 series rows × 48 B/),
    );
  });

  it("a limit written in decimal units is shown as written, with its bytes (it was 'above the limit of 150000000B')", () => {
    const problems = preflight(steadyOrders("fleet.instances=1000000", "limits.maxMemory=150MB"));
    expect(problems).toContainEqual(expect.stringMatching(/, above the limit of 150MB \(150,000,000 B\); raise limits\.maxMemory/));
  });

  it("a trace's rows count: 300,000 rows take 60 MB besides Node's 200 MB (they were left out)", () => {
    const dir = mkdtempSync(join(tmpdir(), "sqs-sim-preflight-"));
    writeFileSync(join(dir, "t.csv"), `t,n\n${Array.from({ length: 300_000 }, (_, i) => `${i},1`).join("\n")}\n`);
    writeFileSync(join(dir, "x.yaml"), "name: x\nduration: 1h\nproducers:\n  - name: p\n    traffic: [ { trace: { file: t.csv, loop: true } } ]\n");
    const loaded = loadScenarioFile(join(dir, "x.yaml"));
    if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
    // The loader refuses such a file before parsing it (test/scenario/trace-csv.test.ts); a scenario built in code
    // with the series attached gets here.
    const load = (maxMemory: number): Scenario => ({ ...loaded.scenario, limits: { ...loaded.scenario.limits, maxMemory } });
    expect(preflight(load(255e6))).toEqual([
      expect.stringMatching(
        /^limits\.maxMemory: this run would need about 260 MB \(300,000 trace rows × 200 B, .*\), above the limit of 255MB \(255,000,000 B\); raise limits\.maxMemory if the machine has it, or lower producers\.0\.traffic$/,
      ),
    ]);
    expect(preflight(load(270e6))).toEqual([]);
  });

  it("the JavaScript heap is checked against the limit of the process that runs it (three quarters of it)", () => {
    // 20 days of 1 s periods: about 1.1 GB of series on the heap, within maxMemory.
    const scenario = steadyOrders("duration=20d", "metrics.period=1s");
    expect(preflight(scenario)).toEqual([]);
    expect(preflight(scenario, { heapLimitBytes: 4 * 2 ** 30 })).toEqual([]);
    expect(preflight(scenario, { heapLimitBytes: 1 * 2 ** 30 })).toEqual([
      expect.stringMatching(
        /^metrics\.period: this run would keep about 1\.\d GB on Node's JavaScript heap \(.*\), above the 810 MB it can safely hold \(three quarters of its 1\.1 GB limit\); lower metrics\.period, or give Node a larger heap \(NODE_OPTIONS=--max-old-space-size=<MiB>\)$/,
      ),
    ]);
  });
});

describe("timeseries.csv must fit in one string", () => {
  it("366 days of 1 s periods are refused naming metrics.period, with the shortest period that fits", () => {
    const problems = preflight(steadyOrders("duration=366d", "metrics.period=1s", "limits.maxMemory=1000GiB"));
    expect(problems).toEqual([
      "metrics.period: 1s over 366d makes 31,622,400 rows of 31 columns, about 7.8 GB of timeseries.csv, more than " +
        "Node can hold in one string (512MiB); use a metrics.period of at least 15s, or a shorter duration",
    ]);
    expect(seriesShape(steadyOrders("duration=366d", "metrics.period=15s")).rows).toBe(2_108_160);
    expect(preflight(steadyOrders("duration=366d", "metrics.period=15s", "limits.maxMemory=1000GiB"))).toEqual([]);
  });
});

describe("preflight's event estimate (limits.maxEvents)", () => {
  it("a heartbeat every microsecond is refused naming the events it would make and the field", () => {
    const problems = preflight(steadyOrders("consumers.heartbeat={every: 0.000001, extendBy: 30s}"));
    expect(problems).toEqual([
      expect.stringMatching(
        /^limits\.maxEvents: this run would process about 67\.\d billion events \(67\.\d billion heartbeats, .*\), above the limit of 2,000,000,000; raise limits\.maxEvents to let it run \(a few million events take a second\), or lower consumers\.heartbeat\.every$/,
      ),
    ]);
    expect(preflight(steadyOrders("consumers.heartbeat={every: 1s, extendBy: 30s}"))).toEqual([]);
  });

  it("a diurnal wave with a 1 µs period is refused: the arrivals walk it a quarter period at a time", () => {
    const problems = preflight(steadyOrders("producers.0.traffic=[{diurnal: {mean: 10, amplitude: 5, period: 0.000001}}]"));
    expect(problems).toEqual([
      expect.stringMatching(/^limits\.maxEvents: .* \(86\.4 billion diurnal quarter-periods walked, .*\).*or lower producers\.0\.traffic$/),
    ]);
  });

  it("idle short-polling workers count an empty receive per round trip", () => {
    // 8,000 workers polling every 5 ms (queue.apiLatency) for an hour: 5.76 billion receives, nearly all empty.
    const problems = preflight(steadyOrders("fleet.instances=2000", "consumers.waitTime=0s", "duration=1h"));
    expect(problems).toEqual([
      expect.stringMatching(/^limits\.maxEvents: this run would process about 5\.7\d billion events \(5\.7\d billion empty receives,/),
    ]);
    expect(preflight(steadyOrders("fleet.instances=2000", "consumers.waitTime=20s", "duration=1h"))).toEqual([]);
  });
});

describe("the backlog estimate (limits.maxStoredMessages) is never made infinite or NaN by zeros", () => {
  it("no workers, zero processing time and zero latency: nothing is taken, so everything is stored", () => {
    const problems = preflight(
      steadyOrders("fleet.instances=0", "consumers.processing=0s", "queue.apiLatency=0s", "duration=366d", "producers.0.traffic=[{constant: 100000}]"),
    );
    expect(problems[0]).toMatch(
      /^limits\.maxStoredMessages: this run would hold about 34\.6 billion messages at once \(3\.16 trillion expected arrivals, consumers able to take about 0 and holding up to 0 at a time\), above the limit of 100,000,000/,
    );
  });

  it("rates too large to count are refused by producer rather than compared as NaN", () => {
    const problems = preflight(steadyOrders("producers.0.traffic=[{constant: 1e308}]", "consumers.processing=0s", "queue.apiLatency=0s"));
    expect(problems).toEqual(["producers.0.traffic: adds up to more messages over the run than can be counted (Infinity); lower the rates"]);
  });

  it("a spike is not averaged away against the quiet hours around it", () => {
    // 3 workers take about 45 msg/s; 10 minutes at 10,045 msg/s leave about 6 million messages behind.
    const problems = preflight(
      steadyOrders("producers.0.traffic=[{constant: 1}, {spike: {at: 1h, peak: 10000, hold: 10m}}]", "limits.maxStoredMessages=5000000"),
    );
    expect(problems[0]).toMatch(/^limits\.maxStoredMessages: this run would hold about 5,9\d\d,\d{3} messages at once/);
  });

  it("the messages the consumers hold count: 12 workers receiving 10 at a time hold up to 120", () => {
    // And the one in a thousand that fails stays invisible for the 30 s visibility timeout: 1 at a time.
    expect(preflight(steadyOrders("limits.maxStoredMessages=100"))).toEqual([
      expect.stringMatching(
        /^limits\.maxStoredMessages: this run would hold about 121 messages at once \(265,500 expected arrivals, consumers able to take about [\d,]+ and holding up to 120 at a time, 1 invisible after failed receives\), above the limit of 100;/,
      ),
    ]);
    expect(preflight(steadyOrders("limits.maxStoredMessages=122"))).toEqual([]);
  });

  it("poison messages without a dead-letter queue stay stored", () => {
    const sets = ["consumers.failures.poison=0.5", "queue.deadLetter=null", "limits.maxStoredMessages=100000"];
    expect(preflight(steadyOrders(...sets))[0]).toMatch(/^limits\.maxStoredMessages: this run would hold about 1\d\d,\d{3} messages at once/);
  });
});

describe("what passes", () => {
  it("the shipped scenarios pass with the default limits, and the heap of a 4 GiB Node", () => {
    for (const name of ["steady-orders", "fifo-vs-standard", "marketing-campaign-db-writes", "trace-replay", "video-encoding-spike"]) {
      const loaded = loadScenarioFile(join(root, "scenarios", `${name}.yaml`));
      expect(loaded.ok && preflight(loaded.scenario, { heapLimitBytes: 4 * 2 ** 30 })).toEqual([]);
    }
  });
});

describe("runMemoryBytes: one run's memory, for a sweep that holds several at once", () => {
  it("is the total preflight holds against limits.maxMemory, Node's base included", () => {
    const s = steadyOrders();
    expect(runMemoryBytes(s)).toBe(runEstimates(s).memory.total);
    expect(runMemoryBytes(s)).toBeGreaterThan(BASE_BYTES);
  });

  it("grows with what the run holds: 100,000 more instances of 4 workers add at least their 1,280 + 400 + 64 B each", () => {
    const grown = runMemoryBytes(steadyOrders("fleet.instances=100003")) - runMemoryBytes(steadyOrders("fleet.instances=3"));
    // And the messages their batches hold, up to the arrivals.
    expect(grown).toBeGreaterThanOrEqual(100_000 * (4 * 320 + 400 + 4 * 16));
    expect(grown).toBeLessThanOrEqual(100_000 * (4 * 320 + 400 + 4 * 16) + 265_500 * 64);
  });

  it("is Infinity for traffic that does not compile (preflight refuses it)", () => {
    const s = steadyOrders("producers.0.traffic=[{constant: 1}, {step: {at: 1m, rate: -5}}]");
    expect(preflight(s)[0]).toMatch(/^producers\.0\.traffic: /);
    expect(runMemoryBytes(s)).toBe(Infinity);
  });
});
