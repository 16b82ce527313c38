import { describe, expect, it } from "vitest";
import { SOURCE, errorsOf, parse, scenarioOf, scenarioYaml } from "./helpers.js";

const at = (line: string) => `${SOURCE}: ${line}`;

// Simulated time is whole microseconds (src/engine/time.ts). A positive duration below half a microsecond would
// round to 0: a heartbeat every 0 µs (7.4 GB before it was refused), a diurnal period of no length (a run that never
// ends). Refused in every duration field, with the advice that fits the field: 0 is a value, or it is not.
describe("durations finer than the simulator's 1 µs step", () => {
  it.each([
    [
      "consumers: { heartbeat: { every: 0.0000001, extendBy: 30s } }",
      "consumers.heartbeat.every: 1e-7 rounds to 0 µs, the simulator's time step; write at least 0.000001s (1 µs)",
    ],
    [
      'consumers: { heartbeat: { every: "0.0000001", extendBy: 30s } }',
      'consumers.heartbeat.every: "0.0000001" rounds to 0 µs, the simulator\'s time step; write at least 0.000001s (1 µs)',
    ],
    ['queue: { delay: "0.0000004s" }', 'queue.delay: "0.0000004s" rounds to 0 µs, the simulator\'s time step; write 0s, or at least 0.000001s (1 µs)'],
    ["queue: { apiLatency: 0.0000001 }", "queue.apiLatency: 1e-7 rounds to 0 µs, the simulator's time step; write 0s, or at least 0.000001s (1 µs)"],
    ["metrics: { period: 0.0000001 }", "metrics.period: 1e-7 s is below the minimum of 1s (1 s)"],
    ["duration: 0.0000001", "duration: 1e-7 rounds to 0 µs, the simulator's time step; write at least 0.000001s (1 µs)"],
    [
      "consumers: { processing: { exponential: { mean: 0.0000001 } } }",
      "consumers.processing.exponential.mean: 1e-7 rounds to 0 µs, the simulator's time step; write at least 0.000001s (1 µs)",
    ],
    [
      "fleet: { kind: asg, max: 2, cooldown: 0.0000001 }",
      "fleet.cooldown: 1e-7 rounds to 0 µs, the simulator's time step; write 0s, or at least 0.000001s (1 µs)",
    ],
  ])("%s", (fragment, expected) => {
    const text = fragment.startsWith("duration") ? scenarioYaml().replace("duration: 1h", fragment) : scenarioYaml(fragment);
    expect(errorsOf(parse(text))).toEqual([at(expected)]);
  });

  it("a traffic period below 1 µs is refused at its path (it would be walked a quarter period at a time)", () => {
    const text = scenarioYaml().replace("{ constant: 10 }", "{ diurnal: { mean: 10, amplitude: 5, period: 0.000000001 } }");
    expect(errorsOf(parse(text))).toEqual([
      at("producers.0.traffic.0.diurnal.period: 1e-9 rounds to 0 µs, the simulator's time step; write at least 0.000001s (1 µs)"),
    ]);
  });

  it("durations that round to 1 µs or more are kept as written, and 0 stays allowed where it was", () => {
    const s = scenarioOf(parse(scenarioYaml("queue: { delay: 0, apiLatency: 0.0000006 }\nconsumers: { heartbeat: { every: 0.000001, extendBy: 30s } }")));
    expect(s.queue.delay).toBe(0);
    expect(s.queue.apiLatency).toBe(0.0000006);
    expect(s.consumers.heartbeat?.every).toBe(0.000001);
  });
});

describe("target tracking's alarms", () => {
  it("their datapoints × cloudwatch.period stay within CloudWatch's 7 days (aws-behaviour 7.1), as run's alarms require", () => {
    const fleet = "fleet: { kind: asg, max: 4, policies: [ { targetTracking: { target: 10 } } ] }";
    const over = scenarioYaml(`${fleet}\ncloudwatch: { targetTracking: { scaleIn: { datapoints: 10081 } } }`);
    expect(errorsOf(parse(over))).toEqual([
      at(
        "cloudwatch.targetTracking.scaleIn.datapoints: 10,081 datapoints of cloudwatch.period (60 s) span 604,860 s, above the " +
          "CloudWatch maximum of 7d (604,800 s) for period × evaluationPeriods (aws-behaviour 7.1); use at most 10,080",
      ),
    ]);
    const tenSeconds = scenarioYaml(`${fleet}\ncloudwatch: { period: 10s, targetTracking: { scaleOut: { datapoints: 60481 } } }`);
    expect(errorsOf(parse(tenSeconds))[0]).toMatch(/cloudwatch\.targetTracking\.scaleOut\.datapoints: 60,481 datapoints .* use at most 60,480$/);
    expect(errorsOf(parse(scenarioYaml(`${fleet}\ncloudwatch: { targetTracking: { scaleIn: { datapoints: 10080 } } }`)))).toEqual([]);
  });
});
