import { simulate } from "../src/sim/simulate.js";
import { throughputScenario } from "./bench-scenarios.js";

// One run in its own process so that peak RSS is this run's alone. Prints one JSON line.
const hours = Number(process.argv[2] ?? "2");
const variants = ["asg", "fifo", "lambda", "kubernetes"] as const;
const variant = variants.find((v) => v === process.argv[3]) ?? "fixed";
const fleet = variant;
const scenario = throughputScenario(hours, variant);
const started = performance.now();
const result = simulate(scenario);
const wallS = (performance.now() - started) / 1000;
const s = result.summary;
console.log(
  JSON.stringify({
    simulatedHours: hours,
    fleet,
    peakInService: s.fleet.peakInService,
    scalingActivities: s.fleet.scaleOutActivities + s.fleet.scaleInActivities,
    messagesSent: s.messages.sent,
    messagesDeleted: s.messages.deleted,
    events: s.engine.events,
    wallSeconds: wallS,
    messagesPerWallSecond: s.messages.sent / wallS,
    eventsPerWallSecond: s.engine.events / wallS,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    queueWaitMeanS: s.latency.queueWait.mean,
    orderViolations: s.fifo?.orderViolations ?? 0,
    throttledSends: s.fifo?.throttledSends ?? 0,
    throttledReceives: s.fifo?.throttledReceives ?? 0,
    lambdaInvocations: s.lambda?.invocations ?? 0,
    lambdaPeakConcurrency: s.lambda?.peakConcurrency ?? 0,
    kubernetesPeakReplicas: s.kubernetes?.peakReplicas ?? 0,
    kubernetesPeakNodes: s.kubernetes?.peakNodes ?? 0,
  }),
);
