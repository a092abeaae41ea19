/**
 * The coordinator of a queued run (`geopipe compare --queue URL`): each cell
 * becomes one BullMQ job whose id is derived from the cell's key and inputs
 * (src/harness/queue/payload.ts), so adding it again — after a restart, or
 * from a second coordinator — is a no-op. Records are collected as jobs
 * finish: QueueEvents wakes the coordinator at once, and a poll of the
 * unfinished jobs' states every `pollMs` catches whatever an event stream
 * misses (a restart, a reconnect). Retries (`attempts`, `backoff`) and the
 * recovery of cells whose worker died (stalled-job detection) are BullMQ's.
 *
 * A finished job is removed after its record was handed on (appended and
 * fsynced by the harness); a failed one before, so that a leftover failed job
 * always means "not recorded yet" and a leftover completed one is collected
 * without being run again.
 */
import { Job, Queue, QueueEvents, type JobsOptions } from "bullmq";
import type { Cell } from "../cells.js";
import { cellLabel } from "../progress.js";
import { isRecord, type CellRecord } from "../results.js";
import { errorText, type CellContext } from "../runCell.js";
import { storeBlobs } from "./blobStore.js";
import { codeVersion } from "./codeVersion.js";
import { DEFAULT_KEEP_SEC, DEFAULT_QUEUE_NAME } from "./options.js";
import { CellResolver, jobIdOf, type CellPayload } from "./payload.js";
import { connectionOptions, type RedisTarget } from "./redisUrl.js";
import type { SourceBlob } from "./resolvedInputs.js";

/** Options of {@link runOnQueue}. */
export interface QueueRunOptions {
  /** The Redis server. */
  readonly target: RedisTarget;
  /** BullMQ queue name (workers must use the same); default {@link DEFAULT_QUEUE_NAME}. */
  readonly queueName?: string;
  /** Runs per cell before it is recorded as failed (BullMQ `attempts`); default 3. */
  readonly attempts?: number;
  /** Wait before each retry, ms (BullMQ fixed `backoff`); default 1000. */
  readonly backoffMs?: number;
  /** How often the states of unfinished jobs are read, ms (events are the fast path); default 2000. */
  readonly pollMs?: number;
  /** How long finished jobs and their documents stay in Redis, s; default {@link DEFAULT_KEEP_SEC}. */
  readonly keepSec?: number;
  /** Code version written into each payload; default this process's (src/harness/queue/codeVersion.ts). */
  readonly codeVersion?: string;
  /** Receives lines worth telling the user (a stalled cell, a failed cell's attempts, no worker connected); default none. */
  readonly onNote?: (line: string) => void;
}

/** Defaults of {@link QueueRunOptions} (all but `target`). */
export const DEFAULT_QUEUE_RUN_OPTIONS = {
  queueName: DEFAULT_QUEUE_NAME,
  attempts: 3,
  backoffMs: 1000,
  pollMs: 2000,
  keepSec: DEFAULT_KEEP_SEC,
  onNote: (_line: string): void => {},
} as const;

/** A cell on its way through the queue. */
interface QueuedCell {
  readonly cell: Cell;
  readonly payload: CellPayload;
  readonly opts: JobsOptions & { readonly jobId: string };
  readonly blobs: readonly SourceBlob[];
}

/** The BullMQ job name of a cell. */
export const JOB_NAME = "cell";

/** Jobs added (or looked up) per round trip. */
const BATCH = 256;

function chunks<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** A failure reason as an error record's `Name: message` (a reason from BullMQ itself gets `QueueError`). */
function failureText(reason: string): string {
  return /^[A-Za-z]\w*: /.test(reason) ? reason : `QueueError: ${reason}`;
}

/**
 * Runs `cells` through the queue and hands each record to `onRecord` as it is collected (completion order);
 * resolves when every cell has a record. Cells whose files cannot be read get their error record at once.
 */
