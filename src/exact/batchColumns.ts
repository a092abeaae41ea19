/**
 * Joint placement of a batch by column generation (docs/exact.md, "Batch by
 * column generation"): the same problem as the batch MILP (`batch.ts`) —
 * every job placed, GPUs per region and reservations per link shared, the
 * sum of the jobs' weighted scores minimised — over path columns.
 *
 * Restricted master LP (HiGHS): one variable per generated path column,
 * `Σ_p λ_jp = 1` per job, `Σ g·n_r(p)·λ ≤ free_r` per region,
 * `Σ G·use_l(p)·λ ≤ residual_l` per link. Pricing (the combinatorial engine):
 * for job j, the least `score(p) + Σ_r μ_r·g·n_r(p) + Σ_l ν_l·use_l(p)` with
 * the LP's duals (μ, ν ≥ 0) folded into the engine's fixed-cost sum. With the
 * engine's proven bound on each job's least reduced cost, `LP + Σ_j min(0,
 * rc_j)` is a valid lower bound on the batch optimum at every iteration
 * (Lagrangian bound); at convergence it is the LP value. The incumbent is the
 * restricted master as a MILP over the columns (HiGHS), re-evaluated job by
 * job as the simulator would start them. The weighted score needs α < 1
 * (the prices enter through the cost term).
 */
import { Model, type Term } from "../lp/model.js";
import type { Job, PipelinePath } from "../model/types.js";
import type { ClusterView } from "../sim/types.js";
import { coefficients, type Coefficients } from "./coefficients.js";
import { DEFAULT_EXACT_OPTIONS, placeExact, searchPlacement } from "./engine.js";
import { evaluateInView, objectiveOf } from "./evaluate.js";
import { applyStart } from "./exactScheduler.js";
import { solveLpWithDuals } from "./lpDuals.js";
import { arcsOfRegions, buildPathGraph, pathSums, type PathArc, type PathGraph } from "./pathGraph.js";
import { pathObjective, type PathObjective } from "./pathObjective.js";
import { solveSync } from "./solveSync.js";

/** Options of {@link solveBatchColumns}; all optional, defaults in {@link DEFAULT_COLUMN_BATCH_OPTIONS}. */
export interface ColumnBatchOptions {
  /** α of each job's weighted score, in [0, 1). Default 0.5. */
  readonly alpha?: number;
  /** Wall-clock limit of the whole solve, s. Default 60. */
  readonly timeLimitSec?: number;
  /** Limit of one pricing solve, s. Default 5. */
  readonly pricingTimeLimitSec?: number;
  /** Stop when (incumbent − bound)/incumbent is at most this. Default 0.01. */
  readonly gapTol?: number;
  /** Most pricing rounds. Default 200. */
  readonly maxRounds?: number;
  /** Clock, ms. Default `performance.now`. */
  readonly now?: () => number;
}

/** Defaults of {@link ColumnBatchOptions}. */
export const DEFAULT_COLUMN_BATCH_OPTIONS: Required<ColumnBatchOptions> = {
  alpha: 0.5,
  timeLimitSec: 60,
  pricingTimeLimitSec: 5,
  gapTol: 0.01,
  maxRounds: 200,
  now: () => performance.now(),
};

/** What {@link solveBatchColumns} found. */
export interface ColumnBatchResult {
  /** `"optimal"`: incumbent within 1e-9 of the bound; `"feasible"`: a placement, gap above that; `"infeasible"`: no placement (proven only when the LP over every path is infeasible); `"time_limit"`: none found. */
  readonly status: "optimal" | "feasible" | "infeasible" | "time_limit";
  /** Path per job id (empty without a placement). */
  readonly paths: ReadonlyMap<string, PipelinePath>;
  /** Sum of the jobs' scores, re-evaluated job by job on the view left by the previous ones; null without a placement. */
  readonly value: number | null;
  /** Proven lower bound on the batch optimum. */
  readonly bound: number;
  /** (value − bound)/value; null without a placement. */
  readonly gap: number | null;
  /** Pricing rounds. */
  readonly rounds: number;
  /** Columns generated (all jobs). */
  readonly columns: number;
  /** Last restricted master LP value. */
  readonly lpValue: number | null;
  /** Whether pricing proved that no column has a negative reduced cost (the LP bound is the full LP's). */
  readonly converged: boolean;
  /** Wall time, ms. */
  readonly timeMs: number;
}

interface Column {
  readonly job: number;
  readonly regions: readonly number[];
  readonly cost: number;
  /** Stages per region index. */
  readonly stages: ReadonlyMap<number, number>;
  /** Gbit/s per link key. */
  readonly gbps: ReadonlyMap<string, number>;
  readonly key: string;
}

