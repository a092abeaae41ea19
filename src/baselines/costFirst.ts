/**
 * Cost-first: cheapest regions first, rigid, bandwidth-blind. Regions are
 * ranked by their electricity price now (USD/kWh at the event time, ties by
 * region id); the stages are poured in stage order into the cheapest
 * region until its free GPUs are used up, then into the next cheapest, and so
 * on (no choice of split or path). The result is taken as is — however slow
 * its WAN hops — unless consecutive regions have no link or the simulator
 * would refuse a link (residual under `MIN_RESERVATION_FRACTION` of the
 * demand); then the job waits. Queue: FIFO order with backfill (as
 * delay-first).
 */
import { assessPath, isRefusal } from "../bace/candidate.js";
import { composeScheduler, type PlacementPolicy, type QueueRule } from "../bace/compose.js";
import { jobProfile } from "../bace/profile.js";
import { priceAt } from "../cost/index.js";
import { compareIds } from "../model/order.js";
import type { Scheduler } from "../sim/types.js";
import { fifoOrder } from "./orders.js";

/** Options of cost-first; all optional, defaults in {@link DEFAULT_COST_FIRST_OPTIONS}. */
export interface CostFirstOptions {
  /** Queue rule. Default `"backfill"`. */
  readonly queueRule?: QueueRule;
}

/** Defaults of {@link CostFirstOptions}. */
export const DEFAULT_COST_FIRST_OPTIONS: Required<CostFirstOptions> = {
  queueRule: "backfill",
};

/** The cost-first placement (see the module comment). */
export const costFirstPlacement: PlacementPolicy = (view, job) => {
  const model = view.models.get(job.model);
  if (model === undefined) return { ok: false, reason: `model "${job.model}" is not among the models` };
  const profile = jobProfile(view.topology, model, job);
  const ranked = view.topology.regions
    .map((r) => ({ id: r.id, price: priceAt(r.price, view.timeSec) }))
    .sort((a, b) => a.price - b.price || compareIds(a.id, b.id));
  const regions: string[] = [];
  const split: number[] = [];
  let left = job.stages;
  for (const r of ranked) {
    if (left === 0) break;
    const room = Math.floor((view.freeGpus.get(r.id) ?? 0) / job.gpusPerStage);
    if (room < 1) continue;
    const n = Math.min(room, left);
    regions.push(r.id);
    split.push(n);
    left -= n;
  }
  if (left > 0) {
    return { ok: false, reason: `needs ${job.stages} stages × ${job.gpusPerStage} GPUs but all regions together have room for ${job.stages - left}` };
  }
  const c = assessPath(view, profile, regions, split, "ignore");
  return isRefusal(c) ? { ok: false, reason: `cheapest-first path ${regions.join(" → ")}: ${c.reason}` } : { ok: true, candidate: c };
};

/** Cost-first as a scheduler named `name` (default "cost-first"). */
export function costFirstScheduler(options: CostFirstOptions = {}, name = "cost-first"): Scheduler {
  const o = { ...DEFAULT_COST_FIRST_OPTIONS, ...options };
  return composeScheduler({ name, order: fifoOrder, place: costFirstPlacement, queueRule: o.queueRule });
}
