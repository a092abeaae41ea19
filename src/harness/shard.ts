/**
 * Deterministic slices of a grid for job arrays (`geopipe compare --shard K/N`):
 * the cells sorted by id (a hash, so every slice gets a mix of schedulers and
 * scenarios), and slice K takes every N-th of them starting at the K-th. The
 * slices are disjoint and cover the grid; they depend on the whole grid, so
 * every task of an array must run the same config.
 */
import type { Cell } from "./cells.js";

/** Slice `index` (1-based) of `count`. */
export interface Shard {
  /** Which slice, 1…count. */
  readonly index: number;
  /** How many slices. */
  readonly count: number;
}

/** A parsed `K/N`, or the message for a bad one. */
export type ShardOutcome = { readonly ok: true; readonly shard: Shard } | { readonly ok: false; readonly message: string };

/** Parses `K/N` with integers 1 ≤ K ≤ N. */
export function parseShard(raw: string): ShardOutcome {
  const m = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const index = m === null ? NaN : Number(m[1]);
  const count = m === null ? NaN : Number(m[2]);
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || index < 1 || index > count) {
    return { ok: false, message: `expected K/N with whole numbers 1 ≤ K ≤ N (slice K of N, e.g. 2/4; in a Slurm array: $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT with --array=1-N), got "${raw}"` };
  }
  return { ok: true, shard: { index, count } };
}

/** The cells of slice `shard`, in grid order. */
export function shardCells(cells: readonly Cell[], shard: Shard): Cell[] {
  const byId = [...cells].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const mine = new Set(byId.filter((_, i) => i % shard.count === shard.index - 1).map((c) => c.id));
  return cells.filter((c) => mine.has(c.id));
}

/** The results file name of a slice: `results-K-of-N.jsonl`. */
export function shardResultsName(shard: Shard): string {
  return `results-${shard.index}-of-${shard.count}.jsonl`;
}
