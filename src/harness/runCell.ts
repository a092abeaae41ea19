/**
 * Runs one cell in the current thread: loads (and caches) the topology and
 * models, builds the workload for the cell's seed and load, scales the link
 * capacities, simulates (every run is verified by the simulator) and, when
 * enabled, measures decision gaps against the placement MILP on
 * `gaps.maxDecisions` decisions spread over the run, and the schedule of the
 * first `gaps.offlineJobs` jobs against the offline bound. Never throws: a failure
 * becomes an error record.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { anchorTopology } from "../model/calendar.js";
import { checkWorkload } from "../model/crossCheck.js";
import { InstanceError } from "../model/issues.js";
import { loadModels, loadTopology, loadWorkload } from "../model/load.js";
import type { Job, LlmModel, Topology, Workload } from "../model/types.js";
import { jobsCsv } from "../sim/jobsCsv.js";
import { importTrace } from "../workload/trace/import.js";
import { loadTraceMapping, readTraceFile } from "../workload/trace/readFile.js";
import { getScheduler } from "../schedulers.js";
import type { SimInput } from "../sim/result.js";
import { simulate } from "../sim/simulate.js";
import type { MixEntry } from "../workload/mix.js";
import { generateWorkload } from "../workload/generate.js";
import { canonicalJson, type Cell } from "./cells.js";
import type { GapSettings, TraceSpec } from "./config.js";
import type { CellGaps, CellRecord, ScheduleGapRecord } from "./results.js";
import type { RecordedRun } from "../exact/gaps.js";

/** Where a cell's relative paths point. */
export interface CellContext {
  /** Folder the config's relative paths are resolved against. */
  readonly baseDir: string;
  /** Folder of LLM model files (absolute, or relative to `baseDir`). */
  readonly modelsDir: string;
  /** Folder for each cell's per-job records (`<cell id>.csv`); null or absent: not kept. */
  readonly recordsDir?: string | null;
}

const topologies = new Map<string, Topology>();
const modelSets = new Map<string, ReadonlyMap<string, LlmModel>>();
const fileWorkloads = new Map<string, Workload>();
const traceWorkloads = new Map<string, Workload>();
const traceTexts = new Map<string, { readonly text: string; readonly sha256: string }>();

function cached<K, T>(cache: { get(key: K): T | undefined; set(key: K, value: T): unknown }, key: K, load: () => T): T {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = load();
  cache.set(key, value);
  return value;
}

/** `topology` with every inter-region link's capacity and per-node-pair throughput multiplied by `scale`. */
export function scaleBandwidth(topology: Topology, scale: number): Topology {
  if (scale === 1) return topology;
  return {
    ...topology,
    links: topology.links.map((l) => ({
      ...l,
      bandwidthGbps: l.bandwidthGbps * scale,
      ...(l.perNodePairGbps === undefined ? {} : { perNodePairGbps: l.perNodePairGbps * scale }),
    })),
  };
}

/**
 * The cells of a grid that differ only in their scheduler simulate the same
 * input: within one thread, each (topology, scale) is scaled once and each
 * generated workload generated once, so the cells share the topology object
 * (and with it the simulator's per-topology tables and job profiles) and the
 * jobs (read-only data; generation is deterministic in its arguments).
 */
const scaledTopologies = new WeakMap<Topology, Map<number, Topology>>();
const generated = new WeakMap<Topology, WeakMap<ReadonlyMap<string, LlmModel>, Map<string, readonly Job[]>>>();
/** Generated workloads kept per topology and models before that cache starts afresh (a bound on memory). */
const GENERATED_KEPT = 64;

/** {@link scaleBandwidth}, made once per topology object and scale. */
function scaledTopology(topology: Topology, scale: number): Topology {
  return cached(cached(scaledTopologies, topology, () => new Map()), scale, () => scaleBandwidth(topology, scale));
}

/** The jobs `make` generates on `topology` with `models`, kept under `key` (the generator's other arguments). */
function generatedJobs(topology: Topology, models: ReadonlyMap<string, LlmModel>, key: string, make: () => readonly Job[]): readonly Job[] {
  const byKey = cached(cached(generated, topology, () => new WeakMap()), models, () => new Map<string, readonly Job[]>());
  if (!byKey.has(key) && byKey.size >= GENERATED_KEPT) byKey.clear();
  return cached(byKey, key, make);
}

/** The parsed sources a cell reads: its topology as the config names it, the models, and (read on demand) its workload when it is not generated. */
export interface CellSources {
  /** The topology (links unscaled, prices not anchored). */
  readonly topology: Topology;
  /** The LLM models by name. */
  readonly models: ReadonlyMap<string, LlmModel>;
  /**
   * The workload of a file or trace cell — a trace already imported for the
   * cell's seed — and the file it came from (named in issues); not called for
   * a generated workload.
   */
  readonly workload: () => { readonly file: string; readonly workload: Workload };
}

