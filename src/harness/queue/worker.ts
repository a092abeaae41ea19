/**
 * A queue worker (`geopipe worker --queue URL`): takes cells from the BullMQ
 * queue and runs each in a worker thread of its own (one per `concurrency`
 * slot), so the main thread stays free to renew the job locks however long a
 * cell computes. It needs no shared file system: a job's documents come from
 * Redis. A job queued by another code version is refused (failed without
 * retries, with a message that names both versions).
 */
import { hostname } from "node:os";
import { UnrecoverableError, Worker, type Job } from "bullmq";
import { cellLabel } from "../progress.js";
import type { CellRecord } from "../results.js";
import { cellWorkerEntry, createLane, type ThreadLane } from "../threadLane.js";
import { fetchBlobs } from "./blobStore.js";
import { codeVersion } from "./codeVersion.js";
import { DEFAULT_QUEUE_NAME } from "./options.js";
import { inputsOf, PAYLOAD_FORMAT, type BlobRef, type CellPayload } from "./payload.js";
import { connectionOptions, type RedisTarget } from "./redisUrl.js";

/** Options of {@link startQueueWorker}. */
export interface QueueWorkerOptions {
  /** The Redis server. */
  readonly target: RedisTarget;
  /** BullMQ queue name; default {@link DEFAULT_QUEUE_NAME}. */
  readonly queueName?: string;
  /** Cells run at once, each in its own thread; default 1. */
  readonly concurrency?: number;
  /** BullMQ `lockDuration`, ms: a cell whose worker stops renewing its lock this long is taken back; default 30000. */
  readonly lockDurationMs?: number;
  /** BullMQ `stalledInterval`, ms: how often this worker looks for such cells; default 30000. */
  readonly stalledIntervalMs?: number;
  /** BullMQ `maxStalledCount`: times a cell may be taken back before it fails; default 1. */
  readonly maxStalledCount?: number;
  /** Name in logs and in BullMQ's worker list; default `<host>-<pid>`. */
  readonly name?: string;
  /** Code version this worker accepts; default this process's (src/harness/queue/codeVersion.ts). */
  readonly codeVersion?: string;
  /** Receives one line per event (start, done, failed attempt, refusal); default none. */
  readonly log?: (line: string) => void;
}

/** Defaults of {@link QueueWorkerOptions} (all but `target`, `name`, `codeVersion`). */
export const DEFAULT_QUEUE_WORKER_OPTIONS = {
  queueName: DEFAULT_QUEUE_NAME,
  concurrency: 1,
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  maxStalledCount: 1,
  log: (_line: string): void => {},
} as const;

/** How a worker stops. */
export type CloseMode =
  /** Take no new cell; let the running ones finish and record them. */
  | "finish"
  /** Put the running cells back in the queue at once (another worker takes them) and stop. */
  | "release";

/** A running worker. */
export interface QueueWorker {
  /** Its name. */
  readonly name: string;
  /** Its code version. */
  readonly codeVersion: string;
  /** Stops it (see {@link CloseMode}); resolves when its connections and threads are closed. */
  close(mode: CloseMode): Promise<void>;
}

/** Starts a worker on `options.target` (resolves once it is connected). */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const o = { ...DEFAULT_QUEUE_WORKER_OPTIONS, ...options };
  const version = options.codeVersion ?? codeVersion();
  const name = options.name ?? `${hostname()}-${process.pid}`;
  const entry = cellWorkerEntry();
  if (entry === null) throw new Error("harness worker script not found (neither cellWorker.js nor cellWorker.ts with tsx)");
  const free: ThreadLane[] = Array.from({ length: o.concurrency }, () => createLane(entry));
  const lanes = [...free];
  const texts = new Map<string, string>();
  const active = new Map<string, { readonly job: Job; readonly token: string | undefined }>();
  let closing: CloseMode | null = null;

  const processor = async (job: Job<CellPayload, CellRecord>, token?: string): Promise<CellRecord> => {
    const p = job.data;
    const label = p?.cell?.spec !== undefined ? cellLabel(p.cell.spec) : `job ${job.id}`;
    if (p?.format !== PAYLOAD_FORMAT || p.codeVersion !== version) {
      const msg = `CodeVersionMismatch: ${label} was queued by geopipe ${p?.codeVersion ?? "?"} (payload format ${p?.format ?? "?"}), worker ${name} runs ${version}; install the coordinator's version on every worker`;
      o.log(`refused ${label}: ${msg}`);
      throw new UnrecoverableError(msg);
    }
    const refs: BlobRef[] = p.workload === null ? [p.topology, p.models] : [p.topology, p.models, p.workload];
    const problem = await fetchBlobs(worker, refs, texts);
    const inputs = problem === null ? inputsOf(p, texts) : null;
    if (inputs === null || "missing" in inputs) throw new UnrecoverableError(`DocumentMissing: ${problem ?? "a document is not in Redis"}`);
    const lane = free.pop();
    if (lane === undefined) throw new Error("no free thread (concurrency exceeded)");
    const attempt = `attempt ${job.attemptsMade + 1}/${job.opts.attempts ?? 1}`;
    o.log(`start ${label} (job ${job.id}, ${attempt})`);
    active.set(job.id ?? "", { job, token });
    try {
      const record = await lane.run(p.cell, { kind: "resolved", inputs });
      if (closing === "release") throw new Error("released"); // the job is back in the queue; nothing to record
      if (record.status === "error") {
        o.log(`failed ${label} (${attempt}): ${record.error}`);
        throw new Error(record.error); // BullMQ retries it until its attempts are used up
      }
      o.log(`done ${label} in ${(record.wallMs / 1000).toFixed(1)} s`);
      return record;
    } finally {
      active.delete(job.id ?? "");
      free.push(lane);
    }
  };

  const worker: Worker<CellPayload, CellRecord> = new Worker<CellPayload, CellRecord>(o.queueName, processor, {
    connection: connectionOptions(o.target),
    concurrency: o.concurrency,
    lockDuration: o.lockDurationMs,
    stalledInterval: o.stalledIntervalMs,
    maxStalledCount: o.maxStalledCount,
    name,
    autorun: false,
  });
  let lastError = "";
  worker.on("error", (e) => {
    if (closing !== null || e.message === lastError) return;
    lastError = e.message;
    o.log(`error: ${e.message}`);
  });
  worker.on("stalled", (jobId) => o.log(`took back job ${jobId}: its worker stopped renewing the lock (killed or hung)`));
  await worker.waitUntilReady();
  void worker.run();

  return {
    name,
    codeVersion: version,
    async close(mode) {
      if (closing !== "release") closing = mode;
      const closed = worker.close(); // stops fetching at once; resolves when the running processors have returned
      if (mode === "release") {
        for (const { job, token } of active.values()) if (token !== undefined) await job.moveToWait(token).catch(() => undefined);
        await Promise.all(lanes.map((l) => l.close())); // the running cells end now; their jobs wait for another worker
      }
      await closed;
      await Promise.all(lanes.map((l) => l.close()));
    },
  };
}
