/**
 * GPipe: each stage runs all forwards, then all backwards. Under a memory
 * limit K < M it runs in rounds of K micro-batches (round r holds micro-batches
 * rK … rK+K−1: all their forwards, then all their backwards, micro-batches in
 * ascending order), so no stage ever holds more than K.
 */
import { fixedOrderPolicy, runPipeline } from "./engine.js";
import { effectiveLimit, stageCount, type PipelineInstance } from "./instance.js";
import type { OpRef, Schedule } from "./schedule.js";

/** Per-stage op sequences of GPipe in rounds of K. */
export function gpipeSequences(inst: PipelineInstance): OpRef[][] {
  const S = stageCount(inst);
  const M = inst.microBatches;
  const K = effectiveLimit(inst);
  return Array.from({ length: S }, (_, stage) => {
    const seq: OpRef[] = [];
    for (let first = 0; first < M; first += K) {
      const last = Math.min(first + K, M);
      for (let m = first; m < last; m++) seq.push({ kind: "F", stage, microBatch: m });
      for (let m = first; m < last; m++) seq.push({ kind: "B", stage, microBatch: m });
    }
    return seq;
  });
}

/** GPipe schedule (each op as early as its sequence and inputs allow; FIFO links). Expects a valid instance. */
export function gpipe(inst: PipelineInstance): Schedule {
  const out = runPipeline(inst, "gpipe", fixedOrderPolicy(gpipeSequences(inst)));
  if (out.status !== "ok") throw new Error(`crosspipe internal error: ${out.message}`);
  return out.schedule;
}
