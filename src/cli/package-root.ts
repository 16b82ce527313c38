// Where the installed package's own files are (its scenarios, the playground's worker): the nearest directory above
// this module whose package.json names sqs-sim. The module runs from the sources (src/cli, the tests), compiled
// (dist/src/cli) or bundled (dist/cli, the bin), so no fixed "../.." fits all three.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

let found: string | undefined;

export function packageRoot(): string {
  if (found !== undefined) return found;
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "sqs-sim") {
      found = dir;
      return dir;
    }
    if (dirname(dir) === dir) throw new Error(`the sqs-sim package's directory was not found above ${import.meta.dirname}`);
  }
}
