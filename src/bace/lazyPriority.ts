/**
 * BACE-Pipe's priority order as the scheduler uses it: the order of
 * `priorityOrder` (`./priority.ts`, the reference), produced lazily.
 */
import { compareIds } from "../model/order.js";
import type { ClusterView, QueuedJob } from "../sim/types.js";
import { DEFAULT_PRIORITY_OPTIONS, demandTerm, largestFree, linksInKeyOrder, networkUtilisation, priorityOf, type PriorityOptions } from "./priority.js";
import { QueueFigures, type PriorityFigures } from "./priorityFigures.js";
import { rankedPositions } from "./rankedQueue.js";

/**
 * `priorityOrder`, produced lazily (what BACE-Pipe's scheduler uses: a
 * decision usually stops long before the end of a long queue). Computed
 * without building the scored records: each job's profile comes from a
 * {@link QueueFigures} kept across events, the priorities and E go into
 * arrays, and the positions come out of a heap ({@link rankedPositions}) by
 * the same comparisons on the same numbers, so in the same order, ties
 * included. Should some priority be NaN (no consistent order to keep), the
 * positions are sorted, as `priorityOrder` sorts them.
 */
export function lazyPriorityOrder(options: PriorityOptions = {}): (view: Readonly<ClusterView>, queue: readonly QueuedJob[]) => Iterable<QueuedJob> {
  const { agingWeight, networkWeight } = { ...DEFAULT_PRIORITY_OPTIONS, ...options };
  const figures = new QueueFigures();
  const f: PriorityFigures = { known: false, idealRuntimeSec: 0, totalGpus: 0, peakDemandGbps: 0 };
  return (view, queue) => {
    const n = queue.length;
    const figuresOf = figures.of(view, queue);
    const u = networkUtilisation(view);
    const largest = largestFree(view);
    const meanGbps = linksInKeyOrder(view.topology).meanGbps;
    const priority = new Float64Array(n);
    const ideal = new Float64Array(n);
    let consistent = true;
    for (let i = 0; i < n; i++) {
      const queued = queue[i] as QueuedJob;
      figuresOf(queued, f);
      if (!f.known) {
        ideal[i] = Number.POSITIVE_INFINITY;
        continue;
      }
      const e = f.idealRuntimeSec;
      const p = (priority[i] = priorityOf(queued.waitedSec, e, u, demandTerm(f, largest, meanGbps), agingWeight, networkWeight));
      ideal[i] = e;
      if (Number.isNaN(p) || Number.isNaN(e)) consistent = false;
    }
    const compare = (a: number, b: number): number => {
      const qa = (queue[a] as QueuedJob).job;
      const qb = (queue[b] as QueuedJob).job;
      return (
        (priority[b] as number) - (priority[a] as number) ||
        (ideal[a] as number) - (ideal[b] as number) ||
        qa.arrivalSec - qb.arrivalSec ||
        compareIds(qa.id, qb.id)
      );
    };
    if (!consistent) return Array.from({ length: n }, (_, i) => i).sort(compare).map((i) => queue[i] as QueuedJob);
    return mapIterable(rankedPositions(n, compare), (i) => queue[i] as QueuedJob);
  };
}

function* mapIterable<A, B>(xs: Iterable<A>, f: (x: A) => B): Generator<B> {
  for (const x of xs) yield f(x);
}
