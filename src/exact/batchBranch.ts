/**
 * Branching of batch branch and price (`batchColumns.ts`): a branch bounds
 * how many stages the jobs of one class place in one region,
 * `Σ_{p of c} n_r(p)·λ_p ≤ k` or `≥ k + 1`, or (when every such count is an
 * integer) how many of them place stage k in region r — integers in every
 * integer solution, so the two children cover every placement of their
 * parent. The row's dual enters pricing as a price per stage of class c in
 * region r (at stage k, or at every stage; either sign), so the pricing
 * problem keeps its shape: a path graph with prices in F.
 */
import { branchUse, type Branch, type Column } from "./batchMaster.js";

export type { Branch };

/** +1 for a `≤` row, −1 for a `≥` row: the sign of its multiplier π ≥ 0 in the priced score (`+σ·π·n_r(p)`) and of `−σ·π·rhs` in the Lagrangian value. */
export const branchSign = (b: Branch): 1 | -1 => (b.sense === "le" ? 1 : -1);

/** Price of class `cls` placing stage k in region r, `[k·R + r]`: `μ_r·g` plus its branches' `σ·π` (prices: μ per region, ν per link, π per branch, in that order). */
export function stagePrices(cls: number, gpusPerStage: number, S: number, R: number, L: number, prices: Float64Array, branches: readonly Branch[]): Float64Array {
  const out = new Float64Array(S * R);
  for (let k = 0; k < S; k++) for (let r = 0; r < R; r++) out[k * R + r] = (prices[r] as number) * gpusPerStage;
  branches.forEach((b, i) => {
    if (b.cls !== cls) return;
    const p = branchSign(b) * (prices[R + L + i] as number);
    for (let k = b.stage < 0 ? 0 : b.stage; k < (b.stage < 0 ? S : b.stage + 1); k++) out[k * R + b.region] = (out[k * R + b.region] as number) + p;
  });
  return out;
}

/** `Σ_b σ_b·π_b·n_b(col)`: what the branch rows add to column `col`'s priced score. */
export function branchPrice(R: number, L: number, prices: Float64Array, branches: readonly Branch[], col: Column): number {
  return branches.reduce((s, b, i) => s + branchSign(b) * (prices[R + L + i] as number) * branchUse(b, col), 0);
}

/** `Σ_b σ_b·π_b·rhs_b`: what the branch rows take off the Lagrangian value. */
export function branchValue(R: number, L: number, prices: Float64Array, branches: readonly Branch[]): number {
  return branches.reduce((s, b, i) => s + branchSign(b) * (prices[R + L + i] as number) * b.rhs, 0);
}

/** The count farthest from an integer in the LP solution `values` (λ per column of `cols`): stages of a class in a region, else (all of those integers) stages k of a class in a region; null when every count is within `tol` of an integer. */
export function pickBranch(cols: readonly Column[], values: (i: number) => number, tol = 1e-6): { cls: number; region: number; stage: number; value: number } | null {
  const total = new Map<string, number>();
  const atStage = new Map<string, number>();
  cols.forEach((col, i) => {
    const v = values(i);
    if (v <= 0) return;
    for (const [r, n] of col.stages) total.set(`${col.cls},${r},-1`, (total.get(`${col.cls},${r},-1`) ?? 0) + n * v);
    col.regions.forEach((r, k) => atStage.set(`${col.cls},${r},${k}`, (atStage.get(`${col.cls},${r},${k}`) ?? 0) + v));
  });
  for (const counts of [total, atStage]) {
    let best: { cls: number; region: number; stage: number; value: number } | null = null;
    let far = tol;
    for (const [key, v] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const d = Math.abs(v - Math.round(v));
      if (d <= far) continue;
      const [cls, region, stage] = key.split(",").map(Number) as [number, number, number];
      [far, best] = [d, { cls, region, stage, value: v }];
    }
    if (best !== null) return best;
  }
  return null;
}

/** `Σ_b min(0, (big − π_b)·rhs_b)` over the `≥` rows: the Lagrangian term of their artificial columns (cost `big`, `batchMaster.ts`); 0 while π ≤ big. */
export function artificialValue(R: number, L: number, prices: Float64Array, branches: readonly Branch[], big: number): number {
  return branches.reduce((s, b, i) => s + (b.sense === "ge" ? Math.min(0, (big - (prices[R + L + i] as number)) * b.rhs) : 0), 0);
}

/** Whether every column value is within `tol` of an integer. */
export const integral = (n: number, values: (i: number) => number, tol = 1e-6): boolean => Array.from({ length: n }, (_, i) => values(i)).every((v) => Math.abs(v - Math.round(v)) <= tol);

/** A node of the tree: its branch rows, the bound proven for it (its parent's at first) and the prices its column generation starts from. */
export interface BranchNode {
  readonly branches: readonly Branch[];
  readonly bound: number;
  readonly centre: Float64Array;
}

/** The two children of `node` on the count `value` of (cls, region, stage); each starts at its parent's bound and centre (with π = 0 for the new row). */
export function children(node: BranchNode, bound: number, centre: Float64Array, pick: { cls: number; region: number; stage: number; value: number }): BranchNode[] {
  const grown = new Float64Array(centre.length + 1);
  grown.set(centre);
  const lo = Math.floor(pick.value);
  return [
    { branches: [...node.branches, { cls: pick.cls, region: pick.region, stage: pick.stage, sense: "le", rhs: lo }], bound, centre: grown },
    { branches: [...node.branches, { cls: pick.cls, region: pick.region, stage: pick.stage, sense: "ge", rhs: lo + 1 }], bound, centre: Float64Array.from(grown) },
  ];
}

/** Drops from `open` the nodes whose bound reaches `cutoff`; the rest, least bound first. */
export function pruneOpen(open: readonly BranchNode[], cutoff: number): BranchNode[] {
  return open.filter((n) => n.bound < cutoff).sort((a, b) => a.bound - b.bound);
}
