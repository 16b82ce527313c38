// The playground's controls (issue 17): the figures and choices a class plays with, read from the parsed scenario so
// that the page offers only what the scenario has (a fixed fleet has no MaxSize), each labelled in plain words with
// its AWS name and unit. A change is applied as `--set` flags to the scenario's text and the run restarts from 0.
import { lambdaSchema } from "../scenario/lambda-schema.js";
import { figureAt } from "./lesson-types.js";
import { type Scenario } from "../scenario/schema.js";

/** A figure: its scenario path (as --set takes it), its words and unit, its value in the scenario as run. */
export interface NumberControl {
  kind: "number";
  /** Where the value is read in the parsed scenario. */
  path: string;
  /** Where --set writes it, when not `path`: a constant's parent, which a file may write in short ("100ms"). */
  setPath?: string;
  label: string;
  unit: "s" | "msg/s" | "";
  /** The least value the scenario takes (0 unless it must be more). */
  min: number;
  /** null: an optional figure the scenario leaves out (an empty box; emptied, it is left out again). */
  value: number | null;
}

/**
 * A choice (heartbeat on or off, the queue's type, the fleet's kind): each option is the --set flags that make it,
 * relative to the scenario as written (its own option has none); `value` is the option the run has. `clears`: the
 * figures' paths a change of it makes stale (a fixed fleet's instances when the fleet becomes a group).
 */
export interface ChoiceControl {
  kind: "choice";
  id: string;
  label: string;
  options: { label: string; sets: string[] }[];
  value: number;
  clears: string[];
}

export type Control = NumberControl | ChoiceControl;

type NumberSpec = Omit<NumberControl, "value" | "kind" | "min"> & {
  min?: number;
  /** Offered even when the scenario leaves it out (an optional figure that means "no limit" when absent). */
  whenAbsent?: true;
};

/** The least positive value offered for a figure that must be more than 0 (a duration, a share). */
const TINY = 0.001;

const NUMBER_CONTROLS: NumberSpec[] = [
  { path: "producers.0.traffic.0.constant", label: "arrival rate (the first producer's constant traffic)", unit: "msg/s" },
  ...[1, 2, 3].flatMap((i): NumberSpec[] => [
    { path: `producers.0.traffic.${i}.spike.peak`, label: `spike ${i}: its peak, on top of the rest`, unit: "msg/s" },
    { path: `producers.0.traffic.${i}.spike.at`, label: `spike ${i}: when it starts`, unit: "s" },
  ]),
  { path: "consumers.processing.constant", setPath: "consumers.processing", label: "processing time of a message", unit: "s", min: TINY },
  { path: "consumers.processing.exponential.mean", label: "processing time of a message, mean (exponential)", unit: "s", min: TINY },
  { path: "consumers.processing.lognormal.median", label: "processing time of a message, median (lognormal)", unit: "s", min: TINY },
  { path: "consumers.processing.lognormal.p99", label: "processing time of a message, p99 (lognormal)", unit: "s", min: TINY },
  { path: "consumers.processing.gamma.mean", label: "processing time of a message, mean (gamma)", unit: "s", min: TINY },
  { path: "consumers.failures.transient", label: "share of attempts that fail and are retried", unit: "" },
  { path: "consumers.failures.poison", label: "share of messages that always fail (poison)", unit: "" },
  { path: "queue.visibilityTimeout", label: "visibility timeout (VisibilityTimeout)", unit: "s" },
  { path: "consumers.waitTime", label: "the consumers' long-poll wait, 0 for short polling (WaitTimeSeconds of each receive)", unit: "s" },
  {
    path: "queue.receiveWaitTime",
    label: "the queue's long-poll wait, for receives that name none (ReceiveMessageWaitTimeSeconds)",
    unit: "s",
  },
  { path: "queue.deadLetter.maxReceiveCount", label: "receives before the dead-letter queue (maxReceiveCount)", unit: "", min: 1 },
  { path: "consumers.concurrency", label: "workers an instance", unit: "", min: 1 },
  { path: "consumers.batchSize", label: "messages a receive (MaxNumberOfMessages)", unit: "", min: 1 },
  { path: "consumers.lambda.batchSize", label: "messages an invocation (BatchSize of the event source mapping)", unit: "", min: 1 },
  {
    path: "consumers.lambda.maximumConcurrency",
    label: "most invocations the event source mapping runs at once (MaximumConcurrency; empty: no limit)",
    unit: "",
    min: 2,
    whenAbsent: true,
  },
  { path: "consumers.lambda.reservedConcurrency", label: "the function's reserved concurrency (empty: none)", unit: "", whenAbsent: true },
  { path: "producers.0.messageGroups.count", label: "message groups of the first producer (distinct MessageGroupId values)", unit: "", min: 1 },
  { path: "fleet.instances", label: "instances (fixed fleet)", unit: "" },
  { path: "fleet.min", label: "instances at least (MinSize)", unit: "" },
  { path: "fleet.max", label: "instances at most (MaxSize)", unit: "" },
  { path: "fleet.policies.0.targetTracking.target", label: "target of the first scaling policy (TargetValue)", unit: "", min: TINY },
  { path: "fleet.launchTime.constant", setPath: "fleet.launchTime", label: "launch time of an instance (Pending until InService)", unit: "s" },
  { path: "fleet.launchTime.uniform.min", label: "launch time of an instance, at least", unit: "s" },
  { path: "fleet.launchTime.uniform.max", label: "launch time of an instance, at most", unit: "s" },
  { path: "fleet.warmup", label: "instance warm-up (EstimatedInstanceWarmup)", unit: "s" },
];

