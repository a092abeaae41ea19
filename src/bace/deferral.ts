/**
 * Waiting for a cheaper slot (an option of BACE-Pipe, scheduler
 * `bace-wait`; docs/bace.md, "Waiting for a cheaper slot"). BACE-Pipe starts
 * a job as soon as some feasible path exists, even when only the dearest
 * regions are free; for a long job that can cost more than waiting for a
 * cheap region to free up. This wrapper defers a job while
 *
 *     cost of its placement now > (1 + costSlack) · cost of its placement on the idle cluster
 *
 * (both chosen by the same placement policy, priced from now), until it has
 * waited `maxWaitFraction · E` (E: the job's runtime lower bound,
 * `JobProfile.idealRuntimeSec`). Policies run only at scheduling events
 * (arrivals and completions), so the limit is checked there: a job may wait
 * past it until the next event. On an idle cluster both costs are equal, so
 * a deferred job never deadlocks the run.
 */
import type { Job, LlmModel } from "../model/types.js";
import type { ClusterView } from "../sim/types.js";
import { candidateCostUsd } from "./candidatePrice.js";
import type { PlacementOutcome, PlacementPolicy } from "./compose.js";
import { idleView, readsAsIdle } from "./idleView.js";
import { jobProfile } from "./profile.js";

/** Options of {@link deferringPlacement}; all optional, defaults in {@link DEFAULT_DEFERRAL_OPTIONS}. */
export interface DeferralOptions {
  /** Accepted cost over the idle-cluster placement, as a fraction. Default 0.1 (the allocator's time tolerance, on the cost side). */
  readonly costSlack?: number;
  /** Longest wait, as a multiple of the job's runtime lower bound E. Default 1 (a job waits at most as long as it would run). */
  readonly maxWaitFraction?: number;
}

/** Defaults of {@link DeferralOptions}. */
export const DEFAULT_DEFERRAL_OPTIONS: Required<DeferralOptions> = { costSlack: 0.1, maxWaitFraction: 1 };

const idleViews = new WeakMap<Readonly<ClusterView>, ClusterView>();

/** {@link idleView} of `view`, made once per view object (a decision hands every job the same working view). */
function idleViewOf(view: Readonly<ClusterView>): ClusterView {
  let idle = idleViews.get(view);
  if (idle === undefined || idle.timeSec !== view.timeSec) idleViews.set(view, (idle = idleView(view)));
  return idle;
}

/** Electricity cost of the placement `place` chooses for `job` on the idle cluster of `view` (its `placeIdle` when it has one), USD; null when it places nothing. */
function placedCost(place: PlacementPolicy, view: Readonly<ClusterView>, job: Job): number | null {
  const out = place.placeIdle?.(view, job) ?? place(idleViewOf(view), job, false);
  const model = view.models.get(job.model);
  if (!out.ok || model === undefined) return null;
  return out.breakdown?.costUsd ?? candidateCostUsd(view, jobProfile(view.topology, model, job), out.candidate);
}

/** `place`, deferring jobs whose placement now costs too much more than on the idle cluster (see the module comment). */
export function deferringPlacement(place: PlacementPolicy, options: DeferralOptions = {}): PlacementPolicy {
  const { costSlack, maxWaitFraction } = { ...DEFAULT_DEFERRAL_OPTIONS, ...options };
  const waitedEnough = (view: Readonly<ClusterView>, job: Job, model: LlmModel): boolean =>
    view.timeSec - job.arrivalSec >= maxWaitFraction * jobProfile(view.topology, model, job).idealRuntimeSec;
  const defer = (now: number | null, idle: number | null): string | null =>
    now === null || idle === null || now <= (1 + costSlack) * idle ? null : `waits for a cheaper slot: ${now.toFixed(4)} USD now against ${idle.toFixed(4)} USD on the idle cluster`;
  const deferring = (view: Readonly<ClusterView>, job: Job, explain = true): PlacementOutcome => {
    // a deferred job is placed again at every decision: through what the placement kept for it, when it keeps something
    const outcome = !explain && place.placeKept !== undefined ? place.placeKept(view, job) : place(view, job, explain);
    const model = view.models.get(job.model);
    if (!outcome.ok || model === undefined || waitedEnough(view, job, model)) return outcome;
    const now = outcome.breakdown?.costUsd ?? candidateCostUsd(view, jobProfile(view.topology, model, job), outcome.candidate);
    const reason = defer(now, placedCost(place, view, job));
    return reason === null ? outcome : { ok: false, reason };
  };
  // deferring(view, job, true)'s answer; on a view that reads as idle (the empty cluster canEverPlace is given) the placement
  // now is the one on the idle cluster: it places when the idle placement does (else the placement's own canEverPlace
  // says why), and its cost is the idle cost
  const canEverPlace = (view: Readonly<ClusterView>, job: Job): string | null => {
    const model = view.models.get(job.model);
    if (place.canEverPlace === undefined || model === undefined || !readsAsIdle(view)) {
      const outcome = deferring(view, job, true);
      return outcome.ok ? null : outcome.reason;
    }
    const idle = placedCost(place, view, job);
    if (idle === null) return place.canEverPlace(view, job);
    return waitedEnough(view, job, model) ? null : defer(idle, idle);
  };
  return Object.assign(deferring, { canEverPlace });
}
