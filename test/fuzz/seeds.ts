// The valid scenarios fuzz cases start from: every shipped scenario under scenarios/, the embedded default, and two
// that use every optional part of the format (kitchen-sink.ts).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { DEFAULT_SCENARIO_YAML } from "../../src/scenario/default-scenario.js";
import { KITCHEN_SINK_FIFO_YAML, KITCHEN_SINK_YAML } from "./kitchen-sink.js";

export interface Seed {
  /** The file's base name without .yaml, "default", or a kitchen-sink scenario's name. */
  name: string;
  /** The scenario as parsed from its YAML. */
  scenario: Record<string, unknown>;
}

/** The repository root, from the TypeScript sources (tests) or from dist/ (npm run fuzz). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("no package.json above the fuzzer");
    dir = parent;
  }
  return dir;
}

let cached: Seed[] | undefined;

export function seeds(): Seed[] {
  if (cached) return cached;
  const dir = join(repoRoot(), "scenarios");
  const shipped = readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => ({
      name: f.replace(/\.yaml$/, ""),
      scenario: YAML.parse(readFileSync(join(dir, f), "utf8")) as Record<string, unknown>,
    }));
  const own = (name: string, text: string): Seed => ({ name, scenario: YAML.parse(text) as Record<string, unknown> });
  cached = [own("default", DEFAULT_SCENARIO_YAML), ...shipped, own("kitchen-sink", KITCHEN_SINK_YAML), own("kitchen-sink-fifo", KITCHEN_SINK_FIFO_YAML)];
  return cached;
}

/** The traces the shipped scenarios replay, relative to scenarios/ (a case's scenario file sits beside them). */
export function shippedTraces(): { path: string; text: string }[] {
  const dir = join(repoRoot(), "scenarios", "traces");
  return readdirSync(dir)
    .sort()
    .map((f) => ({ path: `traces/${f}`, text: readFileSync(join(dir, f), "utf8") }));
}