export async function runOnQueue(cells: readonly Cell[], ctx: CellContext, onRecord: (record: CellRecord) => void, options: QueueRunOptions): Promise<void> {
  const o = { ...DEFAULT_QUEUE_RUN_OPTIONS, ...options, codeVersion: options.codeVersion ?? codeVersion() };
  if (cells.length === 0) return;
  const connection = connectionOptions(o.target);
  const queue = new Queue(o.queueName, { connection });
  const events = new QueueEvents(o.queueName, { connection });
  let connectionNoted = false;
  const onError = (e: Error): void => {
    if (!connectionNoted) o.onNote(`Redis at ${o.target.display}: ${e.message} (retrying)`);
    connectionNoted = true;
  };
  queue.on("error", onError);
  events.on("error", onError);
  try {
    await events.waitUntilReady();
    const resolver = new CellResolver(ctx, o.codeVersion);
    const pending = new Map<string, QueuedCell>();
    for (const cell of cells) {
      const t0 = performance.now();
      try {
        const r = resolver.resolve(cell);
        const jobId = jobIdOf(r.payload);
        const keep = { age: o.keepSec };
        const opts: JobsOptions & { jobId: string } = { jobId, attempts: o.attempts, backoff: { type: "fixed", delay: o.backoffMs }, removeOnComplete: keep, removeOnFail: keep };
        pending.set(jobId, { cell, payload: r.payload, opts, blobs: r.blobs }); // the same cell twice in a grid is one job
      } catch (e) {
        onRecord({ id: cell.id, status: "error", spec: cell.spec, error: errorText(e), wallMs: performance.now() - t0 });
      }
    }
    const queued = [...pending.values()];
    await storeBlobs(queue, queued.flatMap((q) => q.blobs), o.keepSec);
    const checking = new Set<string>();
    let wake = (): void => {};
    const check = async (jobId: string): Promise<void> => {
      if (!pending.has(jobId) || checking.has(jobId)) return;
      checking.add(jobId);
      try {
        await settle(jobId);
      } catch (e) {
        onError(e instanceof Error ? e : new Error(String(e))); // read again at the next poll
      } finally {
        checking.delete(jobId);
      }
    };
    const settle = async (jobId: string): Promise<void> => {
      const state = await queue.getJobState(jobId);
      if (state !== "completed" && state !== "failed" && state !== "unknown") return;
      const job = state === "unknown" ? undefined : await Job.fromId<CellPayload, unknown>(queue, jobId);
      const q = pending.get(jobId);
      if (q === undefined) return; // settled meanwhile
      const { cell } = q;
      if (job === undefined) {
        o.onNote(`cell ${cellLabel(cell.spec)}: its job ${jobId} is no longer in Redis (removed, or the server restarted without its data); adding it again`);
        await storeBlobs(queue, q.blobs, o.keepSec);
        await queue.add(JOB_NAME, q.payload, q.opts);
        return;
      }
      pending.delete(jobId);
      if (state === "completed") {
        const rv = job.returnvalue;
        const record: CellRecord = isRecord(rv) && rv.id === cell.id ? rv : { id: cell.id, status: "error", spec: cell.spec, error: "QueueError: the job finished without a cell record", wallMs: 0 };
        onRecord(record);
        await job.remove().catch(() => undefined);
      } else {
        const reason = failureText(job.failedReason ?? "failed without a reason");
        await job.remove().catch(() => undefined);
        o.onNote(`cell ${cellLabel(cell.spec)} failed after ${job.attemptsMade} attempt(s): ${reason}`);
        const wallMs = job.finishedOn !== undefined && job.processedOn !== undefined ? job.finishedOn - job.processedOn : 0;
        onRecord({ id: cell.id, status: "error", spec: cell.spec, error: reason, wallMs });
      }
      if (pending.size === 0) wake();
    };
    events.on("completed", ({ jobId }) => void check(jobId));
    events.on("failed", ({ jobId }) => void check(jobId));
    events.on("stalled", ({ jobId }) => {
      const cell = pending.get(jobId)?.cell;
      if (cell !== undefined) o.onNote(`cell ${cellLabel(cell.spec)}: its worker stopped renewing the lock (killed or hung); BullMQ put it back in the queue`);
    });
    for (const batch of chunks(queued, BATCH)) await queue.addBulk(batch.map((q) => ({ name: JOB_NAME, data: q.payload, opts: q.opts })));
    let workersNoted = false;
    while (pending.size > 0) {
      for (const batch of chunks([...pending.keys()], BATCH)) await Promise.all(batch.map(check));
      if (pending.size === 0) break;
      const workers = await queue.getWorkersCount().catch(() => -1);
      if (workers === 0 && !workersNoted) o.onNote(`no worker is connected to queue "${o.queueName}" at ${o.target.display}; start one: geopipe worker --queue ${o.target.display}`);
      workersNoted = workers === 0;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, o.pollMs);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  } finally {
    await events.close().catch(() => undefined);
    await queue.close().catch(() => undefined);
  }
}
