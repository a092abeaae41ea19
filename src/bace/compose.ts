/**
 * The one combinator that turns an order and a placement into a
 * {@link Scheduler}. At each event the order ranks the queue once; jobs are
 * then placed one by one on a working copy of the view from which every
 * accepted placement's GPUs and reservations are subtracted, so the
 * decision never over-commits. What happens when a job cannot be placed now
 * is the scheduler's {@link QueueRule}:
 * - `"block"`: nothing behind it starts (strict order, head-of-line blocking);
 * - `"backfill"`: it is skipped and the next jobs are tried.
 *
 * A placement whose feasibility is monotone (fewer free GPUs and less
 * residual bandwidth never make an infeasible job feasible) may give a
 * `shapeKey`: within one decision, once a job fails, later jobs with the same
 * key are skipped without searching (the working view only shrinks).
 *
 * No placement can start a job of S stages × g GPUs unless the regions
 * together have room for S stages (Σ_r ⌊free_r / g⌋ ≥ S), and the working
 * view only shrinks during a decision; so with `"backfill"` the jobs without
 * that room at the start of the decision are set aside before the order
 * ranks the rest (the order must rank a job by the job and the view alone,
 * so that ranking a part of the queue gives that part in the same order as
 * ranking all of it — true of every order here), and with `"block"` the
 * first job without room ends the decision as a failed placement would.
 */
import { topologyView, type TopologyView } from "../cost/topologyView.js";
import type { Job } from "../model/types.js";
import { IndexedValues, valuesByNumber } from "../sim/indexedValues.js";
import { queueIndexOf, registerQueueIndex, type QueueIndex } from "../sim/queueIndex.js";
import type { ClusterView, Decision, Placement, QueuedJob, Scheduler } from "../sim/types.js";
import type { PlacementBreakdown } from "../cost/index.js";
import type { PathCandidate } from "./candidate.js";
import { CarriedDecision } from "./carriedDecision.js";

/**
 * Ranks the queue; earlier is started first. Pure; ranks each job by the job
 * and the view alone (see the module comment). May rank lazily (an iterable
 * read only as far as the decision needs).
 */
export type OrderPolicy = (view: Readonly<ClusterView>, queue: readonly QueuedJob[]) => Iterable<QueuedJob>;

/** A placement's answer: a path to start on now, or why not. */
export type PlacementOutcome =
  | {
      readonly ok: true;
      /** The path to start on, with the GPUs and reservations it takes. */
      readonly candidate: PathCandidate;
      /** `evaluateCandidate` of the candidate under the view, when the placement computed it (the cost-min allocator does); absent otherwise. */
      readonly breakdown?: PlacementBreakdown;
    }
  | {
      readonly ok: false;
      /** Why the job cannot start now (what is missing). */
      readonly reason: string;
    };

/**
 * Chooses where a job starts under the view. Pure. With `explain` false the
 * reason of a failure may be a short generic text (the scheduler's `decide`
 * does not use it); `canEverPlace` asks with `explain` true, or the
 * placement's own `canEverPlace` when it has one: a quicker answer to
 * "would `place(view, job, true)` succeed, and if not, why" (same answer).
 * `placeIdle`, when present, answers `place(idle, job, false)` for `idle`
 * the same cluster as `view` with nothing running, at the same time (the
 * same outcome), from what it kept of earlier calls for the job.
 */
export type PlacementPolicy = ((view: Readonly<ClusterView>, job: Job, explain?: boolean) => PlacementOutcome) & {
  readonly canEverPlace?: (view: Readonly<ClusterView>, job: Job) => string | null;
  readonly placeIdle?: (view: Readonly<ClusterView>, job: Job) => PlacementOutcome;
};

/** What happens when a job cannot be placed now (see the module comment). */
export type QueueRule = "block" | "backfill";

/** What {@link composeScheduler} needs. */
export interface SchedulerSpec {
  /** Name used on the command line and in tables. */
  readonly name: string;
  /** Ranks the queue at each event. */
  readonly order: OrderPolicy;
  /** Places one job under the working view. */
  readonly place: PlacementPolicy;
  /** What happens when a job cannot be placed now. */
  readonly queueRule: QueueRule;
  /** Key of the job features that decide feasibility, for a monotone placement (see the module comment); omit otherwise. */
  readonly shapeKey?: (job: Job) => string;
}

/** GPUs per stage below which {@link WorkingView.hasRoom} remembers the room it computed (a plain array: no typed-array allocation per decision). */
const ROOM_MEMO_GPUS = 65;

/** A working copy of the view: its free GPUs and residual bandwidth in arrays of its own (other fields shared), placements taken off as they are accepted. */
class WorkingView {
  readonly index: TopologyView;
  readonly free: Float64Array;
  readonly residual: Float64Array;
  readonly view: ClusterView;

  constructor(view: Readonly<ClusterView>) {
    const index = (this.index = topologyView(view.topology));
    this.free = valuesByNumber(view.freeGpus, index.regionIds, 0).slice();
    this.residual = valuesByNumber(view.residualGbps, index.linkKeys, index.capacityGbps).slice();
    this.view = {
      ...view,
      freeGpus: new IndexedValues(index.regionIds, index.regionIndex, this.free),
      residualGbps: new IndexedValues(index.linkKeys, index.linkIndex, this.residual),
    };
  }

