import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Statistical tests simulate tens of hours; on a loaded 2-core machine they need more than the 5 s default.
    // This is a guard against hangs, never a performance assertion.
    testTimeout: 120_000,
    // Vitest's default on 2 cores is one worker; many files here wait on child processes (the CLI, the sweep's
    // workers), so two share the machine well.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Files share each worker's modules instead of importing them afresh: on 2 cores isolation spent 73 s of a
    // 191 s run importing (measured 2026-12-07; 123 s without it). Safe because the model is pure and no test mocks
    // a module, stubs a global, fakes timers, sets the environment or changes directory, which would leak into the
    // files after it: test/meta/shared-workers.test.ts refuses those.
    isolate: false,
  },
});
