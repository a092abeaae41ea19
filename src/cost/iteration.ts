/**
 * Iteration time of a 1F1B pipeline with communication (DESIGN §2,
 * docs/model.md "Iteration time"), in two variants:
 *
 * - blocking sends (default; plain 1F1B as in Megatron-LM, where a stage
 *   waits for its sends and receives between passes):
 *   `T = (M − 1)·max_k (t_k + c_k) + Σ_k t_k + Σ_k c_k`, with `c_S = 0`;
 * - overlapped sends (asynchronous P2P): a hop's serialisation runs beside
 *   compute, so the steady-state period is
 *   `P = max( max_k max(t_k, σ_k), R / S )` with `σ_k = A·8/B_k` the
 *   serialisation of one tensor per direction, `R = Σ_k t_k + Σ_k c_k` the
 *   round trip of one micro-batch through every stage and back, and `R / S`
 *   the bound of 1F1B's in-flight limit (stage 0 holds at most S micro-batches
 *   in flight, so it can start one per `R / S` at best); `T = (M − 1)·P + R`.
 *
 * The first micro-batch crosses every stage and hop once (`R`); the other
 * `M − 1` follow at the period.
 */

/** Iteration time and where it comes from. */
export interface IterationTime {
  /** T in seconds. */
  readonly iterationSec: number;
  /**
   * 0-based index of the stage that sets the period: the largest `t_k + c_k`
   * (blocking) or `max(t_k, σ_k)` (overlapped), the first one on ties. With
   * overlap, when the round-trip bound `R / S` sets the period, still the
   * stage with the largest per-stage term.
   */
  readonly bottleneckStage: number;
  /** The period every micro-batch after the first adds, seconds (`max_k (t_k + c_k)` when blocking). */
  readonly bottleneckSec: number;
  /** Σ_k t_k in seconds (one micro-batch through every stage). */
  readonly fillComputeSec: number;
  /** Σ_k c_k in seconds (one micro-batch over every hop). */
  readonly fillCommSec: number;
  /** What sets the period: a stage (`"stage"`) or, with overlap only, the in-flight limit (`"round-trip"`). */
  readonly limitedBy: "stage" | "round-trip";
}

/**
 * 1F1B iteration time. `stageSec[k]` is `t_k = t_f + t_b` of stage k;
 * `hopSecs[k]` is `c_k`, the hop from stage k to k+1. `hopSecs` may have
 * `S − 1` entries (the last stage has no hop) or `S` (the last is ignored:
 * `c_S = 0`); a missing entry counts as 0. `stageSec` must not be empty.
 * With `serialisationSecs` (σ_k per hop, same indexing), sends overlap
 * compute (see the module comment); without, sends block.
 */
export function iterationTime(
  stageSec: readonly number[],
  hopSecs: readonly number[],
  microBatches: number,
  serialisationSecs?: readonly number[],
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
    const step = serialisationSecs === undefined ? t + c : Math.max(t, k === last ? 0 : (serialisationSecs[k] ?? 0));
    if (step > bottleneckSec) {
      bottleneckSec = step;
      bottleneckStage = k;
    }
  });
  let limitedBy: IterationTime["limitedBy"] = "stage";
  if (serialisationSecs !== undefined) {
    const roundTrip = (fillComputeSec + fillCommSec) / stageSec.length;
    if (roundTrip > bottleneckSec) {
      bottleneckSec = roundTrip;
      limitedBy = "round-trip";
    }
  }
  const iterationSec = (microBatches - 1) * bottleneckSec + fillComputeSec + fillCommSec;
  return { iterationSec, bottleneckStage, bottleneckSec, fillComputeSec, fillCommSec, limitedBy };
}
