/**
 * What the CBA verifiers report: one violation per broken rule, naming the
 * request, fibre, slot, instant or table cell where it applies. Shared by the
 * assignment verifier (`verify.ts`), the per-record timing checks
 * (`verifyTiming.ts`), the run-metrics checks (`verifyMetrics.ts`) and the
 * sweep-table checks (`verifySweep.ts`).
 */

/** Kind of a broken rule. */
export type CbaViolationKind =
  | "slot_conflict"
  | "slot_out_of_range"
  | "not_continuous"
  | "not_contiguous"
  | "insufficient_capacity"
  | "out_of_reach"
  | "gpu_capacity"
  | "unknown_dc"
  | "stage_count"
  | "bad_route"
  | "missing_transfer"
  | "extra_transfer"
  /** A transfer's recorded length, latency, slot capacity or bandwidth differs from its route and format. */
  | "transfer_figure"
  /** A recorded hop time differs from the one its lightpath gives. */
  | "hop_time"
  /** A recorded 1F1B iteration time differs from the one the stages and hops give. */
  | "iteration_time"
  /** The recorded communication-bound stage list differs from the rule `c_k > t_k`. */
  | "comm_bound"
  /** A run metric (count, rate, mean, share, utilisation) differs from the one its records give. */
  | "metric"
  /** A sweep table's row or cell differs from the one its runs give. */
  | "table_cell";

/** One broken rule, naming where and when. */
export interface CbaViolation {
  /** What rule. */
  readonly kind: CbaViolationKind;
  /** Request concerned (the later one for conflicts); "" for run metrics and tables. */
  readonly requestId: string;
  /** Fibre concerned, if any. */
  readonly fibreId?: number;
  /** Slot concerned, if any. */
  readonly slot?: number;
  /** Instant (s) the rule breaks, for time-dependent rules. */
  readonly atSec?: number;
  /** Metric or table column concerned, if any (e.g. "blockedByReason.no_gpus", "blocking %"). */
  readonly field?: string;
  /** Human-readable explanation. */
  readonly message: string;
}

/** Outcome of a CBA verifier. */
export interface CbaVerifyReport {
  /** True when no violation was found. */
  readonly ok: boolean;
  /** Every violation found. */
  readonly violations: readonly CbaViolation[];
}

/** Absolute tolerance of re-derived figures (ms, Gbit/s, km, shares). */
export const CBA_VERIFY_ABS_TOL = 1e-9;
/** Relative tolerance of re-derived figures. */
export const CBA_VERIFY_REL_TOL = 1e-9;

/** Whether a recorded figure equals its re-derived value within the verifiers' tolerances. */
export function sameFigure(recorded: number, derived: number): boolean {
  if (!Number.isFinite(recorded) || !Number.isFinite(derived)) return recorded === derived;
  return Math.abs(recorded - derived) <= CBA_VERIFY_ABS_TOL + CBA_VERIFY_REL_TOL * Math.abs(derived);
}
