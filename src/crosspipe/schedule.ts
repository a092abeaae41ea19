/**
 * A micro-batch schedule: when each forward/backward op runs on its stage and
 * when each activation/gradient transfer occupies its link. Every producer of
 * schedules returns this one shape, and {@link verifySchedule} checks it.
 */

/** Forward or backward pass. */
export type OpKind = "F" | "B";

/** Identifies one op: kind, stage (0-based) and micro-batch (0-based). */
export interface OpRef {
  /** `"F"` forward, `"B"` backward. */
  readonly kind: OpKind;
  /** Stage index, 0-based. */
  readonly stage: number;
  /** Micro-batch index, 0-based. */
  readonly microBatch: number;
}

/** One op with its time window `[startSec, endSec)`. */
export interface ScheduledOp extends OpRef {
  /** Start time, s from the start of the iteration. */
  readonly startSec: number;
  /** End time, s. */
  readonly endSec: number;
}

/** `"forward"`: activation of F(k,m) sent k → k+1; `"backward"`: gradient of B(k+1,m) sent k+1 → k. */
export type Direction = "forward" | "backward";

/** Identifies one transfer: hop `k` joins stage `k` and `k+1`. */
export interface TransferRef {
  /** Hop index, 0-based (between stage `hop` and `hop + 1`). */
  readonly hop: number;
  /** Which way the data goes. */
  readonly direction: Direction;
  /** Micro-batch index, 0-based. */
  readonly microBatch: number;
}

/**
 * One transfer: the transmission occupies the link direction during
 * `[startSec, endSec)`; the data arrives at `arrivalSec = endSec + latency`.
 */
export interface ScheduledTransfer extends TransferRef {
  /** Transmission start, s. */
  readonly startSec: number;
  /** Transmission end, s (start + bytes·8/bandwidth). */
  readonly endSec: number;
  /** Arrival at the receiving stage, s (end + latency). */
  readonly arrivalSec: number;
}

/** A complete schedule of one iteration. */
export interface Schedule {
  /** Which algorithm produced it, e.g. `"gpipe"`, `"1f1b"`, `"greedy(backward-first)"`, `"milp"`. */
  readonly name: string;
  /** Every op exactly once. */
  readonly ops: readonly ScheduledOp[];
  /** Every transfer exactly once (2·(S−1)·M of them). */
  readonly transfers: readonly ScheduledTransfer[];
}

/** Short label of an op, e.g. `F(1,3)` (stage 1, micro-batch 3; 0-based). */
export function opLabel(op: OpRef): string {
  return `${op.kind}(${op.stage},${op.microBatch})`;
}

/** Short label of a transfer, e.g. `fwd[h0,m2]`. */
export function transferLabel(t: TransferRef): string {
  return `${t.direction === "forward" ? "fwd" : "bwd"}[h${t.hop},m${t.microBatch}]`;
}

/** Makespan: end of the last op (0 for an empty schedule). */
export function makespanSec(schedule: Schedule): number {
  let end = 0;
  for (const op of schedule.ops) end = Math.max(end, op.endSec);
  return end;
}
