/**
 * A pool of candidate columns for batch column generation
 * (`batchColumns.ts`): every path of a class made of at most `maxBlocks`
 * contiguous blocks of stages, each block in one region (one-region paths,
 * and two-region splits at every stage). Pricing the pool is arithmetic on
 * the LP duals, so the master LP reaches the pool's optimum before the
 * engine is asked; the engine's pricing then proves the bound (or finds the
 * paths the pool lacks).
 */
import { columnOf, type Capacities, type Column, type ShapeClass } from "./batchMaster.js";

/** Region index per stage of every path of S stages over R regions with at most `maxBlocks` (1 or 2) blocks. */
export function blockPaths(S: number, R: number, maxBlocks: number): number[][] {
  const paths: number[][] = [];
  for (let r = 0; r < R; r++) paths.push(Array.from({ length: S }, () => r));
  if (maxBlocks < 2) return paths;
  for (let a = 0; a < R; a++) for (let b = 0; b < R; b++) {
    if (a === b) continue;
    for (let cut = 1; cut < S; cut++) paths.push(Array.from({ length: S }, (_, k) => (k < cut ? a : b)));
  }
  return paths;
}

/** The pool's columns of class `cls` that are in the MILP's feasible set. */
export function poolColumns(cls: number, k: ShapeClass, maxBlocks: number): Column[] {
  return blockPaths(k.coef.job.stages, k.graph.regions, maxBlocks).flatMap((regions) => {
    const col = columnOf(cls, k, regions);
    return col === null ? [] : [col];
  });
}

/** The pool's greedy placement: job after job (class per job in `classOf`), the cheapest pool column of its class that still fits the shared capacities, until some job finds none; `complete` when every job found one. */
export function poolGreedy(classes: readonly ShapeClass[], pool: readonly Column[], classOf: readonly number[], cap: Capacities): { chosen: Column[]; complete: boolean } {
  const used = new Float64Array(cap.freeGpus.length);
  const gbps = new Map<string, number>();
  const linkIndex = new Map(cap.linkKeys.map((key, l) => [key, l] as const));
  const chosen: Column[] = [];
  for (const cls of classOf) {
    const g = (classes[cls] as ShapeClass).coef.job.gpusPerStage;
    const fits = (col: Column): boolean =>
      [...col.stages].every(([r, n]) => (used[r] as number) + n * g <= (cap.freeGpus[r] as number) + 1e-9) &&
      [...col.gbps].every(([key, x]) => (gbps.get(key) ?? 0) + x <= (cap.residualGbps[linkIndex.get(key) as number] as number) * (1 + 1e-9));
    const best = pool.filter((col) => col.cls === cls && fits(col)).reduce<Column | null>((b, col) => (b === null || col.cost < b.cost ? col : b), null);
    if (best === null) return { chosen, complete: false };
    for (const [r, n] of best.stages) used[r] = (used[r] as number) + n * g;
    for (const [key, x] of best.gbps) gbps.set(key, (gbps.get(key) ?? 0) + x);
    chosen.push(best);
  }
  return { chosen, complete: true };
}
