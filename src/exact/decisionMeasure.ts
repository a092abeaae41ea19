/**
 * How far one placement decision of a heuristic is from the exact JCT–cost
 * Pareto front of its own state (docs/exact.md, "Gaps"). In the decision's
 * view the heuristic's path has iteration time T_h and cost C_h; the exact
 * model gives
 *
 * - the cost excess at the heuristic's time, `(C_h − C*(T_h)) / C_h` with
 *   `C*(T) = min cost s.t. iteration time ≤ T`;
 * - the time excess at the heuristic's cost, `(T_h − T*(C_h)) / T_h` with
 *   `T*(C) = min iteration time s.t. cost ≤ C`;
 * - the weighted gap `(W_h − W*) / W_h` of the heuristic-independent score
 *   `W = α·T/T_ref + (1−α)·C/C_ref`.
 *
 * A decision is `proven` when every one of these was solved to proven
 * optimality, `unproven` when some solve stopped at its limit (its bound gap
 * is reported, never its excess), and `outside` when the heuristic's path is
 * not in the exact model's feasible set (a hop granted less than its demand,
 * two hops splitting a link, hourly prices that the model averages), with the
 * reason. The excesses of proven decisions are ≥ 0 up to rounding; a decision
 * on the front has both excesses 0.
 */
import type { Job, PipelinePath } from "../model/types.js";
import type { ClusterView } from "../sim/types.js";
import { coefficients } from "./coefficients.js";
import { evaluateInView, objectiveOf } from "./evaluate.js";
import type { MeasureAnswer, MeasureSolver } from "./measureSolver.js";

/** Excesses below this are rounding, and count as on the front. */
export const FRONT_TOLERANCE = 1e-6;

/** One decision's distances from the exact front. */
export interface DecisionMeasure {
  /** The job placed. */
  readonly jobId: string;
  /** Simulated time of the decision, s. */
  readonly timeSec: number;
  /** Pipeline stages of the job. */
  readonly stages: number;
  /** Distinct regions of the heuristic's path. */
  readonly regions: number;
  /** The heuristic's iteration time, cost and weighted score in the decision's view. */
  readonly heuristic: { readonly iterationSec: number; readonly costUsd: number; readonly weighted: number };
  /** Whether every exact answer is proven (`proven`), some is not (`unproven`), or the heuristic's path is outside the model (`outside`). */
  readonly status: "proven" | "unproven" | "outside";
  /** Why the path is outside the model, in words; null otherwise. */
  readonly outsideReason: string | null;
  /** The kind of {@link outsideReason}; null when the path is in the model. */
  readonly outsideKind: OutsideKind | null;
  /** `(C_h − C*(T_h)) / C_h` (proven decisions only; null otherwise). */
  readonly costExcessAtTime: number | null;
  /** `(T_h − T*(C_h)) / T_h` (proven decisions only). */
  readonly timeExcessAtCost: number | null;
  /** `(W_h − W*) / W_h` (proven decisions only). */
  readonly weightedGap: number | null;
  /** Whether both excesses are 0 (proven decisions only). */
  readonly onFront: boolean | null;
  /** Largest relative bound gap of the answers that were not proven (unproven decisions only). */
  readonly boundGap: number | null;
  /** Distinct regions of the weighted optimum; null without one. */
  readonly optimumRegions: number | null;
  /** For a job of ≥ 2 stages: whether some feasible placement spans ≥ 2 regions in this view (null when not proven either way, or for 1-stage jobs). */
  readonly crossRegionFeasible: boolean | null;
  /** Exact solve time of all the answers, ms (machine-dependent). */
  readonly solveMs: number;
}

/** The weight α of the weighted gap; default 0.5. */
export interface MeasureOptions {
  /** α of the weighted score. Default 0.5. */
  readonly alpha?: number;
}

const distinct = (path: PipelinePath | null): number | null => (path === null ? null : new Set(path).size);

/**
 * `view` with every region's free GPUs capped at `(S − 1)·g`: no region can
 * then hold the whole job, while every placement that spans ≥ 2 regions (at
 * most S − 1 stages in any one) stays feasible. So a job has a feasible
 * cross-region placement in `view` exactly when it has any placement here.
 */
export function crossRegionView(view: Readonly<ClusterView>, job: Job): ClusterView {
  const cap = (job.stages - 1) * job.gpusPerStage;
  return { ...view, freeGpus: new Map([...view.freeGpus].map(([r, n]) => [r, Math.min(n, cap)] as const)) };
}

/**
 * Relative bound gap of an answer to a question the heuristic's own path is
 * feasible for: `(value − bound)/|value|`; Infinity without a point or a
 * bound, and for "infeasible" (a solver error here: a feasible point exists).
 */
