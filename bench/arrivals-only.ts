import { ScenarioSchema } from "../src/scenario/schema.js";
import { simulate } from "../src/sim/simulate.js";

// Diagnostic: producers only (consumers stopped, no backlog growth cost beyond the queue's own), to split the
// per-message cost between the producer/send side and the consumer side. Prints one JSON line.
const messages = Number(process.argv[2] ?? "2000000");
const poisson = (process.argv[3] ?? "poisson") === "poisson";
const scenario = ScenarioSchema.parse({
  name: "arrivals-only",
  duration: `${messages / 2000}s`,
  queue: { retention: "14d", receiveWaitTime: "20s" },
  producers: [{ name: "load", traffic: [{ constant: 2000 }], arrivals: poisson ? "poisson" : "uniform" }],
  fleet: { kind: "fixed", instances: 0 },
  metrics: { period: "1h" },
});
simulate({ ...scenario, duration: 100 });
const started = performance.now();
const r = simulate(scenario);
const wall = (performance.now() - started) / 1000;
console.log(JSON.stringify({ messages: r.summary.messages.sent, nsPerMessage: (wall * 1e9) / r.summary.messages.sent }));
