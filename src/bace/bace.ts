/**
 * BACE-Pipe, composed: the dynamic priority ranks the queue, the
 * bandwidth-aware pathfinder lists the feasible paths of each job in turn,
 * and the cost-min allocator picks the cheapest within the time tolerance.
 * Queue rule `"backfill"`: a job with no feasible path now is deferred and
 * the next ones are tried — the priority already decided who goes first,
 * so a blocked head must not hold back jobs that fit (the head-of-line
 * blocking the paper's priority is meant to avoid).
 */
import type { Job, LlmModel, Topology } from "../model/types.js";
import type { ClusterView, Scheduler } from "../sim/types.js";
import { allocateCostMin, cheapestWithinTolerance, DEFAULT_ALLOCATOR_OPTIONS, type AllocatorOptions } from "./allocator.js";
import { candidateCostUsd } from "./candidatePrice.js";
import { KeptCandidates } from "./keptCandidates.js";
import { checkJobForModel } from "../cost/evaluate.js";
import type { PathCandidate } from "./candidate.js";
import { fastestCandidate, hasCandidate, withinTolerance } from "./choose.js";
import { idleView } from "./idleView.js";
import { IdleReasons } from "./idleReasons.js";
import { composeScheduler, type OrderPolicy, type PlacementOutcome, type PlacementPolicy, type QueueRule } from "./compose.js";
import { DEFAULT_PATHFINDER_OPTIONS, explainNoPath, type PathfinderOptions } from "./pathfinder.js";
import { lazyPriorityOrder } from "./lazyPriority.js";
import { DEFAULT_PRIORITY_OPTIONS, type PriorityOptions } from "./priority.js";
import { feasibilityKey, jobProfile, type JobProfile } from "./profile.js";

/** Parameters of BACE-Pipe and its ablations (see the option types it extends for each default); all optional, defaults in {@link DEFAULT_BACE_OPTIONS}. */
export interface BaceOptions extends PriorityOptions, PathfinderOptions, AllocatorOptions {
  /** Queue rule. Default `"backfill"`. */
  readonly queueRule?: QueueRule;
}

/** Defaults of {@link BaceOptions}. */
export const DEFAULT_BACE_OPTIONS: Required<BaceOptions> = {
  ...DEFAULT_PRIORITY_OPTIONS,
  ...DEFAULT_PATHFINDER_OPTIONS,
  ...DEFAULT_ALLOCATOR_OPTIONS,
  queueRule: "backfill",
};

/** Reason given by a placement asked not to explain itself. */
export const NO_PATH_NOW = "no feasible path now";

/**
 * The pathfinder + a chooser among its candidates, as a placement policy:
 * `"cost-min"` (BACE-Pipe's allocator) or `"fastest"` (the smallest
 * iteration time; ties: the pathfinder's order, fewer regions first, then
 * region ids).
 */
