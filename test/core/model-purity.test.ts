// The model runs anywhere JavaScript does (a browser playground next): no Node built-in may be imported by the model
// folders, nor Node's globals used there. The one file of src/scenario that reads files (load.ts) is the exception;
// validation itself (validate-text.ts) gets trace files from its caller.
import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
// playground: the page's simulator side runs in a browser's Web Worker.
const MODEL_FOLDERS = ["engine", "sqs", "sns", "traffic", "consumers", "scaling", "metrics", "sim", "scenario", "playground"];
const READS_FILES = new Set(["scenario/load.ts"]);
const BUILTINS = new Set(builtinModules);

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(SRC, folder), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => path.posix.join(folder, f.split(path.sep).join("/")));
}

/** Problems in one file's text: imports of Node built-ins, and uses of Node's globals. */
function nodeUses(text: string): string[] {
  const problems: string[] = [];
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)["']([^"']+)["']/g)) {
    const spec = m[1]!;
    if (spec.startsWith("node:") || BUILTINS.has(spec) || BUILTINS.has(spec.split("/")[0]!)) problems.push(`imports ${spec}`);
  }
  for (const m of code.matchAll(/\b(process|Buffer|__dirname|__filename|require)\s*[.(]/g)) problems.push(`uses ${m[1]}`);
  // Time only from the clock, randomness only from the seeded streams, output only through the caller.
  for (const m of code.matchAll(/\b(Date\.now|Math\.random|console\.\w+|performance\.now)\s*\(/g)) problems.push(`uses ${m[1]}`);
  return problems;
}

describe("model folders use no Node built-ins", () => {
  it("finds an import of a Node built-in or a Node global (the check itself)", () => {
    expect(nodeUses('import { createHash } from "node:crypto";')).toEqual(["imports node:crypto"]);
    expect(nodeUses('import fs from "fs";\nconst b = Buffer.from("x");')).toEqual(["imports fs", "uses Buffer"]);
    expect(nodeUses('const p = await import("node:path"); process.cwd();')).toEqual(["imports node:path", "uses process"]);
    expect(nodeUses('// import path from "node:path"\nimport { x } from "../engine/x.js";')).toEqual([]);
  });

  it("no file of src/{engine,sqs,sns,traffic,consumers,scaling,metrics,sim,scenario} but scenario/load.ts", () => {
    const files = MODEL_FOLDERS.flatMap(sourceFiles).filter((f) => !READS_FILES.has(f));
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((f) => nodeUses(readFileSync(path.join(SRC, f), "utf8")).map((p) => `${f}: ${p}`));
    expect(found).toEqual([]);
  });
});
