/**
 * Evaluating one pipeline path under a read-only cluster view: the building
 * block the pathfinder, the allocator, the baselines and the ablations share.
 *
 * A path is given as a region sequence and block sizes (stages per region).
 * How a policy treats the residual bandwidth of the links it crosses is its
 * {@link BandwidthMode}; every mode refuses a link the simulator would refuse
 * (residual below `MIN_RESERVATION_FRACTION` of the demand), so no policy asks
 * for a start the simulator rejects.
 */
import { evaluatePlacement, hopSec, indexTopology, iterationTime, linkKey, serialisationSec, type PlacementBreakdown } from "../cost/index.js";
import type { PipelinePath } from "../model/types.js";
import { MIN_RESERVATION_FRACTION, type ClusterView } from "../sim/types.js";
import type { JobProfile } from "./profile.js";

/**
 * How a policy treats residual bandwidth. A cross-region hop gets
 * `min(cap, residual)` from the simulator (its cap is node pairs ×
 * per-node-pair throughput, docs/model.md "Links"), and is timed with it.
 * - `"reserve"` (BACE-Pipe's pathfinder): that grant must cover the hop's
 *   demand (`A·8/(t_f+t_b)`), so no hop falls behind its sender;
 * - `"share"` (delay-first): any grant the simulator accepts will do; a hop
 *   below its demand shows only as a longer iteration;
 * - `"ignore"` (cost-first, BACE without pathfinder): residual is not looked
 *   at; the job is timed as if alone on the network (each hop at its cap),
 *   and the simulator then gives it what is left.
 */
export type BandwidthMode = "reserve" | "share" | "ignore";

/** A feasible path with what the policy believes about it. */
export interface PathCandidate {
  /** Region of each stage. */
  readonly path: PipelinePath;
  /** Distinct regions in path order. */
  readonly regions: readonly string[];
  /** Stages per region, same order as `regions`. */
  readonly split: readonly number[];
  /** Iteration time the policy believes, seconds (the cost model with `bandwidthGbps`). */
  readonly iterationSec: number;
  /** `iterations · iterationSec`, seconds. */
  readonly runtimeSec: number;
  /** Bandwidth the policy believes each used link gives the job, Gbit/s by link key. */
  readonly bandwidthGbps: ReadonlyMap<string, number>;
  /** What the simulator will reserve on each used link, `min(cap, residual)`, Gbit/s by link key. */
  readonly reservedGbps: ReadonlyMap<string, number>;
  /** Whether some hop will get less than its demand (it falls behind its sender). */
  readonly stalls: boolean;
  /** GPUs taken per region. */
  readonly gpusByRegion: ReadonlyMap<string, number>;
}

/** A path the view cannot take and why. */
export interface Refusal {
  /** What the view lacks, naming the region or link. */
  readonly reason: string;
}

/** Expands a region sequence and block sizes into one region per stage. */
export function expandPath(regions: readonly string[], split: readonly number[]): PipelinePath {
  const path: string[] = [];
  regions.forEach((r, i) => {
    for (let n = split[i] ?? 0; n > 0; n--) path.push(r);
  });
  return path;
}

/** What the simulator will grant a hop from region `from` over `key`: `min(cap, residual)`, Gbit/s. */
function grant(view: Readonly<ClusterView>, profile: JobProfile, from: string, to: string, key: string, capacityGbps: number): number {
  return Math.min(profile.hopCapGbps(from, to), Math.max(view.residualGbps.get(key) ?? capacityGbps, 0));
}

/** Refuses the first region boundary whose link the mode cannot use (checked before anything is built). */
function refuseBoundary(
  view: Readonly<ClusterView>,
  profile: JobProfile,
  regions: readonly string[],
  split: readonly number[],
  mode: BandwidthMode,
): Refusal | null {
  const links = indexTopology(view.topology).links;
  let sender = -1;
  for (let i = 0; i + 1 < regions.length; i++) {
    sender += split[i] ?? 0;
    const from = regions[i] as string;
    const to = regions[i + 1] as string;
    if (from === to) continue;
    const key = linkKey(from, to);
    const link = links.get(key);
    if (link === undefined) return { reason: `no link between "${from}" and "${to}"` };
    const demand = profile.hopDemandGbps(sender, from);
    const granted = grant(view, profile, from, to, key, link.bandwidthGbps);
    if (!(granted > 0) || !(granted >= MIN_RESERVATION_FRACTION * demand)) {
      return { reason: `link "${key}" grants ${granted.toFixed(3)} Gbit/s, below ${MIN_RESERVATION_FRACTION} × the demand of ${demand.toFixed(3)} Gbit/s` };
    }
    if (mode === "reserve" && demand > granted) {
      return { reason: `link "${key}" grants ${granted.toFixed(3)} Gbit/s but the hop needs ${demand.toFixed(3)} Gbit/s` };
    }
  }
  return null;
}

