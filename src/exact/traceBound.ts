/**
 * Lower bounds for a whole online trace (docs/exact.md, "Trace bounds"): on
 * the mean JCT and on the total electricity cost of every schedule of the
 * trace, whatever the scheduler, so that each scheduler can be reported as
 * "% above the bound".
 *
 * Per job, from the combinatorial engine on the empty cluster over the
 * *relaxed* path set (every path the simulator could run: hops below their
 * demand kept and timed with the bandwidth they would get alone, links
 * without capacity rows, each hop of a revisited link given the whole
 * grant): the least iteration time `T_j` (so every run of j lasts at least
 * `d_j = I_j·T_j`: a busier network only grants less) and the least cost
 * `c_j` (prices at their least over the trace when hourly).
 *
 * - Cost: `Σ_j c_j`.
 * - Mean JCT: the LP relaxation of a time-indexed fluid model with one pool
 *   of G GPUs (all regions together). Job j brings `a_j = w_j·d_j`
 *   GPU-seconds (w_j = S_j·g_j) released at its arrival r_j; `x_jt` is the
 *   share of it done in slot t (length Δ, the last slot open-ended), at most
 *   `Δ/d_j` per slot (a job runs no faster than its least runtime), and the
 *   slots' work is at most `G·Δ`. Its completion is counted as `Σ_t x_jt ·
 *   max(tΔ, r_j) + d_j/2`. A real run on [s, s+d] (d ≥ d_j, w_j GPUs) maps to
 *   `x_jt` = its share of time in slot t, which meets every row, and its
 *   mean busy time `s + d/2` is at least the counted one, so the LP optimum
 *   is a lower bound on Σ_j (C_j − r_j) of every non-preemptive schedule.
 *
 * Not covered, said plainly: the bound knows nothing of per-region GPU
 * fragmentation or link contention beyond the per-job runtimes (so it is
 * loose where those bind), and the two bounds are separate (no schedule need
 * reach both).
 */
import { Model, type Term } from "../lp/model.js";
import type { Job, Region, Topology } from "../model/types.js";
import type { ClusterView } from "../sim/types.js";
import { emptyView } from "../sim/simulate.js";
import type { SimInput } from "../sim/result.js";
import { coefficients } from "./coefficients.js";
import { DEFAULT_EXACT_OPTIONS, searchPlacement } from "./engine.js";
import { solveLpWithDuals } from "./lpDuals.js";
import { buildPathGraph } from "./pathGraph.js";
import { pathObjective } from "./pathObjective.js";
import { jobModes, type TraceMode } from "./traceModes.js";
import { mergeRegions, regionModes } from "./traceRegionModes.js";
import { startSlotBound, type StartLpBound, type StartLpOptions } from "./traceStartLp.js";

/** Options of {@link traceBound}; all optional, defaults in {@link DEFAULT_TRACE_BOUND_OPTIONS}. */
export interface TraceBoundOptions {
  /** Slots of the time grid before the open-ended last one. Default 400. */
  readonly slots?: number;
  /** Split each job by the GPU types its path uses (`traceModes.ts`), with GPU rows per type as well as in all; false: one pool of all GPUs, each job at its least runtime (the first version). Default true. */
  readonly byGpuType?: boolean;
  /** Engine limit per job and objective, s. Default 10. */
  readonly jobTimeLimitSec?: number;
  /** Also solve the start-slot LP (`traceStartLp.ts`, modes by region from `traceRegionModes.ts`; needs `byGpuType`) and report the larger bound. Default true. */
  readonly startLp?: boolean;
  /** Rows per region in the start-slot LP (single-region modes kept apart); false: each GPU type's single-region modes merged (`mergeRegions`), rows by type and in all only. Default false (per-region rows raised the bound by 0.1 % on the bench's traces at 3–6× the LP's time). */
  readonly regionRows?: boolean;
  /** Options of the start-slot LP. Default its own defaults. */
  readonly startLpOptions?: StartLpOptions;
  /** Clock, ms. Default `performance.now`. */
  readonly now?: () => number;
}

/** Defaults of {@link TraceBoundOptions}. */
export const DEFAULT_TRACE_BOUND_OPTIONS: Required<TraceBoundOptions> = { slots: 400, byGpuType: true, jobTimeLimitSec: 10, startLp: true, regionRows: false, startLpOptions: {}, now: () => performance.now() };

/** Per-job figures of the bound. */
export interface TraceJobBound {
  readonly jobId: string;
  /** Least runtime over the relaxed path set on the empty cluster, s (`I·T_min`). */
  readonly minRuntimeSec: number;
  /** Least cost, USD. */
  readonly minCostUsd: number;
  /** Whether the engine proved both minima (else its proven bounds are used). */
  readonly proven: boolean;
}

