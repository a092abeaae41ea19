/**
 * Runs cells on a pool of `worker_threads` (or in this thread when
 * `workers` is 0). Each worker takes the next cell when it finishes one; a
 * worker that crashes turns its cell into an error record and is replaced.
 * Records are handed to `onRecord` as they finish (completion order).
 */
import type { Worker } from "node:worker_threads";
import type { Cell } from "./cells.js";
import type { CellRecord } from "./results.js";
import { runCell, type CellContext } from "./runCell.js";
import { locateWorkerEntry, startWorker, type WorkerEntry } from "./workerScript.js";

/** A message to a worker: run this cell. */
export interface PoolRequest {
  /** Sequence number echoed in the reply. */
  readonly seq: number;
  /** The cell. */
  readonly cell: Cell;
  /** Paths. */
  readonly ctx: CellContext;
}

/** A message from a worker. */
export type PoolReply = { readonly kind: "ready" } | { readonly kind: "done"; readonly seq: number; readonly record: CellRecord };

/** Options of {@link runPool}. */
export interface PoolOptions {
  /** Worker threads; 0 runs the cells in this thread. Default 1. */
  readonly workers?: number;
  /** Called once per finished cell, in completion order. */
  readonly onRecord?: (record: CellRecord) => void;
}

/** Defaults of {@link PoolOptions}. */
export const DEFAULT_POOL_OPTIONS: Required<PoolOptions> = { workers: 1, onRecord: () => {} };

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** Runs `cells` and resolves with their records (completion order) when all are done. */
export async function runPool(cells: readonly Cell[], ctx: CellContext, options: PoolOptions = {}): Promise<CellRecord[]> {
  const o = { ...DEFAULT_POOL_OPTIONS, ...options };
  const out: CellRecord[] = [];
  const emit = (r: CellRecord): void => {
    out.push(r);
    o.onRecord(r);
  };
  if (o.workers <= 0 || cells.length === 0) {
    for (const cell of cells) emit(await runCell(cell, ctx));
    return out;
  }
  const entry = locateWorkerEntry("./cellWorker", import.meta.url);
  if (entry === null) throw new Error("harness worker script not found (neither cellWorker.js nor cellWorker.ts with tsx); use workers: 0");
  let next = 0;
  let seq = 0;
  const lanes = Array.from({ length: Math.min(o.workers, cells.length) }, () => lane(entry));
  await Promise.all(lanes);
  return out;

  async function lane(e: WorkerEntry): Promise<void> {
    let worker: Worker | null = null;
    try {
      while (next < cells.length) {
        const cell = cells[next++] as Cell;
        worker ??= startWorker(e);
        const w = worker;
        const record = await runOn(w, cell, seq++);
        if (record.status === "error" && record.error.startsWith("WorkerCrash")) {
          worker = null; // replaced for the next cell
          await w.terminate().catch(() => undefined);
        }
        emit(record);
      }
    } finally {
      if (worker !== null) await worker.terminate();
    }
  }

  function runOn(w: Worker, cell: Cell, n: number): Promise<CellRecord> {
    const t0 = performance.now();
    return new Promise<CellRecord>((resolve) => {
      const finish = (r: CellRecord): void => {
        w.off("message", onMessage);
        w.off("error", onError);
        w.off("exit", onExit);
        resolve(r);
      };
      const crash = (why: string): CellRecord => ({ id: cell.id, status: "error", spec: cell.spec, error: `WorkerCrash: ${why}`, wallMs: performance.now() - t0 });
      const onMessage = (m: PoolReply): void => {
        if (m.kind === "done" && m.seq === n) finish(m.record);
      };
      const onError = (err: unknown): void => finish(crash(errorText(err)));
      const onExit = (code: number): void => finish(crash(`worker exited with code ${code}`));
      w.on("message", onMessage);
      w.on("error", onError);
      w.on("exit", onExit);
      w.postMessage({ seq: n, cell, ctx } satisfies PoolRequest);
    });
  }
}
