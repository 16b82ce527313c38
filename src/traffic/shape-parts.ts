import { shapeLabel, type TraceShape, type TrafficShape } from "./shapes.js";

/** A trace interval list with zero-length intervals removed; `starts` ascending, `end` ≥ last start. */
export interface TraceParts {
  readonly starts: number[];
  readonly rates: number[];
  readonly end: number;
}

export interface SpikeParts {
  readonly at: number;
  readonly peak: number;
  readonly rise: number;
  readonly fall: number;
  /** Corner times, computed once so that the breaks and the piece formulas use the very same doubles. */
  readonly topStart: number;
  readonly topEnd: number;
  readonly end: number;
}

export interface CosineParts {
  readonly amplitude: number;
  readonly period: number;
  readonly peakAt: number;
}

/**
 * Shapes sorted by how they are computed: everything piecewise linear over a finite set of breaks (constants,
 * diurnal means, steps, spikes, one-shot traces) is merged into one function; looping traces and the zero-mean
 * cosine part of diurnals stay separate because they have infinitely many breaks or none.
 */
export interface ShapeParts {
  /** Sum of constants and diurnal means: the level before any break. */
  readonly level: number;
  readonly steps: { readonly at: number; readonly rate: number }[];
  readonly spikes: SpikeParts[];
  readonly onceTraces: TraceParts[];
  readonly loopTraces: TraceParts[];
  readonly cosines: CosineParts[];
  /** Every shape is a constant: the rate is one number for all t. */
  readonly allConstant: boolean;
}

function fail(index: number, shape: TrafficShape, message: string): never {
  throw new Error(`${shapeLabel(index, shape)}: ${message}`);
}

function finite(index: number, shape: TrafficShape, name: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value)) fail(index, shape, `${name} must be a finite number, got ${String(value)}`);
  return value;
}

function nonNegative(index: number, shape: TrafficShape, name: string, value: number): number {
  finite(index, shape, name, value);
  if (value < 0) fail(index, shape, `${name} must be ≥ 0, got ${value}`);
  return value;
}

function traceParts(index: number, shape: TraceShape): TraceParts {
  const { series } = shape.trace;
  if (series === undefined) {
    fail(index, shape, "the trace was not loaded (no series): load the trace file before building the rate");
  }
  const { startsS, ratesPerS, endS } = series;
  if (startsS.length === 0) fail(index, shape, "the trace series is empty");
  if (startsS.length !== ratesPerS.length) {
    fail(index, shape, `startsS has ${startsS.length} entries but ratesPerS has ${ratesPerS.length}`);
  }
  finite(index, shape, "series.endS", endS);
  const starts: number[] = [];
  const rates: number[] = [];
  let previous = -Infinity;
  for (let i = 0; i < startsS.length; i++) {
    const start = finite(index, shape, `series.startsS[${i}]`, startsS[i]!);
    const rate = nonNegative(index, shape, `series.ratesPerS[${i}]`, ratesPerS[i]!);
    if (start < previous) fail(index, shape, `series.startsS must be ascending; startsS[${i}] = ${start} < ${previous}`);
    if (start > endS) fail(index, shape, `series.startsS[${i}] = ${start} is after series.endS = ${endS}`);
    previous = start;
    // A zero-length interval changes nothing: the later interval starting at the same time wins.
    if (starts.length > 0 && starts[starts.length - 1] === start) {
      rates[rates.length - 1] = rate;
    } else {
      starts.push(start);
      rates.push(rate);
    }
  }
  // The last interval may be empty (ends where it starts): drop it.
  if (starts.length > 1 && starts[starts.length - 1] === endS) {
    starts.pop();
    rates.pop();
  }
  return { starts, rates, end: endS };
}

/** Validates the shapes (errors name the shape and field) and sorts them into parts. */
export function shapeParts(shapes: readonly TrafficShape[]): ShapeParts {
  let level = 0;
  let allConstant = true;
  const steps: { at: number; rate: number }[] = [];
  const spikes: SpikeParts[] = [];
  const onceTraces: TraceParts[] = [];
  const loopTraces: TraceParts[] = [];
  const cosines: CosineParts[] = [];
  shapes.forEach((shape, index) => {
    if ("constant" in shape) {
      level += nonNegative(index, shape, "constant", shape.constant);
      return;
    }
    allConstant = false;
    if ("step" in shape) {
      steps.push({ at: finite(index, shape, "step.at", shape.step.at), rate: finite(index, shape, "step.rate", shape.step.rate) });
    } else if ("spike" in shape) {
      const { at, peak, rise, hold, fall } = shape.spike;
      finite(index, shape, "spike.at", at);
      nonNegative(index, shape, "spike.peak", peak);
      nonNegative(index, shape, "spike.rise", rise);
      nonNegative(index, shape, "spike.hold", hold);
      nonNegative(index, shape, "spike.fall", fall);
      const topStart = at + rise;
      const topEnd = topStart + hold;
      spikes.push({ at, peak, rise, fall, topStart, topEnd, end: topEnd + fall });
    } else if ("diurnal" in shape) {
      const { mean, amplitude, period, peakAt } = shape.diurnal;
      nonNegative(index, shape, "diurnal.mean", mean);
      finite(index, shape, "diurnal.amplitude", amplitude);
      finite(index, shape, "diurnal.peakAt", peakAt);
      finite(index, shape, "diurnal.period", period);
      if (period <= 0) fail(index, shape, `diurnal.period must be > 0, got ${period}`);
      if (Math.abs(amplitude) > mean * (1 + 1e-12)) {
        fail(index, shape, `diurnal.amplitude ${amplitude} is larger than the mean ${mean}: the rate would go negative`);
      }
      level += mean;
      if (amplitude !== 0) {
        // A negative amplitude is the same wave shifted by half a period; keep amplitudes positive.
        const shifted = amplitude < 0 ? peakAt + period / 2 : peakAt;
        // Reduce the phase so that cosine arguments stay small (precision).
        const reduced = shifted - Math.floor(shifted / period) * period;
        cosines.push({ amplitude: Math.abs(amplitude), period, peakAt: reduced });
      }
    } else if ("trace" in shape) {
      const parts = traceParts(index, shape);
      if (shape.trace.loop === true) {
        if (!(parts.end > parts.starts[0]!)) {
          fail(index, shape, `a looping trace needs endS > startsS[0] (period ${parts.end - parts.starts[0]!} s)`);
        }
        loopTraces.push(parts);
      } else {
        onceTraces.push(parts);
      }
    } else {
      fail(index, shape, `unknown traffic shape with keys ${JSON.stringify(Object.keys(shape))}`);
    }
  });
  return { level, steps, spikes, onceTraces, loopTraces, cosines, allConstant };
}
