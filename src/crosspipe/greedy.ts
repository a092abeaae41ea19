/**
 * Greedy list scheduler. Whenever a stage is free it starts, among the ops
 * whose input has *actually arrived* by then (so link latency and queueing are
 * seen, not assumed), the best one by a priority rule; a forward is eligible
 * only while the stage holds fewer than K micro-batches. It never idles while
 * an eligible op is ready (non-delay), and never waits for a particular op the
 * way a fixed order (GPipe, 1F1B) does.
 *
 * Rules:
 * - `backward-first`: a backward before a forward (it frees memory and
 *   unblocks the upstream stage), then the earliest-ready, then the lowest
 *   micro-batch;
 * - `forward-first`: a forward before a backward (fills the pipeline early,
 *   GPipe-like within the memory limit), then the same tie-breaks.
 *
 * {@link greedy} returns the best of both rules and of GPipe and 1F1B, so it
 * is never worse than either baseline; the schedule's name says which won.
 */
import { runPipeline, type ReadyOp, type StagePolicy } from "./engine.js";
import { gpipe } from "./gpipe.js";
import type { PipelineInstance } from "./instance.js";
import { oneFOneB } from "./oneFOneB.js";
import { makespanSec, type Schedule } from "./schedule.js";

/** Priority rule of the list scheduler. */
export type GreedyRule = "backward-first" | "forward-first";

/** Every rule, in the order {@link greedy} tries them. */
export const GREEDY_RULES: readonly GreedyRule[] = ["backward-first", "forward-first"];

function better(rule: GreedyRule, a: ReadyOp, b: ReadyOp): boolean {
  if (a.op.kind !== b.op.kind) return rule === "backward-first" ? a.op.kind === "B" : a.op.kind === "F";
  if (a.readySec !== b.readySec) return a.readySec < b.readySec;
  return a.op.microBatch < b.op.microBatch;
}

/** The stage policy of one rule under memory limit `memoryLimit`. */
export function greedyPolicy(rule: GreedyRule, memoryLimit: number): StagePolicy {
  return (view) => {
    const eligible = view.known.filter((r) => r.op.kind === "B" || view.inFlight < memoryLimit);
    if (eligible.length === 0) return null;
    const t = Math.max(view.freeAtSec, Math.min(...eligible.map((r) => r.readySec)));
    let best: ReadyOp | undefined;
    for (const r of eligible) if (r.readySec <= t && (best === undefined || better(rule, r, best))) best = r;
    return best === undefined ? null : { op: best.op, startSec: t };
  };
}

/** The list schedule of one rule alone. Expects a valid instance. */
export function greedyRule(inst: PipelineInstance, rule: GreedyRule): Schedule {
  const out = runPipeline(inst, `greedy(${rule})`, greedyPolicy(rule, inst.memoryLimit));
  if (out.status !== "ok") throw new Error(`crosspipe internal error: ${out.message}`);
  return out.schedule;
}

/** Best (shortest makespan) of every greedy rule, GPipe and 1F1B; ties go to the earlier in that order. */
export function greedy(inst: PipelineInstance): Schedule {
  const candidates = [...GREEDY_RULES.map((r) => greedyRule(inst, r)), gpipe(inst), oneFOneB(inst)];
  let best = candidates[0]!;
  for (const c of candidates) if (makespanSec(c) < makespanSec(best)) best = c;
  return best;
}