  /** `roomByGpus[g]`: Σ_r ⌊free_r / g⌋ for g below {@link ROOM_MEMO_GPUS}, once computed; reset by {@link take}. */
  private readonly roomByGpus: number[] = [];

  /** Whether the regions together have room for the job's stages (a necessary condition of every placement). */
  hasRoom(job: Pick<Job, "gpusPerStage" | "stages">): boolean {
    const g = job.gpusPerStage;
    let room = g < ROOM_MEMO_GPUS ? this.roomByGpus[g] : undefined;
    if (room === undefined) {
      room = 0;
      for (const n of this.free) room += Math.floor(n / g);
      if (g < ROOM_MEMO_GPUS) this.roomByGpus[g] = room;
    }
    return room >= job.stages;
  }

  /** Whether some job of `g` GPUs per stage and `fewestStages.get(g)` stages has room (see {@link fewestStagesByGpus}). */
  roomForAny(fewestStages: ReadonlyMap<number, number>): boolean {
    for (const [g, stages] of fewestStages) if (this.hasRoom({ gpusPerStage: g, stages })) return true;
    return false;
  }

  /** Takes an accepted candidate's GPUs and reservations off the copy. */
  take(c: PathCandidate): void {
    this.roomByGpus.length = 0;
    for (const [r, n] of c.gpusByRegion) {
      const i = this.index.regionIndex.get(r);
      if (i !== undefined) this.free[i] = (this.free[i] as number) - n;
    }
    for (const [key, gbps] of c.reservedGbps) {
      const l = this.index.linkIndex.get(key);
      if (l !== undefined) this.residual[l] = (this.residual[l] as number) - gbps;
    }
  }
}

/** The fewest stages of the jobs of each GPUs-per-stage count among `queue`: while none of these has room, no job of `queue` has. */
function fewestStagesByGpus(queue: readonly QueuedJob[]): Map<number, number> {
  const fewest = new Map<number, number>();
  for (const { job } of queue) {
    const known = fewest.get(job.gpusPerStage);
    if (known === undefined || job.stages < known) fewest.set(job.gpusPerStage, job.stages);
  }
  return fewest;
}

/**
 * One decision over `queue` under the working view `work`: the placements
 * accepted, in order, pushed onto `start` and taken off `work`. With
 * backfill, `index` is the queue's index when it has one; else the jobs with
 * room are read from `queue` itself, and registered with `partOf` (the index
 * of the queue that `queue` is a part of) when given.
 */
function decideOver(
  spec: SchedulerSpec,
  view: Readonly<ClusterView>,
  queue: readonly QueuedJob[],
  index: QueueIndex | undefined,
  work: WorkingView,
  start: Placement[],
  partOf?: QueueIndex,
): void {
  const backfill = spec.queueRule === "backfill";
  const failed = new Set<string>();
  let candidates = queue;
  if (backfill && index !== undefined) candidates = index.withRoom(work.free);
  else if (backfill) {
    candidates = queue.filter((q) => work.hasRoom(q.job));
    if (partOf !== undefined) registerQueueIndex(candidates, partOf);
  }
  const fewestStages = backfill ? (index?.fewestStagesWithRoom(work.free) ?? fewestStagesByGpus(candidates)) : null;
  for (const queued of spec.order(view, candidates)) {
    // with backfill, once no candidate has room none of the rest can start: the decision is over
    if (fewestStages !== null && start.length > 0 && !work.roomForAny(fewestStages)) break;
    if (!work.hasRoom(queued.job)) {
      // a job of the same shape would fail alike, so it need not be remembered as failed
      if (!backfill) break;
      continue;
    }
    const key = spec.shapeKey?.(queued.job);
    const outcome: PlacementOutcome =
      key !== undefined && failed.has(key) ? { ok: false, reason: "a job of the same shape found no path" } : spec.place(work.view, queued.job, false);
    if (!outcome.ok) {
      if (key !== undefined) failed.add(key);
      if (!backfill) break;
      continue;
    }
    start.push({ jobId: queued.job.id, path: outcome.candidate.path });
    work.take(outcome.candidate);
  }
}

/** The scheduler of `spec`; `canEverPlace` asks the placement (its `canEverPlace` when it has one) on the view it is given (the empty cluster). */
export function composeScheduler(spec: SchedulerSpec): Scheduler {
  const backfill = spec.queueRule === "backfill";
  // only a monotone placement's decisions say who cannot start in the next one (./carriedDecision.ts)
  const carried = backfill && spec.shapeKey !== undefined ? new CarriedDecision() : null;
  return {
    name: spec.name,
    decide(view: Readonly<ClusterView>, queue: readonly QueuedJob[]): Decision {
      const start: Placement[] = [];
      const work = new WorkingView(view);
      const index = backfill ? queueIndexOf(queue) : undefined;
      const arrivals = carried?.arrivalsOnly(view, queue, index, work.free, work.residual) ?? null;
      if (arrivals === null) decideOver(spec, view, queue, index, work, start);
      else if (arrivals.length > 0) decideOver(spec, view, arrivals, undefined, work, start, index);
      carried?.keep(view, queue, index, start.length, work.free, work.residual);
      return { start };
    },
    canEverPlace(view: Readonly<ClusterView>, job: Job): string | null {
      if (spec.place.canEverPlace !== undefined) return spec.place.canEverPlace(view, job);
      const outcome = spec.place(view, job, true);
      return outcome.ok ? null : outcome.reason;
    },
  };
}
