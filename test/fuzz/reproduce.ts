// A shell script that rebuilds a case's sandbox (as much of it as the case touches) and runs the command with the
// built CLI: the reproduction printed with each failure of `npm run fuzz`.
import { join } from "node:path";
import { argvOf, type CaseFile, type FuzzCase, shellQuote } from "./fuzz-case.js";
import { EARLIER_RUN } from "./sandbox.js";
import { repoRoot } from "./seeds.js";

const LONGEST_PRINTED = 4000;

function writeFile(file: CaseFile): string[] {
  const path = shellQuote(file.path);
  const dir = file.path.includes("/") ? [`mkdir -p ${shellQuote(file.path.slice(0, file.path.lastIndexOf("/")))}`] : [];
  const c = file.content;
  if ("text" in c) {
    if (c.text.length > LONGEST_PRINTED)
      return [...dir, `# ${file.path}: ${c.text.length.toLocaleString("en-US")} characters, too long to print; replay with npm run fuzz -- --seed … --path …`];
    return [...dir, `printf '%s' ${shellQuote(c.text)} > ${path}`];
  }
  if ("base64" in c) return [...dir, `echo ${c.base64.length > LONGEST_PRINTED ? "<too long>" : c.base64} | base64 -d > ${path}`];
  switch (c.special) {
    case "directory":
      return [`mkdir -p ${path}`];
    case "fifo":
      return [...dir, `mkfifo ${path}`];
    case "dev-zero":
      return [...dir, `ln -s /dev/zero ${path}`];
    case "missing":
      return [];
  }
}

/** Lines of a POSIX shell script; run them in an empty directory's shell. */
export function reproduction(c: FuzzCase): string[] {
  const main = join(repoRoot(), "dist", "src", "cli", "main.js");
  const all = `${argvOf(c).join(" ")} ${c.scenario && "text" in c.scenario.content ? c.scenario.content.text.slice(0, 100_000) : ""}`;
  const lines = [
    'cd "$(mktemp -d)" && mkdir work && echo beside > outside.txt && cd work',
    "mkdir -p src data empty && echo '# my notes' > NOTES.md && echo 'int main(void) { return 0; }' > src/main.c",
    "echo '{\"mine\": true}' > data/summary.json && echo 'keep me' > data/notes.txt",
  ];
  if (all.includes("traces/")) {
    lines.push(
      `for d in . scenarios; do mkdir -p $d/traces/a-directory.csv && cp ${shellQuote(join(repoRoot(), "scenarios", "traces"))}/*.csv $d/traces/ && ln -s /dev/zero $d/traces/dev-zero.csv && mkfifo $d/traces/fifo.csv && head -c 2048 /dev/urandom > $d/traces/binary.csv && : > $d/traces/empty.csv; done`,
    );
  }
  if (all.includes("earlier-run") || c.occupied === "run") {
    lines.push(
      `printf 'name: earlier\\nduration: 2m\\nproducers: [{name: p, traffic: [{constant: 2}]}]\\n' > ../earlier.yaml && node ${shellQuote(main)} run ../earlier.yaml --out ${EARLIER_RUN} --no-charts -q`,
    );
  }
  if (c.occupied !== undefined && c.name !== undefined) {
    const dir = `reports/${c.command === "sweep" ? `${c.name}-sweep` : c.name}`;
    lines.push(
      c.occupied === "run" ? `cp -r ${EARLIER_RUN} ${shellQuote(dir)}` : `mkdir -p ${shellQuote(dir)} && echo 'not a run' > ${shellQuote(`${dir}/mine.txt`)}`,
    );
  }
  if (c.scenario) lines.push(...writeFile(c.scenario));
  lines.push(
    `node ${shellQuote(main)} ${argvOf(c)
      .map((a) => shellQuote(a.length > LONGEST_PRINTED ? `${a.slice(0, 60)}…` : a))
      .join(" ")}; echo "exit $?"`,
  );
  return lines;
}
