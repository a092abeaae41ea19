/**
 * Options of a trace import (`importTrace`, `geopipe trace import`, a compare
 * config's `{"kind": "trace"}` workload), with their defaults and the checks
 * made where they enter.
 */
import type { InstanceIssue } from "../../model/issues.js";
import type { LlmModel, Topology } from "../../model/types.js";
import { parseUtcHour, UTC_HOUR_EXAMPLE } from "../../model/utcTime.js";
import { DURATION_SOURCES, type DurationSource } from "./bundled.js";
import type { ColumnMap } from "./formats/index.js";
import { checkTraceMapping, DEFAULT_TRACE_MAPPING, TRACE_MAPPINGS, type TraceMapping } from "./mapping.js";
import { TRACE_FORMATS, type TraceFormat } from "./types.js";

/** Options of {@link importTrace}; `format`, `topology` and `models` are required, the rest default to {@link DEFAULT_TRACE_IMPORT_OPTIONS}. */
export interface TraceImportOptions {
  /** The trace's format. */
  readonly format: TraceFormat;
  /** Topology the jobs must fit; its GPUs set the load and its fastest region the iterations. */
  readonly topology: Topology;
  /** Loaded LLM models by name. */
  readonly models: ReadonlyMap<string, LlmModel>;
  /** Name of the trace in messages and the provenance. Default "trace". */
  readonly file?: string;
  /** Column map of the `csv` format. Default {} (columns named time, duration, gpus, …). */
  readonly map?: ColumnMap;
  /** Keep jobs arriving at or after this time: ISO date(-time), UTC unless it has a zone, for calendar traces; seconds of trace time for relative ones. Default none. */
  readonly from?: string | number;
  /** Keep jobs arriving before this time (same forms as `from`). Default none. */
  readonly to?: string | number;
  /** Trace times are local times at UTC + this many hours (e.g. -7 for PDT); shifts calendar times to UTC. Default 0. */
  readonly utcOffsetHours?: number;
  /** Keep at least this many GPUs per job (whole GPUs). Default 1. */
  readonly minGpus?: number;
  /** Keep the first this many jobs by arrival (file order for synthesised arrivals). Default Infinity. */
  readonly maxJobs?: number;
  /** Trace-to-pipeline mapping. Default {@link TRACE_MAPPINGS}["philly-table"]. */
  readonly mapping?: TraceMapping;
  /** Arrivals: the trace's own, or Poisson at `targetLoad`. Default "trace" when the trace has them, else "poisson". */
  readonly arrivals?: "trace" | "poisson";
  /** Target load ρ: Poisson rate, or the factor that scales trace arrivals (see synthesis.ts). Default none (trace arrivals as they are). */
  readonly targetLoad?: number;
  /** Durations: the trace's own, or resampled by GPU count from `durationSource`. Default "trace" when the trace has them, else "resample". */
  readonly durations?: "trace" | "resample";
  /** Where resampled durations come from. Default "philly" (bundled). */
  readonly durationSource?: DurationSource;
  /** Length of a window whose start the seed picks at random within [from, to), hours. Default none (the whole range). */
  readonly windowHours?: number;
  /** Seed of every random choice (window start, Poisson arrivals, resampled durations). Default 1. */
  readonly seed?: number;
  /** UTC time of simulated time 0 (a whole hour). Default: the whole hour at or before the window start for calendar traces; none for relative ones. */
  readonly startUtc?: string;
  /** Prefix of job ids (`<prefix><line>`). Default "t". */
  readonly idPrefix?: string;
  /** Treat every unreadable row as an error instead of dropping it. Default false. */
  readonly strict?: boolean;
}

/** Defaults of the optional {@link TraceImportOptions} (`null`: decided from the trace). */
export const DEFAULT_TRACE_IMPORT_OPTIONS = {
  file: "trace",
  map: {} as ColumnMap,
  from: null as string | number | null,
  to: null as string | number | null,
  utcOffsetHours: 0,
  minGpus: 1,
  maxJobs: Number.POSITIVE_INFINITY,
  mapping: TRACE_MAPPINGS[DEFAULT_TRACE_MAPPING]!,
  arrivals: null as "trace" | "poisson" | null,
  targetLoad: null as number | null,
  durations: null as "trace" | "resample" | null,
  durationSource: "philly" as DurationSource,
  windowHours: null as number | null,
  seed: 1,
  startUtc: null as string | null,
  idPrefix: "t",
  strict: false,
};

/** Options with every default filled in. */
export type ResolvedTraceOptions = Omit<typeof DEFAULT_TRACE_IMPORT_OPTIONS, "format"> & Pick<TraceImportOptions, "format" | "topology" | "models">;

/** Fills defaults; `undefined` fields keep theirs. */
export function resolveTraceOptions(options: TraceImportOptions): ResolvedTraceOptions {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_TRACE_IMPORT_OPTIONS, ...given } as ResolvedTraceOptions;
}

/** Issues of the options on their own (the trace is read afterwards); paths are option names. */
export function checkTraceOptions(o: ResolvedTraceOptions, where = "importTrace(options)"): InstanceIssue[] {
  const issues: InstanceIssue[] = [];
  const bad = (path: string, message: string): void => void issues.push({ file: where, path, message });
  if (!(TRACE_FORMATS as readonly string[]).includes(o.format)) bad("format", `unknown format "${o.format}"; use one of: ${TRACE_FORMATS.join(", ")}`);
  if (!Number.isInteger(o.minGpus) || o.minGpus < 1) bad("minGpus", `must be an integer >= 1, got ${o.minGpus}`);
  if (!(o.maxJobs >= 1) || (Number.isFinite(o.maxJobs) && !Number.isInteger(o.maxJobs))) bad("maxJobs", `must be an integer >= 1 (Infinity for all), got ${o.maxJobs}`);
  if (!Number.isFinite(o.utcOffsetHours) || Math.abs(o.utcOffsetHours) > 14) bad("utcOffsetHours", `must be between -14 and 14, got ${o.utcOffsetHours}`);
  if (o.targetLoad !== null && !(o.targetLoad > 0 && Number.isFinite(o.targetLoad))) bad("targetLoad", `must be a finite number > 0 (e.g. 0.5), got ${o.targetLoad}`);
  if (o.windowHours !== null && !(o.windowHours > 0 && Number.isFinite(o.windowHours))) bad("windowHours", `must be a number of hours > 0, got ${o.windowHours}`);
  if (!Number.isSafeInteger(o.seed) || o.seed < 0) bad("seed", `must be an integer >= 0, got ${o.seed}`);
  if (o.arrivals === "poisson" && o.targetLoad === null) bad("targetLoad", "Poisson arrivals need a target load; give targetLoad (--target-load RHO)");
  if (!(DURATION_SOURCES as readonly string[]).includes(o.durationSource)) bad("durationSource", `unknown duration source "${o.durationSource}"; use one of: ${DURATION_SOURCES.join(", ")}`);
  if (o.startUtc !== null && parseUtcHour(o.startUtc) === null) bad("startUtc", `must be a whole UTC hour like "${UTC_HOUR_EXAMPLE}", got "${o.startUtc}"`);
  if (o.map !== undefined && Object.keys(o.map).length > 0 && o.format !== "csv") bad("map", `a column map applies to --format csv only; ${o.format} has fixed columns`);
  issues.push(...checkTraceMapping(o.mapping, o.models, `mapping ${o.mapping.name}`));
  return issues;
}
