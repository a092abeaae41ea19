/**
 * What the policies need to know about one job, computed once from the cost
 * model's own pieces (`src/cost`): layers per stage, per-stage compute time in
 * each region, the activation size, the bandwidth a hop needs when its sender
 * is in a given region, and an estimate of the job's runtime. Cheap to query
 * for many candidate paths; {@link evaluatePlacement} stays the reference.
 */
import {
  activationBytes,
  demandGbps,
  hopCapGbps,
  indexTopology,
  linkKey,
  forwardFlopsPerLayer,
  iterationTime,
  splitLayers,
  stageCompute,
  type StageCompute,
} from "../cost/index.js";
import type { Job, LlmModel, Topology } from "../model/types.js";

/** Per-job figures shared by the priority, the pathfinder and the baselines. */
export interface JobProfile {
  /** The job profiled. */
  readonly job: Job;
  /** Its model. */
  readonly model: LlmModel;
  /** Layers of each stage (`splitLayers`). */
  readonly layers: readonly number[];
  /** Activation bytes per micro-batch between two stages (`A = b·s·h·2`). */
  readonly activationBytes: number;
  /** Compute of stage k in region r: `stageCompute(k, r)`. */
  stageCompute(stage: number, regionId: string): StageCompute;
  /** Gbit/s the hop from stage k needs, each direction, when stage k runs in region r (`A·8/(t_f+t_b)`). */
  hopDemandGbps(stage: number, regionId: string): number;
  /**
   * Most Gbit/s a hop of this job can use between regions `from` and `to`
   * (`hopCapGbps`: node pairs × per-node-pair throughput, at most the link's
   * capacity); the region's intra-region bandwidth when `from === to`; 0 when
   * the two are not linked.
   */
  hopCapGbps(from: string, to: string): number;
  /** GPUs the whole job needs (`S·g`). */
  readonly totalGpus: number;
  /**
   * Runtime lower bound, seconds: every stage on the fastest GPU type of the
   * topology, no communication (`I · ((M−1)·max t_k + Σ t_k)`). Independent of
   * the cluster state, so it is the job's "size" for SJF and the priority.
   */
  readonly idealRuntimeSec: number;
  /** Largest hop demand with every stage on the fastest GPU type, Gbit/s (an upper bound on any hop's demand, `A·8/(t_f+t_b)`). */
  readonly peakDemandGbps: number;
}

const cache = new WeakMap<Topology, WeakMap<Job, WeakMap<LlmModel, JobProfile>>>();
/** The last profile asked for per job (one look-up for the common case of one topology and model per job). */
const lastByJob = new WeakMap<Job, { readonly topology: Topology; readonly profile: JobProfile }>();

/** The profile of `job` (of `model`) on `topology`; memoised per (topology, job, model) object. */
export function jobProfile(topology: Topology, model: LlmModel, job: Job): JobProfile {
  const last = lastByJob.get(job);
  if (last !== undefined && last.topology === topology && last.profile.model === model) return last.profile;
  const profile = cachedProfile(topology, model, job);
  lastByJob.set(job, { topology, profile });
  return profile;
}

function cachedProfile(topology: Topology, model: LlmModel, job: Job): JobProfile {
  let byJob = cache.get(topology);
  if (byJob === undefined) cache.set(topology, (byJob = new WeakMap()));
  let byModel = byJob.get(job);
  if (byModel === undefined) byJob.set(job, (byModel = new WeakMap()));
  const hit = byModel.get(model);
  if (hit !== undefined) return hit;
  const built = buildProfile(topology, model, job);
  byModel.set(model, built);
  return built;
}

function buildProfile(topology: Topology, model: LlmModel, job: Job): JobProfile {
  const layers = splitLayers(model.numLayers, job.stages);
  const flops = forwardFlopsPerLayer(job.microBatchSize, model.seqLength, model.hiddenSize);
  const bytes = activationBytes(job.microBatchSize, model.seqLength, model.hiddenSize);
  const index = indexTopology(topology);
  const peakByRegion = new Map(topology.regions.map((r) => [r.id, r.gpu.peakTflopsBf16] as const));
  const memo = new Map<string, StageCompute>();
  const compute = (stage: number, regionId: string): StageCompute => {
    const l = layers[stage] ?? 0;
    const key = `${l}|${regionId}`;
    let c = memo.get(key);
    if (c === undefined) {
      c = stageCompute(l, flops, job.gpusPerStage, peakByRegion.get(regionId) ?? Number.NaN, job.mfu);
      memo.set(key, c);
    }
    return c;
  };
  const fastestPeak = Math.max(...topology.regions.map((r) => r.gpu.peakTflopsBf16));
  const fastest = layers.map((l) => stageCompute(l, flops, job.gpusPerStage, fastestPeak, job.mfu));
  const ideal = iterationTime(
    fastest.map((c) => c.computeSec),
    [],
    job.microBatches,
  );
  return {
    job,
    model,
    layers,
    activationBytes: bytes,
    stageCompute: compute,
    hopDemandGbps: (stage, regionId) => demandGbps(bytes, compute(stage, regionId).computeSec),
    hopCapGbps: (from, to) => {
      const a = index.regions.get(from);
      const b = index.regions.get(to);
      if (a === undefined || b === undefined) return 0;
      if (from === to) return a.intraBandwidthGbps;
      const link = index.links.get(linkKey(from, to));
      return link === undefined ? 0 : hopCapGbps(link, job.gpusPerStage, a, b);
    },
    totalGpus: job.stages * job.gpusPerStage,
    idealRuntimeSec: job.iterations * ideal.iterationSec,
    peakDemandGbps: Math.max(0, ...fastest.slice(0, -1).map((c) => demandGbps(bytes, c.computeSec))),
  };
}

/**
 * The job features that decide whether a path search succeeds under a view
 * (model, S, g, b, MFU; not M or I, which only change times and costs): jobs
 * with the same key are feasible under exactly the same views.
 */
export function feasibilityKey(job: Job): string {
  let key = keys.get(job);
  if (key === undefined) keys.set(job, (key = `${job.model}|${job.stages}|${job.gpusPerStage}|${job.microBatchSize}|${job.mfu}`));
  return key;
}

const keys = new WeakMap<Job, string>();

/**
 * The job features that decide whether a path search succeeds except the
 * MFU (model, S, g, b): among jobs with the same key, a higher MFU only
 * shortens every stage (`stageFlopsPerSec` grows with it, each rounded
 * operation is monotone), so it raises every hop's demand `A·8/(t_f+t_b)`
 * and never lowers one; room and grants do not depend on it. So a job finds
 * no path under a view when a job with the same key and a lower or equal
 * MFU (both > 0) found none, and finds one when such a job with a higher or
 * equal MFU found one.
 */
export function demandShapeKey(job: Job): string {
  let key = demandKeys.get(job);
  if (key === undefined) demandKeys.set(job, (key = `${job.model}|${job.stages}|${job.gpusPerStage}|${job.microBatchSize}`));
  return key;
}

const demandKeys = new WeakMap<Job, string>();

/** Whether `mfu` is a number {@link demandShapeKey}'s ordering speaks of (finite, > 0). */
export function orderedMfu(mfu: number): boolean {
  return mfu > 0 && mfu < Number.POSITIVE_INFINITY;
}
