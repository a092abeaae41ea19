/**
 * Delay-first: the fastest placement, price-blind. It searches the same
 * paths as BACE-Pipe's pathfinder (simple paths of ≤ `maxRegions` regions,
 * contiguous blocks) but does not require a hop's demand to fit the residual
 * bandwidth: it times every path with what the simulator would give the job
 * (`min(cap, residual)` per link), so bandwidth shows only through the
 * iteration time, and takes the smallest (ties: enumeration order). Queue:
 * FIFO order with backfill, so it differs from BACE-Pipe only in its order
 * and placement, not in the queue rule (the strict variant is `fifo`).
 */
import { DEFAULT_PATHFINDER_OPTIONS } from "../bace/pathfinder.js";
import { composeScheduler, type PlacementPolicy, type QueueRule } from "../bace/compose.js";
import { feasibilityKey } from "../bace/profile.js";
import { pathPlacement } from "../bace/bace.js";
import type { Scheduler } from "../sim/types.js";
import { fifoOrder } from "./orders.js";

/** Options of delay-first; all optional, defaults in {@link DEFAULT_DELAY_FIRST_OPTIONS}. */
export interface DelayFirstOptions {
  /** Most distinct regions a pipeline may span. Default 3, as BACE-Pipe's pathfinder. */
  readonly maxRegions?: number;
  /** Most block splits tried per region sequence. Default 64, as BACE-Pipe's pathfinder. */
  readonly splitLimit?: number;
  /** Queue rule. Default `"backfill"`. */
  readonly queueRule?: QueueRule;
}

/** Defaults of {@link DelayFirstOptions}. */
export const DEFAULT_DELAY_FIRST_OPTIONS: Required<DelayFirstOptions> = {
  maxRegions: DEFAULT_PATHFINDER_OPTIONS.maxRegions,
  splitLimit: DEFAULT_PATHFINDER_OPTIONS.splitLimit,
  queueRule: "backfill",
};

/** The delay-first placement: smallest iteration time under the current residual bandwidth (ties: enumeration order). */
export function delayFirstPlacement(options: DelayFirstOptions = {}): PlacementPolicy {
  const { maxRegions, splitLimit } = { ...DEFAULT_DELAY_FIRST_OPTIONS, ...options };
  return pathPlacement({ maxRegions, splitLimit, bandwidth: "share" }, "fastest");
}

/** Delay-first as a scheduler named `name` (default "delay-first"). */
export function delayFirstScheduler(options: DelayFirstOptions = {}, name = "delay-first"): Scheduler {
  const o = { ...DEFAULT_DELAY_FIRST_OPTIONS, ...options };
  return composeScheduler({ name, order: fifoOrder, place: delayFirstPlacement(o), queueRule: o.queueRule, shapeKey: feasibilityKey });
}
