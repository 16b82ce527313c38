import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Statistical tests simulate tens of hours; on a loaded 2-core machine they need more than the 5 s default.
    // This is a guard against hangs, never a performance assertion.
    testTimeout: 120_000,
  },
});
