import { getHeapStatistics } from "node:v8";
import { type PreflightHost } from "../sim/preflight.js";

/** This process as preflight needs to know it: its JavaScript heap limit, which --max-old-space-size sets. */
export function processHost(): PreflightHost {
  return { heapLimitBytes: getHeapStatistics().heap_size_limit };
}
