import { simulate } from "../src/sim/simulate.js";
import { backlogScenario } from "./bench-scenarios.js";

// Run with --expose-gc. Fills the queue with N messages (consumers stopped) and prints the memory they cost.
const messages = Number(process.argv[2] ?? "10000000");
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");
gc();
const before = process.memoryUsage();
const started = performance.now();
const result = simulate(backlogScenario(messages), {});
const wallS = (performance.now() - started) / 1000;
// Keep the result alive: the queue state is released with the world, so measure what the run held at its peak.
const after = process.memoryUsage();
const peakRss = process.resourceUsage().maxRSS * 1024;
const queued = result.summary.messages.remaining.visible;
console.log(
  JSON.stringify({
    queuedMessages: queued,
    wallSeconds: wallS,
    peakRssMB: peakRss / 2 ** 20,
    bytesPerQueuedMessage: (peakRss - before.rss) / queued,
    heapAfterMB: after.heapUsed / 2 ** 20,
  }),
);