/** What {@link traceBound} found. */
export interface TraceBound {
  /** `"ok"`; `"unplaceable"` when some job has no path at all (the trace cannot be run to the end). */
  readonly status: "ok" | "unplaceable";
  /** Lower bound on the mean JCT over all jobs, s: the larger of the fluid LP's and the start-slot LP's. */
  readonly meanJctLowerBoundSec: number;
  /** The fluid LP's bound alone, s. */
  readonly fluidMeanJctSec: number;
  /** The start-slot LP (null when not asked for, or without modes by GPU type). */
  readonly startLp: StartLpBound | null;
  /** Each job's modes of the start-slot LP, in input order (what `startLp.jobs[j].mode` indexes; empty when no start-slot LP). */
  readonly regionModes: readonly (readonly TraceMode[])[];
  /** Lower bound on the total electricity cost, USD. */
  readonly totalCostLowerBoundUsd: number;
  /** The trivial part of the JCT bound: mean of the least runtimes, s. */
  readonly meanMinRuntimeSec: number;
  /** Slot length Δ, s. */
  readonly slotSec: number;
  /** Per job. */
  readonly jobs: readonly TraceJobBound[];
  /** Wall time, ms. */
  readonly timeMs: number;
}

/** The topology with every hourly price replaced by its least hour (a lower bound on any price integral). */
function cheapestPrices(t: Topology): Topology {
  const regions: Region[] = t.regions.map((r) => (r.price.kind === "hourly" ? { ...r, price: { kind: "constant", usdPerKwh: Math.min(...r.price.usdPerKwh) } } : r));
  return { ...t, regions };
}

/** Least runtime and cost of `job` over the relaxed path set in `view`. */
function jobMinima(view: Readonly<ClusterView>, cheap: Readonly<ClusterView>, job: Job, o: Required<TraceBoundOptions>): TraceJobBound | null {
  const eo = { ...DEFAULT_EXACT_OPTIONS, timeLimitSec: o.jobTimeLimitSec, now: o.now };
  const c = coefficients(view, job);
  const cc = coefficients(cheap, job);
  if (c === null || cc === null) return null;
  const t = searchPlacement(buildPathGraph(c, { relaxLinks: true }), pathObjective(c, { kind: "time" }), eo, []);
  const k = searchPlacement(buildPathGraph(cc, { relaxLinks: true }), pathObjective(cc, { kind: "cost", maxIterationSec: Number.MAX_VALUE }), eo, []);
  if (t.best === null && t.proven) return null;
  // the proven bounds are what is valid (equal to the values when proven)
  return { jobId: job.id, minRuntimeSec: job.iterations * Math.max(0, t.bound), minCostUsd: Math.max(0, k.bound), proven: t.proven && k.proven };
}

