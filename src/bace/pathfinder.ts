/**
 * BACE-Pipe stage 2, the bandwidth-aware pathfinder: every pipeline path
 * along a simple path of ≤ `maxRegions` regions of the region graph
 * (graphology), with contiguous blocks of stages per region, whose GPUs are
 * free and (in `"reserve"` mode) whose every cross-region hop's demand fits
 * the link's residual bandwidth. Candidates come in a deterministic order:
 * fewer regions first, then region ids (never the file's order), then larger first
 * blocks first. Pruning: a region without room for one stage ends the walk
 * there, a sequence without room for all stages is skipped before any split
 * is tried, and long splits lists are cut to their extremes (`./splits.ts`).
 */
import type { Job } from "../model/types.js";
import type { ClusterView } from "../sim/types.js";
import { assessPath, isRefusal, type BandwidthMode, type PathCandidate } from "./candidate.js";
import { jobProfile, type JobProfile } from "./profile.js";
import { regionSequences } from "./regionGraph.js";
import { blockSplits } from "./splits.js";

/** Options of the pathfinder; all optional, defaults in {@link DEFAULT_PATHFINDER_OPTIONS}. */
export interface PathfinderOptions {
  /** Most distinct regions a pipeline may span. Default 3 (two WAN hops; with blocking sends each hop adds `2·(λ + A·8/B)` per micro-batch, tens of ms at WAN latencies, so longer paths rarely pay off). */
  readonly maxRegions?: number;
  /** Most block splits tried per region sequence before falling back to the extreme splits. Default 64 (exhaustive up to S = 12 on 3 regions). */
  readonly splitLimit?: number;
  /** How residual bandwidth is treated. Default `"reserve"` (bandwidth-aware). */
  readonly bandwidth?: BandwidthMode;
}

/** Defaults of {@link PathfinderOptions}. */
export const DEFAULT_PATHFINDER_OPTIONS: Required<PathfinderOptions> = {
  maxRegions: 3,
  splitLimit: 64,
  bandwidth: "reserve",
};

/** Candidates of a search, or why there are none. */
export type PathSearch =
  | { readonly ok: true; readonly candidates: readonly PathCandidate[] }
  | { readonly ok: false; readonly reason: string };

/**
 * Lazily enumerates the feasible candidates of `profile`'s job under `view`,
 * in the documented order. Stop early to take the first feasible one.
 */
export function* enumerateCandidates(
  view: Readonly<ClusterView>,
  profile: JobProfile,
  options: PathfinderOptions = {},
): Generator<PathCandidate, void, undefined> {
  const { maxRegions, splitLimit, bandwidth } = { ...DEFAULT_PATHFINDER_OPTIONS, ...options };
  const g = profile.job.gpusPerStage;
  const S = profile.job.stages;
  const room = (r: string): number => Math.floor((view.freeGpus.get(r) ?? 0) / g);
  let free = 0;
  for (const n of view.freeGpus.values()) free += Math.floor(n / g);
  if (free < S) return;
  for (const regions of regionSequences(view.topology, Math.min(maxRegions, S))) {
    const caps = regions.map(room);
    if (caps.some((c) => c < 1) || caps.reduce((a, b) => a + b, 0) < S) continue;
    for (const split of blockSplits(S, caps, splitLimit)) {
      const c = assessPath(view, profile, regions, split, bandwidth);
      if (!isRefusal(c)) yield c;
    }
  }
}

/**
 * All feasible candidates of `job` under `view` (see {@link enumerateCandidates}),
 * or a reason naming what is missing (GPUs, a path with room, bandwidth).
 */
export function findPaths(view: Readonly<ClusterView>, job: Job, options: PathfinderOptions = {}): PathSearch {
  const model = view.models.get(job.model);
  if (model === undefined) return { ok: false, reason: `model "${job.model}" is not among the models` };
  const profile = jobProfile(view.topology, model, job);
  const candidates = [...enumerateCandidates(view, profile, options)];
  if (candidates.length > 0) return { ok: true, candidates };
  return { ok: false, reason: explainNoPath(view, profile, options) };
}

/** Why no candidate exists: the first of GPUs per stage, room along a path, bandwidth. */
export function explainNoPath(view: Readonly<ClusterView>, profile: JobProfile, options: PathfinderOptions = {}): string {
  const { maxRegions } = { ...DEFAULT_PATHFINDER_OPTIONS, ...options };
  const job = profile.job;
  const largest = Math.max(0, ...view.freeGpus.values());
  if (largest < job.gpusPerStage) {
    return `needs ${job.gpusPerStage} GPUs per stage but the largest region has ${largest} free`;
  }
  const roomOnly = enumerateCandidates(view, profile, { ...options, bandwidth: "ignore" }).next();
  if (roomOnly.done === true) {
    return `needs ${job.stages} stages × ${job.gpusPerStage} GPUs on at most ${maxRegions} linked regions, but no such path has room`;
  }
  return `every path with room for ${job.stages} stages × ${job.gpusPerStage} GPUs has a cross-region hop whose demand exceeds the link's residual bandwidth`;
}
