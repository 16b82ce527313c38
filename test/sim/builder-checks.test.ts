// Every error the simulator's builders can throw, found in the source, and for each the validation that refuses
// the input first (naming its field) or the reason no scenario reaches it. A new `throw` reachable from
// buildWorld fails the first test until it is listed here: validate must refuse whatever run would refuse.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the `text`s are source lines searched for verbatim, ${...} included
import { readFileSync } from "node:fs";
import { dirname, join, normalize, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../src/scenario/index.js";
import { Alarm } from "../../src/scaling/cloudwatch/alarm.js";
import { MetricStore, DEFAULT_RETENTION_US } from "../../src/scaling/cloudwatch/metric-store.js";
import { BASE_PERIODS_US, MAX_EVALUATION_SPAN_US } from "../../src/scaling/cloudwatch/periods.js";
import { checkRun } from "../../src/sim/prepare-run.js";
import { FifoThrottle } from "../../src/sqs/fifo-throttle.js";
import { groupPicker } from "../../src/traffic/message-groups.js";
import { buildRate } from "../../src/traffic/rate.js";
import { AttributeSampler } from "../../src/traffic/attribute-sampler.js";

const root = resolve(import.meta.dirname, "../..");

interface Check {
  /** The file of the throw, from the repository root. */
  file: string;
  /** Text of the throw statement that identifies it. */
  text: string;
  /** A scenario (shipped file + --set values) that would reach it were it not refused first, and the refusal. */
  refused?: { scenario: string; sets: string[]; message: RegExp };
  /** Why no scenario reaches it (an internal invariant, a constant, or values the schema's types exclude). */
  internal?: string;
  /** The throw itself, reached by handing the value to the model directly (what validation keeps from it). */
  direct?: () => unknown;
}

const STEP = "two-alarm-step-scaling";
const TARGET = "video-encoding-spike";
const FIFO = "fifo-hot-group";
const store = () => new MetricStore({ basePeriodUs: 60e6 });
const alarmConfig = {
  name: "a",
  metric: "m",
  statistic: "average" as const,
  periodUs: 60e6,
  evaluationPeriods: 1,
  datapointsToAlarm: 1,
  comparison: ">" as const,
  threshold: 1,
  treatMissingData: "missing" as const,
};
const newAlarm = (changes: Partial<typeof alarmConfig>) => {
  const s = store();
  s.addMetric("m");
  return new Alarm(s, { ...alarmConfig, ...changes });
};

const CHECKS: Check[] = [
  {
    file: "src/engine/kernel.ts",
    text: "event kinds (registering",
    internal: "a single-queue scenario registers 12 kinds (a fixed fleet) or 15 (an Auto Scaling group), of 65,536",
  },
  {
    file: "src/consumers/lambda-function.ts",
    text: "no invocation is running under key",
    internal: "LambdaEsm ends each invocation the function started, once, from that invocation's own end event",
  },
  {
    file: "src/consumers/lambda-function.ts",
    text: "is already running under key",
    internal: "LambdaEsm keys invocations by poller, and a poller invokes only when it has none running",
  },
  { file: "src/sqs/poller-registry.ts", text: "a queue has one delivery observer", internal: "buildWorld sets one observer per queue, the order checker" },
  { file: "src/engine/kernel.ts", text: "schedule: event kind ${kind} is not registered", internal: "the builders schedule only kinds they registered" },
  {
    file: "src/engine/kernel.ts",
    text: "no handler for event kind ${events.kind}",
    internal: "every kind in the queue was registered before it was scheduled",
  },
  { file: "src/engine/kernel.ts", text: "no handler for event kind ${kind}", internal: "every kind in the queue was registered before it was scheduled" },
  {
    file: "src/metrics/period-series.ts",
    text: "row has ${row.length} values",
    internal: "the sampler builds its row from the same column list as the series",
  },
  { file: "src/metrics/period-series.ts", text: "no column named ${name}", internal: "simulate() reads columns it added itself" },
  { file: "src/scenario/resources.ts", text: "is named", internal: "the single-queue format has one queue, and every pool and producer is given its name" },
  // The event queue (issue 13): times are the clock plus durations that validation keeps finite, at least 1 µs where
  // zero is meaningless and at most 10000d, so no component schedules in the past, at NaN or past the clock's range.
  {
    file: "src/engine/event-queue.ts",
    text: "throw new RangeError(badTime(timeUs, this.timeUs, this.describeKind(kind)))",
    internal: "events are scheduled at the clock plus validated, finite, non-negative durations",
  },
  {
    file: "src/engine/event-queue.ts",
    text: "repush: the clock cannot move to",
    internal: "the kernel puts an event back with the clock at or before it (the run's end, or the event's own time)",
  },
  // CloudWatch alarms (aws-behaviour 7.1) and the metric store (6.6).
  {
    file: "src/scaling/cloudwatch/alarm.ts",
    text: "evaluationPeriods ${n} is not an integer",
    refused: {
      scenario: STEP,
      sets: ["fleet.policies.0.stepScaling.alarm.evaluationPeriods=0"],
      message: /fleet\.policies\.0\.stepScaling\.alarm\.evaluationPeriods: 0 is below the minimum of 1/,
    },
    direct: () => newAlarm({ evaluationPeriods: 0 }),
  },
  {
    file: "src/scaling/cloudwatch/alarm.ts",
    text: "datapointsToAlarm ${m} is not an integer",
    refused: {
      scenario: STEP,
      sets: ["fleet.policies.0.stepScaling.alarm.datapointsToAlarm=3"],
      message: /fleet\.policies\.0\.stepScaling\.alarm\.datapointsToAlarm: 3 is above evaluationPeriods \(2\)/,
    },
    direct: () => newAlarm({ datapointsToAlarm: 2 }),
  },
  {
    file: "src/scaling/cloudwatch/alarm.ts",
    text: "period × evaluationPeriods",
    refused: {
      scenario: TARGET,
      sets: ["cloudwatch.targetTracking.scaleIn.datapoints=10081"],
      message: /cloudwatch\.targetTracking\.scaleIn\.datapoints: 10,081 datapoints .* above the CloudWatch maximum of 7d/,
    },
    direct: () => newAlarm({ evaluationPeriods: 10_081, datapointsToAlarm: 10_081 }),
  },
  {
    file: "src/scaling/cloudwatch/alarm.ts",
    text: "threshold ${config.threshold} is not finite",
    refused: {
      scenario: STEP,
      sets: ["fleet.policies.0.stepScaling.alarm.threshold=.inf"],
      message: /fleet\.policies\.0\.stepScaling\.alarm\.threshold: Infinity is not a finite number/,
    },
    direct: () => newAlarm({ threshold: Infinity }),
  },
  {
    file: "src/scaling/cloudwatch/alarm.ts",
    text: "evaluationRange ${range}",
    internal: "the autoscaler never sets evaluationRange (AlarmSpec omits it), so it is evaluationPeriods",
  },
  {
    file: "src/scaling/cloudwatch/metric-math.ts",
    text: "is not visible, notVisible or delayed",
    internal: "the schema's enum for messagesPerInstance.include allows only visible, notVisible and delayed",
  },
  {
    file: "src/scaling/cloudwatch/alarm.ts",
    text: "looks back",
    internal: "7 days of datapoints (7.1) plus publishDelay ≤ 15m is under the store's 15 days, for every base period (checked below)",
  },
  { file: "src/scaling/cloudwatch/alarm.ts", text: "evaluate(${nowUs} µs) after", internal: "the event loop evaluates in time order" },
  {
    file: "src/scaling/cloudwatch/metric-store.ts",
    text: "cloudwatch publish delay",
    refused: { scenario: TARGET, sets: ["cloudwatch.publishDelay=-1s"], message: /cloudwatch\.publishDelay: "-1s" is negative/ },
    direct: () => new MetricStore({ basePeriodUs: 60e6, publishDelayUs: -1 }),
  },
  {
    file: "src/scaling/cloudwatch/metric-store.ts",
    text: "cloudwatch retention",
    internal: "the retention is DEFAULT_RETENTION_US, 15 days, whatever the scenario",
  },
  {
    file: "src/scaling/cloudwatch/metric-store.ts",
    text: "input ${input} is not declared",
    internal: "the autoscaler declares backlogPerInstance's inputs before it",
  },
  {
    file: "src/scaling/cloudwatch/metric-store.ts",
    text: "unknown metric ${name}",
    refused: {
      scenario: STEP,
      sets: ["fleet.policies.0.stepScaling.alarm.metric=queueDepth"],
      message: /fleet\.policies\.0\.stepScaling\.alarm\.metric: "queueDepth" is not a metric/,
    },
  },
  {
    file: "src/scaling/cloudwatch/metric-store.ts",
    text: "cannot record ${name}",
    internal: "the autoscaler records the metrics it declared, by METRIC's names",
  },
  {
    file: "src/scaling/cloudwatch/metric-store.ts",
    text: "is not a datapoint",
    internal: "recorded values are the queue's and the group's counts, always finite",
  },
  { file: "src/scaling/cloudwatch/metric-store.ts", text: "is not the end of a", internal: "records are scheduled at multiples of the base period" },
  { file: "src/scaling/cloudwatch/metric-store.ts", text: "is declared twice", internal: "METRIC's names and backlogPerInstance are distinct constants" },
  {
    file: "src/scaling/cloudwatch/periods.ts",
    text: "cloudwatch base period",
    refused: { scenario: TARGET, sets: ["cloudwatch.period=20s"], message: /cloudwatch\.period: 20 s is not a metric period target tracking accepts/ },
    direct: () => new MetricStore({ basePeriodUs: 20e6 }),
  },
  {
    file: "src/scaling/cloudwatch/periods.ts",
    text: "is not 10s, 20s, 30s or a multiple of 60s",
    refused: {
      scenario: STEP,
      sets: ["fleet.policies.0.stepScaling.alarm.period=90s"],
      message: /fleet\.policies\.0\.stepScaling\.alarm\.period: 90 s is not a CloudWatch alarm period/,
    },
    direct: () => newAlarm({ periodUs: 90e6 }),
  },
  {
    file: "src/scaling/cloudwatch/periods.ts",
    text: "is not a multiple of the base metric period",
    refused: {
      scenario: STEP,
      sets: ["fleet.policies.0.stepScaling.alarm.period=30s"],
      message: /fleet\.policies\.0\.stepScaling\.alarm\.period: 30 s is not a multiple of cloudwatch\.period \(60 s\)/,
    },
    direct: () => newAlarm({ periodUs: 30e6 }),
  },
  {
    file: "src/scaling/cloudwatch/recorded-metric.ts",
    text: "is older than the",
    internal: "alarms read no further back than the store keeps (the alarm's own check above)",
  },
  // Scaling policies (aws-behaviour 5.14, 6.x, 7.x).
  { file: "src/scaling/policies/adjustment.ts", text: "percentage change is NaN", internal: "adjustments and capacities are whole numbers" },
  {
    file: "src/scaling/policies/adjustment.ts",
    text: "adjustment must be an integer",
    refused: {
      scenario: STEP,
      sets: ["fleet.policies.1.simpleScaling.adjustment=1.5"],
      message: /fleet\.policies\.1\.simpleScaling\.adjustment: an adjustment is a whole number/,
    },
  },
  {
    file: "src/scaling/policies/capacity-bounds.ts",
    text: "must be a non-negative integer (instances)",
    refused: { scenario: STEP, sets: ["fleet.max=2.5"], message: /fleet\.max: 2\.5 is not a whole number/ },
  },
  {
    file: "src/scaling/policies/capacity-bounds.ts",
    text: "is above max ${max}",
    refused: { scenario: STEP, sets: ["fleet.min=40"], message: /fleet\.min: min 40 is above max 30/ },
  },
  {
    file: "src/scaling/policies/capacity-bounds.ts",
    text: "desired capacity is NaN",
    internal: "desired capacities are computed from whole numbers and finite datapoints",
  },
  {
    file: "src/scaling/policies/simple-scaling.ts",
    text: "cooldown must be a non-negative integer",
    refused: {
      scenario: STEP,
      sets: ["fleet.policies.1.simpleScaling.cooldown=-5s"],
      message: /fleet\.policies\.1\.simpleScaling\.cooldown: "-5s" is negative/,
    },
  },
  {
    file: "src/scaling/policies/step-scaling.ts",
    text: "metric − threshold is NaN",
    internal: "datapoints are finite and missing ones are skipped before a step is chosen",
  },
  { file: "src/scaling/policies/step-scaling.ts", text: "− threshold ${threshold} is NaN", internal: "as above" },
  {
    file: "src/scaling/policies/target-tracking.ts",
    text: "target must be a positive number",
    refused: {
      scenario: TARGET,
      sets: ["fleet.policies.0.targetTracking.target=0"],
      message: /fleet\.policies\.0\.targetTracking\.target: 0 must be more than 0/,
    },
  },
  { file: "src/scaling/policies/target-tracking.ts", text: "metricValue is NaN", internal: "a missing datapoint (null) is handled before the formula" },
  {
    file: "src/scaling/policies/target-tracking.ts",
    text: "metricValue must be finite",
    internal: "metric math gives no datapoint for a division by zero (6.18), never Infinity",
  },
  // The queues (aws-behaviour §1-§3).
  { file: "src/sqs/fifo-queue.ts", text: "scanWindow must be", internal: "FIFO_SCAN_WINDOW, a constant" },
  {
    file: "src/sqs/fifo-queue.ts",
    text: "delayUs must be ≥ 0",
    refused: { scenario: FIFO, sets: ["queue.delay=-1s"], message: /queue\.delay: "-1s" is negative/ },
  },
  { file: "src/sqs/fifo-throttle.ts", text: "callsPerSecondPerAction must be positive", internal: "FIFO_CALLS_PER_SECOND_PER_ACTION, a constant" },
  {
    file: "src/sqs/fifo-throttle.ts",
    text: "partitions must be a whole number",
    refused: {
      scenario: FIFO,
      sets: ["queue.deduplicationScope=messageGroup", "queue.throughputLimit=perMessageGroupId", "queue.highThroughputPartitions=0"],
      message: /queue\.highThroughputPartitions: 0 is below the minimum of 1/,
    },
    direct: () => new FifoThrottle({ highThroughput: true, callsPerSecondPerAction: 300, partitions: 0, regionalCallsPerSecond: 1 }),
  },
  {
    file: "src/sqs/fifo-throttle.ts",
    text: "splitTimeUs must be ≥ 0",
    refused: {
      scenario: FIFO,
      sets: ["queue.deduplicationScope=messageGroup", "queue.throughputLimit=perMessageGroupId", "queue.highThroughputSplitTime=-1s"],
      message: /queue\.highThroughputSplitTime: "-1s" is negative/,
    },
    direct: () =>
      new FifoThrottle({ highThroughput: true, callsPerSecondPerAction: 300, partitions: 1, regionalCallsPerSecond: 1, growth: { splitTimeUs: -1 } }),
  },
  {
    file: "src/sqs/fifo-throttle.ts",
    text: "regionalCallsPerSecond must be positive",
    refused: {
      scenario: FIFO,
      sets: ["queue.deduplicationScope=messageGroup", "queue.throughputLimit=perMessageGroupId", "queue.highThroughputQuota=0"],
      message: /queue\.highThroughputQuota: 0 is below the minimum of 1/,
    },
    direct: () => new FifoThrottle({ highThroughput: true, callsPerSecondPerAction: 300, partitions: 1, regionalCallsPerSecond: 0 }),
  },
  {
    file: "src/metrics/activity-log.ts",
    text: "ActivityLogFullError",
    internal: "a limit reached during the run: exit 2 naming limits.maxActivities (test/cli/limits.test.ts); the estimates count at most that many rows",
  },
  {
    file: "src/sqs/message-store.ts",
    text: "StoreFullError",
    internal: "a limit reached during the run: exit 2 naming limits.maxStoredMessages (test/cli/limits.test.ts); preflight refuses the expected backlog first",
  },
  // Traffic.
  { file: "src/traffic/arrival-time.ts", text: "amount must be > 0", internal: "amounts are exponential draws or 1" },
  { file: "src/traffic/arrival-time.ts", text: "from is NaN", internal: "arrival times start at 0 and only grow" },
  {
    file: "src/traffic/message-groups.ts",
    text: "a Zipf distribution over",
    refused: {
      scenario: FIFO,
      sets: ["producers.0.messageGroups={count: 1000001, distribution: {zipf: {s: 1.1}}}"],
      message: /producers\.0\.messageGroups\.count: a Zipf distribution takes at most 1,000,000 groups/,
    },
    direct: () => groupPicker(1_000_001, { zipf: { s: 1.1 } }, () => 0.5),
  },
  {
    file: "src/traffic/rate.ts",
    text: "the summed rate can go negative",
    refused: { scenario: STEP, sets: ["producers.0.traffic.2.step.rate=-60"], message: /producers\.0\.traffic: the summed rate can go negative/ },
    direct: () => buildRate([{ constant: 1 }, { step: { at: 1, rate: -2 } }]),
  },
  {
    file: "src/traffic/shape-parts.ts",
    text: "${shapeLabel(index, shape)}: ${message}",
    refused: {
      scenario: STEP,
      sets: ["producers.0.traffic=[{diurnal: {mean: 1, amplitude: 2}}]"],
      message: /producers\.0\.traffic\.0\.diurnal\.amplitude: amplitude 2 is above mean 1/,
    },
    direct: () => buildRate([{ diurnal: { mean: 1, amplitude: 2, period: 10, peakAt: 0 } }]),
  },
  {
    file: "src/sim/build-architecture.ts",
    text: "a filter policy validation accepted does not compile",
    internal: "the architecture format's validation compiles every filter policy and refuses one with a problem (architecture-schema.ts)",
  },
  {
    file: "src/traffic/attribute-sampler.ts",
    text: "the probabilities must be at least 0 and add up to 1",
    internal: "the architecture format's validation refuses attribute probabilities that do not add up to 1 (architecture-schema.ts)",
    direct: () => new AttributeSampler({ eventType: { placed: 0.5 } }, () => 0),
  },
  {
    file: "src/traffic/attribute-sampler.ts",
    text: "combinations of attribute values, more than",
    internal: "validation allows at most MAX_ATTRIBUTE_COMBINATIONS (10,000) combinations per producer or emit rule, far under the 1,000,000 summed",
    direct: () => new AttributeSampler({ a: { x: 0.5, y: 0.5 } }, () => 0).shareMatching(() => true, 1),
  },
  // Reached through the builders' imports, but not thrown by them on a scenario's values.
  {
    file: "src/engine/units.ts",
    text: "UnitError",
    internal: "parsing errors, thrown while the schema reads a field and turned into its message there (fields.ts)",
  },
];

/** Source files buildWorld reaches through value imports (type-only imports run no code). */
function reachableFiles(): string[] {
  const seen = new Set<string>();
  const stack = ["src/sim/build-world.ts"];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(join(root, file), "utf8");
    for (const m of text.matchAll(/^(?:import|export)\s(?!type\s)[^;]*?from\s+"(\.[^"]+)\.js";/gms)) {
      stack.push(normalize(join(dirname(file), `${m[1]}.ts`)));
    }
  }
  return [...seen].sort();
}