/** Lower bounds on mean JCT and total cost of every schedule of `input` (HiGHS must be loaded: `loadExactSolver`). */
export function traceBound(input: SimInput, options: TraceBoundOptions = {}): TraceBound {
  const o = { ...DEFAULT_TRACE_BOUND_OPTIONS, ...options };
  const t0 = o.now();
  const view = emptyView(input);
  const cheap: ClusterView = { ...view, topology: cheapestPrices(input.topology) };
  const jobs: TraceJobBound[] = [];
  for (const job of input.jobs) {
    const b = jobMinima({ ...view, timeSec: job.arrivalSec }, { ...cheap, timeSec: job.arrivalSec }, job, o);
    if (b === null) return { status: "unplaceable", meanJctLowerBoundSec: Infinity, fluidMeanJctSec: Infinity, startLp: null, regionModes: [], totalCostLowerBoundUsd: Infinity, meanMinRuntimeSec: Infinity, slotSec: 0, jobs, timeMs: o.now() - t0 };
    jobs.push(b);
  }
  const n = input.jobs.length;
  const totalCost = jobs.reduce((s, j) => s + j.minCostUsd, 0);
  const meanMin = n === 0 ? 0 : jobs.reduce((s, j) => s + j.minRuntimeSec, 0) / n;
  // each job's modes: by the GPU types its path uses, or one mode at its least runtime
  const modes: TraceMode[][] = input.jobs.map((job, j) => {
    const one: TraceMode = { types: [], minRuntimeSec: (jobs[j] as TraceJobBound).minRuntimeSec, gpusByType: new Map(), gpus: job.stages * job.gpusPerStage };
    if (!o.byGpuType) return [one];
    const m = jobModes({ ...view, timeSec: job.arrivalSec }, job, { timeLimitSec: o.jobTimeLimitSec, now: o.now });
    return m.length === 0 ? [one] : m;
  });
  const G = input.topology.regions.reduce((s, r) => s + r.gpus, 0);
  const typeGpus = new Map<string, number>();
  for (const r of input.topology.regions) typeGpus.set(r.gpu.name, (typeGpus.get(r.gpu.name) ?? 0) + r.gpus);
  const typeNames = [...typeGpus.keys()].sort();
  // the grid's end (any length is valid: the last slot is open-ended): past the last arrival by the least work spread over all GPUs and the longest least runtime
  const work = input.jobs.map((job, i) => job.stages * job.gpusPerStage * (jobs[i] as TraceJobBound).minRuntimeSec);
  const first = Math.min(...input.jobs.map((j) => j.arrivalSec));
  const last = Math.max(...input.jobs.map((j) => j.arrivalSec));
  const horizon = last + work.reduce((s, a) => s + a, 0) / Math.max(G, 1) + Math.max(...jobs.map((j) => j.minRuntimeSec));
  const H = o.slots;
  const slotSec = n === 0 ? 0 : Math.max((horizon - first) / H, 1e-9);
  if (n === 0) return { status: "ok", meanJctLowerBoundSec: 0, fluidMeanJctSec: 0, startLp: null, regionModes: [], totalCostLowerBoundUsd: 0, meanMinRuntimeSec: 0, slotSec, jobs, timeMs: o.now() - t0 };
  const m = new Model("trace_bound");
  const slotWork: Term[][] = Array.from({ length: H }, () => []);
  const typeWork = new Map(typeNames.map((y) => [y, Array.from({ length: H }, (): Term[] => [])] as const));
  const objective: Term[] = [];
  input.jobs.forEach((job, j) => {
    const r = job.arrivalSec;
    const share: Term[] = [];
    const counted: Term[] = []; // the fluid count: slot starts plus half the mode's least runtime
    const runtime: Term[] = []; // the least runtime of the modes taken
    const from = Math.max(0, Math.floor((r - first) / slotSec));
    const jobModesOf = modes[j] as TraceMode[];
    const busy: Term[][] = Array.from({ length: H }, () => []); // time the job runs in slot t, whatever its mode: at most Δ
    jobModesOf.forEach((mode, mi) => {
      const d = mode.minRuntimeSec;
      for (let t = from; t <= H; t++) {
        const start = first + t * slotSec;
        const ub = t === H || d <= 0 ? 1 : Math.min(1, slotSec / d);
        const x = m.addVar(`x_${j}_${mi}_${t}`, { ub });
        share.push([x, 1]);
        // counted completion: the share's slot start (not before arrival) plus half the mode's least runtime
        counted.push([x, Math.max(start, r) - r + d / 2]);
        runtime.push([x, d]);
        if (t === H || d <= 0) continue;
        (busy[t] as Term[]).push([x, d]);
        (slotWork[t] as Term[]).push([x, mode.gpus * d]);
        for (const [y, gpus] of mode.gpusByType) ((typeWork.get(y) as Term[][])[t] as Term[]).push([x, gpus * d]);
      }
    });
    m.addConstraint(`one_${j}`, share, "=", 1);
    if (!o.byGpuType) {
      objective.push(...counted); // the first version: the fluid count alone
    } else {
      // job j's JCT is at least the fluid count and at least its mode's least runtime (a run has one mode)
      const c = m.addVar(`c_${j}`);
      objective.push([c, 1]);
      m.addConstraint(`count_${j}`, [[c, 1], ...counted.map(([x, k]) => [x, -k] as Term)], ">=", 0);
      m.addConstraint(`least_${j}`, [[c, 1], ...runtime.map(([x, k]) => [x, -k] as Term)], ">=", 0);
    }
    if (jobModesOf.length > 1) busy.forEach((terms, t) => terms.length > 1 && m.addConstraint(`busy_${j}_${t}`, terms, "<=", slotSec));
  });
  slotWork.forEach((terms, t) => {
    if (terms.length > 0) m.addConstraint(`gpu_${t}`, terms, "<=", G * slotSec);
  });
  for (const [y, rows] of typeWork) {
    const yi = typeNames.indexOf(y);
    rows.forEach((terms, t) => {
      if (terms.length > 0) m.addConstraint(`type${yi}_${t}`, terms, "<=", (typeGpus.get(y) as number) * slotSec);
    });
  }
  m.setObjective("min", objective);
  const lp = solveLpWithDuals(m);
  const sumJct = lp.status === "optimal" ? lp.objective : -Infinity; // an LP failure leaves the trivial bound
  // never below the trivial bound (each job lasts at least its least runtime)
  const fluid = Math.max(sumJct / n, meanMin);
  // the start-slot LP over modes by region (each job's GPU-type modes, split by region)
  const useStart = o.startLp && o.byGpuType;
  const byRegion = useStart
    ? input.jobs.map((job, j) => {
        const rm = regionModes({ ...view, timeSec: job.arrivalSec }, job, modes[j] as TraceMode[]);
        return o.regionRows ? rm : mergeRegions(rm);
      })
    : [];
  const startLp = useStart && byRegion.every((ms) => ms.length > 0) ? startSlotBound(input, byRegion, o.startLpOptions) : null;
  const meanJct = Math.max(fluid, startLp !== null && startLp.status === "optimal" ? startLp.meanJctLowerBoundSec : 0);
  return { status: "ok", meanJctLowerBoundSec: meanJct, fluidMeanJctSec: fluid, startLp, regionModes: byRegion, totalCostLowerBoundUsd: totalCost, meanMinRuntimeSec: meanMin, slotSec, jobs, timeMs: o.now() - t0 };
}
