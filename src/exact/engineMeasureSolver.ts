/**
 * The decision measures' questions (`MeasureSolver`, measureSolver.ts)
 * answered by the combinatorial engine instead of the placement MILP
 * (docs/exact.md, "Gaps by the engine"):
 *
 * - `weighted`: one `placeExact` solve of the weighted objective;
 * - `time` with no cost cap (can the job be placed; the cross-region and
 *   waiting-job questions): one `placeExact` solve of the time objective;
 * - `cost` at a time cap and `time` at a cost cap: read off the job's exact
 *   Pareto front in the view (`paretoFrontExact`, built once per (view, job)
 *   and reused by the next question on the same pair):
 *   `C*(T) = min C_i over front points with T_i ≤ T`,
 *   `T*(C) = min T_i over front points with C_i ≤ C`. Proven when the front
 *   is complete, or when the solves that reach the answer were proven (see
 *   `fromFront*`); otherwise the cost question falls back to a direct
 *   `placeExact` solve at the cap, and the time question reports its point
 *   unproven with the engine's lower bound on the least iteration time.
 *
 * Every returned path is re-evaluated here by the cost model
 * (`evaluateInView`): it must be in the exact model's feasible set (GPUs
 * free, every hop granted its demand, no link split) and meet the question's
 * cap, or the solver throws (an engine bug, never a measurement); and an
 * answer is counted proven only when the engine's own value of the point is
 * within `maxMismatch` of the cost model's.
 */
import type { PlacementBreakdown } from "../cost/index.js";
import type { Job, PipelinePath } from "../model/types.js";
import type { ClusterView } from "../sim/types.js";
import { coefficients } from "./coefficients.js";
import { placeExact, type ExactOptions, type ExactResult } from "./engine.js";
import { paretoFrontExact, type FrontPoint, type FrontResult } from "./engineFront.js";
import { evaluateInView, objectiveOf } from "./evaluate.js";
import type { MeasureAnswer, MeasureObjective, MeasureSolver } from "./measureSolver.js";

/** Options of {@link engineMeasureSolver}; all optional, defaults in {@link DEFAULT_ENGINE_MEASURE_OPTIONS}. */
export interface EngineMeasureOptions {
  /** Limit of each engine solve (one objective, or one ε step of a front), s. Default 10. */
  readonly timeLimitSec?: number;
  /** Largest relative distance between the engine's own value of a point and the cost model's for a proven answer. Default 1e-6. */
  readonly maxMismatch?: number;
  /** Further engine options (e.g. the clock `now`); `timeLimitSec` above wins. Default none. */
  readonly engine?: Omit<ExactOptions, "timeLimitSec">;
}

/** Defaults of {@link EngineMeasureOptions}. */
export const DEFAULT_ENGINE_MEASURE_OPTIONS: Required<EngineMeasureOptions> = { timeLimitSec: 10, maxMismatch: 1e-6, engine: {} };

/** Relative slack on a cap when checking that an answer meets it (the caps of `measureDecision` carry 1e-9 themselves). */
const CAP_CHECK = 1e-9;

const NONE = { path: null, iterationSec: null, costUsd: null, value: null } as const;

/** The cost model's iteration time and cost of an engine path, checked to be in the exact model's feasible set and within `caps`; throws otherwise. */
function reEvaluate(
  view: Readonly<ClusterView>,
  job: Job,
  path: PipelinePath,
  caps: Caps,
): PlacementBreakdown {
  const e = evaluateInView(view, job, path);
  const where = `engineMeasureSolver: the engine's path ${path.join(",")} for job "${job.id}"`;
  if (e === null) throw new Error(`${where} is rejected by the cost model (a bug: the engine and the cost model disagree)`);
  if (!e.gpusFit || !e.reserveFeasible) throw new Error(`${where} is outside the exact model's feasible set (a bug in the engine)`);
  const { iterationSec, costUsd } = e.breakdown;
  if (caps.maxIterationSec !== undefined && iterationSec > caps.maxIterationSec * (1 + CAP_CHECK)) throw new Error(`${where} takes ${iterationSec} s over its cap ${caps.maxIterationSec} s (a bug in the engine)`);
  if (caps.maxCostUsd !== undefined && costUsd > caps.maxCostUsd * (1 + CAP_CHECK)) throw new Error(`${where} costs ${costUsd} USD over its cap ${caps.maxCostUsd} USD (a bug in the engine)`);
  return e.breakdown;
}

type Caps = { readonly maxIterationSec?: number; readonly maxCostUsd?: number };
/** The question's objective of a re-evaluated path. */
type ValueOf = (b: PlacementBreakdown) => number;
const costOf: ValueOf = (b) => b.costUsd;
const timeOf: ValueOf = (b) => b.iterationSec;

/**
 * The engine as a {@link MeasureSolver} (see the module comment): no MILP
 * solver is called. Keeps the front of the last (view, job) it was asked
 * about, by identity.
 */
