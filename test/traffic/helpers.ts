import { type TrafficShape } from "../../src/traffic/shapes.js";

/** Straight from the shape definitions, one shape at a time: an oracle independent of the compiled form. */
export function naiveRate(shapes: readonly TrafficShape[], t: number): number {
  let sum = 0;
  for (const shape of shapes) {
    if ("constant" in shape) sum += shape.constant;
    else if ("step" in shape) sum += t >= shape.step.at ? shape.step.rate : 0;
    else if ("spike" in shape) {
      const { at, peak, rise, hold, fall } = shape.spike;
      if (t < at) continue;
      if (t < at + rise) sum += (peak * (t - at)) / rise;
      else if (t < at + rise + hold) sum += peak;
      else if (t < at + rise + hold + fall) sum += peak * (1 - (t - at - rise - hold) / fall);
    } else if ("diurnal" in shape) {
      const { mean, amplitude, period, peakAt } = shape.diurnal;
      sum += mean + amplitude * Math.cos((2 * Math.PI * (t - peakAt)) / period);
    } else {
      const series = shape.trace.series!;
      const start = series.startsS[0]!;
      let u = t;
      if (shape.trace.loop === true && t >= series.endS) {
        const period = series.endS - start;
        u = start + ((t - start) % period);
      }
      if (u < start || u >= series.endS) continue;
      let row = 0;
      while (row + 1 < series.startsS.length && series.startsS[row + 1]! <= u) row++;
      sum += series.ratesPerS[row]!;
    }
  }
  return sum;
}

/** Composite Simpson between the given breaks (the integrand is smooth between them). */
export function quadrature(f: (t: number) => number, a: number, b: number, breaks: readonly number[], perPiece = 2000): number {
  const cuts = [a, ...breaks.filter((x) => x > a && x < b).sort((x, y) => x - y), b];
  let total = 0;
  for (let p = 0; p + 1 < cuts.length; p++) {
    const lo = cuts[p]!;
    const hi = cuts[p + 1]!;
    if (hi <= lo) continue;
    const h = (hi - lo) / perPiece;
    // Open ends: evaluate just inside so that jumps at the cut belong to the right piece.
    const eps = h * 1e-9;
    let s = f(lo + eps) + f(hi - eps);
    for (let i = 1; i < perPiece; i++) s += (i % 2 === 1 ? 4 : 2) * f(lo + i * h);
    total += (s * h) / 3;
  }
  return total;
}

export function traceShape(startsS: number[], ratesPerS: number[], endS: number, loop = false): TrafficShape {
  return { trace: { file: "test.csv", scale: 1, loop, series: { startsS, ratesPerS, endS } } };
}

/** Exp(1) from a uniform source, as the engine draws it. */
export function exponential(uniform: () => number): number {
  return -Math.log(1 - uniform());
}