/** The jobs of a cell and the UTC time of its simulated time 0 (null: not in calendar time). */
export interface CellWorkload {
  /** The jobs, arrivals divided by the cell's load factor for file and trace workloads. */
  readonly jobs: readonly Job[];
  /** The workload's own `startUtc`, else the config's; null when neither. */
  readonly startUtc: string | null;
}

/**
 * A trace workload of a cell: `importTrace` with the spec's options and the
 * cell's seed, on the topology as the config names it (not bandwidth-scaled,
 * so the same seed gives the same jobs in every bandwidth scenario).
 */
function traceWorkload(w: TraceSpec, seed: number, topoFile: string, topology: Topology, models: ReadonlyMap<string, LlmModel>, ctx: CellContext): Workload {
  const file = path.resolve(ctx.baseDir, w.file);
  const key = canonicalJson({ w, seed, baseDir: ctx.baseDir, topoFile, models: ctx.modelsDir });
  return cached(traceWorkloads, key, () => {
    const { text, sha256 } = cached(traceTexts, file, () => readTraceFile(file));
    const { kind: _kind, file: _file, mapping, ...options } = w;
    const resolved = mapping === undefined ? undefined : loadTraceMapping(mapping, ctx.baseDir);
    return importTrace(text, { ...options, file: w.file, format: w.format, topology, models, seed, mapping: resolved }, { sha256 }).workload;
  });
}

/**
 * The workload of a cell: generated from its seed (on the bandwidth-scaled
 * topology `scaled`), or a file's or trace's jobs from `sources`; file and
 * trace arrivals are divided by the load factor, which keeps time 0 (and so
 * `startUtc`) where it is. A file job with an unknown model or a shape that
 * cannot fit throws {@link InstanceError}, as in `geopipe simulate`.
 */
export function cellWorkload(cell: Cell, scaled: Topology, sources: CellSources): CellWorkload {
  const { workload: w, seed, load } = cell.spec;
  const fallback = cell.spec.startUtc ?? null;
  if (w.kind === "generated") {
    const mix = w.mix as readonly MixEntry[] | undefined;
    const base = { seed, jobs: w.jobs, load: (w.load ?? 1) * load, topology: scaled, models: sources.models };
    const key = canonicalJson({ seed, jobs: w.jobs, load: base.load, mix: mix ?? null });
    return { jobs: generatedJobs(scaled, sources.models, key, () => generateWorkload(mix === undefined ? base : { ...base, mix }).jobs), startUtc: fallback };
  }
  const { file, workload } = sources.workload();
  if (w.kind === "file") {
    const check = checkWorkload({ name: file, jobs: workload.jobs }, file, scaled, sources.models);
    if (check.errors.length > 0) throw new InstanceError(check.errors);
  }
  const jobs = load === 1 ? workload.jobs : workload.jobs.map((j) => ({ ...j, arrivalSec: j.arrivalSec / load }));
  return { jobs, startUtc: workload.startUtc ?? fallback };
}

/** The jobs of a cell (see {@link cellWorkload}). */
export function cellJobs(cell: Cell, scaled: Topology, sources: CellSources): readonly Job[] {
  return cellWorkload(cell, scaled, sources).jobs;
}

/**
 * The simulator input of a cell from its parsed sources: its topology (links
 * scaled; hourly prices anchored at the workload's `startUtc` when it has
 * one), the models, and its jobs.
 */
export function cellInputFrom(cell: Cell, sources: CellSources): SimInput {
  const scaled = scaledTopology(sources.topology, cell.spec.bandwidthScale);
  const { jobs, startUtc } = cellWorkload(cell, scaled, sources);
  const topology = startUtc === null ? scaled : anchorTopology(scaled, startUtc, cell.spec.topology);
  return { topology, models: sources.models, jobs };
}

/** The sources of a cell read from files relative to `ctx.baseDir` (cached per file; throws on bad files). */
export function cellSources(cell: Cell, ctx: CellContext): CellSources {
  const topoFile = path.resolve(ctx.baseDir, cell.spec.topology);
  const topology = cached(topologies, topoFile, () => loadTopology(topoFile));
  const modelsDir = path.resolve(ctx.baseDir, ctx.modelsDir);
  const models = cached(modelSets, modelsDir, () => loadModels(modelsDir));
  const w = cell.spec.workload;
  const workload = (): { file: string; workload: Workload } => {
    if (w.kind === "trace") return { file: path.resolve(ctx.baseDir, w.file), workload: traceWorkload(w, cell.spec.seed, cell.spec.topology, topology, models, ctx) };
    const file = path.resolve(ctx.baseDir, w.kind === "file" ? w.path : "");
    return { file, workload: cached(fileWorkloads, file, () => loadWorkload(file)) };
  };
  return { topology, models, workload };
}