export function engineMeasureSolver(options: EngineMeasureOptions = {}): MeasureSolver {
  const o = { ...DEFAULT_ENGINE_MEASURE_OPTIONS, ...options };
  const engineOptions: ExactOptions = { ...o.engine, timeLimitSec: o.timeLimitSec };
  const now = o.engine.now ?? (() => performance.now());
  let cached: { view: Readonly<ClusterView>; job: Job; front: FrontResult } | null = null;
  const frontOf = (view: Readonly<ClusterView>, job: Job): FrontResult => {
    if (cached === null || cached.view !== view || cached.job !== job) cached = { view, job, front: paretoFrontExact(view, job, engineOptions) };
    return cached.front;
  };

  /** An answer from a direct engine solve; `valueOf` gives the question's objective of the re-evaluated path. */
  const fromSolve = (view: Readonly<ClusterView>, job: Job, r: ExactResult, caps: Caps, valueOf: ValueOf, t0: number): MeasureAnswer => {
    if (r.status === "infeasible") return { status: "infeasible", ...NONE, bound: null, ms: now() - t0 };
    if (r.path === null) return { status: "unknown", ...NONE, bound: Number.isFinite(r.bound) ? r.bound : null, ms: now() - t0 };
    const b = reEvaluate(view, job, r.path, caps);
    const value = valueOf(b);
    const proven = r.status === "optimal" && r.mismatch <= o.maxMismatch;
    const bound = proven ? Math.min(value, r.bound) : r.status === "optimal" ? null : Number.isFinite(r.bound) ? Math.min(r.bound, value) : null;
    return { status: proven ? "optimal" : "feasible", path: r.path, iterationSec: b.iterationSec, costUsd: b.costUsd, value, bound, ms: now() - t0 };
  };

  /** An answer at front point `p` (proven or not), re-evaluated. */
  const atPoint = (view: Readonly<ClusterView>, job: Job, p: FrontPoint, proven: boolean, caps: Caps, valueOf: ValueOf, bound: number | null, t0: number): MeasureAnswer => {
    const b = reEvaluate(view, job, p.path, caps);
    const value = valueOf(b);
    const ok = proven && p.mismatch <= o.maxMismatch;
    return { status: ok ? "optimal" : "feasible", path: p.path, iterationSec: b.iterationSec, costUsd: b.costUsd, value, bound: ok ? value : bound, ms: now() - t0 };
  };

  const solveCost = (view: Readonly<ClusterView>, job: Job, maxIterationSec: number, t0: number): MeasureAnswer => {
    const front = frontOf(view, job);
    const caps = { maxIterationSec };
    let best: FrontPoint | null = null;
    for (const p of front.points) if (p.iterationSec <= maxIterationSec && (best === null || p.costUsd < best.costUsd)) best = p;
    if (front.complete && best === null) return { status: "infeasible", ...NONE, bound: null, ms: now() - t0 };
    // the point's own solve bounded the cost of every path with T ≤ its ε ≥ the cap
    if (best !== null && (front.complete || (best.proven && best.epsilonSec >= maxIterationSec))) return atPoint(view, job, best, true, caps, costOf, null, t0);
    const r = placeExact(view, job, { kind: "cost", maxIterationSec }, engineOptions);
    return fromSolve(view, job, r, caps, costOf, t0);
  };

  const solveTime = (view: Readonly<ClusterView>, job: Job, maxCostUsd: number, t0: number): MeasureAnswer => {
    if (!Number.isFinite(maxCostUsd)) return fromSolve(view, job, placeExact(view, job, { kind: "time" }, engineOptions), {}, timeOf, t0);
    const front = frontOf(view, job);
    const caps = { maxCostUsd };
    const at = front.points.findIndex((p) => p.costUsd <= maxCostUsd); // T ascending: the fastest within the cap
    const best = at >= 0 ? (front.points[at] as FrontPoint) : null;
    if (front.complete) return best === null ? { status: "infeasible", ...NONE, bound: null, ms: now() - t0 } : atPoint(view, job, best, true, caps, timeOf, null, t0);
    // the next faster point was proven the cheapest below best's time, and it is over the cap
    const faster = at > 0 ? (front.points[at - 1] as FrontPoint) : null;
    if (best !== null && faster !== null && faster.proven && faster.mismatch <= o.maxMismatch && faster.costUsd > maxCostUsd) return atPoint(view, job, best, true, caps, timeOf, null, t0);
    const fastest = placeExact(view, job, { kind: "time" }, engineOptions); // its bound bounds T*(C) from below
    const bound = fastest.status === "infeasible" ? null : fastest.status === "optimal" ? fastest.objective : Number.isFinite(fastest.bound) ? fastest.bound : null;
    if (best === null) return { status: fastest.status === "infeasible" ? "infeasible" : "unknown", ...NONE, bound, ms: now() - t0 };
    return atPoint(view, job, best, false, caps, timeOf, bound, t0);
  };

  return {
    name: "engine",
    solve(view, job, objective: MeasureObjective) {
      const t0 = now();
      if (objective.kind === "cost") return solveCost(view, job, objective.maxIterationSec, t0);
      if (objective.kind === "time") return solveTime(view, job, objective.maxCostUsd, t0);
      const c = coefficients(view, job);
      if (c === null) return { status: "unknown", ...NONE, bound: null, ms: now() - t0 };
      const r = placeExact(view, job, objective, engineOptions);
      return fromSolve(view, job, r, {}, (b) => objectiveOf(objective, c, b), t0);
    },
  };
}
