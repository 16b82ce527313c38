export type {
  ConstantShape,
  DiurnalShape,
  SpikeShape,
  StepShape,
  TraceSeries,
  TraceShape,
  TrafficShape,
} from "./shapes.js";
export { buildRate, expectedCount, type RateFunction } from "./rate.js";
export { nextArrivalTime } from "./arrival-time.js";
