// `npm run golden`: rewrites test/golden/*.summary.json from the current model and says which changed. Run it when a
// change alters a number on purpose, and say why in the commit that carries the new files.
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { goldenCases, goldenDir } from "./golden-cases.js";

// Compiled to dist/scripts/, so the project root is two levels up.
const root = resolve(import.meta.dirname, "../..");
const dir = goldenDir(root);
const cases = goldenCases(root);
const changed: string[] = [];
for (const c of cases) {
  const path = join(dir, c.file);
  const text = c.summary();
  const before = existsSync(path) ? readFileSync(path, "utf8") : null;
  if (before === text) continue;
  writeFileSync(path, text);
  changed.push(`${before === null ? "added" : "changed"} ${c.file}`);
}
const wanted = new Set(cases.map((c) => c.file));
for (const f of readdirSync(dir).filter((f) => f.endsWith(".summary.json") && !wanted.has(f))) {
  rmSync(join(dir, f));
  changed.push(`removed ${f}`);
}
console.log(changed.length === 0 ? `golden: all ${cases.length} summaries unchanged` : changed.join("\n"));