export function pathPlacement(
  pathfinder: PathfinderOptions,
  choose: "cost-min" | "fastest",
  allocator: AllocatorOptions = {},
): PlacementPolicy {
  const search = { ...DEFAULT_PATHFINDER_OPTIONS, ...pathfinder };
  const place = (view: Readonly<ClusterView>, job: Job, explain = true): PlacementOutcome => {
    const model = view.models.get(job.model);
    if (model === undefined) return { ok: false, reason: `model "${job.model}" is not among the models` };
    const profile = jobProfile(view.topology, model, job);
    if (choose === "fastest") {
      const candidate = fastestCandidate(view, profile, search);
      if (candidate !== null) return { ok: true, candidate };
    } else {
      const within = withinTolerance(view, profile, search, allocator);
      // a lone candidate is the allocator's choice whatever it costs (when the cost model cannot reject it): no need to price it
      const lone = within.length === 1 ? (within[0] as PathCandidate) : undefined;
      if (lone !== undefined && Number.isFinite(lone.iterationSec) && alwaysPriced(view.topology, model, job)) return { ok: true, candidate: lone };
      const allocation = allocateCostMin(view, profile, within, allocator);
      if (allocation !== null) return { ok: true, candidate: allocation.candidate, breakdown: allocation.breakdown };
    }
    return { ok: false, reason: explain ? explainNoPath(view, profile, pathfinder) : NO_PATH_NOW };
  };
  // place(view, job, true) succeeds when some candidate exists and (cost-min) the cost model prices one of them;
  // for a candidate path the cost model can only object to the job itself or to an empty hourly price series
  const idle = new IdleReasons();
  const noCandidate = (view: Readonly<ClusterView>, job: Job): string | null => {
    const profile = jobProfile(view.topology, view.models.get(job.model) as LlmModel, job);
    return hasCandidate(view, profile, search) ? null : explainNoPath(view, profile, pathfinder);
  };
  const canEverPlace = (view: Readonly<ClusterView>, job: Job): string | null => {
    const model = view.models.get(job.model);
    if (model === undefined) return `model "${job.model}" is not among the models`;
    const none = idle.of(view, job, noCandidate);
    if (none !== null) return none;
    if (choose === "fastest" || alwaysPriced(view.topology, model, job)) return null;
    const outcome = place(view, job, true);
    return outcome.ok ? null : outcome.reason;
  };
  // on the idle cluster the candidates (and the fastest one) do not depend on the time: keep them per job profile, price them at each call
  const idleCandidates = new WeakMap<JobProfile, readonly PathCandidate[]>();
  const idleFastest = new WeakMap<JobProfile, PathCandidate | null>();
  const placeIdle = (view: Readonly<ClusterView>, job: Job): PlacementOutcome => {
    const model = view.models.get(job.model);
    if (model === undefined) return { ok: false, reason: `model "${job.model}" is not among the models` };
    const profile = jobProfile(view.topology, model, job);
    if (choose === "fastest") {
      let candidate = idleFastest.get(profile);
      if (candidate === undefined) idleFastest.set(profile, (candidate = fastestCandidate(idleView(view), profile, search)));
      return candidate === null ? { ok: false, reason: NO_PATH_NOW } : { ok: true, candidate };
    }
    let within = idleCandidates.get(profile);
    if (within === undefined) idleCandidates.set(profile, (within = withinTolerance(idleView(view), profile, search, allocator)));
    // the price reads the view's topology and time only, the same for the idle view
    return keptAllocation(view, profile, within);
  };
  // allocateCostMin's choice over kept candidates, priced from their kept terms (the same costs, ./candidatePrice.ts); no breakdown
  const keptAllocation = (view: Readonly<ClusterView>, profile: JobProfile, within: readonly PathCandidate[]): PlacementOutcome => {
    const chosen = cheapestWithinTolerance(within, (c) => costOf(candidateCostUsd(view, profile, c)), allocator);
    return chosen === null ? { ok: false, reason: NO_PATH_NOW } : { ok: true, candidate: chosen.candidate };
  };
  const kept = new KeptCandidates(search, allocator);
  const placeKept = (view: Readonly<ClusterView>, job: Job): PlacementOutcome => {
    const model = view.models.get(job.model);
    if (model === undefined || choose === "fastest") return place(view, job, false);
    const profile = jobProfile(view.topology, model, job);
    return keptAllocation(view, profile, kept.within(view, profile));
  };
  return Object.assign(place, { canEverPlace, placeIdle, placeKept });
}

/** A cost as {@link cheapestWithinTolerance} takes it. */
function costOf(costUsd: number | null): { readonly costUsd: number } | null {
  return costUsd === null ? null : { costUsd };
}

/** Whether no region of `topology` has an empty hourly price series (the cost model rejects those). */
function everyRegionPriced(topology: Topology): boolean {
  return topology.regions.every((r) => r.price.kind !== "hourly" || r.price.usdPerKwh.length > 0);
}

/**
 * Whether the cost model prices every candidate path of `job` on `topology`
 * (`evaluateCandidate` is not `null`): for a candidate path it can only
 * object to the job itself or to an empty hourly price series.
 */
function alwaysPriced(topology: Topology, model: LlmModel, job: Job): boolean {
  return checkJobForModel(model, job).ok && everyRegionPriced(topology);
}

/** The BACE-Pipe placement: bandwidth-aware pathfinder, then cost-min allocator. */
export function bacePlacement(options: BaceOptions = {}): PlacementPolicy {
  const o = { ...DEFAULT_BACE_OPTIONS, ...options };
  return pathPlacement({ maxRegions: o.maxRegions, splitLimit: o.splitLimit, bandwidth: o.bandwidth }, "cost-min", {
    timeTolerance: o.timeTolerance,
  });
}

/** The BACE-Pipe order (the dynamic priority). */
export function baceOrder(options: BaceOptions = {}): OrderPolicy {
  const o = { ...DEFAULT_BACE_OPTIONS, ...options };
  return lazyPriorityOrder({ agingWeight: o.agingWeight, networkWeight: o.networkWeight });
}

/** BACE-Pipe as a scheduler named `name` (default "bace"). */
export function baceScheduler(options: BaceOptions = {}, name = "bace"): Scheduler {
  const o = { ...DEFAULT_BACE_OPTIONS, ...options };
  return composeScheduler({ name, order: baceOrder(o), place: bacePlacement(o), queueRule: o.queueRule, shapeKey: feasibilityKey });
}
