// Command-line words that have gone wrong before or might: hostile --set paths and values, --vary lists, seeds,
// output directories. Each is a plain string, so a failing case shows the exact word.

/**
 * `--set` words behind the defects of issue 11's manual fuzzing pass (prototype pollution, non-files read as
 * traces, runs that never end or never fit in memory): drawn more often than the rest.
 */
export const KNOWN_HAZARDS = [
  "__proto__ .x=1", "producers.0.traffic.0.trace.file=traces/fifo.csv", "producers.0.traffic.0={trace: {file: traces/dev-zero.csv}}",
  "producers.0.traffic.0={trace: {file: traces/a-directory.csv}}", "fleet.instances=1e9", "fleet={kind: asg, max: 1000000000, min: 1000000000}",
  "consumers.heartbeat={every: 0.0000001, extendBy: 30s}", "producers.0.traffic.0={diurnal: {mean: 5, amplitude: 1, period: 1e-9}}",
  "duration=1e999", `queue.visibilityTimeout=${"9".repeat(400)}`, "producers.0.messageGroups={count: 10000000}",
  "metrics.period=1", "queue.apiLatency=0", "consumers.processing=0",
];

/** `--set` words. Paths include prototype names in every spelling the parser trims or splits. */
export const HOSTILE_SETS = [
  "__proto__ .x=1", "__proto__.x=1", " __proto__.polluted=yes", "constructor.prototype.x=1", "queue.constructor=1",
  "queue.constructor.prototype.x=1", "queue.__proto__.x=1", "producers.__proto__.x=1", "producers.0.__proto__ .x=1",
  "prototype=1", "toString=1", "hasOwnProperty.x=1", "valueOf=null", "producers.length=0", "producers.constructor.x=1",
  " queue . visibilityTimeout =60s", "queue. visibilityTimeout=60s", "queue .visibilityTimeout= 60s",
  "producers.0.traffic.0.trace.file=traces/fifo.csv", "producers.0.traffic.0.trace.file=/dev/zero",
  "producers.0.traffic.0={trace: {file: traces/dev-zero.csv}}", "producers.0.traffic.0={trace: {file: traces/a-directory.csv}}",
  "producers.0.traffic.0={trace: {file: traces/binary.csv}}", "producers.0.traffic.0={trace: {file: ../../outside.txt}}",
  "producers.0.traffic.0={trace: {file: traces/sample-per-minute.csv, scale: 1e999}}",
  "producers.orders.batchSize=2", "producers.nobody.batchSize=2", "producers.5.name=x", "producers.1=null", "producers=[]",
  "producers.0.traffic=[]", "producers.-1.name=x", "producers.1e3.name=x", "producers.0.traffic.99.constant=1",
  "queue=null", "queue=5", "queue=[1]", "=5", "queue.visibilityTimeout", "queue..visibilityTimeout=1", ".queue=1", "queue.=1",
  "queue.visibilityTimeout=[1, 2", "queue.visibilityTimeout={", "queue.visibilityTimeout=!!js/function x",
  "queue.visibilityTimeout=*alias", "queue=&a {x: *a}", "queue.visibilityTimeout=1e999", "queue.visibilityTimeout=-1e999",
  "duration=1e999", "duration=0.0000001", "duration=1e-300", "seed=-1", "seed=1e999", "seed=9007199254740993", "seed=1.5",
  "name=..", "name=.", "name=../escape", "name=a/b", "name=__proto__", "name=constructor", "name=", "name=CON",
  "fleet.instanceType=toString", "fleet.instanceType=constructor", "fleet.instanceType=__proto__",
  "instanceTypes.__proto__.hourlyUsd=1", "instanceTypes.constructor={hourlyUsd: 1}", "instanceTypes={toString: {hourlyUsd: 1}}",
  "fleet.instances=1e9", "fleet.instances=1000000000", "fleet={kind: asg, max: 1000000000, min: 1000000000}",
  "consumers.heartbeat={every: 0.0000001, extendBy: 30s}", "consumers.heartbeat={every: 1ms, extendBy: 30s}",
  "producers.0.traffic.0={diurnal: {mean: 5, amplitude: 1, period: 1e-9}}", "producers.0.traffic.0={diurnal: {mean: 5, amplitude: 1, period: 0.0000001}}",
  "metrics.period=1", "metrics.period=0.5", "cloudwatch.period=10", "limits.maxEvents=1", "limits.maxStoredMessages=1",
  "queue.apiLatency=0", "consumers.processing=0", "consumers.processing={constant: 0}", "queue.visibilityTimeout=0",
  "producers.0.messageGroups={count: 10000000}", "producers.0.messageGroups={count: 1000000, distribution: {zipf: {s: 1e-9}}}",
  "producers.0.batchWindow=0", "producers.0.messageSize={lognormal: {median: 1B, p99: 1e999}}",
  "consumers.concurrency=1000", "fleet.instances=0", "queue.deadLetter=null", "queue.deadLetter={maxReceiveCount: 1}",
  `description=${"d".repeat(100_000)}`, `queue.visibilityTimeout=${"9".repeat(400)}`, `queue.visibilityTimeout="${"9".repeat(400)}"`,
  `x=${"[".repeat(5000)}${"]".repeat(5000)}`,
];

/** `--vary` words for a sweep. */
export const HOSTILE_VARIES = [
  "__proto__ .x=1,2", "constructor.x=1,2", "queue.visibilityTimeout=1..1e9/1000000", "queue.visibilityTimeout=10s..0s/3",
  "fleet.instances=0..1e999/2", "fleet.instances=1..2/0", "fleet.instances=1..2/1e9", "seed=1,2", "queue.visibilityTimeout=1,1",
  "=1,2", "queue.visibilityTimeout=", "queue.visibilityTimeout=,", "queue.visibilityTimeout=[1,2", "queue.visibilityTimeout=1..",
  "producers.0.traffic.0.constant=1e999,1", "name=a,a b", "name=x,..", "queue.visibilityTimeout=30s,45s", " queue . delay =0s,1s",
  "fleet.instances=1,1000000000", "consumers.heartbeat.every=0.0000001,1s",
];

/** `--seed` words. */
export const SEEDS = ["0", "7", "9007199254740991", "9007199254740993", "-1", "abc", "1e3", "", " 5", "0x10"];

/**
 * `--out` (and `explain --run`) words, relative to the sandbox's working directory: new directories, the user's own
 * folders and files, an earlier run, the sandbox itself and its parent, a 240-character name.
 */
export const OUT_DIRS = [
  "out", "out/nested/deeper", "out/", "./out/../out2", ".", "..", "src", "data", "empty", "reports", "reports/earlier-run",
  "NOTES.md", "NOTES.md/sub", "data/summary.json", "src/main.c", "o".repeat(240), `${"d".repeat(200)}/${"e".repeat(200)}`,
  "<scenario-dir>",
];
