/**
 * Ablations of BACE-Pipe: each removes one of its three stages and keeps the
 * other two as they are.
 * - `bace-no-priority`: FIFO order instead of the dynamic priority, same
 *   queue rule (`"backfill"`), so only the order changes.
 * - `bace-no-pathfinder`: the same path search, bandwidth-blind (`"ignore"`):
 *   residual bandwidth is not checked and every path is timed and priced as if
 *   the job were alone on the network; the simulator then gives the job
 *   `min(cap, residual)` per link and it runs slower than the allocator
 *   believed. Cost-min and the priority are unchanged.
 * - `bace-no-costmin`: the fastest feasible candidate (smallest iteration
 *   time; ties: fewer regions, then region ids) instead of the cheapest
 *   within the tolerance — what the pathfinder alone would choose. Priority
 *   and pathfinder are unchanged. (Until 2026-12 it took the first feasible
 *   candidate in enumeration order, so its result depended on the order of
 *   regions in the topology file.)
 */
import { baceOrder, bacePlacement, DEFAULT_BACE_OPTIONS, pathPlacement, type BaceOptions } from "../bace/bace.js";
import { composeScheduler } from "../bace/compose.js";
import { feasibilityKey } from "../bace/profile.js";
import type { Scheduler } from "../sim/types.js";
import { fifoOrder } from "./orders.js";

/** BACE-Pipe with FIFO order. */
export function baceNoPriorityScheduler(options: BaceOptions = {}, name = "bace-no-priority"): Scheduler {
  const o = { ...DEFAULT_BACE_OPTIONS, ...options };
  return composeScheduler({ name, order: fifoOrder, place: bacePlacement(o), queueRule: o.queueRule, shapeKey: feasibilityKey });
}

/** BACE-Pipe with a bandwidth-blind path search. */
export function baceNoPathfinderScheduler(options: BaceOptions = {}, name = "bace-no-pathfinder"): Scheduler {
  const o = { ...DEFAULT_BACE_OPTIONS, ...options, bandwidth: "ignore" as const };
  return composeScheduler({ name, order: baceOrder(o), place: bacePlacement(o), queueRule: o.queueRule, shapeKey: feasibilityKey });
}

/** BACE-Pipe taking the fastest feasible path instead of the cheapest. */
export function baceNoCostMinScheduler(options: BaceOptions = {}, name = "bace-no-costmin"): Scheduler {
  const o = { ...DEFAULT_BACE_OPTIONS, ...options };
  const place = pathPlacement({ maxRegions: o.maxRegions, splitLimit: o.splitLimit, bandwidth: o.bandwidth }, "fastest");
  return composeScheduler({ name, order: baceOrder(o), place, queueRule: o.queueRule, shapeKey: feasibilityKey });
}
