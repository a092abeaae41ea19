/**
 * Iteration time of a 1F1B pipeline with communication (DESIGN §2):
 * `T = (M − 1)·max_k (t_k + c_k) + Σ_k t_k + Σ_k c_k`, with `c_S = 0`.
 *
 * The first micro-batch crosses every stage and hop once (`Σ t_k + Σ c_k`);
 * the other `M − 1` follow at the pace of the slowest stage-plus-hop.
 */

/** Iteration time and where it comes from. */
export interface IterationTime {
  /** T in seconds. */
  readonly iterationSec: number;
  /** 0-based index of the stage with the largest `t_k + c_k` (the first one on ties). */
  readonly bottleneckStage: number;
  /** `t_k + c_k` of the bottleneck stage, in seconds. */
  readonly bottleneckSec: number;
  /** Σ_k t_k in seconds (one micro-batch through every stage). */
  readonly fillComputeSec: number;
  /** Σ_k c_k in seconds (one micro-batch over every hop). */
  readonly fillCommSec: number;
}

/**
 * 1F1B iteration time. `stageSec[k]` is `t_k = t_f + t_b` of stage k;
 * `hopSecs[k]` is `c_k`, the hop from stage k to k+1. `hopSecs` may have
 * `S − 1` entries (the last stage has no hop) or `S` (the last is ignored:
 * `c_S = 0`); a missing entry counts as 0. `stageSec` must not be empty.
 */
export function iterationTime(
  stageSec: readonly number[],
  hopSecs: readonly number[],
  microBatches: number,
): IterationTime {
  const last = stageSec.length - 1;
  let bottleneckStage = 0;
  let bottleneckSec = -Infinity;
  let fillComputeSec = 0;
  let fillCommSec = 0;
  stageSec.forEach((t, k) => {
    const c = k === last ? 0 : (hopSecs[k] ?? 0);
    fillComputeSec += t;
    fillCommSec += c;
    if (t + c > bottleneckSec) {
      bottleneckSec = t + c;
      bottleneckStage = k;
    }
  });
  const iterationSec = (microBatches - 1) * bottleneckSec + fillComputeSec + fillCommSec;
  return { iterationSec, bottleneckStage, bottleneckSec, fillComputeSec, fillCommSec };
}
