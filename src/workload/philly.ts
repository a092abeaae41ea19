/**
 * Reads a Microsoft Philly job trace (the AdaptDL export: header
 * `timestamp,duration,num_gpus,gpu_time,cluster`) and maps each trace job to
 * a pipeline-parallel {@link Job} (docs/workloads.md, "Philly trace"):
 *
 * - arrival = (timestamp − earliest timestamp) · `timeScale`; jobs sorted by
 *   arrival (ties: file order), then the first `maxJobs` kept;
 * - n = num_gpus is split into S stages of g GPUs: S = the largest divisor of
 *   n that is ≤ `maxStages` and g = n / S, so S·g = n; when that divisor is
 *   below `maxStages / 2` (n has no useful divisor, e.g. 11), S = min(n,
 *   maxStages) and g = max(1, round(n / S)); shapes that do not fit the
 *   topology are shrunk (g, then S) until they do;
 * - the model comes from n via `modelByGpus` (bigger jobs, bigger models);
 * - b, M = `microBatchesPerStage`·S and MFU are fixed by the options;
 * - iterations = max(1, round(d / T)), where d = min(duration ·
 *   `durationScale`, `maxDurationSec`) and T is the iteration time of the
 *   job's reference run (alone, fastest region that holds it), so its
 *   reference runtime matches the trace duration up to one iteration.
 *
 * `gpu_time` and `cluster` are not used. Malformed rows are reported with
 * their line and column; the `parse…` function returns them as a value, the
 * `read…` function throws an {@link InstanceError}.
 */
import { CsvError, parseCsvRows } from "../model/csv.js";
import { InstanceError, type InstanceIssue } from "../model/issues.js";
import type { Job, LlmModel, Topology, Workload } from "../model/types.js";
import { assertValid } from "./generate.js";
import { referenceRun } from "./reference.js";

/** Which model a job of up to `maxGpus` GPUs trains (first matching row wins). */
export interface GpuModelRule {
  /** Largest trace GPU count this row covers. */
  readonly maxGpus: number;
  /** Name of a loaded LLM model. */
  readonly model: string;
}

/** Default model by trace GPU count: 1.3B for ≤ 2 GPUs up to 175B above 64. */
export const DEFAULT_PHILLY_MODELS: readonly GpuModelRule[] = [
  { maxGpus: 2, model: "gpt3-1.3b" },
  { maxGpus: 4, model: "gpt3-2.7b" },
  { maxGpus: 8, model: "gpt3-6.7b" },
  { maxGpus: 16, model: "gpt3-13b" },
  { maxGpus: 32, model: "llama2-13b" },
  { maxGpus: 64, model: "llama2-70b" },
  { maxGpus: Infinity, model: "gpt3-175b" },
];

/** Options of the trace reader; `topology` and `models` are required, the rest default to {@link DEFAULT_PHILLY_OPTIONS}. */
export interface PhillyOptions {
  /** Topology the jobs must fit (and whose fastest region sets iterations). */
  readonly topology: Topology;
  /** Loaded LLM models by name. */
  readonly models: ReadonlyMap<string, LlmModel>;
  /** Name of the trace in messages and in the workload name. Default "philly.csv". */
  readonly file?: string;
  /** Multiplies arrival offsets (0.5 = arrivals twice as dense). Default 1. */
  readonly timeScale?: number;
  /** Keep only the first this many jobs by arrival. Default Infinity (all). */
  readonly maxJobs?: number;
  /** Multiplies trace durations before setting iterations. Default 1. */
  readonly durationScale?: number;
  /** Upper clamp of the (scaled) duration, seconds. Default Infinity. */
  readonly maxDurationSec?: number;
  /** Most pipeline stages a job is split into. Default 8. */
  readonly maxStages?: number;
  /** Model by GPU count. Default {@link DEFAULT_PHILLY_MODELS}. */
  readonly modelByGpus?: readonly GpuModelRule[];
  /** Sequences per micro-batch b. Default 2. */
  readonly microBatchSize?: number;
  /** M = this · S micro-batches per iteration. Default 4. */
  readonly microBatchesPerStage?: number;
  /** MFU of every job. Default 0.4. */
  readonly mfu?: number;
  /** Job id = prefix + trace line number. Default "p". */
  readonly idPrefix?: string;
}

/** Defaults of the optional {@link PhillyOptions}. */
export const DEFAULT_PHILLY_OPTIONS: Required<Omit<PhillyOptions, "topology" | "models">> = {
  file: "philly.csv",
  timeScale: 1,
  maxJobs: Infinity,
  durationScale: 1,
  maxDurationSec: Infinity,
  maxStages: 8,
  modelByGpus: DEFAULT_PHILLY_MODELS,
  microBatchSize: 2,
  microBatchesPerStage: 4,
  mfu: 0.4,
  idPrefix: "p",
};

