/**
 * Runs one cell in the current thread: loads (and caches) the topology and
 * models, builds the workload for the cell's seed and load, scales the link
 * capacities, simulates (every run is verified by the simulator) and, when
 * enabled, measures decision gaps against the placement MILP on
 * `gaps.maxDecisions` decisions spread over the run, and the schedule of the
 * first `gaps.offlineJobs` jobs against the offline bound. Never throws: a failure
 * becomes an error record.
 */
import path from "node:path";
import { checkWorkload } from "../model/crossCheck.js";
import { InstanceError } from "../model/issues.js";
import { loadModels, loadTopology, loadWorkload } from "../model/load.js";
import type { Job, LlmModel, Topology } from "../model/types.js";
import { getScheduler } from "../schedulers.js";
import type { SimInput } from "../sim/result.js";
import { simulate } from "../sim/simulate.js";
import type { MixEntry } from "../workload/mix.js";
import { generateWorkload } from "../workload/generate.js";
import type { Cell } from "./cells.js";
import type { GapSettings } from "./config.js";
import type { CellGaps, CellRecord, ScheduleGapRecord } from "./results.js";
import type { RecordedRun } from "../exact/gaps.js";

/** Where a cell's relative paths point. */
export interface CellContext {
  /** Folder the config's relative paths are resolved against. */
  readonly baseDir: string;
  /** Folder of LLM model files (absolute, or relative to `baseDir`). */
  readonly modelsDir: string;
}

const topologies = new Map<string, Topology>();
const modelSets = new Map<string, ReadonlyMap<string, LlmModel>>();
const fileJobs = new Map<string, readonly Job[]>();

function cached<T>(cache: Map<string, T>, key: string, load: () => T): T {
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

/** The jobs of a cell: generated from its seed, or a file's jobs (cross-checked against the topology and models: throws {@link InstanceError}) with arrivals divided by the load factor. */
export function cellJobs(cell: Cell, topology: Topology, models: ReadonlyMap<string, LlmModel>, ctx: CellContext): readonly Job[] {
  const { workload: w, seed, load } = cell.spec;
  if (w.kind === "generated") {
    const mix = w.mix as readonly MixEntry[] | undefined;
    const base = { seed, jobs: w.jobs, load: (w.load ?? 1) * load, topology, models };
    return generateWorkload(mix === undefined ? base : { ...base, mix }).jobs;
  }
  const file = path.resolve(ctx.baseDir, w.path);
  const jobs = cached(fileJobs, file, () => loadWorkload(file).jobs);
  // as in `geopipe simulate`: a job with an unknown model or a shape that cannot fit is an error, not "unschedulable"
  const check = checkWorkload({ name: file, jobs }, file, topology, models);
  if (check.errors.length > 0) throw new InstanceError(check.errors);
  return load === 1 ? jobs : jobs.map((j) => ({ ...j, arrivalSec: j.arrivalSec / load }));
}

/** The simulator input of a cell: its topology (links scaled), the models, and its jobs (throws on bad files). */
export function cellInput(cell: Cell, ctx: CellContext): SimInput {
  const topoFile = path.resolve(ctx.baseDir, cell.spec.topology);
  const topology = scaleBandwidth(cached(topologies, topoFile, () => loadTopology(topoFile)), cell.spec.bandwidthScale);
  const modelsDir = path.resolve(ctx.baseDir, ctx.modelsDir);
  const models = cached(modelSets, modelsDir, () => loadModels(modelsDir));
  return { topology, models, jobs: cellJobs(cell, topology, models, ctx) };
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
  const measured = await measureRun(run, { timeLimitSec: settings.timeLimitSec, alpha: settings.alpha, maxDecisions: settings.maxDecisions, maxWaitEvents: settings.maxWaitEvents });
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
  return { version: 2, solver: measured.solver, decisions: measured.decisions, waiting: measured.waiting, schedule };
}

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** Runs `cell`; the record is `ok` with metrics or `error` with the reason. */
export async function runCell(cell: Cell, ctx: CellContext): Promise<CellRecord> {
  const t0 = performance.now();
  const { spec } = cell;
  try {
    const input = cellInput(cell, ctx);
    // with gaps, one run captures every decision's state (the wrapper changes no decision); HiGHS is loaded only then
    const recorded = spec.gaps.enabled ? (await import("../exact/gaps.js")).recordDecisions(input, getScheduler(spec.scheduler)) : null;
    const result = recorded?.result ?? simulate(input, getScheduler(spec.scheduler));
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
