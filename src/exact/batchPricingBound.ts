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
 * shortest path.
 *
 * Piecewise (`pieces` > 1): the P range is cut
 * into pieces, each piece's McCormick box is narrower, and the side of the
 * piece a shortest path cannot hold is moved into the objective by a
 * Lagrange multiplier (any multiplier ≥ 0 gives a bound), so the bound of a
 * bottleneck value is the least over its pieces.
 *
 * Capacities: with `blockSlots` (default) a path may not hold more stages in
 * a row in region r than r's slots (every path that fits its regions' slots
 * meets this: a relaxation of the job's own GPU rows); link rows are dropped.
 */
import type { PathArc, PathGraph } from "./pathGraph.js";

/** Weights of the weighted score: `wt·T + wc·(P·T + F)`, T = (M−1)·b + Z. */
export interface ScoreWeights {
  /** α/T_ref. */
  readonly wt: number;
  /** (1−α)/cost_ref. */
  readonly wc: number;
}

/** Options of {@link scoreLowerBound}; all optional, defaults in {@link DEFAULT_SCORE_BOUND_OPTIONS}. */
export interface ScoreBoundOptions {
  /** Pieces of the P range per bottleneck value (1: the plain McCormick bound). Default 6. */
  readonly pieces?: number;
  /** Bisection steps of each piece's Lagrange multiplier. Default 8. */
  readonly multiplierSteps?: number;
  /** Bound runs of stages in one region by the region's slots (a relaxation of the job's GPU rows; false: slots ignored). Default true. */
  readonly blockSlots?: boolean;
}

/** Defaults of {@link ScoreBoundOptions}. */
export const DEFAULT_SCORE_BOUND_OPTIONS: Required<ScoreBoundOptions> = { pieces: 6, multiplierSteps: 8, blockSlots: true };

/**
 * A shortest-path oracle over the paths whose stage terms are all ≤ `capSec`:
 * the least `Σ_k (x·t_k(r) + y·ρ_r + z·φ_{k,r}) + Σ_hops (x·c + z·F_hop)`,
 * and one such path (regions); Infinity and null when none.
 */
type Shortest = (capSec: number, x: number, y: number, z: number, withPath?: boolean) => { value: number; regions: number[] | null };

