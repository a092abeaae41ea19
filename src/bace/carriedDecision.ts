/**
 * What one backfill decision of a monotone placement (one with a `shapeKey`,
 * `./compose.ts`) tells the next: every job it left in the queue could not
 * start under the working view at the end of it. Each such job either had no
 * room, or found no path, under a working view at least as large as the end
 * view, and both are monotone (fewer free GPUs and less residual bandwidth
 * never make an infeasible job feasible; neither depends on the view's time).
 * So when the next decision's view has, in every region and on every link,
 * at most what the end view had (exact comparison of the numbers), those
 * jobs cannot start in it either, whatever the order: the decision's outcome
 * is that of the same decision over the jobs queued since, in the order the
 * policy gives them (an order ranks each job by the job and the view alone).
 * That is the usual case at an event with arrivals and no completion, and it
 * turns a decision over a long queue into one over the arrivals.
 *
 * The simulator appends jobs to its queue in queue order (`seq`) and removes
 * exactly the jobs it started; the carried state checks the queue's index,
 * topology and models, the queue's length against what the last decision
 * left, and takes the entries queued since as the queue's tail of larger
 * `seq`. Anything else (a queue without an index, a start the simulator
 * refused, another run) falls back to the full decision.
 */
import type { LlmModel, Topology } from "../model/types.js";
import type { IndexedQueuedJob, QueueIndex } from "../sim/queueIndex.js";
import type { ClusterView, QueuedJob } from "../sim/types.js";

/** The end of the last decision (see the module comment). */
interface EndOfDecision {
  readonly index: QueueIndex;
  readonly topology: Topology;
  readonly models: ReadonlyMap<string, LlmModel>;
  /** Free GPUs per region number at the end of the decision. */
  readonly free: Float64Array;
  /** Residual Gbit/s per link number at the end of the decision. */
  readonly residual: Float64Array;
  /** Largest `seq` the index had given out (`QueueIndex.lastSeq`): every job queued since has a larger one. */
  readonly lastSeq: number;
  /** Jobs the decision left in the queue. */
  readonly left: number;
}

/** Whether `a[i] ≤ b[i]` for every i (arrays of one length). */
function atMost(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!((a[i] as number) <= (b[i] as number))) return false;
  return true;
}

/** The carried end of the last decision of one scheduler (see the module comment). */
export class CarriedDecision {
  private end: EndOfDecision | null = null;

  /**
   * The jobs of `queue` queued since the last decision, in queue order, when
   * every other job of `queue` is known unable to start under a view of
   * `free` GPUs and `residual` Gbit/s (by region and link number); `null`
   * when that is not known.
   */
  arrivalsOnly(view: Readonly<ClusterView>, queue: readonly QueuedJob[], index: QueueIndex | undefined, free: Float64Array, residual: Float64Array): QueuedJob[] | null {
    const end = this.end;
    if (end === null || index !== end.index || view.topology !== end.topology || view.models !== end.models) return null;
    let first = queue.length;
    while (first > 0 && (queue[first - 1] as IndexedQueuedJob).seq > end.lastSeq) first--;
    if (first !== end.left || !atMost(free, end.free) || !atMost(residual, end.residual)) return null;
    return queue.slice(first);
  }

  /**
   * Keeps the end of the decision over `queue` just made: it started
   * `started` jobs and ended with `free` and `residual` (arrays the caller no
   * longer changes). `index` undefined forgets it.
   */
  keep(view: Readonly<ClusterView>, queue: readonly QueuedJob[], index: QueueIndex | undefined, started: number, free: Float64Array, residual: Float64Array): void {
    this.end =
      index === undefined ? null : { index, topology: view.topology, models: view.models, free, residual, lastSeq: index.lastSeq, left: queue.length - started };
  }
}