/** The simulator input of a cell read from files relative to `ctx.baseDir` (cached per file; throws on bad files). */
export function cellInput(cell: Cell, ctx: CellContext): SimInput {
  return cellInputFrom(cell, cellSources(cell, ctx));
}

/** The first `n` jobs by arrival (ties by id): the prefix the gap measurement runs on. */
export function firstJobs(jobs: readonly Job[], n: number): Job[] {
  return [...jobs].sort((a, b) => a.arrivalSec - b.arrivalSec || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, n);
}

/**
 * Gap measurements of one cell (src/exact/gaps.ts, loaded on first use: it brings HiGHS): `maxDecisions`
 * of the scheduler's placements in `run`, evenly spaced, each solved exactly in its state; and its
 * schedule of the first `offlineJobs` jobs against the offline bound.
 */
async function measureGaps(input: SimInput, run: RecordedRun, scheduler: string, settings: GapSettings): Promise<CellGaps> {
  const { scheduleGap } = await import("../exact/gaps.js");
  const { measureRun } = await import("../exact/runMeasure.js");
  const measured = await measureRun(run, { solverName: settings.solver, timeLimitSec: settings.timeLimitSec, alpha: settings.alpha, maxDecisions: settings.maxDecisions, maxWaitEvents: settings.maxWaitEvents, maxRefused: settings.maxRefused });
  let schedule: ScheduleGapRecord | null = null;
  if (settings.offlineJobs > 0) {
    const small: SimInput = { ...input, jobs: firstJobs(input.jobs, settings.offlineJobs) };
    const sg = await scheduleGap(small, simulate(small, getScheduler(scheduler)), { timeLimitSec: settings.timeLimitSec, slots: settings.offlineSlots });
    schedule = {
      jobs: small.jobs.length,
      status: sg.status,
      heuristicMeanJctSec: sg.heuristicMeanJctSec,
      boundMeanJctSec: sg.boundMeanJctSec,
      gap: sg.gap,
      covered: sg.covered,
      solveMs: sg.solveMs,
    };
  }
  return { version: 2, solver: measured.solver, decisions: measured.decisions, waiting: measured.waiting, rejected: measured.rejected, schedule };
}

/** The per-job records file of a cell. */
export function recordsFile(recordsDir: string, cellId: string): string {
  return path.join(recordsDir, `${cellId}.csv`);
}

/** An error as `Name: message` (the form of every error record). */
export function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** Runs `cell` on files relative to `ctx`; the record is `ok` with metrics or `error` with the reason. */
export function runCell(cell: Cell, ctx: CellContext): Promise<CellRecord> {
  return runCellWith(cell, () => cellInput(cell, ctx), ctx.recordsDir ?? null);
}

/**
 * Runs `cell` on the input `makeInput` builds (inside the timing and the
 * error capture), writing its per-job records into `recordsDir` when given;
 * never throws.
 */
export async function runCellWith(cell: Cell, makeInput: () => SimInput, recordsDir: string | null = null): Promise<CellRecord> {
  const t0 = performance.now();
  const { spec } = cell;
  try {
    const input = makeInput();
    // with gaps, one run captures every decision's state (the wrapper changes no decision); HiGHS is loaded only then
    const recorded = spec.gaps.enabled ? (await import("../exact/gaps.js")).recordDecisions(input, getScheduler(spec.scheduler)) : null;
    const result = recorded?.result ?? simulate(input, getScheduler(spec.scheduler));
    if (recordsDir !== null) writeFileSync(recordsFile(recordsDir, cell.id), jobsCsv(result.records));
    const s = result.summary;
    const jctsSec = result.records.flatMap((r) => (r.jctSec === null ? [] : [r.jctSec])).sort((a, b) => a - b);
    const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
    const multi = result.records.filter((r) => r.path !== null && r.path.length > 1);
    let gaps: CellGaps | null = null;
    let gapError: string | null = null;
    if (spec.gaps.enabled) {
      try {
        gaps = await measureGaps(input, recorded as RecordedRun, spec.scheduler, spec.gaps);
      } catch (e) {
        gapError = errorText(e);
      }
    }
    return {
      id: cell.id,
      status: "ok",
      spec,
      metrics: {
        jobs: s.jobs,
        finished: s.finished,
        unschedulable: s.unschedulable,
        policyErrors: s.policyErrors,
        meanJctSec: finite(s.meanJctSec),
        p95JctSec: finite(s.p95JctSec),
        totalCostUsd: s.totalCostUsd,
        totalEnergyKwh: s.totalEnergyKwh,
        makespanSec: s.makespanSec,
        multiStageJobs: multi.length,
        crossRegionJobs: multi.filter((r) => new Set(r.path).size > 1).length,
      },
      jctsSec,
      gaps,
      gapError,
      wallMs: performance.now() - t0,
    };
  } catch (e) {
    return { id: cell.id, status: "error", spec, error: errorText(e), wallMs: performance.now() - t0 };
  }
}
