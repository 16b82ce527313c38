// `npm run build` bundles the playground's Web Worker (src/playground/sim-worker.ts, compiled to dist/) with the
// simulator into one browser script, dist/playground/sim-worker.js, which `sqs-sim playground` inlines in its page.
// esbuild is a build-time tool: the bundle ships in dist/, so a user of the package never runs it.
import { build } from "esbuild";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");
await build({
  entryPoints: [resolve(root, "dist/src/playground/sim-worker.js")],
  bundle: true,
  platform: "browser",
  format: "iife",
  minify: true,
  legalComments: "inline",
  outfile: resolve(root, "dist/playground/sim-worker.js"),
  logLevel: "warning",
});
