/**
 * A fast proven lower bound on the least weighted score over one job's
 * paths (`buildPathGraph`, prices folded into F), for the Lagrangian bound
 * of batch column generation (`batchColumns.ts`) when the engine cannot
 * prove the priced optimum in time.
 *
 * For every candidate bottleneck b (each a stage term of the DAG), over the
 * paths whose terms are all ≤ b, evaluated at b (each path is counted at its
 * own bottleneck, where its score is at least this): the score is
 * `wt·T + wc·(P·T + F)` with `T ≥ (M−1)·b + Z` (equal with blocking sends,
 * and the score grows with T). The product P·T is bounded below by its
 * McCormick under-estimators over the box [P_lo, P_hi] × [T_lo, T_hi]
 * of that path set (each end a shortest or longest path):
 * `P·T ≥ P_lo·T + T_lo·P − P_lo·T_lo` and `P·T ≥ P_hi·T + T_hi·P − P_hi·T_hi`,
 * so each gives a score linear in the path's sums, whose least value is a
 * shortest path. Capacities (the job's own slots and link rows) are dropped:
 * a relaxation, so the bound stays valid.
 */
import type { PathArc, PathGraph } from "./pathGraph.js";

/** Weights of the weighted score: `wt·T + wc·(P·T + F)`, T = (M−1)·b + Z. */
export interface ScoreWeights {
  /** α/T_ref. */
  readonly wt: number;
  /** (1−α)/cost_ref. */
  readonly wc: number;
}

/** Least `Σ node(k, r) + Σ arc(e)` over the paths of `gr` whose stage terms are all ≤ `capSec`, and one such path (regions); Infinity and null when none. */
function shortest(gr: PathGraph, capSec: number, node: (k: number, r: number) => number, arc: (e: PathArc) => number, withPath = false): { value: number; regions: number[] | null } {
  const S = gr.stages;
  const R = gr.regions;
  const ok = (k: number, r: number): boolean => (gr.allowed[k] as boolean[])[r] === true && (!(gr.overlap || k === S - 1) || ((gr.nodeTermSec[k] as number[])[r] as number) <= capSec);
  let dist = new Float64Array(R).fill(Infinity);
  const parent: Int32Array[] = [];
  for (let r = 0; r < R; r++) if (ok(0, r)) dist[r] = node(0, r);
  for (let k = 0; k + 1 < S; k++) {
    const next = new Float64Array(R).fill(Infinity);
    const from = new Int32Array(R).fill(-1);
    const rows = gr.out[k] as PathArc[][];
    for (let r = 0; r < R; r++) {
      const d = dist[r] as number;
      if (d === Infinity) continue;
      for (const e of rows[r] as PathArc[]) {
        if (e.termSec > capSec || !ok(k + 1, e.to)) continue;
        const v = d + arc(e) + node(k + 1, e.to);
        if (v < (next[e.to] as number)) {
          next[e.to] = v;
          from[e.to] = r;
        }
      }
    }
    if (withPath) parent.push(from);
    dist = next;
  }
  let best = Infinity;
  let end = -1;
  for (let r = 0; r < R; r++) if ((dist[r] as number) < best) [best, end] = [dist[r] as number, r];
  if (!withPath || end < 0) return { value: best, regions: null };
  const regions = [end];
  for (let k = S - 2; k >= 0; k--) regions.unshift((parent[k] as Int32Array)[regions[0] as number] as number);
  return { value: best, regions };
}

/** What {@link scoreLowerBound} found. */
export interface ScoreBound {
  /** Proven lower bound on the least score (capacities relaxed); Infinity when the graph has no path. */
  readonly bound: number;
  /** The path (region per stage) of the least linearised score at the bottleneck value that set the bound; null without one. */
  readonly regions: readonly number[] | null;
}

/** A proven lower bound on the least score `w` over the paths of `gr` (capacities relaxed), and the path that set it. */
export function scoreLowerBound(gr: PathGraph, w: ScoreWeights): ScoreBound {
  const M1 = gr.microBatches - 1;
  const t = (k: number, r: number): number => (gr.computeSec[k] as number[])[r] as number;
  const rho = (_k: number, r: number): number => gr.costRate[r] as number;
  const phi = (k: number, r: number): number => (gr.costFixed[k] as number[])[r] as number;
  const hop = (e: PathArc): number => e.hopSec;
  const none = (): number => 0;
  const neg = <A extends unknown[]>(f: (...a: A) => number) => (...a: A): number => -f(...a);
  let best = Infinity;
  let regions: number[] | null = null;
  // Over all paths (no cap): the McCormick bound with the global box, evaluated at b, grows with b (its
  // slope in b is (M−1)·(wt + wc·P) > 0 for every path) and bounds every path of bottleneck ≥ b: once it
  // reaches the best, no larger b can lower the bound.
  const zAll = shortest(gr, Infinity, t, hop).value;
  const pAll = shortest(gr, Infinity, rho, none).value;
  const aAll = w.wt + w.wc * pAll;
  for (const b of gr.candidatesSec) {
    const tAll = M1 * b + zAll;
    const glob = aAll * M1 * b - w.wc * pAll * tAll + shortest(gr, Infinity, (k, r) => aAll * t(k, r) + w.wc * (tAll * rho(k, r) + phi(k, r)), (e) => aAll * e.hopSec + w.wc * e.fixedUsd).value;
    if (glob >= best) break;
    const zLo = shortest(gr, b, t, hop).value;
    if (zLo === Infinity) continue; // no path with every term ≤ b
    const zHi = -shortest(gr, b, neg(t), neg(hop)).value;
    const pLo = shortest(gr, b, rho, none).value;
    const pHi = -shortest(gr, b, neg(rho), none).value;
    const tLo = M1 * b + zLo;
    const tHi = M1 * b + zHi;
    // score ≥ (wt + wc·Pc)·(M1·b + Z) + wc·Tc·P + wc·F − wc·Pc·Tc, for (Pc, Tc) = (lo, lo) and (hi, hi)
    let at = -Infinity;
    let path: number[] | null = null;
    for (const [pc, tc] of [[pLo, tLo], [pHi, tHi]] as const) {
      const a = w.wt + w.wc * pc;
      const lin = shortest(gr, b, (k, r) => a * t(k, r) + w.wc * (tc * rho(k, r) + phi(k, r)), (e) => a * e.hopSec + w.wc * e.fixedUsd, true);
      const v = a * M1 * b - w.wc * pc * tc + lin.value;
      if (v > at) [at, path] = [v, lin.regions];
    }
    if (at < best) [best, regions] = [at, path];
  }
  return { bound: best, regions };
}
