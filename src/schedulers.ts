/**
 * The scheduler registry: every policy by the name used on the command line
 * and in tables. `getScheduler(name, params)` builds one; parameters a
 * policy does not know are ignored (so one parameter set can drive a grid).
 * Each scheduler's `canEverPlace` runs its own placement on the view it is
 * given (the simulator passes the empty cluster, `emptyView`).
 */
import { baceOrder, bacePlacement, baceScheduler, type BaceOptions } from "./bace/bace.js";
import { deferringPlacement } from "./bace/deferral.js";
import { composeScheduler } from "./bace/compose.js";
import { feasibilityKey } from "./bace/profile.js";
import { baceNoCostMinScheduler, baceNoPathfinderScheduler, baceNoPriorityScheduler } from "./baselines/ablations.js";
import { costFirstScheduler } from "./baselines/costFirst.js";
import { delayFirstPlacement, delayFirstScheduler } from "./baselines/delayFirst.js";
import { fifoOrder, sjfOrder } from "./baselines/orders.js";
import type { Scheduler } from "./sim/types.js";

/** Every registered scheduler name, in table order. */
export const SCHEDULER_NAMES = [
  "bace",
  "delay-first",
  "cost-first",
  "fifo",
  "sjf",
  "bace-no-priority",
  "bace-no-pathfinder",
  "bace-no-costmin",
  "bace-wait",
] as const;

/** A registered scheduler name. */
export type SchedulerName = (typeof SCHEDULER_NAMES)[number];

/**
 * Parameters any scheduler may take (all optional; each uses the ones it
 * knows, defaults as documented in docs/bace.md): the BACE weights
 * (`agingWeight`, `networkWeight`), the path search (`maxRegions`,
 * `splitLimit`), the allocator's `timeTolerance`, and `queueRule`.
 */
export type SchedulerParams = Omit<BaceOptions, "bandwidth">;

/** Thrown by {@link getScheduler} for a name that is not registered; the message lists the valid names. */
export class UnknownSchedulerError extends Error {
  override readonly name = "UnknownSchedulerError";
  /** The name asked for. */
  readonly requested: string;

  constructor(requested: string) {
    super(`unknown scheduler "${requested}"; use one of: ${SCHEDULER_NAMES.join(", ")}`);
    this.requested = requested;
  }
}

/** Whether `name` is a registered scheduler name. */
export function isSchedulerName(name: string): name is SchedulerName {
  return (SCHEDULER_NAMES as readonly string[]).includes(name);
}

const BUILDERS: Record<SchedulerName, (params: SchedulerParams) => Scheduler> = {
  bace: (p) => baceScheduler(p),
  "delay-first": (p) => delayFirstScheduler(p),
  "cost-first": (p) => costFirstScheduler(p),
  fifo: (p) => composeScheduler({ name: "fifo", order: fifoOrder, place: delayFirstPlacement(p), queueRule: p.queueRule ?? "block", shapeKey: feasibilityKey }),
  sjf: (p) => composeScheduler({ name: "sjf", order: sjfOrder, place: delayFirstPlacement(p), queueRule: p.queueRule ?? "backfill", shapeKey: feasibilityKey }),
  "bace-no-priority": (p) => baceNoPriorityScheduler(p),
  "bace-no-pathfinder": (p) => baceNoPathfinderScheduler(p),
  "bace-no-costmin": (p) => baceNoCostMinScheduler(p),
  // no shapeKey: whether a job waits depends on its cost and wait, not only on its shape
  "bace-wait": (p) => composeScheduler({ name: "bace-wait", order: baceOrder(p), place: deferringPlacement(bacePlacement(p)), queueRule: p.queueRule ?? "backfill" }),
};

/** The scheduler called `name` with `params`; throws {@link UnknownSchedulerError} for an unknown name. */
export function getScheduler(name: string, params: SchedulerParams = {}): Scheduler {
  if (!isSchedulerName(name)) throw new UnknownSchedulerError(name);
  return BUILDERS[name](params);
}
