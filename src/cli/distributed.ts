/**
 * The flags of `geopipe compare` that spread a grid over machines: `--queue`
 * (cells through BullMQ to `geopipe worker` processes) and `--shard K/N` (one
 * slice of a job array). Checked here, where they enter: a bad URL or slice
 * and an unreachable server are one-line errors (exit 2). docs/distributed.md.
 */
import type { CellRunner } from "../harness/run.js";
import { parseShard, type Shard } from "../harness/shard.js";
import type { RedisTarget } from "../harness/queue/redisUrl.js";
import { UserError } from "./errors.js";

/** The distribution flags as commander parses them. */
export interface DistributedFlags {
  /** `redis://HOST:PORT[/DB]`. */
  readonly queue?: string;
  /** BullMQ queue name. */
  readonly queueName?: string;
  /** Runs per cell before it counts as failed. */
  readonly attempts?: string;
  /** Wait before a retry, ms. */
  readonly backoffMs?: string;
  /** `K/N`. */
  readonly shard?: string;
  /** Local worker threads (not with `--queue`). */
  readonly workers?: string;
}

/** How a compare run is spread. */
export interface Distribution {
  /** The queue runner; null for the local pool. */
  readonly runner: CellRunner | null;
  /** The slice; null for the whole grid. */
  readonly shard: Shard | null;
  /** How the cells run, for the start line (e.g. `queue "geopipe" at redis://…, code 0.1.0+src.…`); null for the pool. */
  readonly describe: string | null;
}

/** Parses a whole number ≥ `min` given to `flag`. */
export function wholeNumber(flag: string, raw: string, min: number): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min) throw new UserError(`${flag}: expected a whole number ≥ ${min}, got "${raw}"`);
  return n;
}

/** Parses and checks `--queue URL` and reaches the server (one-line errors naming the URL). */
export async function queueTarget(raw: string): Promise<RedisTarget> {
  const { parseRedisUrl } = await import("../harness/queue/redisUrl.js");
  const { probeRedis } = await import("../harness/queue/probe.js");
  const parsed = parseRedisUrl(raw);
  if (!parsed.ok) throw new UserError(`--queue: ${parsed.message}`);
  const probe = await probeRedis(parsed.target);
  if (!probe.ok) throw new UserError(`--queue: cannot reach Redis at ${parsed.target.display} (${probe.reason}); start redis-server there or fix the URL`);
  return parsed.target;
}

/** The distribution `flags` ask for; `onNote` receives the queue's notes (stalled cells, failures, no worker). */
export async function distribution(flags: DistributedFlags, onNote: (line: string) => void): Promise<Distribution> {
  if (flags.queue !== undefined && flags.shard !== undefined) throw new UserError("--queue and --shard: use one; a queue already spreads the cells over its workers");
  if (flags.queue !== undefined && flags.workers !== undefined) throw new UserError("--workers: with --queue the cells run in `geopipe worker` processes (their --concurrency); drop --workers");
  if (flags.queue === undefined) {
    for (const [flag, v] of [["--queue-name", flags.queueName], ["--attempts", flags.attempts], ["--backoff-ms", flags.backoffMs]] as const) {
      if (v !== undefined) throw new UserError(`${flag}: only with --queue URL`);
    }
  }
  if (flags.shard !== undefined) {
    const s = parseShard(flags.shard);
    if (!s.ok) throw new UserError(`--shard: ${s.message}`);
    return { runner: null, shard: s.shard, describe: null };
  }
  if (flags.queue === undefined) return { runner: null, shard: null, describe: null };
  const attempts = flags.attempts === undefined ? undefined : wholeNumber("--attempts", flags.attempts, 1);
  const backoffMs = flags.backoffMs === undefined ? undefined : wholeNumber("--backoff-ms", flags.backoffMs, 0);
  const target = await queueTarget(flags.queue);
  const { runOnQueue, DEFAULT_QUEUE_RUN_OPTIONS } = await import("../harness/queue/coordinator.js");
  const { codeVersion } = await import("../harness/queue/codeVersion.js");
  const queueName = flags.queueName ?? DEFAULT_QUEUE_RUN_OPTIONS.queueName;
  const options = { target, queueName, onNote, ...(attempts !== undefined ? { attempts } : {}), ...(backoffMs !== undefined ? { backoffMs } : {}) };
  return {
    runner: (cells, ctx, onRecord) => runOnQueue(cells, ctx, onRecord, options),
    shard: null,
    describe: `queue "${queueName}" at ${target.display}, code ${codeVersion()}`,
  };
}