/** The oracle of `gr` on flat arrays; with `blockSlots`, runs of stages in one region longer than its slots are cut (states: region × run length). */
function shortestOf(gr: PathGraph, blockSlots: boolean): Shortest {
  const S = gr.stages;
  const R = gr.regions;
  // run length is tracked only in regions with fewer slots than stages (longer runs are free elsewhere)
  const runCap = gr.slots.map((s) => (blockSlots && s < S ? Math.max(1, s) : S));
  const W = Math.max(1, ...runCap.filter((c) => c < S));
  const allowed = new Uint8Array(S * R);
  const nodeTerm = new Float64Array(S * R);
  const t = new Float64Array(S * R);
  const phi = new Float64Array(S * R);
  for (let k = 0; k < S; k++) for (let r = 0; r < R; r++) {
    allowed[k * R + r] = (gr.allowed[k] as boolean[])[r] === true ? 1 : 0;
    nodeTerm[k * R + r] = gr.overlap || k === S - 1 ? ((gr.nodeTermSec[k] as number[])[r] as number) : -Infinity;
    t[k * R + r] = (gr.computeSec[k] as number[])[r] as number;
    phi[k * R + r] = (gr.costFixed[k] as number[])[r] as number;
  }
  const rho = Float64Array.from(gr.costRate);
  // arcs of stage k: [start[k], start[k+1]) in the flat arrays
  const start = new Int32Array(S);
  const from: number[] = [];
  const to: number[] = [];
  const hop: number[] = [];
  const term: number[] = [];
  const fixed: number[] = [];
  for (let k = 0; k + 1 < S; k++) {
    start[k] = from.length;
    const rows = gr.out[k] as PathArc[][];
    for (let r = 0; r < R; r++) for (const e of rows[r] as PathArc[]) {
      from.push(r);
      to.push(e.to);
      hop.push(e.hopSec);
      term.push(e.termSec);
      fixed.push(e.fixedUsd);
    }
  }
  start[S - 1] = from.length;
  const aFrom = Int32Array.from(from);
  const aTo = Int32Array.from(to);
  const aHop = Float64Array.from(hop);
  const aTerm = Float64Array.from(term);
  const aFixed = Float64Array.from(fixed);
  const node = new Float64Array(S * R);
  const parents = Array.from({ length: Math.max(0, S - 1) }, () => new Int32Array(R * W));
  let dist = new Float64Array(R * W);
  let next = new Float64Array(R * W);
  return (capSec, x, y, z, withPath = false) => {
    for (let i = 0; i < S * R; i++) node[i] = allowed[i] === 1 && (nodeTerm[i] as number) <= capSec ? x * (t[i] as number) + y * (rho[i % R] as number) + z * (phi[i] as number) : Infinity;
    dist.fill(Infinity);
    for (let r = 0; r < R; r++) dist[r * W] = node[r] as number;
    for (let k = 0; k + 1 < S; k++) {
      next.fill(Infinity);
      const par = parents[k] as Int32Array;
      const base = (k + 1) * R;
      for (let i = start[k] as number, end = start[k + 1] as number; i < end; i++) {
        if ((aTerm[i] as number) > capSec) continue;
        const q = aTo[i] as number;
        const nq = node[base + q] as number;
        if (nq === Infinity) continue;
        const r = aFrom[i] as number;
        const w = x * (aHop[i] as number) + z * (aFixed[i] as number) + nq;
        const cap = runCap[r] as number;
        const same = q === r && cap < S;
        for (let u = 0; u < W; u++) {
          const d = dist[r * W + u] as number;
          if (d === Infinity) continue;
          let run = 0;
          if (same) {
            run = u + 1;
            if (run + 1 > cap) continue;
          }
          const sIdx = q * W + run;
          const v = d + w;
          if (v < (next[sIdx] as number)) {
            next[sIdx] = v;
            par[sIdx] = r * W + u;
          }
        }
      }
      [dist, next] = [next, dist];
    }
    let best = Infinity;
    let end = -1;
    for (let sIdx = 0; sIdx < R * W; sIdx++) if ((dist[sIdx] as number) < best) [best, end] = [dist[sIdx] as number, sIdx];
    if (!withPath || end < 0) return { value: best, regions: null };
    const states = [end];
    for (let k = S - 2; k >= 0; k--) states.unshift((parents[k] as Int32Array)[states[0] as number] as number);
    return { value: best, regions: states.map((sIdx) => Math.floor(sIdx / W)) };
  };
}

/** What {@link scoreLowerBound} found. */
export interface ScoreBound {
  /** Proven lower bound on the least score (capacities relaxed as said); Infinity when the graph has no such path. */
  readonly bound: number;
  /** The path (region per stage) of the least linearised score at the bottleneck value that set the bound; null without one. */
  readonly regions: readonly number[] | null;
}

