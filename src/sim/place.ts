/**
 * Checks one placement a policy asked for against the current cluster state
 * and, when it fits, works out what starting it means: GPUs per region, the
 * reservation on each link (`min(Σ hop caps, residual)`, `grantLinks`), and the run's
 * iteration time, finish, energy and cost from the cost model.
 */
import { indexTopology } from "../cost/communication.js";
import { evaluatePlacement, type PlacementBreakdown } from "../cost/evaluate.js";
import { grantLinks } from "../cost/grant.js";
import type { Job, PipelinePath } from "../model/types.js";
import type { ClusterState } from "./state.js";
import { MIN_RESERVATION_FRACTION } from "./types.js";

/** A start that fits the state. */
export interface PlannedStart {
  /** The job to start. */
  readonly job: Job;
  /** Its pipeline path (a copy of the policy's). */
  readonly path: PipelinePath;
  /** GPUs to take per region. */
  readonly gpusByRegion: ReadonlyMap<string, number>;
  /** Gbit/s to reserve per link key. */
  readonly reservedGbps: ReadonlyMap<string, number>;
  /** The cost model's evaluation with those reservations, starting now. */
  readonly breakdown: PlacementBreakdown;
}

/** A planned start, or why the placement is refused. */
export type PlanResult = { readonly ok: true; readonly value: PlannedStart } | { readonly ok: false; readonly message: string };

/** GPUs a path takes per region: `g` per stage, stages in the same region added up (first-use order). */
export function gpusOfPath(job: Job, path: PipelinePath): Map<string, number> {
  const gpus = new Map<string, number>();
  for (const id of path) gpus.set(id, (gpus.get(id) ?? 0) + job.gpusPerStage);
  return gpus;
}

/** Plans starting `job` on `path` at `state.timeSec`; refusals name the job, the time and the resource. */
export function planStart(state: ClusterState, job: Job, path: unknown): PlanResult {
  const at = `t=${state.timeSec}s: job "${job.id}"`;
  const refuse = (what: string): PlanResult => ({ ok: false, message: `${at}: ${what}` });
  if (!Array.isArray(path) || !path.every((r): r is string => typeof r === "string")) {
    return refuse("path must be an array of region ids");
  }
  if (path.length !== job.stages) {
    return refuse(`path has ${path.length} regions but the job has ${job.stages} stages`);
  }
  const index = indexTopology(state.topology);
  for (const [k, id] of path.entries()) {
    if (!index.regions.has(id)) return refuse(`path[${k}] = "${id}" is not a region of topology "${state.topology.name}"`);
  }
  const gpus = gpusOfPath(job, path);
  for (const [id, n] of gpus) {
    const free = state.freeGpus(id);
    if (n > free) return refuse(`needs ${n} GPUs in region "${id}" but ${free} are free`);
  }
  const model = state.models.get(job.model);
  if (model === undefined) return refuse(`model "${job.model}" is not among the models`);
  const alone = evaluatePlacement(state.topology, model, job, path, { startSec: state.timeSec });
  if (!alone.ok) return refuse(alone.error.message);
  const grant = grantLinks(alone.value, (key) => state.residualGbps(key));
  const worst = grant.worst;
  if (worst !== null && (!(worst.shareGbps > 0) || !(grant.minShareOfDemand >= MIN_RESERVATION_FRACTION))) {
    return refuse(
      `link "${worst.key}" would give the hop from stage ${worst.stage} ${worst.shareGbps} Gbit/s (residual ${state.residualGbps(worst.key)}), below ${MIN_RESERVATION_FRACTION} × its demand of ${worst.demandGbps} Gbit/s`,
    );
  }
  const reserved = new Map(grant.grantedGbps);
  // a path that stays in one region reserves nothing, so the run is the evaluation alone
  const run = reserved.size === 0 ? alone : evaluatePlacement(state.topology, model, job, path, { startSec: state.timeSec, linkBandwidthGbps: reserved });
  if (!run.ok) return refuse(run.error.message);
  if (!Number.isFinite(run.value.runtimeSec) || run.value.runtimeSec < 0) {
    return refuse(`runtime ${run.value.runtimeSec} s is not a finite non-negative number; check the job's iterations and mfu`);
  }
  return { ok: true, value: { job, path: [...path], gpusByRegion: gpus, reservedGbps: reserved, breakdown: run.value } };
}
