import { simulateArchitecture } from "../src/sim/simulate-architecture.js";
import { fanOutScenario } from "./bench-scenarios.js";

// The fan-out run in its own process (peak RSS its own). Prints one JSON line: delivered messages (every queue's
// accepted ones) per wall second, to set beside the single queue's messages per wall second.
const hours = Number(process.argv[2] ?? "2");
const started = performance.now();
const s = simulateArchitecture(fanOutScenario(hours)).summary;
const wallS = (performance.now() - started) / 1000;
const delivered = Object.values(s.queues).reduce((n, q) => n + q.messages.sent, 0);
console.log(
  JSON.stringify({
    simulatedHours: hours,
    published: s.topics.load!.published,
    delivered,
    events: s.engine.events,
    wallSeconds: wallS,
    deliveredPerWallSecond: delivered / wallS,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
