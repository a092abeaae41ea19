/**
 * BACE-Pipe stage 1, the dynamic priority. At every scheduling event each
 * waiting job gets
 *
 *     priority = (1 + agingWeight · W / E) / (1 + networkWeight · u · d)
 *
 * and the queue is served highest first (ties: smaller E, earlier arrival, id).
 * - E, the remaining computation: the job's runtime lower bound on the
 *   fastest GPU type with no communication ({@link JobProfile.idealRuntimeSec});
 * - W, the time it has waited: the numerator is the response ratio
 *   `(W + E)/E` of HRRN (Brinch Hansen 1971) when agingWeight = 1: among jobs
 *   that waited equally the shortest goes first, and every waiting job's
 *   ratio grows without bound, so no job starves;
 * - u ∈ [0, 1], the live network utilisation: 1 − Σ residual / Σ capacity over
 *   the inter-region links;
 * - d ≥ 0, the job's cross-region demand: 0 when the job fits in the region
 *   with the most free GPUs (it need not cross the WAN), else its largest hop
 *   demand over the mean link capacity. A communication-heavy job is deferred
 *   while the links are busy; a compute-heavy, low-demand one keeps its rank.
 */
import { topologyView } from "../cost/topologyView.js";
import { compareIds } from "../model/order.js";
import type { Link, Topology } from "../model/types.js";
import { valuesByNumber } from "../sim/indexedValues.js";
import type { ClusterView, QueuedJob } from "../sim/types.js";
import { jobProfile, type JobProfile } from "./profile.js";

/** Weights of the priority; all optional, defaults in {@link DEFAULT_PRIORITY_OPTIONS}. */
export interface PriorityOptions {
  /** Weight of W/E. Default 1: plain HRRN (a standard, untuned no-starvation rule). */
  readonly agingWeight?: number;
  /**
   * Weight of u·d. Default 1: a job whose demand equals a whole link, on a
   * saturated network, is ranked as if it had half its response ratio — the
   * same scale as the aging term (both are dimensionless ratios), not tuned.
   */
  readonly networkWeight?: number;
}

/** Defaults of {@link PriorityOptions}. */
export const DEFAULT_PRIORITY_OPTIONS: Required<PriorityOptions> = {
  agingWeight: 1,
  networkWeight: 1,
};

/** The inter-region links of a topology in link-key order (so sums never depend on the file's order), with their numbers and mean capacity. */
export interface KeyOrderedLinks {
  /** Link numbers of the {@link TopologyView}, in key order. */
  readonly numbers: Int32Array;
  /** Their capacities, same order, Gbit/s. */
  readonly capacityGbps: Float64Array;
  /** Mean capacity, Gbit/s (0 without links). */
  readonly meanGbps: number;
}

const interLinks = new WeakMap<Topology, KeyOrderedLinks>();

/** The inter-region links of `topology` in key order (made once per topology). */
export function linksInKeyOrder(topology: Topology): KeyOrderedLinks {
  const hit = interLinks.get(topology);
  if (hit !== undefined) return hit;
  const index = topologyView(topology);
  const keyed = index.linkKeys
    .map((key, n) => ({ key, n, link: index.links[n] as Link }))
    .filter(({ link }) => link.a !== link.b)
    .sort((a, b) => compareIds(a.key, b.key));
  const links = keyed.map((x) => x.link);
  const out: KeyOrderedLinks = {
    numbers: Int32Array.from(keyed, (x) => x.n),
    capacityGbps: Float64Array.from(links, (l) => l.bandwidthGbps),
    meanGbps: links.length === 0 ? 0 : links.reduce((s, l) => s + l.bandwidthGbps, 0) / links.length,
  };
  interLinks.set(topology, out);
  return out;
}

/** Live utilisation of the inter-region links, `1 − Σ residual / Σ capacity`, in [0, 1]; 0 without links. */
export function networkUtilisation(view: Readonly<ClusterView>): number {
  const index = topologyView(view.topology);
  const links = linksInKeyOrder(view.topology);
  const residualByNumber = valuesByNumber(view.residualGbps, index.linkKeys, index.capacityGbps);
  let capacity = 0;
  let residual = 0;
  links.numbers.forEach((n, i) => {
    const cap = links.capacityGbps[i] as number;
    capacity += cap;
    residual += Math.min(Math.max(residualByNumber[n] as number, 0), cap);
  });
  return capacity > 0 ? Math.min(Math.max(1 - residual / capacity, 0), 1) : 0;
}

