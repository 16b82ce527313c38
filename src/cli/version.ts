// The CLI's --version: package.json's, read through the package's own name (its "exports" lists ./package.json),
// so that it resolves the same from src/ under the tests, from dist/ and from an installed copy.
import { createRequire } from "node:module";

export function packageVersion(): string {
  return (createRequire(import.meta.url)("sqs-sim/package.json") as { version: string }).version;
}
