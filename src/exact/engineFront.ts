/**
 * The exact JCT–cost Pareto front of one job's placement with the
 * combinatorial engine (docs/exact.md, "Combinatorial engine"): every
 * non-dominated (iteration time, cost) pair of the placement MILP's feasible
 * set, by the ε-constraint method run to exhaustion. The first point is the
 * cheapest placement; each next one is the cheapest placement strictly
 * faster than the previous point; the walk ends when nothing faster fits.
 * A point whose cost ties the next one's (the next is as cheap and faster)
 * is dropped as dominated. A solve stopped by the time limit leaves the part
 * of the front below its ε unknown: `complete` is false and `missingBelowSec`
 * says where.
 */
import type { Job, PipelinePath } from "../model/types.js";
import type { ClusterView } from "../sim/types.js";
import { placeExact, type ExactOptions } from "./engine.js";

/** Options of {@link paretoFrontExact}; all optional, defaults in {@link DEFAULT_FRONT_OPTIONS}. */
export interface FrontOptions extends ExactOptions {
  /** Most points (ε steps) before the walk stops with `complete: false`. Default 1000. */
  readonly maxPoints?: number;
  /** Relative step below the previous point's time: the next ε is `T·(1 − step)`. Default 1e-9. */
  readonly stepRel?: number;
}

/** Defaults of {@link FrontOptions} (the engine's own defaults apply to the rest). */
export const DEFAULT_FRONT_OPTIONS = { maxPoints: 1000, stepRel: 1e-9 } as const;

/** One point of the front. */
export interface FrontPoint {
  /** Region id per stage. */
  readonly path: PipelinePath;
  /** Re-evaluated iteration time, s. */
  readonly iterationSec: number;
  /** Re-evaluated electricity cost, USD. */
  readonly costUsd: number;
  /** The ε (time cap) of the solve that found it, s (`Infinity` for the cheapest). */
  readonly epsilonSec: number;
  /** Whether the solve proved it the cheapest under its ε. */
  readonly proven: boolean;
  /** The engine's own cost of the point against the cost model's, relative (`ExactResult.mismatch`). */
  readonly mismatch: number;
}

/** The front. */
export interface FrontResult {
  /** `"ok"`: at least one point; `"infeasible"`: proven that no placement fits; `"time_limit"`: the first solve found nothing in its limit. */
  readonly status: "ok" | "infeasible" | "time_limit";
  /** Points by iteration time ascending (cost descending). */
  readonly points: readonly FrontPoint[];
  /** Whether every point is proven and the walk reached its end (no faster placement fits). */
  readonly complete: boolean;
  /** When not complete: the ε below which the front is not known, s. */
  readonly missingBelowSec: number | null;
  /** Engine solves made. */
  readonly solves: number;
  /** Wall time, ms. */
  readonly timeMs: number;
}

/** The exact Pareto front of `job` under `view` (see the module comment). */
export function paretoFrontExact(view: Readonly<ClusterView>, job: Job, options: FrontOptions = {}): FrontResult {
  const o = { ...DEFAULT_FRONT_OPTIONS, ...options };
  const now = o.now ?? (() => performance.now());
  const t0 = now();
  const found: FrontPoint[] = [];
  let eps = Infinity;
  let solves = 0;
  let complete = true;
  let missingBelowSec: number | null = null;
  for (;;) {
    if (found.length >= o.maxPoints) {
      complete = false;
      missingBelowSec = eps;
      break;
    }
    const r = placeExact(view, job, { kind: "cost", maxIterationSec: eps === Infinity ? Number.MAX_VALUE : eps }, options);
    solves++;
    if (r.status === "infeasible") break;
    if (r.path === null || r.iterationSec === null || r.costUsd === null) {
      complete = false;
      missingBelowSec = eps;
      break;
    }
    const prev = found[found.length - 1];
    // the previous point is dominated when this one is as cheap (and it is faster by construction)
    if (prev !== undefined && r.costUsd <= prev.costUsd * (1 + 1e-12)) found.pop();
    found.push({ path: r.path, iterationSec: r.iterationSec, costUsd: r.costUsd, epsilonSec: eps, proven: r.status === "optimal", mismatch: r.mismatch });
    if (r.status !== "optimal") {
      complete = false;
      missingBelowSec = r.iterationSec;
      break;
    }
    eps = r.iterationSec * (1 - o.stepRel);
  }
  const points = found.reverse();
  const status = points.length > 0 ? "ok" : complete ? "infeasible" : "time_limit";
  return { status, points, complete: complete && points.every((p) => p.proven), missingBelowSec, solves, timeMs: now() - t0 };
}