/** How one trace row became a job. */
export interface PhillyRow {
  /** 1-based line of the row in the CSV. */
  readonly line: number;
  /** Trace timestamp, seconds since 1970 (UTC), or the number given. */
  readonly timestampSec: number;
  /** Trace duration, seconds. */
  readonly durationSec: number;
  /** Trace GPU count n. */
  readonly numGpus: number;
  /** The job (S·g may differ from n; see the file comment). */
  readonly job: Job;
  /** Runtime of the job's reference run, seconds (≈ the clamped, scaled duration). */
  readonly referenceRuntimeSec: number;
}

/** A mapped trace. */
export interface PhillyTrace {
  /** The workload, jobs in arrival order. */
  readonly workload: Workload;
  /** One entry per job, same order. */
  readonly rows: readonly PhillyRow[];
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;
const COLUMNS = ["timestamp", "duration", "num_gpus"] as const;

/** `YYYY-MM-DD HH:MM:SS` (UTC) or plain seconds → seconds; `null` when neither. */
export function parseTimestampSec(text: string): number | null {
  const m = TIMESTAMP.exec(text.trim());
  if (m === null) {
    const n = text.trim() === "" ? NaN : Number(text);
    return Number.isFinite(n) ? n : null;
  }
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  return Date.UTC(y, mo - 1, d, h, mi, s) / 1000;
}

/** Splits n trace GPUs into stages × GPUs per stage (see the file comment). */
export function splitGpus(numGpus: number, maxStages: number): { readonly stages: number; readonly gpusPerStage: number } {
  let divisor = 1;
  for (let s = Math.min(numGpus, maxStages); s >= 1; s--) {
    if (numGpus % s === 0) {
      divisor = s;
      break;
    }
  }
  if (numGpus <= maxStages || divisor * 2 >= maxStages) return { stages: divisor, gpusPerStage: numGpus / divisor };
  const stages = Math.min(numGpus, maxStages);
  return { stages, gpusPerStage: Math.max(1, Math.round(numGpus / stages)) };
}

/** Largest g ≤ `gpusPerStage` and S ≤ `stages` (g lowered first) such that S stages of g GPUs fit the regions. */
export function shrinkToFit(topology: Topology, stages: number, gpusPerStage: number): { stages: number; gpusPerStage: number } {
  const slots = (g: number): number => topology.regions.reduce((n, r) => n + Math.floor(r.gpus / g), 0);
  let g = Math.min(gpusPerStage, Math.max(1, ...topology.regions.map((r) => r.gpus)));
  while (g > 1 && slots(g) < stages) g--;
  return { stages: Math.max(1, Math.min(stages, slots(g))), gpusPerStage: g };
}

interface RawRow {
  readonly line: number;
  readonly timestampSec: number;
  readonly durationSec: number;
  readonly numGpus: number;
}

/** Reads the rows' three used columns; issues name line and column. */
function readRows(csvText: string, file: string): { rows: RawRow[]; issues: InstanceIssue[] } {
  const issues: InstanceIssue[] = [];
  let table: string[][];
  try {
    table = parseCsvRows(csvText);
  } catch (e) {
    if (e instanceof CsvError) return { rows: [], issues: [{ file, path: "", message: `${e.message}; fix the CSV quoting` }] };
    throw e;
  }
  const header = (table[0] ?? []).map((h) => h.trim());
  const col = new Map(header.map((h, i) => [h, i] as const));
  for (const c of COLUMNS) {
    if (!col.has(c)) issues.push({ file, path: "line 1", message: `missing column "${c}"; the header must name timestamp,duration,num_gpus (got ${header.join(",") || "nothing"})` });
  }
  if (issues.length > 0) return { rows: [], issues };
  const rows: RawRow[] = [];
  table.slice(1).forEach((fields, k) => {
    const line = k + 2;
    if (fields.length === 1 && fields[0]!.trim() === "") return; // blank line
    if (fields.length !== header.length) {
      issues.push({ file, path: `line ${line}`, message: `${fields.length} fields, the header has ${header.length}; give one value per column` });
      return;
    }
    const get = (c: (typeof COLUMNS)[number]): string => fields[col.get(c)!]!;
    const bad = (c: string, message: string): void => void issues.push({ file, path: `line ${line}, column ${c}`, message });
    const timestampSec = parseTimestampSec(get("timestamp"));
    if (timestampSec === null) bad("timestamp", `expected "YYYY-MM-DD HH:MM:SS" (UTC) or seconds, got "${get("timestamp")}"`);
    const durationText = get("duration").trim();
    const durationSec = durationText === "" ? NaN : Number(durationText);
    if (!(durationSec >= 0) || !Number.isFinite(durationSec)) bad("duration", `expected seconds >= 0, got "${get("duration")}"`);
    const numGpus = Number(get("num_gpus").trim() || NaN);
    if (!Number.isInteger(numGpus) || numGpus < 1) bad("num_gpus", `expected an integer >= 1, got "${get("num_gpus")}"`);
    if (timestampSec !== null && Number.isFinite(durationSec) && durationSec >= 0 && Number.isInteger(numGpus) && numGpus >= 1) {
      rows.push({ line, timestampSec, durationSec, numGpus });
    }
  });
  return { rows, issues };
}

/** Issues of the numeric options and the model table. */
function checkOptions(o: Required<PhillyOptions>): InstanceIssue[] {
  const issues: InstanceIssue[] = [];
  const bad = (path: string, message: string): void => void issues.push({ file: "readPhillyTrace(options)", path, message });
  if (!(o.timeScale > 0) || !Number.isFinite(o.timeScale)) bad("timeScale", `must be a finite number > 0, got ${o.timeScale}`);
  if (!(o.durationScale > 0) || !Number.isFinite(o.durationScale)) bad("durationScale", `must be a finite number > 0, got ${o.durationScale}`);
  if (!(o.maxDurationSec > 0)) bad("maxDurationSec", `must be > 0 (Infinity for no clamp), got ${o.maxDurationSec}`);
  if (!(o.maxJobs >= 0)) bad("maxJobs", `must be >= 0 (Infinity for all), got ${o.maxJobs}`);
  for (const [k, v] of [["maxStages", o.maxStages], ["microBatchSize", o.microBatchSize], ["microBatchesPerStage", o.microBatchesPerStage]] as const) {
    if (!Number.isInteger(v) || v < 1) bad(k, `must be an integer >= 1, got ${v}`);
  }
  if (!(o.mfu > 0 && o.mfu <= 1)) bad("mfu", `must be in (0, 1], got ${o.mfu}`);
  if (o.modelByGpus.length === 0) bad("modelByGpus", "must have at least one rule; end it with { maxGpus: Infinity, model }");
  o.modelByGpus.forEach((r, i) => {
    if (!o.models.has(r.model)) bad(`modelByGpus[${i}].model`, `unknown model "${r.model}"; valid models: ${[...o.models.keys()].sort().join(", ")}`);
  });
  return issues;
}

/** Parses and maps a Philly trace; every issue as a value (see the file comment). */
export function parsePhillyTrace(
  csvText: string,
  options: PhillyOptions,
): { readonly ok: true; readonly value: PhillyTrace } | { readonly ok: false; readonly issues: readonly InstanceIssue[] } {
  const o: Required<PhillyOptions> = { ...DEFAULT_PHILLY_OPTIONS, ...options };
  const optionIssues = checkOptions(o);
  if (optionIssues.length > 0) return { ok: false, issues: optionIssues };
  const { rows, issues } = readRows(csvText, o.file);
  if (issues.length > 0) return { ok: false, issues };
  const first = rows.reduce((m, r) => Math.min(m, r.timestampSec), Infinity);
  const kept = [...rows].sort((a, b) => a.timestampSec - b.timestampSec || a.line - b.line).slice(0, o.maxJobs);
  const mapped: PhillyRow[] = [];
  for (const r of kept) {
    const rule = o.modelByGpus.find((x) => r.numGpus <= x.maxGpus) ?? o.modelByGpus[o.modelByGpus.length - 1]!;
    const model = o.models.get(rule.model)!;
    const split = splitGpus(r.numGpus, Math.min(o.maxStages, model.numLayers));
    const shape = shrinkToFit(o.topology, split.stages, split.gpusPerStage);
    const base: Job = {
      id: `${o.idPrefix}${r.line}`,
      model: model.name,
      arrivalSec: Math.round((r.timestampSec - first) * o.timeScale * 1000) / 1000,
      stages: shape.stages,
      gpusPerStage: shape.gpusPerStage,
      microBatchSize: o.microBatchSize,
      microBatches: o.microBatchesPerStage * shape.stages,
      iterations: 1,
      mfu: o.mfu,
    };
    const ref = referenceRun(o.topology, model, base);
    if (ref === null) {
      return { ok: false, issues: [{ file: o.file, path: `line ${r.line}`, message: `no placement of ${shape.stages} stages × ${shape.gpusPerStage} GPUs in "${o.topology.name}"; add GPUs or links` }] };
    }
    const targetSec = Math.min(r.durationSec * o.durationScale, o.maxDurationSec);
    const job = { ...base, iterations: Math.max(1, Math.round(targetSec / ref.iterationSec)) };
    mapped.push({ ...r, job, referenceRuntimeSec: job.iterations * ref.iterationSec });
  }
  const workload: Workload = { name: `philly trace ${o.file} (${mapped.length} jobs)`, jobs: mapped.map((m) => m.job) };
  try {
    assertValid(workload, o.topology, o.models);
  } catch (e) {
    if (e instanceof InstanceError) return { ok: false, issues: e.issues };
    throw e;
  }
  return { ok: true, value: { workload, rows: mapped } };
}

/** {@link parsePhillyTrace} with the mapping details; throws {@link InstanceError} listing every issue. */
export function readPhillyTraceDetailed(csvText: string, options: PhillyOptions): PhillyTrace {
  const r = parsePhillyTrace(csvText, options);
  if (!r.ok) throw new InstanceError(r.issues);
  return r.value;
}

/** Reads and maps a Philly trace to a workload; throws {@link InstanceError} naming line and column of malformed rows. */
export function readPhillyTrace(csvText: string, options: PhillyOptions): Workload {
  return readPhillyTraceDetailed(csvText, options).workload;
}