/** Each `throw new …Error(` with the text of its statement (up to the next semicolon). */
function throwSites(): { file: string; line: number; statement: string }[] {
  return reachableFiles().flatMap((file) => {
    const text = readFileSync(join(root, file), "utf8");
    return [...text.matchAll(/throw new \w*Error\(/g)].map((m) => ({
      file,
      line: text.slice(0, m.index).split("\n").length,
      statement: text.slice(m.index, text.indexOf(";", m.index)),
    }));
  });
}

describe("the builders' errors and the validation in front of them", () => {
  it("every throw reachable from buildWorld is listed, once, and every listed one still exists", () => {
    const sites = throwSites();
    expect(sites.length).toBeGreaterThan(30);
    const unlisted = sites.filter((s) => CHECKS.filter((c) => c.file === s.file && s.statement.includes(c.text)).length !== 1);
    expect(unlisted.map((s) => `${s.file}:${s.line}: ${s.statement.slice(0, 100)}`)).toEqual([]);
    const stale = CHECKS.filter((c) => !sites.some((s) => s.file === c.file && s.statement.includes(c.text)));
    expect(stale.map((c) => `${c.file}: ${c.text}`)).toEqual([]);
  });

  it.each(CHECKS.filter((c) => c.refused !== undefined).map((c) => [`${c.file}: ${c.text}`, c] as const))(
    "%s is refused by validation, naming the field",
    (_, check) => {
      const { scenario, sets, message } = check.refused!;
      const loaded = loadScenarioFile(join(root, "scenarios", `${scenario}.yaml`), { sets });
      const problems = loaded.ok ? checkRun(loaded.scenario) : loaded.errors;
      expect(problems.join("\n")).toMatch(message);
    },
  );

  it.each(CHECKS.filter((c) => c.direct !== undefined).map((c) => [`${c.file}: ${c.text}`, c] as const))(
    "%s: the model throws it on the raw value",
    (_, check) => {
      expect(check.direct!).toThrow();
    },
  );

  it("an alarm never looks back further than the metric store keeps, for any base period and publish delay", () => {
    for (const base of BASE_PERIODS_US) {
      const periods = Math.floor(MAX_EVALUATION_SPAN_US / base) + Math.ceil((900 * 1e6) / base) + 1;
      expect(periods).toBeLessThanOrEqual(Math.floor(DEFAULT_RETENTION_US / base));
    }
  });

  it("the shipped scenarios pass the same checks", () => {
    for (const name of [STEP, TARGET, FIFO]) {
      const loaded = loadScenarioFile(join(root, "scenarios", `${name}.yaml`));
      expect(loaded.ok && checkRun(loaded.scenario)).toEqual([]);
    }
  });
});
