/**
 * Per-iteration time of a placed CBA pipeline and the communication-bound
 * rule, in ms. The formulas are the cost model's (src/cost, DESIGN §2):
 * `c_k = 2·(latency + A / bandwidth)` and 1F1B
 * `T = (M − 1)·max_k (t_k + c_k) + Σ t_k + Σ c_k`; this file only converts units.
 */
import { hopSec } from "../cost/communication.js";
import { iterationTime } from "../cost/iteration.js";

/** Hop time per micro-batch between two stages in different DCs, ms (see `hopSec` in src/cost). */
export function hopTimeMs(activationBytes: number, latencyMs: number, bandwidthGbps: number): number {
  return hopSec(activationBytes, latencyMs, bandwidthGbps) * 1000;
}

/**
 * 1F1B iteration time, ms. `hopMs[k]` is the hop from stage k to k+1 (0
 * inside a DC); the last stage's entry, if any, is ignored (`c_S = 0`).
 */
export function iterationTimeMs(
  stageComputeMs: readonly number[],
  hopMs: readonly number[],
  microBatches: number,
): number {
  return iterationTime(stageComputeMs.map((t) => t / 1000), hopMs.map((c) => c / 1000), microBatches).iterationSec * 1000;
}

/**
 * Stages whose outgoing hop is the bottleneck: stage k is communication-bound
 * when `c_k > t_k`, i.e. its successor waits longer on the transfer than the
 * stage spends computing a micro-batch. Returns 0-based stage indices.
 */
export function communicationBoundStages(stageComputeMs: readonly number[], hopMs: readonly number[]): number[] {
  const out: number[] = [];
  stageComputeMs.forEach((t, k) => {
    if (k < stageComputeMs.length - 1 && (hopMs[k] ?? 0) > t) out.push(k);
  });
  return out;
}
