/**
 * 1F1B (PipeDream-Flush): stage k (1-based) warms up with
 * w = min(S − k, K − 1) forwards, then alternates one forward and one
 * backward, then drains the remaining backwards. Its peak in-flight count is
 * min(S − k + 1, K, M), so it always respects the memory limit K.
 */
import { fixedOrderPolicy, runPipeline } from "./engine.js";
import { effectiveLimit, stageCount, type PipelineInstance } from "./instance.js";
import type { OpRef, Schedule } from "./schedule.js";

/** Per-stage op sequences of 1F1B with warm-up capped by the memory limit. */
export function oneFOneBSequences(inst: PipelineInstance): OpRef[][] {
  const S = stageCount(inst);
  const M = inst.microBatches;
  const K = effectiveLimit(inst);
  return Array.from({ length: S }, (_, stage) => {
    // 0-based stage: S − (stage + 1) warm-up forwards in the uncapped case.
    const warmup = Math.min(S - stage - 1, K - 1, M);
    const seq: OpRef[] = [];
    let f = 0;
    let b = 0;
    for (; f < warmup; f++) seq.push({ kind: "F", stage, microBatch: f });
    while (f < M) {
      seq.push({ kind: "F", stage, microBatch: f++ });
      seq.push({ kind: "B", stage, microBatch: b++ });
    }
    while (b < M) seq.push({ kind: "B", stage, microBatch: b++ });
    return seq;
  });
}

/** 1F1B schedule (each op as early as its sequence and inputs allow; FIFO links). Expects a valid instance. */
export function oneFOneB(inst: PipelineInstance): Schedule {
  const out = runPipeline(inst, "1f1b", fixedOrderPolicy(oneFOneBSequences(inst)));
  if (out.status !== "ok") throw new Error(`crosspipe internal error: ${out.message}`);
  return out.schedule;
}
