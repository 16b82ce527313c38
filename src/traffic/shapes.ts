/**
 * Traffic shapes as the scenario module hands them over: rates in messages per second, times in seconds from the
 * start of the simulation. A producer's rate is the SUM of its shapes.
 *
 * Optional keys accept an explicit `undefined` so that zod-inferred types (`loop?: boolean | undefined`) fit under
 * `exactOptionalPropertyTypes`.
 */

/** A loaded trace: `ratesPerS[i]` over `[startsS[i], startsS[i+1])`, the last one up to `endS`. Scale already applied. */
export interface TraceSeries {
  readonly startsS: readonly number[];
  readonly ratesPerS: readonly number[];
  readonly endS: number;
}

export interface ConstantShape {
  /** Rate for all t. */
  readonly constant: number;
}

export interface StepShape {
  /** Adds `rate` for t ≥ `at`. `rate` may be negative (a step down) as long as the total never goes negative. */
  readonly step: { readonly at: number; readonly rate: number };
}

export interface SpikeShape {
  /** 0 before `at`; linear 0→peak over the rise; peak over the hold; linear peak→0 over the fall; 0 after. */
  readonly spike: {
    readonly at: number;
    readonly peak: number;
    readonly rise: number;
    readonly hold: number;
    readonly fall: number;
  };
}

export interface DiurnalShape {
  /** mean + amplitude · cos(2π (t − peakAt) / period). */
  readonly diurnal: {
    readonly mean: number;
    readonly amplitude: number;
    readonly period: number;
    readonly peakAt: number;
  };
}

export interface TraceShape {
  /** Piecewise-constant replay; 0 after `endS` unless `loop` (period endS − startsS[0]). */
  readonly trace: {
    readonly file: string;
    readonly scale: number;
    readonly loop?: boolean | undefined;
    readonly series?: TraceSeries | undefined;
  };
}

export type TrafficShape = ConstantShape | StepShape | SpikeShape | DiurnalShape | TraceShape;

/** A short name for error messages: `traffic[2] (trace "x.csv")`. */
export function shapeLabel(index: number, shape: TrafficShape): string {
  if ("trace" in shape) return `traffic[${index}] (trace "${shape.trace.file}")`;
  const kind = Object.keys(shape)[0] ?? "unknown";
  return `traffic[${index}] (${kind})`;
}
