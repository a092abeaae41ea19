/**
 * One worker thread that runs cells one at a time (a lane of the pool, or a
 * slot of a queue worker). A thread that crashes turns its cell into a
 * `WorkerCrash: …` error record and is replaced for the next cell.
 */
import type { Worker } from "node:worker_threads";
import type { Cell } from "./cells.js";
import type { ResolvedInputs } from "./queue/resolvedInputs.js";
import type { CellRecord } from "./results.js";
import { errorText, type CellContext } from "./runCell.js";
import { locateWorkerEntry, startWorker, type WorkerEntry } from "./workerScript.js";

/** Where a cell's input comes from: files relative to a context (local runs), or values sent with a queued job. */
export type CellSource = { readonly kind: "files"; readonly ctx: CellContext } | { readonly kind: "resolved"; readonly inputs: ResolvedInputs };

/** A message to a worker thread: run this cell. */
export interface LaneRequest {
  /** Sequence number echoed in the reply. */
  readonly seq: number;
  /** The cell. */
  readonly cell: Cell;
  /** Its input. */
  readonly source: CellSource;
}

/** A message from a worker thread. */
export type LaneReply = { readonly kind: "ready" } | { readonly kind: "done"; readonly seq: number; readonly record: CellRecord };

/** A worker thread running one cell at a time. */
export interface ThreadLane {
  /** Runs `cell` in the thread; a crash of the thread gives a `WorkerCrash` record (never rejects). */
  run(cell: Cell, source: CellSource): Promise<CellRecord>;
  /** Terminates the thread. */
  close(): Promise<void>;
}

/** The harness's worker-thread script (cellWorker.js, or cellWorker.ts through tsx); null when neither is usable. */
export function cellWorkerEntry(): WorkerEntry | null {
  return locateWorkerEntry("./cellWorker", import.meta.url);
}

/** A lane on `entry`; the thread starts with the first cell. */
export function createLane(entry: WorkerEntry): ThreadLane {
  let worker: Worker | null = null;
  let seq = 0;
  return {
    async run(cell, source) {
      worker ??= startWorker(entry);
      const w = worker;
      const record = await runOn(w, cell, source, seq++);
      if (record.status === "error" && record.error.startsWith("WorkerCrash")) {
        worker = null; // replaced for the next cell
        await w.terminate().catch(() => undefined);
      }
      return record;
    },
    async close() {
      const w = worker;
      worker = null;
      if (w !== null) await w.terminate();
    },
  };
}

function runOn(w: Worker, cell: Cell, source: CellSource, n: number): Promise<CellRecord> {
  const t0 = performance.now();
  return new Promise<CellRecord>((resolve) => {
    const finish = (r: CellRecord): void => {
      w.off("message", onMessage);
      w.off("error", onError);
      w.off("exit", onExit);
      resolve(r);
    };
    const crash = (why: string): CellRecord => ({ id: cell.id, status: "error", spec: cell.spec, error: `WorkerCrash: ${why}`, wallMs: performance.now() - t0 });
    const onMessage = (m: LaneReply): void => {
      if (m.kind === "done" && m.seq === n) finish(m.record);
    };
    const onError = (err: unknown): void => finish(crash(errorText(err)));
    const onExit = (code: number): void => finish(crash(`worker exited with code ${code}`));
    w.on("message", onMessage);
    w.on("error", onError);
    w.on("exit", onExit);
    w.postMessage({ seq: n, cell, source } satisfies LaneRequest);
  });
}
