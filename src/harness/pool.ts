/**
 * Runs cells on a pool of `worker_threads` (or in this thread when
 * `workers` is 0). Each worker takes the next cell when it finishes one; a
 * worker that crashes turns its cell into an error record and is replaced
 * (src/harness/threadLane.ts). Records are handed to `onRecord` as they
 * finish (completion order).
 */
import type { Cell } from "./cells.js";
import type { CellRecord } from "./results.js";
import { runCell, type CellContext } from "./runCell.js";
import { cellWorkerEntry, createLane } from "./threadLane.js";

/** Options of {@link runPool}. */
export interface PoolOptions {
  /** Worker threads; 0 runs the cells in this thread. Default 1. */
  readonly workers?: number;
  /** Called once per finished cell, in completion order. */
  readonly onRecord?: (record: CellRecord) => void;
}

/** Defaults of {@link PoolOptions}. */
export const DEFAULT_POOL_OPTIONS: Required<PoolOptions> = { workers: 1, onRecord: () => {} };

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
  const entry = cellWorkerEntry();
  if (entry === null) throw new Error("harness worker script not found (neither cellWorker.js nor cellWorker.ts with tsx); use workers: 0");
  let next = 0;
  const lanes = Array.from({ length: Math.min(o.workers, cells.length) }, async () => {
    const lane = createLane(entry);
    try {
      while (next < cells.length) emit(await lane.run(cells[next++] as Cell, { kind: "files", ctx }));
    } finally {
      await lane.close();
    }
  });
  await Promise.all(lanes);
  return out;
}