/** What a Lambda pool does not use (aws-behaviour 8.1: the event source mapping long-polls for 20 s). */
const LAMBDA_UNUSED = ["consumers.concurrency", "consumers.batchSize", "consumers.waitTime", "queue.receiveWaitTime"];

/** A finite number at `path` of the parsed scenario; undefined otherwise. */
function valueAt(root: unknown, path: string): number | undefined {
  const value = figureAt(root, path);
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

/**
 * The controls for a run of `written` (the scenario as its text says) with the page's changes applied (`run`): the
 * figures `run` has, and the choices, whose options are --set flags relative to `written`.
 */
export function controlsFor(written: Scenario, run: Scenario): Control[] {
  // The queue's long-poll wait is used only by receives that name none: not offered when the consumers name one.
  const consumersWait = run.consumers.waitTime !== undefined;
  // A Lambda or Kubernetes pool does not use the EC2 fleet's settings.
  const ec2 = (run.consumers.platform ?? "ec2") === "ec2";
  const lambda = run.consumers.platform === "lambda";
  // A Lambda pool without a lambda block runs on its defaults: offered at them.
  const readable = lambda && run.consumers.lambda === undefined ? { ...run, consumers: { ...run.consumers, lambda: lambdaSchema.parse({}) } } : run;
  const numbers: Control[] = NUMBER_CONTROLS.flatMap((c) => {
    if (c.path === "queue.receiveWaitTime" && consumersWait) return [];
    if (c.path.startsWith("fleet.") && !ec2) return [];
    // A Lambda pool's event source mapping polls for 20 s with its own batch size; the function's concurrency is its workers.
    if (lambda && LAMBDA_UNUSED.includes(c.path)) return [];
    const value = valueAt(readable, c.path);
    if (value === undefined && !(c.whenAbsent && lambda && c.path.startsWith("consumers.lambda."))) return [];
    const { whenAbsent: _whenAbsent, ...control } = c;
    return [{ kind: "number" as const, ...control, min: c.min ?? 0, value: value ?? null }];
  });
  return [...numbers, heartbeatChoice(written, run), queueTypeChoice(written, run), platformChoice(written, run)].filter((c): c is Control => c !== null);
}

/** Heartbeat off, or on: every third of the visibility timeout, extending it by a whole timeout (aws-behaviour 1.26). */
function heartbeatChoice(written: Scenario, run: Scenario): ChoiceControl | null {
  if (run.consumers.platform === "lambda") return null; // the event source mapping does not extend visibility
  // From the visibility timeout the run has (a control may have changed it): a third of it, by the whole of it.
  const vt = run.queue.visibilityTimeout;
  const every = Math.max(TINY, Math.round((vt / 3) * 1000) / 1000);
  const had = written.consumers.heartbeat;
  const on = had !== undefined ? `on: every ${had.every} s, by ${had.extendBy} s` : `on: every ${every} s, by ${vt} s`;
  return {
    kind: "choice",
    id: "heartbeat",
    label: "heartbeat: extend the visibility timeout while a job runs (ChangeMessageVisibility)",
    options: [
      { label: "off", sets: had === undefined ? [] : ["consumers.heartbeat=null"] },
      { label: on, sets: had === undefined ? [`consumers.heartbeat={every: ${every}s, extendBy: ${vt}s}`] : [] },
    ],
    value: run.consumers.heartbeat === undefined ? 0 : 1,
    clears: [],
  };
}

/** Standard or FIFO: the name's .fifo suffix and FIFO-only settings follow (aws-behaviour 3.1). */
function queueTypeChoice(written: Scenario, run: Scenario): ChoiceControl {
  const fifo = written.queue.type === "fifo";
  const name = written.queue.name;
  // FIFO-only settings go back to their defaults (the schema refuses them on a standard queue), and standard-only
  // ones the other way (fifoRules in scenario/schema.ts).
  const fifoOnly = [
    "contentBasedDeduplication",
    "deduplicationScope",
    "throughputLimit",
    "highThroughputPartitions",
    "highThroughputSplitTime",
    "highThroughputQuota",
  ];
  const toStandard = ["queue.type=standard", ...fifoOnly.map((key) => `queue.${key}=null`)];
  if (name?.endsWith(".fifo")) toStandard.push(`queue.name=${JSON.stringify(name.slice(0, -".fifo".length))}`);
  const toFifo = ["queue.type=fifo", "queue.duplicateDeliveryRate=null", "queue.shortPollServers=null", "queue.shortPollMessageWeight=null"];
  written.producers.forEach((p, i) => {
    if (p.delay !== undefined) toFifo.push(`producers.${i}.delay=null`); // FIFO takes the queue's delay only (aws-behaviour 1.6, 3.9)
  });
  if (name !== undefined && !name.endsWith(".fifo")) toFifo.push(`queue.name=${JSON.stringify(`${name}.fifo`)}`);
  // Ten groups for a first producer that names none, so that the lanes and their blocking show.
  if (written.producers[0] !== undefined && written.producers[0].messageGroups === undefined) toFifo.push("producers.0.messageGroups={count: 10}");
  return {
    kind: "choice",
    id: "queueType",
    label: "queue type (FifoQueue)",
    options: [
      { label: "standard: at-least-once, best-effort order", sets: fifo ? toStandard : [] },
      {
        label: `FIFO: in order within each message group, exactly-once processing${
          written.producers.some((p) => p.delay !== undefined) ? " (the producers' own delays dropped: FIFO takes the queue's only)" : ""
        }`,
        sets: fifo ? [] : toFifo,
      },
    ],
    value: run.queue.type === "fifo" ? 1 : 0,
    clears: ["producers.0.messageGroups.count"],
  };
}

/** Who drains the queue: EC2 instances (a fixed number, or an Auto Scaling group), a Lambda function, or KEDA's pods. */
function platformChoice(written: Scenario, run: Scenario): ChoiceControl {
  const kindOf = (s: Scenario): number => (s.consumers.platform === "lambda" ? 2 : s.consumers.platform === "kubernetes" ? 3 : s.fleet.kind === "asg" ? 1 : 0);
  const current = kindOf(written);
  const instances = written.fleet.kind === "fixed" ? written.fleet.instances : Math.max(1, written.fleet.min);
  const options = [
    { label: "EC2 instances, a fixed number", sets: ["consumers.platform=ec2", `fleet={kind: fixed, instances: ${instances}}`] },
    {
      label: "EC2 Auto Scaling group (1-10 instances, target tracking: backlog per instance 10)",
      sets: ["consumers.platform=ec2", "fleet={kind: asg, min: 1, max: 10, policies: [{targetTracking: {metric: backlogPerInstance, target: 10}}]}"],
    },
    { label: "a Lambda function (event source mapping)", sets: ["consumers.platform=lambda"] },
    { label: "Kubernetes pods scaled by KEDA", sets: ["consumers.platform=kubernetes"] },
  ];
  return {
    kind: "choice",
    id: "platform",
    label: "what drains the queue (fleet kind)",
    options: options.map((o, i) => (i === current ? { ...o, sets: [] } : o)),
    value: kindOf(run),
    clears: ["fleet."],
  };
}
