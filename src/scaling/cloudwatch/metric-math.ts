import { SCALING_METRICS } from "../../engine/scaling-metrics.js";
import { METRIC } from "./metric-names.js";
import { type MetricSource } from "./metric-source.js";

/**
 * A metric computed from other metrics' datapoints of the same period, like a CloudWatch metric math expression
 * (aws-behaviour 6.18). `compute` gets the inputs' values in `inputs` order and returns null for "no value" (e.g.
 * division by zero). It is called with a reused array, so it must not keep it.
 */
export interface DerivedMetric {
  readonly name: string;
  readonly inputs: readonly string[];
  readonly compute: (values: readonly number[]) => number | null;
}

/** numerator ÷ denominator; a zero denominator gives no datapoint, as CloudWatch metric math does. */
export function ratio(name: string, numerator: string, denominator: string): DerivedMetric {
  return {
    name,
    inputs: [numerator, denominator],
    compute: (values) => {
      const divisor = values[1] ?? 0;
      return divisor === 0 ? null : (values[0] ?? Number.NaN) / divisor;
    },
  };
}

/**
 * AWS's recipe for SQS worker fleets: visible messages ÷ InService instances (aws-behaviour 6.17-6.18). With no
 * InService instance there is no datapoint, so a fleet scaled to zero puts this alarm in INSUFFICIENT_DATA
 * (aws-behaviour 6.12) unless its alarm treats missing data otherwise.
 */
export const BACKLOG_PER_INSTANCE: DerivedMetric = ratio(SCALING_METRICS.backlogPerInstance.cloudWatchName, METRIC.visible, METRIC.inService);

/** The SQS gauge behind each name `messagesPerInstance` takes. */
const GAUGE_OF: Record<string, string> = { visible: METRIC.visible, notVisible: METRIC.notVisible, delayed: METRIC.delayed };

/**
 * The chosen SQS gauges summed, ÷ InService instances (metric math, 6.18), e.g. (visible + notVisible) ÷ InService:
 * unlike backlog per instance it counts the messages being worked on, so a fleet that keeps up reads about its
 * busy workers per instance instead of 0. No datapoint with no instance InService, as for backlog per instance.
 */
export function messagesPerInstance(name: string, include: readonly string[]): DerivedMetric {
  const gauges = include.map((c) => {
    const gauge = GAUGE_OF[c];
    if (gauge === undefined) throw new RangeError(`messagesPerInstance: ${c} is not visible, notVisible or delayed`);
    return gauge;
  });
  const n = gauges.length;
  return {
    name,
    inputs: [...gauges, METRIC.inService],
    compute: (values) => {
      const divisor = values[n] ?? 0;
      if (divisor === 0) return null;
      let sum = 0;
      for (let i = 0; i < n; i++) sum += values[i] ?? Number.NaN;
      return sum / divisor;
    },
  };
}

/**
 * A derived metric evaluated lazily at read time: nothing is stored, so it costs no memory and can never disagree
 * with its inputs when one of them is re-recorded.
 */
export class DerivedSource implements MetricSource {
  private readonly scratch: number[];

  constructor(
    private readonly definition: DerivedMetric,
    private readonly inputs: readonly MetricSource[],
  ) {
    this.scratch = inputs.map(() => 0);
  }

  get name(): string {
    return this.definition.name;
  }

  valueAt(n: number): number {
    for (let i = 0; i < this.inputs.length; i++) {
      const v = this.inputs[i]!.valueAt(n);
      // Any missing input leaves the expression without a value for this period.
      if (Number.isNaN(v)) return Number.NaN;
      this.scratch[i] = v;
    }
    const result = this.definition.compute(this.scratch);
    return result === null || !Number.isFinite(result) ? Number.NaN : result;
  }
}
