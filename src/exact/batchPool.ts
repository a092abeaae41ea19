/**
 * A pool of candidate columns for batch column generation
 * (`batchColumns.ts`): every path of a class made of at most `maxBlocks`
 * contiguous blocks of stages, each block in one region (one-region paths,
 * and two-region splits at every stage). Pricing the pool is arithmetic on
 * the LP duals, so the master LP reaches the pool's optimum before the
 * engine is asked; the engine's pricing then proves the bound (or finds the
 * paths the pool lacks).
 */
import { columnOf, type Column, type ShapeClass } from "./batchMaster.js";

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