function boundGapOf(a: MeasureAnswer): number {
  if (a.status === "optimal") return 0;
  if (a.value === null || a.bound === null) return Number.POSITIVE_INFINITY;
  return Math.max(0, (a.value - a.bound) / Math.max(Math.abs(a.value), 1e-12));
}

/**
 * Why a path can be outside the exact model: a cross-region hop granted less
 * than its demand (`below-demand`), two hops of the job splitting one link's
 * grant (`link-split`), hourly prices, which the model averages over a
 * reference runtime (`hourly-prices`), or GPUs that are not free (`gpus`,
 * a recording error).
 */
export type OutsideKind = "below-demand" | "link-split" | "hourly-prices" | "gpus";

/** Why the heuristic's path is not in the exact model, or null when it is. */
function outside(e: NonNullable<ReturnType<typeof evaluateInView>>, costExact: boolean): { kind: OutsideKind; reason: string } | null {
  if (!costExact) return { kind: "hourly-prices", reason: "hourly prices: the exact model prices a run at its mean price over a reference runtime" };
  if (!e.gpusFit) return { kind: "gpus", reason: "the path's GPUs are not free in the view" };
  if (e.reserveFeasible) return null;
  const short = e.breakdown.stages.find((s) => s.channel?.kind === "inter" && s.bandwidthGbps < s.demandGbps * (1 - 1e-9));
  if (short !== undefined) return { kind: "below-demand", reason: `a hop gets ${short.bandwidthGbps.toPrecision(3)} of its ${short.demandGbps.toPrecision(3)} Gbit/s demand` };
  return { kind: "link-split", reason: "two hops of the job split one link's grant" };
}

/** Measures one decision (`path` chosen for `job` in `view`); null when the job's model is not in the view. */
export function measureDecision(
  view: Readonly<ClusterView>,
  job: Job,
  path: PipelinePath,
  solver: MeasureSolver,
  options: MeasureOptions = {},
): DecisionMeasure | null {
  const alpha = options.alpha ?? 0.5;
  const c = coefficients(view, job);
  const h = evaluateInView(view, job, path);
  if (c === null || h === null) return null;
  const weighted = { kind: "weighted" as const, alpha };
  const heuristic = { iterationSec: h.breakdown.iterationSec, costUsd: h.breakdown.costUsd, weighted: objectiveOf(weighted, c, h.breakdown) };
  const cross = job.stages >= 2 ? solver.solve(crossRegionView(view, job), job, { kind: "time", maxCostUsd: Number.POSITIVE_INFINITY }) : null;
  const crossRegionFeasible = cross === null ? null : cross.status === "infeasible" ? false : cross.path !== null ? true : null;
  const base = { jobId: job.id, timeSec: view.timeSec, stages: job.stages, regions: new Set(path).size, heuristic, crossRegionFeasible };
  const out = outside(h, c.costExact);
  const best = solver.solve(view, job, weighted);
  if (out !== null) {
    return {
      ...base,
      status: "outside",
      outsideReason: out.reason,
      outsideKind: out.kind,
      costExcessAtTime: null,
      timeExcessAtCost: null,
      weightedGap: null,
      onFront: null,
      boundGap: null,
      optimumRegions: distinct(best.path),
      solveMs: best.ms + (cross?.ms ?? 0),
    };
  }
  const atTime = solver.solve(view, job, { kind: "cost", maxIterationSec: heuristic.iterationSec * (1 + 1e-9) });
  const atCost = solver.solve(view, job, { kind: "time", maxCostUsd: heuristic.costUsd * (1 + 1e-9) });
  const answers = [best, atTime, atCost];
  const solveMs = answers.reduce((s, a) => s + a.ms, cross?.ms ?? 0);
  const proven = answers.every((a) => a.status === "optimal");
  if (!proven) {
    return {
      ...base,
      status: "unproven",
      outsideReason: null,
      outsideKind: null,
      costExcessAtTime: null,
      timeExcessAtCost: null,
      weightedGap: null,
      onFront: null,
      boundGap: Math.max(...answers.map(boundGapOf)),
      optimumRegions: distinct(best.path),
      solveMs,
    };
  }
  const rel = (hv: number, opt: number): number => (hv - opt) / Math.max(Math.abs(hv), 1e-12);
  const costExcessAtTime = rel(heuristic.costUsd, atTime.value as number);
  const timeExcessAtCost = rel(heuristic.iterationSec, atCost.value as number);
  return {
    ...base,
    status: "proven",
    outsideReason: null,
    outsideKind: null,
    costExcessAtTime,
    timeExcessAtCost,
    weightedGap: rel(heuristic.weighted, best.value as number),
    onFront: costExcessAtTime <= FRONT_TOLERANCE && timeExcessAtCost <= FRONT_TOLERANCE,
    boundGap: null,
    optimumRegions: distinct(best.path),
    solveMs,
  };
}
