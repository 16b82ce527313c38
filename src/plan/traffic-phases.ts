// Traffic phases: the run split where the summed arrival rate changes character. A phase boundary is a step, the
// start or the end of a spike, or the end of a one-shot trace; diurnal waves and the rows of a trace do not split
// the run (a phase's mean and peak carry their variation), so the phase count stays readable.
import { type Scenario, type TrafficShape } from "../scenario/schema.js";
import { formatDuration } from "../engine/units.js";
import { buildRate, type RateFunction } from "../traffic/rate.js";

export interface TrafficPhase {
  startSeconds: number;
  endSeconds: number;
  /** What begins at the phase's start, in words ("start", "step +4 msg/s", "spike ends"). */
  cause: string;
  /** ∫λ(t)dt over the phase ÷ its length, msg/s. */
  meanRate: number;
  /** max λ(t) over the phase, msg/s (an upper bound where a diurnal wave adds to a ramp). */
  peakRate: number;
  /** Expected arrivals, ∫λ(t)dt. */
  arrivals: number;
}

/** Why a producer's traffic cannot be compiled (a negative summed rate), one message per producer; empty if fine. */
export function trafficProblems(scenario: Scenario): string[] {
  const problems: string[] = [];
  scenario.producers.forEach((p, i) => {
    try {
      buildRate(p.traffic);
    } catch (error) {
      const message = error instanceof Error ? error.message.replace(/^traffic(\[\d+\])?[^:]*: /, "") : String(error);
      problems.push(`producers.${i}.traffic: ${message}`);
    }
  });
  return problems;
}

/** The total arrival rate of all producers: their shapes summed, as one rate function. */
export function summedRate(scenario: Scenario): RateFunction {
  return buildRate(scenario.producers.flatMap((p) => p.traffic));
}

interface Boundary {
  at: number;
  cause: string;
}

function rateText(r: number): string {
  return `${r >= 0 ? "+" : "−"}${Number(Math.abs(r).toPrecision(4))} msg/s`;
}

function boundaries(shape: TrafficShape): Boundary[] {
  if ("step" in shape) return [{ at: shape.step.at, cause: `step ${rateText(shape.step.rate)}` }];
  if ("spike" in shape) {
    const s = shape.spike;
    const end = s.at + s.rise + s.hold + s.fall;
    if (end === s.at || s.peak === 0) return [];
    return [
      { at: s.at, cause: `spike to ${rateText(s.peak)}` },
      { at: end, cause: "spike ends" },
    ];
  }
  if ("trace" in shape && shape.trace.loop !== true && shape.trace.series !== undefined) {
    return [{ at: shape.trace.series.endS, cause: "trace ends" }];
  }
  return [];
}

const MAX_WALK = 1_000_000;

/** max λ on [a, b): walked piece by piece so that a jump at b (a step up) does not count for the phase before it. */
function peakOn(rate: RateFunction, a: number, b: number): number {
  if (!(b > a)) return rate.rate(a);
  let peak = 0;
  let t = a;
  for (let i = 0; t < b; i++) {
    if (i >= MAX_WALK) return Math.max(peak, rate.maxRate(t, b));
    const next = Math.min(rate.nextBreak(t), b);
    // Just short of the break: the left limit, not the value after a jump.
    const end = Math.max(t, next - Math.max(1e-9, Math.abs(next) * 1e-12));
    peak = Math.max(peak, rate.maxRate(t, end));
    t = next;
  }
  return peak;
}

function phase(rate: RateFunction, a: number, b: number, cause: string): TrafficPhase {
  const arrivals = rate.integral(a, b);
  return { startSeconds: a, endSeconds: b, cause, meanRate: arrivals / (b - a), peakRate: peakOn(rate, a, b), arrivals };
}

/**
 * The whole run as one phase, and the phases between boundaries (empty when there is no boundary inside the run,
 * so that the whole run is not listed twice). Throws when a producer's traffic cannot be compiled
 * (check trafficProblems first).
 */
export function trafficPhases(scenario: Scenario): { whole: TrafficPhase; phases: TrafficPhase[] } {
  const rate = summedRate(scenario);
  const end = scenario.duration;
  const named = scenario.producers.length > 1;
  const causes = new Map<number, string[]>();
  for (const producer of scenario.producers) {
    for (const shape of producer.traffic) {
      for (const b of boundaries(shape)) {
        if (!(b.at > 0 && b.at < end)) continue;
        const list = causes.get(b.at) ?? [];
        list.push(named ? `${producer.name}: ${b.cause}` : b.cause);
        causes.set(b.at, list);
      }
    }
  }
  const whole = phase(rate, 0, end, "whole run");
  const times = [...causes.keys()].sort((x, y) => x - y);
  if (times.length === 0) return { whole, phases: [] };
  const starts = [0, ...times];
  const phases = starts.map((a, i) => phase(rate, a, starts[i + 1] ?? end, i === 0 ? "start" : causes.get(a)!.join("; ")));
  return { whole, phases };
}

/** "20m–30m": a phase's span in the scenario file's units. */
export function phaseSpan(p: Pick<TrafficPhase, "startSeconds" | "endSeconds">): string {
  const at = (t: number): string => (t === 0 ? "0" : formatDuration(t));
  return `${at(p.startSeconds)}–${at(p.endSeconds)}`;
}
