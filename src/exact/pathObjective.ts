/**
 * The objectives of the combinatorial engine as functions of a path's sums
 * (docs/exact.md, "Combinatorial engine"): for a bottleneck value b, the
 * time-sum Z = Σ t + Σ c, the cost-rate sum P = Σ ρ and the fixed-cost sum
 * F = Σ φ of a path give
 *
 * - blocking sends: `T = (M−1)·b + Z`;
 * - overlapped sends: `T = (M−1)·max(b, Z/S) + Z` (convex piecewise-linear in Z);
 * - cost `= P·T + F` (the MILP's `Σ ρ·T·x + Σ φ·x`);
 *
 * and the objective is T (time), cost with `T ≤ cap` (cost), or
 * `α·T/T_ref + (1−α)·cost/cost_ref` (weighted, as `objectiveOf`). Each is
 * non-decreasing in b, Z, P and F. Lower bounds over the completions of a
 * partial path use its completion polygon (`pathBounds.ts`); z may be
 * penalised (Lagrangian), so T is clamped at 0 inside the bounds.
 */
import type { Coefficients } from "./coefficients.js";
import type { PlacementObjective } from "./evaluate.js";
import type { Vertex } from "./pathBounds.js";

/** What the engine minimises: the MILP's two objectives and plain iteration time. */
export type ExactObjective = PlacementObjective | { readonly kind: "time" };

/** Relative slack on an iteration-time cap (the MILP's Pareto solves use 1e-9 on ε themselves). */
export const CAP_SLACK = 1e-12;

/** An objective bound to one job's numbers. */
export interface PathObjective {
  /** The objective. */
  readonly objective: ExactObjective;
  /** Iteration time at bottleneck b and time-sum z, s. */
  iterationSec(b: number, z: number): number;
  /** Objective value of sums (z, p, f) at bottleneck b; `Infinity` when a time cap is exceeded. */
  value(b: number, z: number, p: number, f: number): number;
  /**
   * A lower bound on `value(b, z + z', p + p', f + f')` over completions
   * (z', p', f') whose (z', p') lie on or above the hull `tail` and with
   * f' ≥ `fTail`.
   */
  bound(b: number, z: number, p: number, f: number, tail: readonly Vertex[], fTail: number): number;
  /** Whether, with no fixed costs, the best source-hull vertex is the exact optimum for a fixed b (capacities aside). */
  readonly hullExact: boolean;
}

/** Binds `objective` to `c` (M, S, T_ref, cost_ref, and the sends' variant). */
export function pathObjective(c: Coefficients, objective: ExactObjective): PathObjective {
  const M1 = c.job.microBatches - 1;
  const S = c.job.stages;
  const overlap = c.job.commOverlap === true;
  const kappa = (M1 + S) / S; // T = κ·Z when the in-flight limit sets the period
  const iterationSec = overlap ? (b: number, z: number) => M1 * Math.max(b, z / S) + z : (b: number, z: number) => M1 * b + z;
  // T is the max of affine pieces t0 + slope·z: blocking one, (M−1)·b + z; overlap also κ·z.
  const pieces = overlap ? 2 : 1;
  const t0Of = (b: number, piece: number): number => (piece === 0 ? M1 * b : 0);
  const slopeOf = (piece: number): number => (piece === 0 ? 1 : kappa);
  if (objective.kind === "time") {
    return {
      objective,
      iterationSec,
      value: (b, z) => iterationSec(b, z),
      bound: (b, z, _p, _f, tail) => iterationSec(b, z + (tail[0] as Vertex).z),
      hullExact: true,
    };
  }
  if (objective.kind === "weighted") {
    const a = objective.alpha;
    const wt = a / c.tRefSec;
    const wc = (1 - a) / c.costRefUsd;
    const score = (t: number, p: number, f: number): number => wt * t + wc * (p * t + f);
    return {
      objective,
      iterationSec,
      value: (b, z, p, f) => score(iterationSec(b, z), p, f),
      bound: (b, z, p, f, tail, fTail) => {
        let best = -Infinity;
        for (let piece = 0; piece < pieces; piece++) {
          const t0 = t0Of(b, piece);
          const slope = slopeOf(piece);
          let m = Infinity;
          for (let i = 0; i < tail.length; i++) {
            const q = tail[i] as Vertex;
            const t = Math.max(0, t0 + slope * (z + q.z));
            const v = wt * t + wc * ((p + q.p) * t + f + fTail);
            if (v < m) m = v;
          }
          if (m > best) best = m;
        }
        return best;
      },
      hullExact: !overlap,
    };
  }
  const cap = objective.maxIterationSec * (1 + CAP_SLACK);
  return {
    objective,
    iterationSec,
    value: (b, z, p, f) => {
      const t = iterationSec(b, z);
      return t <= cap ? p * t + f : Infinity;
    },
    bound: (b, z, p, f, tail, fTail) => {
      // completions must keep T ≤ cap: z + z' ≤ zCap (every piece ≤ cap)
      let zCap = Infinity;
      for (let piece = 0; piece < pieces; piece++) zCap = Math.min(zCap, (cap - t0Of(b, piece)) / slopeOf(piece));
      const room = zCap - z;
      const first = tail[0] as Vertex;
      if (first.z > room) return Infinity;
      // the polygon's boundary left of z' = room: its vertices there, and where it crosses room
      let best = -Infinity;
      for (let piece = 0; piece < pieces; piece++) {
        const t0 = t0Of(b, piece);
        const slope = slopeOf(piece);
        let m = Infinity;
        for (let i = 0; i < tail.length; i++) {
          const q = tail[i] as Vertex;
          let dz = q.z;
          let dp = q.p;
          if (dz > room) {
            const o = tail[i - 1] as Vertex;
            dp = o.p + ((q.p - o.p) * (room - o.z)) / (q.z - o.z);
            dz = room;
          }
          const v = (p + dp) * Math.max(0, t0 + slope * (z + dz)) + f + fTail;
          if (v < m) m = v;
          if (q.z > room) break;
        }
        if (m > best) best = m;
      }
      return best;
    },
    hullExact: false,
  };
}
