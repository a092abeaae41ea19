/**
 * Records every trace format is read into (docs/workloads.md, "Importing a
 * trace"): one job per record, with what the trace says about its arrival,
 * duration and GPUs. Readers are in ./formats/, one per public format.
 */

/** The trace formats `importTrace` reads. */
export const TRACE_FORMATS = ["philly", "helios", "alibaba-pai-2020", "alibaba-openb-2023", "csv"] as const;

/** A trace format name. */
export type TraceFormat = (typeof TRACE_FORMATS)[number];

/**
 * How a trace's times are given: `calendar` (dates, converted to epoch
 * seconds UTC) or `relative` (seconds from an undisclosed origin, e.g. the
 * Alibaba traces, whose dates are shifted for privacy).
 */
export type TimeKind = "calendar" | "relative";

/** One job as the trace gives it. */
export interface TraceRecord {
  /** 1-based line of the job in the file (its first task's line when a job spans lines; for JSON, the line its entry starts on). */
  readonly line: number;
  /** The trace's own job id, when it has one. */
  readonly traceId: string | null;
  /** Arrival (submission) time, seconds: epoch seconds UTC for `calendar` traces, the trace's own seconds for `relative` ones; null when the trace does not say. */
  readonly submitSec: number | null;
  /** How long the job ran, seconds; null when the trace does not say. */
  readonly durationSec: number | null;
  /** GPUs the job used; may be fractional (a shared GPU) or 0 (a CPU job); null when the trace does not say (a Philly job with no recorded attempt). */
  readonly gpus: number | null;
  /** True when some instance of the job held part of a GPU (e.g. gpu_milli < 1000), even if the total is whole. */
  readonly sharesGpu: boolean;
}

/** A row that could not be read, kept as a count and a line. */
export interface BadRow {
  /** 1-based line. */
  readonly line: number;
  /** What is wrong, naming the column. */
  readonly message: string;
}

/** What a reader returns. */
export interface ParsedTrace {
  /** The format read. */
  readonly format: TraceFormat;
  /** A short description of the layout found, e.g. "AdaptDL CSV (timestamp,duration,num_gpus,…)". */
  readonly layout: string;
  /** Jobs read, in file order. */
  readonly records: readonly TraceRecord[];
  /** Rows (lines or entries) read, before grouping tasks into jobs. */
  readonly rowsRead: number;
  /** Rows that could not be read. */
  readonly badRows: readonly BadRow[];
  /** Whether the format carries arrival times at all. */
  readonly hasArrivals: boolean;
  /** Whether the format carries durations at all. */
  readonly hasDurations: boolean;
  /** How its times are given. */
  readonly timeKind: TimeKind;
  /** Things a reader of the numbers should know (time zones, censored durations), one sentence each. */
  readonly notes: readonly string[];
}

/** Why a record was left out; every reason is counted in the provenance. */
export const DROP_REASONS = [
  "bad-row",
  "no-gpu-count",
  "no-gpus",
  "fractional-gpus",
  "below-min-gpus",
  "no-arrival",
  "no-duration",
  "out-of-window",
  "beyond-max-jobs",
  "no-placement",
] as const;

/** A reason a record was left out. */
export type DropReason = (typeof DROP_REASONS)[number];

/** What each reason means, for the printed summary and the docs. */
export const DROP_REASON_TEXT: Readonly<Record<DropReason, string>> = {
  "bad-row": "rows that could not be read (counted in rows, not jobs; line numbers in provenance.badRows)",
  "no-gpu-count": "no GPU count (Philly jobs with no recorded scheduling attempt)",
  "no-gpus": "0 GPUs (CPU-only jobs or pods)",
  "fractional-gpus": "a fraction of a GPU (shared GPUs: gpu_milli < 1000, plan_gpu not a multiple of 100)",
  "below-min-gpus": "fewer GPUs than --min-gpus",
  "no-arrival": "no arrival time where the trace has them",
  "no-duration": "no duration where the trace has them (e.g. never scheduled, still running at the snapshot)",
  "out-of-window": "arrived outside [--from, --to)",
  "beyond-max-jobs": "after the first --max-jobs jobs by arrival",
  "no-placement": "no placement on the topology even after shrinking the shape",
};
