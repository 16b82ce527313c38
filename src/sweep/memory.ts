// A sweep runs several cells at once, one per worker thread, and each thread holds a run of its own: the memory
// preflight estimates for one run (runMemoryBytes) is needed again per thread, Node itself once.
import { BASE_BYTES } from "../sim/memory-estimate.js";

/** What a worker thread adds besides its run: its own V8 isolate and the modules it loads (measured ~50 MB). */
const THREAD_BYTES = 50e6;

/** The peak memory of a sweep running `workers` cells at once (1: on the main thread alone). */
export function sweepMemoryBytes(runBytes: number, workers: number): number {
  if (workers <= 1) return runBytes;
  return BASE_BYTES + workers * (Math.max(0, runBytes - BASE_BYTES) + THREAD_BYTES);
}

/** The most workers, up to `wanted`, whose runs fit within `limit` together; at least 1 (the main thread). */
export function workersWithin(runBytes: number, limit: number, wanted: number): number {
  let workers = Math.max(1, wanted);
  while (workers > 1 && !(sweepMemoryBytes(runBytes, workers) <= limit)) workers--;
  return workers;
}
