/**
 * Queue orders of the baselines: FIFO (arrival time, then id) and SJF
 * (smallest runtime lower bound E first — the same size estimate the BACE
 * priority uses, {@link JobProfile.idealRuntimeSec} — then arrival, then id).
 *
 * The `fifo` and `sjf` schedulers are these orders with the delay-first
 * placement, so each differs from `delay-first` (FIFO order, backfill) in
 * one thing only: `fifo` is strict (queue rule `"block"`: the head waits and
 * nothing behind it starts — head-of-line blocking), `sjf` ranks by size
 * (and backfills: the shortest job that fits starts).
 */
import { QueueFigures, type PriorityFigures } from "../bace/priorityFigures.js";
import type { OrderPolicy } from "../bace/compose.js";
import { byArrival, knownInArrivalOrder } from "../sim/queueIndex.js";
import type { QueuedJob } from "../sim/types.js";

/** An {@link OrderPolicy} that returns the whole ranking as an array. */
type ArrayOrder = (...args: Parameters<OrderPolicy>) => readonly QueuedJob[];

/** First come, first served: arrival time, then id (the simulator's queue usually is in that order already: then it is not sorted again). */
export const fifoOrder: ArrayOrder = (_view, queue) => (knownInArrivalOrder(queue) ? queue : [...queue].sort(byArrival));

const sjfFigures = new QueueFigures();
const sjfFigure: PriorityFigures = { known: false, idealRuntimeSec: 0, totalGpus: 0, peakDemandGbps: 0 };

/** Shortest job first by the runtime lower bound (unknown models last), then FIFO. */
export const sjfOrder: ArrayOrder = (view, queue) => {
  const figuresOf = sjfFigures.of(view, queue);
  const size = (q: QueuedJob): number => {
    figuresOf(q, sjfFigure);
    return sjfFigure.idealRuntimeSec; // +Infinity for a model not among the models
  };
  return queue
    .map((q) => ({ q, e: size(q) }))
    .sort((a, b) => (a.e === b.e ? 0 : a.e < b.e ? -1 : 1) || byArrival(a.q, b.q))
    .map((x) => x.q);
};
