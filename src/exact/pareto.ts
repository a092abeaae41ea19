/**
 * The JCT–cost Pareto front of one job's placement by the ε-constraint
 * method (docs/exact.md, "Pareto front"): the fastest placement (weighted
 * objective with alpha = 1) and the cheapest (cost with no time bound) fix the
 * range of T; for each ε on an even grid between them, minimise cost s.t.
 * T ≤ ε. Every point is re-evaluated by the cost model.
 */
import type { Job, PipelinePath } from "../model/types.js";
import type { ClusterView } from "../sim/types.js";
import { isPlaced, solvePlacement, type PlacementOutcome } from "./placement.js";
import { requireExactSolver } from "./solveSync.js";

/** Options of {@link paretoFront}; all optional, defaults in {@link DEFAULT_PARETO_OPTIONS}. */
export interface ParetoOptions {
  /** ε values (grid points, ends included), ≥ 2. Default 8. */
  readonly points?: number;
  /** HiGHS time limit per solve, s. Default 10. */
  readonly timeLimitSec?: number;
}

/** Defaults of {@link ParetoOptions}. */
export const DEFAULT_PARETO_OPTIONS: Required<ParetoOptions> = { points: 8, timeLimitSec: 10 };

/** One ε-constraint solve. */
export interface ParetoPoint {
  /** The bound on the iteration time, s. */
  readonly epsilonSec: number;
  /** Decoded path. */
  readonly path: PipelinePath;
  /** Re-evaluated iteration time, s. */
  readonly iterationSec: number;
  /** Re-evaluated electricity cost, USD. */
  readonly costUsd: number;
  /** Whether HiGHS proved the point optimal. */
  readonly proven: boolean;
}

/** The front, or why there is none. */
export type ParetoResult =
  | {
      readonly status: "ok";
      /** Points in increasing ε. */
      readonly points: readonly ParetoPoint[];
      /** Whether cost is non-increasing as ε grows (relative tolerance 1e-7). */
      readonly monotone: boolean;
    }
  | { readonly status: "infeasible" | "no_solution"; readonly reason: string };

function reason(o: PlacementOutcome): string {
  return isPlaced(o) ? o.status : o.reason;
}

/** Whether `costs` never increase (relative tolerance `tol`). */
export function isNonIncreasing(costs: readonly number[], tol = 1e-7): boolean {
  return costs.every((c, i) => i === 0 || c <= (costs[i - 1] as number) * (1 + tol) + 1e-15);
}

/** The ε-constraint front of `job` under `view` (HiGHS must be loaded: `loadExactSolver`). */
export function paretoFront(view: Readonly<ClusterView>, job: Job, options: ParetoOptions = {}): ParetoResult {
  requireExactSolver("exact.paretoFront");
  const o = { ...DEFAULT_PARETO_OPTIONS, ...options };
  const n = Math.max(2, Math.floor(o.points));
  const fastest = solvePlacement(view, job, { objective: { kind: "weighted", alpha: 1 }, timeLimitSec: o.timeLimitSec });
  if (!isPlaced(fastest)) return { status: fastest.status, reason: reason(fastest) };
  const cheapest = solvePlacement(view, job, { objective: { kind: "cost", maxIterationSec: 1e300 }, timeLimitSec: o.timeLimitSec });
  if (!isPlaced(cheapest)) return { status: cheapest.status, reason: reason(cheapest) };
  const lo = fastest.breakdown.iterationSec;
  const hi = Math.max(cheapest.breakdown.iterationSec, lo);
  const points: ParetoPoint[] = [];
  for (let i = 0; i < n; i++) {
    const eps = lo + ((hi - lo) * i) / (n - 1);
    const out = solvePlacement(view, job, { objective: { kind: "cost", maxIterationSec: eps * (1 + 1e-9) }, timeLimitSec: o.timeLimitSec });
    if (!isPlaced(out)) continue;
    points.push({ epsilonSec: eps, path: out.path, iterationSec: out.breakdown.iterationSec, costUsd: out.breakdown.costUsd, proven: out.status === "optimal" });
  }
  return { status: "ok", points, monotone: isNonIncreasing(points.map((p) => p.costUsd)) };
}
