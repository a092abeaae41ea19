/**
 * Simple valid bounds on op times and on the makespan, used to tighten the
 * MILP and to check any schedule from below.
 */
import { hopTiming, stageCount, type PipelineInstance } from "./instance.js";
import type { OpKind } from "./schedule.js";

/** Earliest and latest-from-the-end times of an op, for every schedule of the instance. */
export interface OpWindow {
  /** Earliest start: the chain of ops and hops that must precede it, s. */
  readonly headSec: number;
  /** Time from its start to the end of the iteration at least: itself and the chain that must follow, s. */
  readonly tailSec: number;
}

/** Head and tail of op (kind, stage); the same for every micro-batch. */
export function opWindow(inst: PipelineInstance, kind: OpKind, stage: number): OpWindow {
  const S = stageCount(inst);
  const hop = (h: number): number => {
    const t = hopTiming(inst, h);
    return t.transmitSec + t.latencySec;
  };
  let forwardChain = 0; // F(0..S-1) with hops
  const fHead: number[] = [];
  for (let k = 0; k < S; k++) {
    fHead.push(forwardChain);
    forwardChain += (inst.forwardSec[k] ?? 0) + (k < S - 1 ? hop(k) : 0);
  }
  // bTail[k]: from the start of B(k) to the end of B(0).
  const bTail: number[] = [];
  let back = 0;
  for (let k = 0; k < S; k++) {
    back += (inst.backwardSec[k] ?? 0) + (k > 0 ? hop(k - 1) : 0);
    bTail.push(back);
  }
  if (kind === "F") {
    return { headSec: fHead[stage] ?? 0, tailSec: forwardChain - (fHead[stage] ?? 0) + (bTail[S - 1] ?? 0) };
  }
  // B(k) head: all forwards, then backwards from S−1 down to k+1 with hops.
  const bHead = forwardChain + (bTail[S - 1] ?? 0) - (bTail[stage] ?? 0);
  return { headSec: bHead, tailSec: bTail[stage] ?? 0 };
}

/**
 * A lower bound on the makespan of every schedule: the longest of (a) one
 * micro-batch's full chain, (b) per stage, the earliest start of its first
 * forward plus all its M·(t_f + t_b) work plus the backward chain after it,
 * and (c) per hop and direction, M back-to-back transmissions between the
 * chain before the first and the chain after the last.
 */
export function makespanLowerBound(inst: PipelineInstance): number {
  const S = stageCount(inst);
  const M = inst.microBatches;
  let lb = opWindow(inst, "F", 0).tailSec;
  for (let k = 0; k < S; k++) {
    const f = opWindow(inst, "F", k);
    const b = opWindow(inst, "B", k);
    const work = M * ((inst.forwardSec[k] ?? 0) + (inst.backwardSec[k] ?? 0));
    lb = Math.max(lb, f.headSec + work + b.tailSec - (inst.backwardSec[k] ?? 0));
  }
  for (let h = 0; h < S - 1; h++) {
    const { transmitSec, latencySec } = hopTiming(inst, h);
    const fSend = opWindow(inst, "F", h);
    const fRecv = opWindow(inst, "F", h + 1);
    lb = Math.max(lb, fSend.headSec + (inst.forwardSec[h] ?? 0) + M * transmitSec + latencySec + fRecv.tailSec);
    const bSend = opWindow(inst, "B", h + 1);
    const bRecv = opWindow(inst, "B", h);
    lb = Math.max(lb, bSend.headSec + (inst.backwardSec[h + 1] ?? 0) + M * transmitSec + latencySec + bRecv.tailSec);
  }
  return lb;
}
