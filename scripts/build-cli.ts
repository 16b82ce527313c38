// `npm run build` bundles the CLI (dist/src/cli/main.js and everything it imports, its npm dependencies included)
// into one file, dist/cli/sqs-sim.mjs, the package's bin: Node then loads one module instead of some 350, which is
// most of a short command's time (`validate` 0.37 s before, 0.20 s after; issue 18). Left outside: the optional PNG
// renderer (chartjs-node-canvas and its native canvas, loaded only when charts are drawn) and build/test-time tools.
// The library entry points (sqs-sim, sqs-sim/core, …) stay the unbundled modules in dist/src.
import { build } from "esbuild";
import { chmodSync } from "node:fs";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");
export const CLI_BUNDLE = resolve(root, "dist/cli/sqs-sim.mjs");
await build({
  entryPoints: [resolve(root, "dist/src/cli/main.js")],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["chartjs-node-canvas", "@napi-rs/canvas", "canvas", "playwright-core", "esbuild"],
  // Bundled CommonJS dependencies call require(): an ES module has none of its own.
  banner: { js: 'import { createRequire as sqsSimCreateRequire } from "node:module"; const require = sqsSimCreateRequire(import.meta.url);' },
  legalComments: "inline",
  outfile: CLI_BUNDLE,
  logLevel: "warning",
});
chmodSync(CLI_BUNDLE, 0o755);
