// Kubernetes resource quantities (issue 16): a pod's cpu and memory requests and a node's allocatable, written as
// Kubernetes writes them (aws-behaviour 9.18): cpu in cores or millicores ("500m", "0.5", 1, "2"), memory in bytes with
// a binary or decimal suffix ("512Mi", "1Gi", "512M", 536870912). Held as cores and whole bytes.
import { z } from "zod";
import { describeValue } from "./fields.js";

export const CPU_FORMS = 'cores or millicores, such as "500m", "0.5", 1 or "2"';
export const MEMORY_FORMS = 'bytes, or a number with Ki, Mi, Gi, Ti (powers of 1024) or k, M, G, T (powers of 1000), such as "512Mi", "1Gi" or "512M"';

const CPU_PATTERN = /^(\d+(?:\.\d+)?|\.\d+)(m?)$/;
const MEMORY_PATTERN = /^(\d+(?:\.\d+)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;
const MEMORY_FACTOR: Record<string, number> = {
  "": 1,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};
/** Far above any node (1,000,000 cores; 1 EiB): keeps the figures exact in a double. */
const MAX_MILLICORES = 1e9;
const MAX_BYTES = 2 ** 60;

/** Millicores from a cpu quantity, or the reason it is refused (Kubernetes' precision is 1m). */
export function parseCpu(raw: string | number): number | string {
  const text = typeof raw === "number" ? String(raw) : raw.trim();
  const m = CPU_PATTERN.exec(text);
  if (typeof raw === "number" && !Number.isFinite(raw)) return `${describeValue(raw)} is not a finite number`;
  if (m === null) return `${describeValue(raw)} is not a cpu quantity; use ${CPU_FORMS}`;
  const milli = Number(m[1]) * (m[2] === "m" ? 1 : 1000);
  if (milli <= 0) return `${describeValue(raw)} is too small: a cpu request must be more than 0`;
  if (!Number.isInteger(Math.round(milli * 1e6) / 1e6)) return `${describeValue(raw)} is finer than Kubernetes' cpu precision of 1m (0.001 cores)`;
  if (milli > MAX_MILLICORES) return `${describeValue(raw)} is above the maximum of 1000000 cores`;
  return Math.round(milli);
}

/** Bytes from a memory quantity, or the reason it is refused. */
export function parseMemory(raw: string | number): number | string {
  if (typeof raw === "number" && !Number.isFinite(raw)) return `${describeValue(raw)} is not a finite number`;
  const text = typeof raw === "number" ? String(raw) : raw.trim();
  // "512m" is 0.512 bytes to Kubernetes (m is milli): nearly always a slip for 512Mi.
  if (/^\d+(\.\d+)?m$/.test(text))
    return `${describeValue(raw)} is ${text.slice(0, -1)} ${text.slice(0, -1) === "1" ? "thousandth" : "thousandths"} of a byte to Kubernetes (m is milli); write ${text.slice(0, -1)}Mi or ${text.slice(0, -1)}M`;
  const m = MEMORY_PATTERN.exec(text);
  if (m === null) return `${describeValue(raw)} is not a memory quantity; use ${MEMORY_FORMS}`;
  const bytes = Number(m[1]) * MEMORY_FACTOR[m[2] ?? ""]!;
  if (bytes < 1) return `${describeValue(raw)} is too small: a memory figure must be at least 1 byte`;
  if (bytes > MAX_BYTES) return `${describeValue(raw)} is above the maximum of 1Ei`;
  // Kubernetes rounds a fractional byte count up.
  return Math.ceil(bytes);
}

function quantity(parse: (raw: string | number) => number | string, forms: string, what: string) {
  return z
    .union([z.string(), z.number()], {
      error: (iss) => (iss.input === undefined ? "required" : `expected ${what} (${forms}), got ${describeValue(iss.input)}`),
    })
    .transform((raw, ctx) => {
      const n = parse(raw);
      if (typeof n === "string") {
        ctx.addIssue({ code: "custom", message: n, input: raw });
        return z.NEVER;
      }
      return n;
    });
}

/** A cpu quantity, held in cores (0.5 for "500m"), so that the scenario as run, written with numbers, reads back the same. */
export function cpuQuantity() {
  return quantity(
    (raw) => {
      const milli = parseCpu(raw);
      return typeof milli === "string" ? milli : milli / 1000;
    },
    CPU_FORMS,
    "a cpu quantity",
  );
}

/** Whole millicores from cores held by cpuQuantity (exact: they came from whole millicores). */
export const millicores = (cores: number): number => Math.round(cores * 1000);

/** A memory quantity, held in bytes. */
export function memoryQuantity() {
  return quantity(parseMemory, MEMORY_FORMS, "a memory quantity");
}

/** How a figure reads in a message: "500m" for cpu, "512Mi" for memory when it is a whole number of Mi. */
export function showMillicores(m: number): string {
  return m % 1000 === 0 ? `${m / 1000}` : `${m}m`;
}

export function showBytes(b: number): string {
  for (const [suffix, f] of [
    ["Gi", 2 ** 30],
    ["Mi", 2 ** 20],
    ["Ki", 2 ** 10],
  ] as const)
    if (b % f === 0) return `${b / f}${suffix}`;
  return `${b}`;
}
