/**
 * Exhaustive optimum for tiny instances, independent of the MILP: every
 * per-stage op order (forward before its own backward) and every per-link
 * send order, each timed as early as possible, kept when the verifier accepts
 * it. Every schedule is no shorter than the as-early-as-possible schedule of
 * its own orders, so the minimum is the optimum.
 */
import { fixedOrderPolicy, runPipeline } from "../../src/crosspipe/engine.js";
import { stageCount, type PipelineInstance } from "../../src/crosspipe/instance.js";
import { makespanSec, type Direction, type OpRef } from "../../src/crosspipe/schedule.js";
import { verifySchedule } from "../../src/crosspipe/verify.js";

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  const out: T[][] = [];
  items.forEach((x, i) => {
    for (const rest of permutations([...items.slice(0, i), ...items.slice(i + 1)])) out.push([x, ...rest]);
  });
  return out;
}

function product<T>(lists: readonly T[][]): T[][] {
  return lists.reduce<T[][]>((acc, list) => acc.flatMap((a) => list.map((x) => [...a, x])), [[]]);
}

/** Minimum makespan over all orders (only for S·M tiny). */
export function bruteForceMakespan(inst: PipelineInstance): number {
  const S = stageCount(inst);
  const M = inst.microBatches;
  const stageSeqs = Array.from({ length: S }, (_, stage) => {
    const ops: OpRef[] = [];
    for (let m = 0; m < M; m++) ops.push({ kind: "F", stage, microBatch: m }, { kind: "B", stage, microBatch: m });
    return permutations(ops).filter((seq) =>
      seq.every((op, i) => op.kind === "F" || seq.findIndex((o) => o.kind === "F" && o.microBatch === op.microBatch) < i),
    );
  });
  const mbPerms = permutations(Array.from({ length: M }, (_, m) => m));
  const linkChoices = Array.from({ length: 2 * (S - 1) }, () => mbPerms);
  let best = Infinity;
  for (const seqs of product(stageSeqs)) {
    for (const links of product(linkChoices)) {
      const out = runPipeline(inst, "brute", fixedOrderPolicy(seqs), {
        kind: "fixed",
        order: (hop: number, d: Direction) => links[2 * hop + (d === "forward" ? 0 : 1)] ?? [],
      });
      if (out.status !== "ok") continue;
      const span = makespanSec(out.schedule);
      if (span < best && verifySchedule(inst, out.schedule).length === 0) best = span;
    }
  }
  return best;
}
