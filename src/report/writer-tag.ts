// Names of the temporary files and folders sqs-sim writes beside its output (`.run.partial-<tag>`,
// `.summary.json.tmp-<tag>`). The tag says who wrote them — host, process id and a random part — so that the next
// command that touches the output can tell debris left by a killed process from the work of one still running.
import { hostname } from "node:os";
import { lstatSync } from "node:fs";

/** Another host's temporary entries are taken as abandoned once this old (a write phase takes seconds). */
const OTHER_HOST_GRACE_MS = 60_000;

/** This process's tag: `<host>-<pid>-<random>`, safe in a file name. */
export function writerTag(): string {
  return tagFor(process.pid);
}

/** The tag a process with this id on this host writes (tests make the debris of a process that ended with it). */
export function tagFor(pid: number): string {
  return `${hostTag()}-${pid}-${Math.random().toString(36).slice(2, 10).padEnd(8, "0")}`;
}

/** The writer named by a tag; older versions of sqs-sim wrote `<pid>-<random>`, on this host. */
export function parseWriterTag(tag: string): { host: string; pid: number } | null {
  const current = /^([A-Za-z0-9-]{1,32})-(\d{1,10})-[a-z0-9]{8}$/.exec(tag);
  if (current !== null) return { host: current[1]!, pid: Number(current[2]) };
  const older = /^(\d{1,10})-[a-z0-9]{1,12}$/.exec(tag);
  return older === null ? null : { host: hostTag(), pid: Number(older[1]) };
}

function hostTag(): string {
  return (
    (
      hostname()
        .replace(/[^A-Za-z0-9-]+/g, "-")
        .slice(0, 32) || "host"
    ).replace(/^-|-$/g, "") || "host"
  );
}

/**
 * Whether the process that wrote an entry with this tag has ended, so that its entry is debris. On this host: its
 * process id is no longer running (or is ours: a restarted container reuses process ids, and this process has not
 * written anything yet when it clears debris). Elsewhere (a shared volume): the entry has not changed for a minute.
 */
export function writerIsGone(host: string, pid: number, path: string, nowMs: number = Date.now()): boolean {
  if (host === hostTag()) return pid === process.pid || !processRuns(pid);
  try {
    return nowMs - lstatSync(path).ctimeMs > OTHER_HOST_GRACE_MS;
  } catch {
    return false;
  }
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as { code?: string }).code === "EPERM";
  }
}
