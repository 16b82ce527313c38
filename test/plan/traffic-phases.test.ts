import { describe, expect, it } from "vitest";
import { phaseSpan, trafficPhases, trafficProblems } from "../../src/plan/traffic-phases.js";
import { scenarioOf } from "./plan-helpers.js";

const base = (traffic: string, extra = "") => `name: t
duration: 1h
producers:
  - name: orders
    traffic: ${traffic}
${extra}`;

describe("trafficPhases", () => {
  it("constant traffic is one phase: the whole run, and no phase list", () => {
    const { whole, phases } = trafficPhases(scenarioOf(base("[{ constant: 7 }]")));
    expect(phases).toEqual([]);
    expect(whole).toMatchObject({ startSeconds: 0, endSeconds: 3600, meanRate: 7, peakRate: 7, arrivals: 25_200 });
  });

  it("a spike splits the run at its start and end; the spike phase's mean is the integral over its length", () => {
    const s = scenarioOf(base("[{ constant: 20 }, { spike: { at: 20m, peak: 120, rise: 2m, hold: 5m, fall: 3m } }]"));
    const { whole, phases } = trafficPhases(s);
    expect(phases.map((p) => [phaseSpan(p), p.cause])).toEqual([
      ["0–20m", "start"],
      ["20m–30m", "spike to +120 msg/s"],
      ["30m–1h", "spike ends"],
    ]);
    // 120 × (1 min rise / 2 + 5 min hold + 3 min fall / 2) = 120 × 7.5 min over 10 min.
    expect(phases[1]!.meanRate).toBeCloseTo(20 + 90, 10);
    expect(phases.map((p) => p.peakRate)).toEqual([20, 140, 20]);
    expect(whole.meanRate).toBeCloseTo((20 * 3600 + 120 * 450) / 3600, 10);
    expect(whole.peakRate).toBe(140);
  });

  it("a step up at a boundary does not count toward the peak of the phase before it", () => {
    const { phases } = trafficPhases(scenarioOf(base("[{ constant: 8 }, { step: { at: 30m, rate: 4 } }]")));
    expect(phases.map((p) => [p.cause, p.meanRate, p.peakRate])).toEqual([
      ["start", 8, 8],
      ["step +4 msg/s", 12, 12],
    ]);
  });

  it("a diurnal wave does not split the run; its peak is mean + amplitude", () => {
    const { whole, phases } = trafficPhases(scenarioOf(base("[{ diurnal: { mean: 10, amplitude: 4, period: 1h } }]")));
    expect(phases).toEqual([]);
    expect(whole.meanRate).toBeCloseTo(10, 10);
    expect(whole.peakRate).toBeCloseTo(14, 10);
  });

  it("boundaries of several producers merge, each cause named by its producer; shapes outside the run are ignored", () => {
    const s = scenarioOf(`name: t
duration: 1h
producers:
  - name: a
    traffic: [{ constant: 1 }, { step: { at: 10m, rate: 1 } }, { step: { at: 2h, rate: 5 } }]
  - name: b
    traffic: [{ step: { at: 10m, rate: 2 } }]
`);
    const { phases } = trafficPhases(s);
    expect(phases.map((p) => p.cause)).toEqual(["start", "a: step +1 msg/s; b: step +2 msg/s"]);
    expect(phases[1]!.meanRate).toBe(4);
  });

  it("trafficProblems names a producer whose summed rate would go negative", () => {
    const s = scenarioOf(base("[{ constant: 1 }, { step: { at: 10m, rate: -5 } }]"));
    expect(trafficProblems(s)).toEqual([expect.stringMatching(/^producers\.0\.traffic: the summed rate can go negative/)]);
  });
});