/** A proven lower bound on the least score `w` over the paths of `gr` (capacities relaxed as in {@link ScoreBoundOptions}), and the path that set it. */
export function scoreLowerBound(gr: PathGraph, w: ScoreWeights, options: ScoreBoundOptions = {}): ScoreBound {
  const o = { ...DEFAULT_SCORE_BOUND_OPTIONS, ...options };
  const shortest = shortestOf(gr, o.blockSlots);
  const M1 = gr.microBatches - 1;
  /**
   * Least over the paths with terms ≤ b of `cz·Z + cp·P + wc·F`, plus `k0`,
   * with `P ≤ pMax` (sign +1) or `P ≥ pMin` (sign −1) moved into the objective
   * by a multiplier λ ≥ 0 (bisected on the sign of its subgradient); a lower
   * bound on that least over the paths that meet the side.
   */
  const sided = (b: number, cz: number, cp: number, k0: number, side: number, sign: 1 | -1): number => {
    const at = (lambda: number): { value: number; p: number } => {
      const c = cp + sign * lambda;
      const sp = shortest(b, cz, c, w.wc, true);
      if (sp.regions === null) return { value: sp.value, p: NaN };
      const p = sp.regions.reduce((s, r) => s + (gr.costRate[r] as number), 0);
      return { value: k0 + sp.value - sign * lambda * side, p };
    };
    const violated = (p: number): boolean => (sign === 1 ? p > side : p < side);
    const first = at(0);
    let best = first.value;
    if (!violated(first.p)) return best;
    let lo = 0;
    let hi = Math.max(1e-12, Math.abs(cz) * 1e-3 + Math.abs(cp));
    for (let i = 0; i < 40; i++) {
      const v = at(hi);
      best = Math.max(best, v.value);
      if (!violated(v.p)) break;
      lo = hi;
      hi *= 4;
    }
    for (let i = 0; i < o.multiplierSteps; i++) {
      const mid = 0.5 * (lo + hi);
      const v = at(mid);
      best = Math.max(best, v.value);
      if (violated(v.p)) lo = mid;
      else hi = mid;
    }
    return best;
  };
  let best = Infinity;
  let regions: number[] | null = null;
  // Over all paths (no cap): the McCormick bound with the global box, evaluated at b, grows with b (its
  // slope in b is (M−1)·(wt + wc·P) > 0 for every path) and bounds every path of bottleneck ≥ b: once it
  // reaches the best, no larger b can lower the bound.
  const zAll = shortest(Infinity, 1, 0, 0).value;
  const pAll = shortest(Infinity, 0, 1, 0).value;
  const aAll = w.wt + w.wc * pAll;
  for (const b of gr.candidatesSec) {
    const tAll = M1 * b + zAll;
    const glob = aAll * M1 * b - w.wc * pAll * tAll + shortest(Infinity, aAll, w.wc * tAll, w.wc).value;
    if (glob >= best) break;
    const zLo = shortest(b, 1, 0, 0).value;
    if (zLo === Infinity) continue; // no path with every term ≤ b
    const zHi = -shortest(b, -1, 0, 0).value;
    const pLo = shortest(b, 0, 1, 0).value;
    const pHi = -shortest(b, 0, -1, 0).value;
    const tLo = M1 * b + zLo;
    const tHi = M1 * b + zHi;
    // score ≥ (wt + wc·Pc)·(M1·b + Z) + wc·Tc·P + wc·F − wc·Pc·Tc, for (Pc, Tc) = (lo, lo) and (hi, hi)
    let at = -Infinity;
    let path: number[] | null = null;
    for (const [pc, tc] of [[pLo, tLo], [pHi, tHi]] as const) {
      const a = w.wt + w.wc * pc;
      const lin = shortest(b, a, w.wc * tc, w.wc, true);
      const v = a * M1 * b - w.wc * pc * tc + lin.value;
      if (v > at) [at, path] = [v, lin.regions];
    }
    if (at < best && o.pieces > 1 && pHi > pLo * (1 + 1e-12)) {
      // piece [p0, p1]: P·T ≥ p0·T + T_lo·P − p0·T_lo (needs P ≥ p0, with P ≤ p1 by λ) and
      // P·T ≥ p1·T + T_hi·P − p1·T_hi (needs P ≤ p1, with P ≥ p0 by λ); the piece's bound is the larger
      let least = Infinity;
      for (let j = 0; j < o.pieces && least > at; j++) {
        const p0 = pLo + ((pHi - pLo) * j) / o.pieces;
        const p1 = j + 1 === o.pieces ? pHi : pLo + ((pHi - pLo) * (j + 1)) / o.pieces;
        const a0 = w.wt + w.wc * p0;
        const a1 = w.wt + w.wc * p1;
        const lower = sided(b, a0, w.wc * tLo, a0 * M1 * b - w.wc * p0 * tLo, p1, 1);
        const upper = sided(b, a1, w.wc * tHi, a1 * M1 * b - w.wc * p1 * tHi, p0, -1);
        least = Math.min(least, Math.max(lower, upper));
      }
      at = Math.max(at, least);
    }
    if (at < best) [best, regions] = [at, path];
  }
  return { bound: best, regions };
}
