// What a run directory and a comparison directory hold: the names every writer and every ownership check use.
import { type DirLayout } from "./owned-dir.js";
import { PLATFORMS } from "./platforms/platform-names.js";
import { MESSAGE_TRACE_FILE, RUN_DATA_FILES } from "./run-files.js";

export const REPORT_FILE_NAMES = { html: "report.html", markdown: "report.md", chartsDir: "charts" } as const;

/** The file whose presence marks a directory as a comparison report (`sqs-sim compare`). */
export const COMPARISON_MARKER_FILE = "comparison.json";

/** The parts of summary.json that every run writes as objects. */
export const SUMMARY_KEYS = ["messages", "requests", "latency", "consumers", "fleet", "cost"] as const;
/** The architecture format's summary.json (simulate-architecture.ts). */
export const ARCHITECTURE_SUMMARY_KEYS = ["format", "topics", "queues", "consumers", "paths", "cost"] as const;

const isPng = (name: string): boolean => /^[A-Za-z0-9._-]+\.png$/.test(name) && !name.startsWith(".");

export const RUN_LAYOUT: DirLayout = {
  what: "an sqs-sim run directory",
  writer: "a run",
  files: [...Object.values(RUN_DATA_FILES), MESSAGE_TRACE_FILE, REPORT_FILE_NAMES.html, REPORT_FILE_NAMES.markdown],
  folders: { [REPORT_FILE_NAMES.chartsDir]: isPng },
  proof: { file: RUN_DATA_FILES.summary, check: (text) => jsonObjectWith(text, SUMMARY_KEYS) || jsonObjectWith(text, ARCHITECTURE_SUMMARY_KEYS) },
};

/** The file whose presence marks a directory as `sqs-sim compare-platforms`'s. */
export const PLATFORMS_FILE = "platforms.json";

/** compare-platforms: its report, and each platform's run data in a folder named after the platform. */
export const PLATFORMS_LAYOUT: DirLayout = {
  what: "an sqs-sim platforms comparison",
  writer: "compare-platforms",
  files: [PLATFORMS_FILE, REPORT_FILE_NAMES.html, REPORT_FILE_NAMES.markdown],
  folders: {
    [REPORT_FILE_NAMES.chartsDir]: isPng,
    ...Object.fromEntries(PLATFORMS.map((p) => [p, (name: string) => (Object.values(RUN_DATA_FILES) as string[]).includes(name)])),
  },
  proof: { file: PLATFORMS_FILE, check: (text) => jsonObjectWith(text, ["platforms", "runs"]) },
};

export const COMPARISON_LAYOUT: DirLayout = {
  what: "an sqs-sim comparison directory",
  writer: "a comparison",
  files: [COMPARISON_MARKER_FILE, REPORT_FILE_NAMES.html, REPORT_FILE_NAMES.markdown],
  folders: { [REPORT_FILE_NAMES.chartsDir]: isPng },
  proof: { file: COMPARISON_MARKER_FILE, check: (text) => jsonObjectWith(text, ["runs"]) },
};

/** Whether text is a JSON object with each of these keys as its own. */
export function jsonObjectWith(text: string, keys: readonly string[]): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  return typeof value === "object" && value !== null && !Array.isArray(value) && keys.every((k) => Object.hasOwn(value, k));
}
