// Shards: one slice of the grid per machine. Shard i of n takes the cells whose index is i modulo n, so every shard
// gets a similar mix of the grid (the last --vary list cycles fastest) and the slices never overlap.
import { type Shard } from "./definition.js";

/** The environment variables --shard auto reads (a plain record, so that tests pass their own). */
export type ShardEnv = Readonly<Record<string, string | undefined>>;

/** Kubernetes Indexed Jobs set this in each pod (0 … completions − 1). */
export const K8S_INDEX = "JOB_COMPLETION_INDEX";
/** AWS Batch array jobs set this in each child job (0 … size − 1). */
export const BATCH_INDEX = "AWS_BATCH_JOB_ARRAY_INDEX";
export const BATCH_SIZE = "AWS_BATCH_JOB_ARRAY_SIZE";

/**
 * The shard from --shard (`i/n`, `auto` or `auto/n`) and --shard-count. `auto` takes the index from
 * JOB_COMPLETION_INDEX (checked first) or AWS_BATCH_JOB_ARRAY_INDEX, and the count from `auto/n`, --shard-count, or
 * AWS_BATCH_JOB_ARRAY_SIZE; the ones given must agree.
 */
export function resolveShard(spec: string, countOption: number | undefined, env: ShardEnv): Shard | { error: string } {
  const text = spec.trim();
  const auto = /^auto(?:\/(.*))?$/.exec(text);
  if (auto === null) {
    const m = /^(\d+)\/(\d+)$/.exec(text);
    if (m === null) return { error: `--shard ${spec}: expected i/n (e.g. 0/4; i counts from 0), auto or auto/n` };
    const shard = { index: Number(m[1]), count: Number(m[2]) };
    if (countOption !== undefined && countOption !== shard.count) {
      return { error: `--shard ${spec} and --shard-count ${countOption} disagree on the number of shards` };
    }
    return checked(shard, `--shard ${spec}`);
  }

  const counts: { count: number; from: string }[] = [];
  if (auto[1] !== undefined) {
    if (!/^\d+$/.test(auto[1])) return { error: `--shard ${spec}: expected auto/n with n a whole number` };
    counts.push({ count: Number(auto[1]), from: `--shard ${spec}` });
  }
  if (countOption !== undefined) counts.push({ count: countOption, from: `--shard-count ${countOption}` });

  let index: { value: string; from: string };
  const k8s = env[K8S_INDEX];
  const batch = env[BATCH_INDEX];
  if (k8s !== undefined && k8s !== "") index = { value: k8s, from: K8S_INDEX };
  else if (batch !== undefined && batch !== "") {
    index = { value: batch, from: BATCH_INDEX };
    const size = env[BATCH_SIZE];
    if (size !== undefined && size !== "") {
      if (!/^\d+$/.test(size)) return { error: `${BATCH_SIZE} is "${size}", not a whole number` };
      counts.push({ count: Number(size), from: `${BATCH_SIZE}=${size}` });
    }
  } else {
    return {
      error:
        `--shard auto: neither ${K8S_INDEX} (a Kubernetes Indexed Job) nor ${BATCH_INDEX} (an AWS Batch array ` + "job) is set; give the shard as i/n instead",
    };
  }
  if (!/^\d+$/.test(index.value)) return { error: `${index.from} is "${index.value}", not a whole number` };
  const first = counts[0];
  if (first === undefined) {
    return { error: `--shard auto: ${index.from} gives the index, but the number of shards is unknown; give it as --shard auto/<n> or --shard-count <n>` };
  }
  const other = counts.find((c) => c.count !== first.count);
  if (other !== undefined) return { error: `${first.from} and ${other.from} disagree on the number of shards` };
  return checked({ index: Number(index.value), count: first.count }, `--shard ${spec} (${index.from}=${index.value})`);
}

function checked(shard: Shard, what: string): Shard | { error: string } {
  if (shard.count < 1) return { error: `${what}: the number of shards must be at least 1` };
  if (shard.index >= shard.count)
    return { error: `${what}: shard ${shard.index} does not exist in ${shard.count} shards (indexes run from 0 to ${shard.count - 1})` };
  return shard;
}

/** Whether cell `index` belongs to the shard (every cell does without one). */
export function inShard(index: number, shard: Shard | null): boolean {
  return shard === null || index % shard.count === shard.index;
}
