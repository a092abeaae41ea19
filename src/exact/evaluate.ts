/**
 * Re-evaluating a placement the way the simulator would start it in a view
 * (mirrors `planStart` in `src/sim/place.ts`): each used link grants
 * `min(Σ hop caps, residual)` (`grantLinks`), the cost model prices the run
 * from `view.timeSec`.
 * The numbers every exact result reports come from here, never from the MILP.
 */
import { evaluatePlacement, grantLinks, indexTopology, type PlacementBreakdown } from "../cost/index.js";
import type { Job, PipelinePath } from "../model/types.js";
import type { ClusterView } from "../sim/types.js";
import type { Coefficients } from "./coefficients.js";

/** The objective of a single-job placement MILP. */
export type PlacementObjective =
  /** (a) Minimum electricity cost subject to iteration time ≤ `maxIterationSec`. */
  | { readonly kind: "cost"; readonly maxIterationSec: number }
  /** (b) Minimum `alpha·T/T_ref + (1−alpha)·cost/cost_ref`, alpha in [0, 1]. */
  | { readonly kind: "weighted"; readonly alpha: number };

/** Default objective: weighted with alpha = 0.5. */
export const DEFAULT_OBJECTIVE: PlacementObjective = { kind: "weighted", alpha: 0.5 };

/** A path as the simulator would run it in a view. */
export interface ViewEvaluation {
  /** The cost model's breakdown with the simulator's reservations. */
  readonly breakdown: PlacementBreakdown;
  /** Whether the path is in the placement MILP's feasible set: every hop's grant covers its demand, and the job's hops on each link fit its residual one by one. */
  readonly reserveFeasible: boolean;
  /** Whether the path's GPUs are free in the view. */
  readonly gpusFit: boolean;
}

/** Evaluates `path` for `job` under `view`; null when the cost model rejects it. */
export function evaluateInView(view: Readonly<ClusterView>, job: Job, path: PipelinePath): ViewEvaluation | null {
  const model = view.models.get(job.model);
  if (model === undefined) return null;
  const alone = evaluatePlacement(view.topology, model, job, path, { startSec: view.timeSec });
  if (!alone.ok) return null;
  const index = indexTopology(view.topology);
  const residualOf = (key: string): number => Math.max(view.residualGbps.get(key) ?? index.links.get(key)?.bandwidthGbps ?? 0, 0);
  const grant = grantLinks(alone.value, residualOf);
  if (grant.worst !== null && !(grant.worst.shareGbps > 0)) return null;
  const reserved = new Map(grant.grantedGbps);
  // In the MILP's set: every hop gets at least its demand, and the grants of the
  // job's hops on each link fit its residual one by one (no hop split).
  let reserveFeasible = grant.minShareOfDemand >= 1 - 1e-9;
  for (const d of alone.value.linkDemands) {
    const residual = residualOf(d.key);
    let perHop = 0;
    for (const k of d.hops) perHop += Math.min(alone.value.stages[k]?.capGbps ?? 0, residual);
    if (perHop > residual * (1 + 1e-9)) reserveFeasible = false;
  }
  const run = evaluatePlacement(view.topology, model, job, path, { startSec: view.timeSec, linkBandwidthGbps: reserved });
  if (!run.ok) return null;
  let gpusFit = true;
  for (const [id, n] of Object.entries(run.value.gpusByRegion)) if (n > (view.freeGpus.get(id) ?? 0)) gpusFit = false;
  return { breakdown: run.value, reserveFeasible, gpusFit };
}

/** Value of `objective` for an evaluated placement (cost in USD, or the weighted score). */
export function objectiveOf(objective: PlacementObjective, c: Coefficients, b: PlacementBreakdown): number {
  if (objective.kind === "cost") return b.costUsd;
  return (objective.alpha * b.iterationSec) / c.tRefSec + ((1 - objective.alpha) * b.costUsd) / c.costRefUsd;
}