/** Free GPUs of the region with the most, 0 for none. */
export function largestFree(view: Readonly<ClusterView>): number {
  let largest = 0;
  for (const n of view.freeGpus.values()) largest = Math.max(largest, n);
  return largest;
}

/** d from the largest free region and the mean link capacity (see {@link crossRegionDemand}). */
export function demandTerm(profile: Pick<JobProfile, "totalGpus" | "peakDemandGbps">, largest: number, meanGbps: number): number {
  if (profile.totalGpus <= largest) return 0;
  return meanGbps > 0 ? profile.peakDemandGbps / meanGbps : 0;
}

/** The job's cross-region demand d (see the module comment). */
export function crossRegionDemand(view: Readonly<ClusterView>, profile: JobProfile): number {
  return demandTerm(profile, largestFree(view), linksInKeyOrder(view.topology).meanGbps);
}

/** The priority of a job that waited `waitedSec` with E = `e`, at utilisation `u` and demand `d` (the module comment's formula). */
export function priorityOf(waitedSec: number, e: number, u: number, d: number, agingWeight: number, networkWeight: number): number {
  const aging = e > 0 ? Math.max(waitedSec, 0) / e : 0;
  return (1 + agingWeight * aging) / (1 + networkWeight * u * d);
}

/** A queued job with its priority and the terms it is made of. */
export interface ScoredJob {
  /** The queued job scored. */
  readonly queued: QueuedJob;
  /** The priority; higher is served first. */
  readonly priority: number;
  /** E, seconds. */
  readonly idealRuntimeSec: number;
  /** d, dimensionless. */
  readonly demand: number;
}

/** Scores every queued job at this event (jobs of unknown models score 0 and go last). */
export function scoreQueue(view: Readonly<ClusterView>, queue: readonly QueuedJob[], options: PriorityOptions = {}): readonly ScoredJob[] {
  const { agingWeight, networkWeight } = { ...DEFAULT_PRIORITY_OPTIONS, ...options };
  const u = networkUtilisation(view);
  const largest = largestFree(view);
  const meanGbps = linksInKeyOrder(view.topology).meanGbps;
  return queue.map((queued) => {
    const model = view.models.get(queued.job.model);
    if (model === undefined) return { queued, priority: 0, idealRuntimeSec: Number.POSITIVE_INFINITY, demand: 0 };
    const profile = jobProfile(view.topology, model, queued.job);
    const e = profile.idealRuntimeSec;
    const d = demandTerm(profile, largest, meanGbps);
    return { queued, priority: priorityOf(queued.waitedSec, e, u, d, agingWeight, networkWeight), idealRuntimeSec: e, demand: d };
  });
}

/** Highest priority first; ties: smaller E, earlier arrival, smaller id (the comparison {@link priorityOrder} makes). */
export function byPriority(a: ScoredJob, b: ScoredJob): number {
  return (
    b.priority - a.priority ||
    a.idealRuntimeSec - b.idealRuntimeSec ||
    a.queued.job.arrivalSec - b.queued.job.arrivalSec ||
    compareIds(a.queued.job.id, b.queued.job.id)
  );
}

/**
 * The BACE-Pipe order: highest priority first (ties: smaller E, earlier
 * arrival, smaller id), as an array: {@link scoreQueue} sorted by
 * {@link byPriority} (the reference; the scheduler ranks with the lazy
 * `lazyPriorityOrder` of `./lazyPriority.ts`, which gives the same order).
 */
export function priorityOrder(options: PriorityOptions = {}): (view: Readonly<ClusterView>, queue: readonly QueuedJob[]) => readonly QueuedJob[] {
  return (view, queue) => [...scoreQueue(view, queue, options)].sort(byPriority).map((s) => s.queued);
}