/**
 * Assesses `regions` × `split` for the job of `profile` under `view`: GPUs
 * must be free, each inter-region hop needs a link the simulator would accept
 * and, in `"reserve"` mode, a residual covering its demand. Returns the
 * candidate or a {@link Refusal}. Regions must be distinct and linked in order.
 */
export function assessPath(
  view: Readonly<ClusterView>,
  profile: JobProfile,
  regions: readonly string[],
  split: readonly number[],
  mode: BandwidthMode,
): PathCandidate | Refusal {
  const job = profile.job;
  const refused = refuseBoundary(view, profile, regions, split, mode);
  if (refused !== null) return refused;
  const index = indexTopology(view.topology);
  const gpusByRegion = new Map<string, number>();
  regions.forEach((r, i) => gpusByRegion.set(r, (gpusByRegion.get(r) ?? 0) + (split[i] ?? 0) * job.gpusPerStage));
  for (const [r, n] of gpusByRegion) {
    const free = view.freeGpus.get(r) ?? 0;
    if (n > free) return { reason: `needs ${n} GPUs in "${r}" but ${free} are free` };
  }
  const path = expandPath(regions, split);
  if (path.length !== job.stages) return { reason: `path has ${path.length} stages, the job ${job.stages}` };
  const stageSecs: number[] = [];
  const hopSecs: number[] = [];
  const serialisation: number[] = [];
  const bandwidthGbps = new Map<string, number>();
  const reservedGbps = new Map<string, number>();
  let stalls = false;
  for (let k = 0; k < path.length; k++) {
    const from = path[k] as string;
    stageSecs.push(profile.stageCompute(k, from).computeSec);
    const to = path[k + 1];
    if (to === undefined) break;
    if (to === from) {
      const region = index.regions.get(from);
      if (region === undefined) return { reason: `region "${from}" is not in the topology` };
      hopSecs.push(hopSec(profile.activationBytes, region.intraLatencyMs, region.intraBandwidthGbps));
      serialisation.push(serialisationSec(profile.activationBytes, region.intraBandwidthGbps));
      continue;
    }
    const key = linkKey(from, to);
    const link = index.links.get(key);
    if (link === undefined) return { reason: `no link between "${from}" and "${to}"` };
    const demand = profile.hopDemandGbps(k, from);
    const reserved = grant(view, profile, from, to, key, link.bandwidthGbps);
    if (reserved < demand) stalls = true;
    const believed = mode === "ignore" ? profile.hopCapGbps(from, to) : reserved;
    bandwidthGbps.set(key, believed);
    reservedGbps.set(key, reserved);
    hopSecs.push(hopSec(profile.activationBytes, link.latencyMs, believed));
    serialisation.push(serialisationSec(profile.activationBytes, believed));
  }
  const time = iterationTime(stageSecs, hopSecs, job.microBatches, job.commOverlap === true ? serialisation : undefined);
  return {
    path,
    regions,
    split,
    iterationSec: time.iterationSec,
    runtimeSec: job.iterations * time.iterationSec,
    bandwidthGbps,
    reservedGbps,
    stalls,
    gpusByRegion,
  };
}

/** Whether {@link assessPath} refused. */
export function isRefusal(x: PathCandidate | Refusal): x is Refusal {
  return "reason" in x;
}

/**
 * The cost model's full evaluation of a candidate as the policy believes it
 * (starting now, each used link giving `candidate.bandwidthGbps`): the source
 * of the electricity cost the allocator compares. `null` only if the cost
 * model rejects the path (it cannot for a path {@link assessPath} accepted).
 */
export function evaluateCandidate(
  view: Readonly<ClusterView>,
  profile: JobProfile,
  candidate: PathCandidate,
): PlacementBreakdown | null {
  const result = evaluatePlacement(view.topology, profile.model, profile.job, candidate.path, {
    startSec: view.timeSec,
    linkBandwidthGbps: candidate.bandwidthGbps,
  });
  return result.ok ? result.value : null;
}