function columnOf(j: number, gr: PathGraph, obj: PathObjective, regions: readonly number[]): Column | null {
  const arcs = arcsOfRegions(gr, regions);
  if (arcs === null) return null;
  const s = pathSums(gr, regions, arcs);
  if (s === null || !s.fits) return null;
  const stages = new Map<number, number>();
  for (const r of regions) stages.set(r, (stages.get(r) ?? 0) + 1);
  const gbps = new Map<string, number>();
  arcs.forEach((i, k) => {
    const e = ((gr.out[k] as PathArc[][])[regions[k] as number] as PathArc[])[i] as PathArc;
    if (e.link >= 0) {
      const key = gr.linkKeys[e.link] as string;
      gbps.set(key, (gbps.get(key) ?? 0) + e.grantGbps);
    }
  });
  return { job: j, regions, cost: obj.value(s.bottleneckSec, s.timeSumSec, s.costRateSum, s.fixedCostUsd), stages, gbps, key: `${j}:${regions.join(",")}` };
}

/** Joint placement of `jobs` under `view` by column generation (HiGHS must be loaded: `loadExactSolver`). */
export function solveBatchColumns(view: Readonly<ClusterView>, jobs: readonly Job[], options: ColumnBatchOptions = {}): ColumnBatchResult {
  const o = { ...DEFAULT_COLUMN_BATCH_OPTIONS, ...options };
  if (!(o.alpha >= 0 && o.alpha < 1)) throw new RangeError(`solveBatchColumns: alpha must be in [0, 1) (the prices enter through the cost term), got ${o.alpha}`);
  const t0 = o.now();
  const deadline = t0 + o.timeLimitSec * 1000;
  const objective = { kind: "weighted", alpha: o.alpha } as const;
  const coefs = jobs.map((job) => {
    const c = coefficients(view, job);
    if (c === null) throw new RangeError(`solveBatchColumns: model "${job.model}" of job "${job.id}" is not in the view`);
    return c;
  });
  const first = coefs[0];
  const empty = (status: ColumnBatchResult["status"], bound: number): ColumnBatchResult => ({ status, paths: new Map(), value: null, bound, gap: null, rounds: 0, columns: 0, lpValue: null, converged: false, timeMs: o.now() - t0 });
  if (first === undefined) return { ...empty("optimal", 0), value: 0, gap: 0, converged: true };
  const graphs = coefs.map((c) => buildPathGraph(c));
  const objs = coefs.map((c) => pathObjective(c, objective));
  const wc = coefs.map((c) => (1 - o.alpha) / c.costRefUsd);
  const columns: Column[] = [];
  const seen = new Set<string>();
  const add = (col: Column | null): boolean => {
    if (col === null || seen.has(col.key)) return false;
    seen.add(col.key);
    columns.push(col);
    return true;
  };
  const regionIndex = new Map(first.regions.map((id, i) => [id, i] as const));
  const toRegions = (path: readonly string[]): number[] => path.map((id) => regionIndex.get(id) as number);
  // Start: each job's own optimum, and a sequential greedy placement (jointly feasible when it places every job).
  let working: Readonly<ClusterView> = view;
  const greedy: Column[] = [];
  const pricingOptions = { ...DEFAULT_EXACT_OPTIONS, timeLimitSec: o.pricingTimeLimitSec, now: o.now };
  coefs.forEach((c, j) => {
    const alone = placeExact(view, c.job, objective, pricingOptions);
    if (alone.path !== null) add(columnOf(j, graphs[j] as PathGraph, objs[j] as PathObjective, toRegions(alone.path)));
    const seq = placeExact(working, c.job, objective, pricingOptions);
    if (seq.path !== null) {
      const col = columnOf(j, graphs[j] as PathGraph, objs[j] as PathObjective, toRegions(seq.path));
      add(col);
      if (col !== null) greedy.push(col);
      working = applyStart(working, c.job, seq.path);
    }
  });
  const scale = columns.reduce((s, col) => s + Math.abs(col.cost), 0) + 1;
  const big = 1e3 * scale; // cost of leaving a job out (artificial column): keeps the LP feasible
  const linkKeys = [...first.residualGbps.keys()].sort();
  let bound = -Infinity;
  let lpValue: number | null = null;
  let rounds = 0;
  let converged = false;
  // the sequential placement, when it placed every job, fits the shared capacities: a first incumbent
  let incumbent: { value: number; chosen: Column[] } | null = greedy.length === coefs.length ? { value: greedy.reduce((s, col) => s + col.cost, 0), chosen: greedy } : null;
  const master = (integer: boolean): { model: Model; vars: ReturnType<Model["addVar"]>[]; art: ReturnType<Model["addVar"]>[] } => {
    const m = new Model(integer ? "batch_cg_mip" : "batch_cg_lp");
    const vars = columns.map((col, i) => m.addVar(`c${i}`, integer ? { type: "binary" } : { ub: 1 }));
    const art = coefs.map((_, j) => m.addVar(`a${j}`, integer ? { type: "binary" } : { ub: 1 }));
    coefs.forEach((_, j) => {
      const terms: Term[] = [[art[j] as ReturnType<Model["addVar"]>, 1]];
      columns.forEach((col, i) => col.job === j && terms.push([vars[i] as ReturnType<Model["addVar"]>, 1]));
      m.addConstraint(`conv_${j}`, terms, "=", 1);
    });
    first.regions.forEach((_, r) => {
      const terms: Term[] = [];
      columns.forEach((col, i) => {
        const n = col.stages.get(r);
        if (n !== undefined) terms.push([vars[i] as ReturnType<Model["addVar"]>, n * (coefs[col.job] as Coefficients).job.gpusPerStage]);
      });
      m.addConstraint(`gpu_${r}`, terms, "<=", first.freeGpus[r] as number);
    });
    linkKeys.forEach((key, l) => {
      const terms: Term[] = [];
      columns.forEach((col, i) => {
        const g = col.gbps.get(key);
        if (g !== undefined) terms.push([vars[i] as ReturnType<Model["addVar"]>, g]);
      });
      m.addConstraint(`bw_${l}`, terms, "<=", first.residualGbps.get(key) ?? 0);
    });
    m.setObjective("min", [...columns.map((col, i) => [vars[i], col.cost] as Term), ...art.map((a) => [a, big] as Term)]);
    return { model: m, vars, art };
  };
  const solveIncumbent = (limitSec: number): void => {
    const { model, vars, art } = master(true);
    const res = solveSync(model, { timeLimitSec: Math.max(0.5, limitSec) });
    if (res.values === null || res.primal !== "feasible_point") return;
    const values = res.values;
    if (art.some((a) => (values[a.index] ?? 0) > 0.5)) return;
    const chosen = columns.filter((_, i) => (values[(vars[i] as ReturnType<Model["addVar"]>).index] ?? 0) > 0.5);
    const value = chosen.reduce((s, col) => s + col.cost, 0);
    if (incumbent === null || value < incumbent.value) incumbent = { value, chosen };
  };
  const reserveMs = Math.min(10_000, 0.15 * o.timeLimitSec * 1000); // kept for the final master MILP
  for (; rounds < o.maxRounds && o.now() < deadline - reserveMs; rounds++) {
    const lp = solveLpWithDuals(master(false).model);
    if (lp.status !== "optimal") break;
    lpValue = lp.objective;
    const dual = lp.rowDual;
    const J = coefs.length;
    const R = first.regions.length;
    let lagrangian = lp.objective;
    let added = 0;
    let allProven = true;
    let priced = 0;
    for (let j = 0; j < J && o.now() < deadline - reserveMs; j++, priced++) {
      const c = coefs[j] as Coefficients;
      const pi = dual[j] as number;
      const g = c.job.gpusPerStage;
      const stageUsd = Array.from({ length: R }, (_, r) => (Math.max(0, -(dual[J + r] as number)) * g) / (wc[j] as number));
      const linkUsdPerGbps = new Map(linkKeys.map((key, l) => [key, Math.max(0, -(dual[J + R + l] as number)) / (wc[j] as number)] as const));
      const pricedGraph = buildPathGraph(c, { stageUsd, linkUsdPerGbps });
      const found = searchPlacement(pricedGraph, pathObjective(c, objective), { ...pricingOptions, timeLimitSec: Math.max(0.05, Math.min(o.pricingTimeLimitSec, (deadline - reserveMs - o.now()) / 1000)) }, []);
      if (!found.proven) allProven = false;
      lagrangian += Math.min(0, found.bound - pi);
      if (found.best !== null && found.best.value - pi < -1e-9 * scale) {
        if (add(columnOf(j, graphs[j] as PathGraph, objs[j] as PathObjective, found.best.regions))) added++;
      }
    }
    if (priced < J) allProven = false; // the time ran out before every job was priced
    if (allProven) bound = Math.max(bound, lagrangian);
    if (added === 0) {
      if (allProven) {
        converged = true;
        bound = Math.max(bound, lp.objective);
      }
      break;
    }
    if (rounds % 5 === 4) {
      solveIncumbent(Math.min(5, (deadline - o.now()) / 1000));
      const inc = incumbent as { value: number } | null;
      if (inc !== null && inc.value - bound <= o.gapTol * Math.abs(inc.value)) break;
    }
  }
  solveIncumbent(Math.max(1, (deadline - o.now()) / 1000));
  const inc = incumbent as { value: number; chosen: Column[] } | null;
  if (inc === null) {
    const status = converged && lpValue !== null && lpValue >= big * (1 - 1e-9) ? "infeasible" : "time_limit";
    return { ...empty(status, bound), rounds, columns: columns.length, lpValue, converged };
  }
  const paths = new Map<string, PipelinePath>();
  let value = 0;
  working = view;
  for (const col of [...inc.chosen].sort((a, b) => a.job - b.job)) {
    const c = coefs[col.job] as Coefficients;
    const path = col.regions.map((r) => c.regions[r] as string);
    paths.set(c.job.id, path);
    const e = evaluateInView(working, c.job, path);
    value += e === null ? NaN : objectiveOf(objective, c, e.breakdown);
    working = applyStart(working, c.job, path);
  }
  const gap = (value - bound) / Math.abs(value);
  return { status: gap <= 1e-9 ? "optimal" : "feasible", paths, value, bound, gap, rounds, columns: columns.length, lpValue, converged, timeMs: o.now() - t0 };
}
