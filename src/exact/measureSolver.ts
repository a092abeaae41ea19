/**
 * The exact questions a per-decision measurement asks about one job in one
 * cluster view (docs/exact.md, "Gaps"), behind one interface so the answer
 * can come from the placement MILP or from a faster exact engine:
 *
 * - `weighted`: min `α·T/T_ref + (1−α)·cost/cost_ref`;
 * - `cost`: min cost s.t. `T ≤ maxIterationSec` (cost at a given time);
 * - `time`: min `T` s.t. `cost ≤ maxCostUsd` (time at a given cost; with
 *   `maxCostUsd = Infinity`, "can the job be placed at all?").
 *
 * Every answer is re-evaluated by the cost model (`evaluateInView`); its
 * `value` is the re-evaluated objective and `bound` a proven lower bound.
 */
import type { PipelinePath } from "../model/types.js";
import type { Job } from "../model/types.js";
import type { ClusterView } from "../sim/types.js";
import { objectiveOf } from "./evaluate.js";
import { buildPlacementModel, decodePlacement, isPlaced } from "./placement.js";
import { solveSync } from "./solveSync.js";

/** A question of {@link MeasureSolver}. */
export type MeasureObjective =
  | { readonly kind: "weighted"; readonly alpha: number }
  | { readonly kind: "cost"; readonly maxIterationSec: number }
  | { readonly kind: "time"; readonly maxCostUsd: number };

/** An answer of {@link MeasureSolver}. */
export interface MeasureAnswer {
  /** `"optimal"` (proven), `"feasible"` (a point, not proven), `"infeasible"` (proven none), `"unknown"` (no point, nothing proven). */
  readonly status: "optimal" | "feasible" | "infeasible" | "unknown";
  /** The placement found; null without one. */
  readonly path: PipelinePath | null;
  /** Re-evaluated iteration time, s; null without a path. */
  readonly iterationSec: number | null;
  /** Re-evaluated electricity cost, USD; null without a path. */
  readonly costUsd: number | null;
  /** The objective of the re-evaluated path (weighted score, USD or s); null without a path. */
  readonly value: number | null;
  /** Proven lower bound on the optimum (= `value` when optimal); null when none. */
  readonly bound: number | null;
  /** Solve time, ms. */
  readonly ms: number;
}

/** An exact solver of the measurement questions. */
export interface MeasureSolver {
  /** Name recorded with the measurements, e.g. `"milp"`. */
  readonly name: string;
  /** Answers `objective` for `job` under `view`. */
  solve(view: Readonly<ClusterView>, job: Job, objective: MeasureObjective): MeasureAnswer;
}

const NONE = { path: null, iterationSec: null, costUsd: null, value: null } as const;

/** The placement MILP (src/exact/placement.ts) as a {@link MeasureSolver}, with a HiGHS time limit per question; HiGHS must be loaded. */
export function milpMeasureSolver(timeLimitSec = 10): MeasureSolver {
  return {
    name: "milp",
    solve(view, job, objective) {
      const t0 = performance.now();
      const modelObjective = objective.kind === "weighted" ? objective : objective.kind === "cost" ? objective : { kind: "weighted" as const, alpha: 1 };
      const built = buildPlacementModel(view, job, modelObjective);
      if (built === null) return { status: "unknown", ...NONE, bound: null, ms: performance.now() - t0 };
      const { model, vars, coefficients: c } = built;
      if (objective.kind === "time" && Number.isFinite(objective.maxCostUsd)) model.addConstraint("costcap", [[vars.cost, 1]], "<=", objective.maxCostUsd);
      if (objective.kind === "time") model.setObjective("min", [[vars.iteration, 1]]);
      const buildMs = performance.now() - t0;
      const result = solveSync(model, { timeLimitSec });
      const out = decodePlacement(view, built, vars, modelObjective, result, buildMs);
      const ms = performance.now() - t0;
      if (!isPlaced(out)) {
        const bound = out.bound !== null && Number.isFinite(out.bound) ? out.bound : null;
        return { status: out.status === "infeasible" ? "infeasible" : "unknown", ...NONE, bound: objective.kind === "time" ? result.bound : bound, ms };
      }
      const b = out.breakdown;
      const value = objective.kind === "weighted" || objective.kind === "cost" ? objectiveOf(objective, c, b) : b.iterationSec;
      const rawBound = objective.kind === "time" ? (result.bound ?? null) : out.bound;
      const proven = out.status === "optimal";
      const bound = proven ? Math.min(value, rawBound ?? value) : rawBound !== null && Number.isFinite(rawBound) ? rawBound : null;
      return { status: proven ? "optimal" : "feasible", path: out.path, iterationSec: b.iterationSec, costUsd: b.costUsd, value, bound, ms };
    },
  };
}
