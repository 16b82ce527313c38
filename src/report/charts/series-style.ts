// One look per series name, used by every chart and every report, so "in flight" is the same orange dashed line
// wherever it appears. Colours are Okabe–Ito (safe for colour blindness); dash patterns and point styles differ too,
// so a greyscale print still tells the lines apart.

export interface SeriesStyle {
  label: string;
  color: string;
  dash: number[];
  pointStyle: "circle" | "triangle" | "rect" | "rectRot" | "cross" | "star" | "line" | "crossRot";
}

const BLACK = "#000000";
const ORANGE = "#E69F00";
const SKY = "#56B4E9";
const GREEN = "#009E73";
const BLUE = "#0072B2";
const VERMILLION = "#D55E00";
const PURPLE = "#CC79A7";
const GREY = "#7F7F7F";
const YELLOW = "#B8A600"; // Okabe–Ito yellow darkened to stay visible on white
const INDIGO = "#332288"; // from Paul Tol's palette: one more colour that stays apart from the eight above

export const SERIES = {
  visible: { label: "visible", color: BLUE, dash: [], pointStyle: "circle" },
  inFlight: { label: "in flight", color: ORANGE, dash: [8, 4], pointStyle: "triangle" },
  delayed: { label: "delayed", color: PURPLE, dash: [2, 3], pointStyle: "rect" },
  arrivalRate: { label: "arrival rate", color: BLACK, dash: [12, 4, 2, 4], pointStyle: "crossRot" },
  desired: { label: "desired", color: BLACK, dash: [8, 4], pointStyle: "rect" },
  pending: { label: "pending", color: ORANGE, dash: [3, 3], pointStyle: "triangle" },
  inService: { label: "InService", color: GREEN, dash: [], pointStyle: "circle" },
  warming: { label: "warming", color: SKY, dash: [12, 3, 2, 3], pointStyle: "rectRot" },
  terminating: { label: "terminating", color: VERMILLION, dash: [2, 4], pointStyle: "cross" },
  scaleOut: { label: "scale-out activity", color: VERMILLION, dash: [], pointStyle: "triangle" },
  scaleIn: { label: "scale-in activity", color: BLUE, dash: [], pointStyle: "rectRot" },
  backlogPerInstance: { label: "backlog per instance", color: INDIGO, dash: [], pointStyle: "circle" },
  target: { label: "target", color: BLACK, dash: [6, 4], pointStyle: "line" },
  threshold: { label: "threshold", color: BLACK, dash: [2, 3], pointStyle: "line" },
  ageOfOldest: { label: "age of oldest message", color: VERMILLION, dash: [], pointStyle: "triangle" },
  queueWaitP50: { label: "queue wait p50", color: SKY, dash: [8, 4], pointStyle: "circle" },
  queueWaitP99: { label: "queue wait p99", color: BLUE, dash: [], pointStyle: "rect" },
  queueWait: { label: "queue wait", color: BLUE, dash: [], pointStyle: "circle" },
  endToEnd: { label: "end to end", color: GREEN, dash: [8, 4], pointStyle: "triangle" },
  slo: { label: "SLO", color: BLACK, dash: [4, 4], pointStyle: "line" },
  sent: { label: "sent", color: BLACK, dash: [], pointStyle: "circle" },
  received: { label: "received", color: BLUE, dash: [8, 4], pointStyle: "triangle" },
  deleted: { label: "deleted", color: GREEN, dash: [2, 3], pointStyle: "rect" },
  emptyReceives: { label: "empty receives", color: GREY, dash: [12, 3, 2, 3], pointStyle: "cross" },
  redelivered: { label: "redelivered", color: ORANGE, dash: [], pointStyle: "triangle" },
  deadLettered: { label: "dead-lettered", color: VERMILLION, dash: [4, 2], pointStyle: "star" },
  deadLetterDepth: { label: "messages in the dead-letter queue", color: PURPLE, dash: [], pointStyle: "rect" },
  expired: { label: "expired", color: GREY, dash: [6, 3], pointStyle: "cross" },
  deleteIgnored: { label: "delete ignored", color: VERMILLION, dash: [], pointStyle: "crossRot" },
  copy: { label: "duplicate copy received", color: SKY, dash: [], pointStyle: "rectRot" },
  computeCost: { label: "compute", color: GREEN, dash: [], pointStyle: "circle" },
  sqsCost: { label: "SQS requests", color: ORANGE, dash: [8, 4], pointStyle: "triangle" },
  totalCost: { label: "total", color: BLACK, dash: [2, 3], pointStyle: "rect" },
  percentiles: { label: "percentiles", color: YELLOW, dash: [], pointStyle: "star" },
  groupsInFlight: { label: "groups with a message in flight", color: PURPLE, dash: [], pointStyle: "rect" },
  busyWorkers: { label: "busy workers", color: GREEN, dash: [8, 4], pointStyle: "circle" },
  unsent: { label: "waiting in producers", color: VERMILLION, dash: [2, 3], pointStyle: "triangle" },
  throttledSends: { label: "throttled send calls", color: INDIGO, dash: [6, 2, 2, 2], pointStyle: "crossRot" },
  throttledReceives: { label: "throttled receive calls", color: YELLOW, dash: [10, 2], pointStyle: "cross" },
  deduplicated: { label: "deduplicated sends", color: SKY, dash: [4, 4], pointStyle: "rectRot" },
  orderViolations: { label: "order violations", color: PURPLE, dash: [1, 3], pointStyle: "star" },
  nodes: { label: "nodes", color: PURPLE, dash: [6, 3], pointStyle: "rect" },
  pollers: { label: "pollers (the most in each period)", color: BLACK, dash: [8, 4], pointStyle: "rect" },
  concurrency: { label: "concurrency (mean invocations running)", color: GREEN, dash: [], pointStyle: "circle" },
  throttles: { label: "throttled invocations", color: VERMILLION, dash: [], pointStyle: "crossRot" },
  sweepCell: { label: "cell", color: BLUE, dash: [], pointStyle: "circle" },
  sweepInfeasible: { label: "cell that misses an SLO", color: GREY, dash: [], pointStyle: "crossRot" },
  paretoFront: { label: "Pareto front", color: VERMILLION, dash: [6, 3], pointStyle: "rectRot" },
  recommended: { label: "recommended", color: BLACK, dash: [], pointStyle: "star" },
} satisfies Record<string, SeriesStyle>;

export type SeriesName = keyof typeof SERIES;

/** A translucent version of a #RRGGBB colour, for fills and shaded bands. */
export function withAlpha(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** Bands: periods in ALARM for a scale-out alarm, and for a scale-in (low) alarm. */
export const ALARM_HIGH_BAND = withAlpha(VERMILLION, 0.14);
export const ALARM_LOW_BAND = withAlpha(SKY, 0.18);

/** For comparison charts: one colour and dash per run, in the order the runs are given. */
export const RUN_STYLES: { color: string; dash: number[] }[] = [
  { color: BLUE, dash: [] },
  { color: VERMILLION, dash: [8, 4] },
  { color: GREEN, dash: [2, 3] },
  { color: PURPLE, dash: [12, 3, 2, 3] },
  { color: ORANGE, dash: [4, 4] },
  { color: BLACK, dash: [1, 2] },
  { color: SKY, dash: [16, 4] },
  { color: YELLOW, dash: [6, 2, 2, 2] },
];
