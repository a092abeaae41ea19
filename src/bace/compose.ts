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
 */
import { indexTopology } from "../cost/index.js";
import type { Job } from "../model/types.js";
import type { ClusterView, Decision, Placement, QueuedJob, Scheduler } from "../sim/types.js";
import type { PathCandidate } from "./candidate.js";

/** Ranks the queue; earlier is started first. Pure. */
export type OrderPolicy = (view: Readonly<ClusterView>, queue: readonly QueuedJob[]) => readonly QueuedJob[];

/** A placement's answer: a path to start on now, or why not. */
export type PlacementOutcome =
  | {
      readonly ok: true;
      /** The path to start on, with the GPUs and reservations it takes. */
      readonly candidate: PathCandidate;
    }
  | {
      readonly ok: false;
      /** Why the job cannot start now (what is missing). */
      readonly reason: string;
    };

/**
 * Chooses where a job starts under the view. Pure. With `explain` false the
 * reason of a failure may be a short generic text (the scheduler's `decide`
 * does not use it); `canEverPlace` asks with `explain` true.
 */
export type PlacementPolicy = (view: Readonly<ClusterView>, job: Job, explain?: boolean) => PlacementOutcome;

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

/** A mutable copy of the view's free GPUs and residual bandwidth; other fields are shared. */
function workingCopy(view: Readonly<ClusterView>): { view: ClusterView; free: Map<string, number>; residual: Map<string, number> } {
  const free = new Map(view.freeGpus);
  const residual = new Map(view.residualGbps);
  return { view: { ...view, freeGpus: free, residualGbps: residual }, free, residual };
}

/** The scheduler of `spec`; `canEverPlace` asks the placement on the view it is given (the empty cluster). */
export function composeScheduler(spec: SchedulerSpec): Scheduler {
  return {
    name: spec.name,
    decide(view: Readonly<ClusterView>, queue: readonly QueuedJob[]): Decision {
      const start: Placement[] = [];
      if (queue.length === 0) return { start };
      const work = workingCopy(view);
      const failed = new Set<string>();
      for (const queued of spec.order(view, queue)) {
        const key = spec.shapeKey?.(queued.job);
        const outcome: PlacementOutcome =
          key !== undefined && failed.has(key) ? { ok: false, reason: "a job of the same shape found no path" } : spec.place(work.view, queued.job, false);
        if (!outcome.ok) {
          if (key !== undefined) failed.add(key);
          if (spec.queueRule === "block") break;
          continue;
        }
        const c = outcome.candidate;
        start.push({ jobId: queued.job.id, path: c.path });
        for (const [r, n] of c.gpusByRegion) work.free.set(r, (work.free.get(r) ?? 0) - n);
        const links = indexTopology(view.topology).links;
        for (const [key, gbps] of c.reservedGbps) {
          work.residual.set(key, (work.residual.get(key) ?? links.get(key)?.bandwidthGbps ?? 0) - gbps);
        }
      }
      return { start };
    },
    canEverPlace(view: Readonly<ClusterView>, job: Job): string | null {
      const outcome = spec.place(view, job, true);
      return outcome.ok ? null : outcome.reason;
    },
  };
}
