/**
 * Joint placement of a batch by column generation (docs/exact.md, "Batch by
 * column generation"): the same problem as the batch MILP (`batch.ts`) —
 * every job placed, GPUs per region and reservations per link shared, the
 * sum of the jobs' weighted scores minimised — over path columns.
 *
 * Restricted master (`batchMaster.ts`): jobs of one shape share columns.
 * Pricing: for class c at capacity prices (μ, ν) ≥ 0, the least `score(p) +
 * Σ_r μ_r·g·n_r(p) + Σ_l ν_l·use_l(p)`, the prices folded into the path
 * graph's fixed-cost sum; first over a pool of one- and two-block paths by
 * arithmetic (`batchPool.ts`), then by the McCormick bound
 * (`batchPricingBound.ts`) and, where that does not prove its own path, the
 * engine. For any prices the Lagrangian value `L(μ, ν) = Σ_c n_c·lb_c(μ, ν)
 * − Σ_r μ_r·free_r − Σ_l ν_l·residual_l`, with lb_c a proven lower bound on
 * class c's least priced score, is a lower bound on the batch optimum (drop
 * the capacity rows into the objective); the best one met is the bound.
 *
 * Stabilisation (Wentges smoothing): prices are `β·centre + (1 − β)·LP
 * duals`, the centre the prices of the best Lagrangian value so far
 * (initially 0: every job alone). It converges when the master LP's value
 * meets the bound. First incumbent: the pool's greedy, else sequential
 * exact placements (each job's optimum on the view the previous ones left).
 * Then the restricted master as a MILP (integer counts per column) over its
 * columns and the pool columns a reduced-cost argument cannot exclude,
 * re-evaluated job by job as the simulator would start them. The weighted
 * score needs α < 1 (the prices enter through the cost term).
 */
import type { Job, PipelinePath } from "../model/types.js";
import type { ClusterView } from "../sim/types.js";
import { coefficients, type Coefficients } from "./coefficients.js";
import { DEFAULT_EXACT_OPTIONS, placeExact, searchPlacement } from "./engine.js";
import { evaluateInView, objectiveOf } from "./evaluate.js";
import { applyStart } from "./exactScheduler.js";
import { solveLpWithDuals } from "./lpDuals.js";
import { buildMaster, columnOf, fitsMaster, groupByShape, type Capacities, type Column, type ShapeClass } from "./batchMaster.js";
import { poolColumns } from "./batchPool.js";
import { scoreLowerBound, type ScoreBoundOptions } from "./batchPricingBound.js";
import { arcsOfRegions, buildPathGraph, pathSums } from "./pathGraph.js";
import { pathObjective } from "./pathObjective.js";
import { solveSync } from "./solveSync.js";

/** Options of {@link solveBatchColumns}; all optional, defaults in {@link DEFAULT_COLUMN_BATCH_OPTIONS}. */
export interface ColumnBatchOptions {
  /** α of each job's weighted score, in [0, 1). Default 0.5. */
  readonly alpha?: number;
  /** Wall-clock limit of the whole solve, s. Default 60. */
  readonly timeLimitSec?: number;
  /** Limit of one engine pricing solve, s, asked only when the McCormick bound (`batchPricingBound.ts`) does not prove its own path optimal, and no more for a class after two unproven ones in a row (0: never). Default 2. */
  readonly pricingTimeLimitSec?: number;
  /** Stop when (incumbent − bound)/incumbent is at most this. Default 0.01. */
  readonly gapTol?: number;
  /** Most pool columns added to the final master MILP (those that can be in a better solution, least reduced cost first). Default 3000. */
  readonly maxIncumbentColumns?: number;
  /** Most pricing rounds. Default 200. */
  readonly maxRounds?: number;
  /** Wentges smoothing β in [0, 1): weight of the stability centre in the pricing prices (0: price at the LP duals). Default 0.5. */
  readonly smoothing?: number;
  /** Let jobs of one shape (all fields but the id) share columns. Default true. */
  readonly aggregateShapes?: boolean;
  /** Blocks per path of the candidate pool priced by arithmetic before the engine (`batchPool.ts`; 0: no pool, the first incumbent by sequential exact placements). Default 2. */
  readonly poolBlocks?: number;
  /** Pool columns added per class and round, most negative reduced cost first. Default 20. */
  readonly poolColumnsPerRound?: number;
  /** Options of the McCormick pricing bound (`batchPricingBound.ts`). Default its defaults (piecewise, block slots). */
  readonly pricingBound?: ScoreBoundOptions;
  /** Clock, ms (the bench passes CPU time). Default `performance.now`. */
  readonly now?: () => number;
}

/** Defaults of {@link ColumnBatchOptions}. */
export const DEFAULT_COLUMN_BATCH_OPTIONS: Required<ColumnBatchOptions> = {
  alpha: 0.5,
  timeLimitSec: 60,
  pricingTimeLimitSec: 2,
  gapTol: 0.01,
  maxIncumbentColumns: 3000,
  maxRounds: 200,
  smoothing: 0.5,
  aggregateShapes: true,
  poolBlocks: 2,
  poolColumnsPerRound: 20,
  pricingBound: {},
  now: () => performance.now(),
};

/** The options of the previous version (stop 19: the plain McCormick bound, job slots ignored in it), for side-by-side benchmarks. */
export const PREVIOUS_COLUMN_BATCH_OPTIONS: ColumnBatchOptions = { pricingBound: { pieces: 1, blockSlots: false } };

/** The options of the first version (no smoothing, one class per job, no seeds), for side-by-side benchmarks. */
export const PLAIN_COLUMN_BATCH_OPTIONS: ColumnBatchOptions = { smoothing: 0, aggregateShapes: false, poolBlocks: 0, pricingTimeLimitSec: 5, pricingBound: { pieces: 1, blockSlots: false } };

/** What {@link solveBatchColumns} found. */
export interface ColumnBatchResult {
  /** `"optimal"`: incumbent within 1e-9 of the bound; `"feasible"`: a placement, gap above that; `"infeasible"`: no placement (proven: some job has no path, or the LP over every path needs the artificial columns); `"time_limit"`: none found. */
  readonly status: "optimal" | "feasible" | "infeasible" | "time_limit";
  /** Path per job id (empty without a placement). */
  readonly paths: ReadonlyMap<string, PipelinePath>;
  /** Sum of the jobs' scores, re-evaluated job by job on the view left by the previous ones; null without a placement. */
  readonly value: number | null;
  /** Proven lower bound on the batch optimum (the best Lagrangian value; −Infinity before one). */
  readonly bound: number;
  /** (value − bound)/value; null without a placement. */
  readonly gap: number | null;
  /** Pricing rounds. */
  readonly rounds: number;
  /** Columns generated (all classes). */
  readonly columns: number;
  /** Shape classes priced per round. */
  readonly classes: number;
  /** Last restricted master LP value. */
  readonly lpValue: number | null;
  /** Whether the master LP's value met the bound (the LP over every path is solved). */
  readonly converged: boolean;
  /** Wall time, ms. */
  readonly timeMs: number;
}

/** After this many engine pricings of a class in a row that stop unproven, it is priced by the McCormick bound alone. */
const ENGINE_MISSES = 2;

/** Relative distance at which the master LP and the Lagrangian bound count as met. */
const CONVERGED = 1e-7;

/** Joint placement of `jobs` under `view` by column generation (HiGHS must be loaded: `loadExactSolver`). */
export function solveBatchColumns(view: Readonly<ClusterView>, jobs: readonly Job[], options: ColumnBatchOptions = {}): ColumnBatchResult {
  const o = { ...DEFAULT_COLUMN_BATCH_OPTIONS, ...options };
  if (!(o.alpha >= 0 && o.alpha < 1)) throw new RangeError(`solveBatchColumns: alpha must be in [0, 1) (the prices enter through the cost term), got ${o.alpha}`);
  if (!(o.smoothing >= 0 && o.smoothing < 1)) throw new RangeError(`solveBatchColumns: smoothing must be in [0, 1), got ${o.smoothing}`);
  const t0 = o.now();
  const deadline = t0 + o.timeLimitSec * 1000;
  const reserveMs = Math.min(10_000, 0.15 * o.timeLimitSec * 1000); // kept for the final master MILP
  const objective = { kind: "weighted", alpha: o.alpha } as const;
  const coefs = jobs.map((job) => {
    const c = coefficients(view, job);
    if (c === null) throw new RangeError(`solveBatchColumns: model "${job.model}" of job "${job.id}" is not in the view`);
    return c;
  });
  const base = { rounds: 0, columns: 0, classes: 0, lpValue: null, converged: false };
  const empty = (status: ColumnBatchResult["status"], bound: number, more: Partial<ColumnBatchResult> = {}): ColumnBatchResult => ({ status, paths: new Map(), value: null, bound, gap: null, ...base, ...more, timeMs: o.now() - t0 });
  const first = coefs[0];
  if (first === undefined) return { ...empty("optimal", 0), value: 0, gap: 0, converged: true };
  const classes: ShapeClass[] = groupByShape(jobs, o.aggregateShapes).map((members) => {
    const coef = coefs[members[0] as number] as Coefficients;
    return { members, coef, graph: buildPathGraph(coef), obj: pathObjective(coef, objective) };
  });
  const classOf = new Int32Array(jobs.length);
  classes.forEach((k, c) => k.members.forEach((j) => (classOf[j] = c)));
  const C = classes.length;
  const R = first.regions.length;
  const linkKeys = [...first.residualGbps.keys()].sort();
  const L = linkKeys.length;
  const cap: Capacities = { freeGpus: first.freeGpus, linkKeys, residualGbps: linkKeys.map((k) => first.residualGbps.get(k) ?? 0) };
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
  const pricingOptions = { ...DEFAULT_EXACT_OPTIONS, timeLimitSec: o.pricingTimeLimitSec, now: o.now };
  const pricingLimit = (): number => Math.max(0.05, Math.min(o.pricingTimeLimitSec, (deadline - reserveMs - o.now()) / 1000));
  const engineMisses = new Int32Array(C); // engine pricings in a row that did not prove their optimum, per class
  /** Class c's least priced score: a proven bound and the best path found. */
  const price = (c: number, mu: Float64Array): { bound: number; regions: readonly number[] | null } => {
    const k = classes[c] as ShapeClass;
    const wc = (1 - o.alpha) / k.coef.costRefUsd;
    const g = k.coef.job.gpusPerStage;
    const priced = mu.some((x) => x > 0);
    const stageUsd = Array.from({ length: R }, (_, r) => ((mu[r] as number) * g) / wc);
    const linkUsdPerGbps = new Map(linkKeys.map((key, l) => [key, (mu[R + l] as number) / wc] as const));
    const gr = priced ? buildPathGraph(k.coef, { stageUsd, linkUsdPerGbps }) : k.graph;
    // the McCormick bound first (a few shortest paths per bottleneck value); its path, when it fits, is a column
    const mc = scoreLowerBound(gr, { wt: o.alpha / k.coef.tRefSec, wc }, o.pricingBound);
    let bound = mc.bound;
    let best: { value: number; regions: readonly number[] } | null = null;
    const arcs = mc.regions === null ? null : arcsOfRegions(gr, mc.regions);
    const sums = arcs === null ? null : pathSums(gr, mc.regions as number[], arcs);
    if (sums !== null && sums.fits) best = { value: k.obj.value(sums.bottleneckSec, sums.timeSumSec, sums.costRateSum, sums.fixedCostUsd), regions: mc.regions as number[] };
    if (best !== null && best.value <= bound + 1e-9 * Math.abs(bound)) return { bound, regions: best.regions }; // proven by the bound itself
    if (o.pricingTimeLimitSec > 0 && (engineMisses[c] as number) < ENGINE_MISSES) {
      const found = searchPlacement(gr, k.obj, { ...pricingOptions, timeLimitSec: pricingLimit() }, best === null ? [] : [best.regions]);
      engineMisses[c] = found.proven ? 0 : (engineMisses[c] as number) + 1;
      bound = Math.max(bound, found.bound);
      if (found.best !== null && (best === null || found.best.value < best.value)) best = found.best;
    }
    return { bound, regions: best?.regions ?? null };
  };
  const capacityValue = (mu: Float64Array): number => {
    let s = 0;
    for (let r = 0; r < R; r++) s += (mu[r] as number) * (cap.freeGpus[r] as number);
    for (let l = 0; l < L; l++) s += (mu[R + l] as number) * (cap.residualGbps[l] as number);
    return s;
  };
  /** Prices every class at `mu`, adds the paths found; the Lagrangian value, or null when the time ran out first. */
  const lagrangian = (mu: Float64Array, big: number): { value: number | null; added: Column[]; lbs: Float64Array } => {
    let sum = -capacityValue(mu);
    const added: Column[] = [];
    const lbs = new Float64Array(C);
    for (let c = 0; c < C; c++) {
      if (o.now() >= deadline - reserveMs) return { value: null, added, lbs };
      const p = price(c, mu);
      if (p.bound === Infinity && !mu.some((x) => x > 0)) return { value: Infinity, added, lbs }; // proven: class c has no path at all
      lbs[c] = Math.min(big, p.bound);
      sum += (classes[c] as ShapeClass).members.length * (lbs[c] as number);
      if (p.regions !== null) {
        const col = columnOf(c, classes[c] as ShapeClass, p.regions);
        if (add(col)) added.push(col as Column);
      }
    }
    return { value: sum, added, lbs };
  };
  // Round 0 at prices 0: every class alone (its optimum a column, the sum of the optima a bound).
  const zero = new Float64Array(R + L);
  const alone = lagrangian(zero, Infinity);
  if (alone.value === Infinity) return empty("infeasible", Infinity);
  let bound = alone.value ?? -Infinity;
  let centre = zero;
  let centreLbs = alone.lbs;
  let incumbent: { value: number; chosen: Column[] } | null = null;
  /** Takes `chosen` (one column per job) as the incumbent when it is better and fits the master's rows. */
  const offer = (chosen: Column[]): void => {
    if (!fitsMaster(classes, chosen, cap)) return;
    const value = chosen.reduce((s, col) => s + col.cost, 0);
    if (incumbent === null || value < incumbent.value) incumbent = { value, chosen };
  };
  const sequential = (order: readonly number[]): void => {
    let working: Readonly<ClusterView> = view;
    const chosen: Column[] = [];
    for (const j of order) {
      if (o.now() >= deadline - reserveMs) return;
      const job = (coefs[j] as Coefficients).job;
      const seq = placeExact(working, job, objective, { ...pricingOptions, timeLimitSec: pricingLimit() });
      if (seq.path === null) return;
      const col = columnOf(classOf[j] as number, classes[classOf[j] as number] as ShapeClass, toRegions(seq.path));
      if (col === null) return;
      add(col);
      chosen.push(col);
      working = applyStart(working, job, seq.path);
    }
    offer(chosen); // placed job after job on the views the previous ones left; kept when it also fits the master's rows (grants of the empty view)
  };
  const linkIndex = new Map(linkKeys.map((key, l) => [key, l] as const));
  /** Column `col`'s priced score `score + prices·use` minus its class's `offset` (the LP's conv dual, or a Lagrangian lb). */
  const reduced = (col: Column, offset: Float64Array, prices: Float64Array): number => {
    let rc = col.cost - (offset[col.cls] as number);
    const g = (classes[col.cls] as ShapeClass).coef.job.gpusPerStage;
    for (const [r, n] of col.stages) rc += (prices[r] as number) * n * g;
    for (const [key, gbps] of col.gbps) rc += (prices[R + (linkIndex.get(key) as number)] as number) * gbps;
    return rc;
  };
  const pool = o.poolBlocks > 0 ? classes.flatMap((k, c) => poolColumns(c, k, o.poolBlocks)) : [];
  if (pool.length > 0) {
    for (const col of pool) if (col.regions.every((r) => r === col.regions[0])) add(col);
    // greedy: job after job, the best pool column that still fits
    const used = { gpus: new Float64Array(R), gbps: new Map<string, number>() };
    const chosen: Column[] = [];
    for (let j = 0; j < jobs.length; j++) {
      const g = (coefs[j] as Coefficients).job.gpusPerStage;
      const fits = (col: Column): boolean =>
        [...col.stages].every(([r, n]) => (used.gpus[r] as number) + n * g <= (cap.freeGpus[r] as number) + 1e-9) &&
        [...col.gbps].every(([key, x]) => (used.gbps.get(key) ?? 0) + x <= (cap.residualGbps[linkIndex.get(key) as number] as number) * (1 + 1e-9));
      const best = pool.filter((col) => col.cls === classOf[j] && fits(col)).reduce<Column | null>((b, col) => (b === null || col.cost < b.cost ? col : b), null);
      if (best === null) break;
      for (const [r, n] of best.stages) used.gpus[r] = (used.gpus[r] as number) + n * g;
      for (const [key, x] of best.gbps) used.gbps.set(key, (used.gbps.get(key) ?? 0) + x);
      add(best);
      chosen.push(best);
    }
    if (chosen.length === jobs.length) offer(chosen);
  }
  if (incumbent === null) sequential(jobs.map((_, j) => j)); // no pool, or its greedy left a job out
  const scale = columns.reduce((s, col) => s + Math.abs(col.cost), 0) + 1;
  const big = 1e3 * scale; // cost of leaving a job out (artificial column): keeps the LP feasible
  /**
   * The restricted master as a MILP over its columns and the pool columns
   * that can be in a better solution: at the centre's prices every feasible
   * placement is worth L + Σ_p x_p·(score_p + μ·a_p − lb_c) + μ·slack, so a
   * column whose term exceeds incumbent − L cannot be in one.
   */
  const solveIncumbent = (limitSec: number): void => {
    const room = incumbent === null ? Infinity : (incumbent as { value: number }).value - bound;
    const extra = pool.filter((col) => !seen.has(col.key) && reduced(col, centreLbs, centre) <= room).sort((a, b) => reduced(a, centreLbs, centre) - reduced(b, centreLbs, centre));
    const cols = [...columns, ...extra.slice(0, o.maxIncumbentColumns)];
    const { model, vars, art } = buildMaster(classes, cols, cap, big, true);
    const res = solveSync(model, { timeLimitSec: Math.max(0.5, limitSec) });
    if (res.values === null || res.primal !== "feasible_point") return;
    const values = res.values;
    if (art.some((a) => (values[a.index] ?? 0) > 0.5)) return;
    offer(cols.flatMap((col, i) => Array.from({ length: Math.round(values[(vars[i] as (typeof vars)[number]).index] ?? 0) }, () => col)));
  };
  const gapMet = (): boolean => {
    const inc = incumbent as { value: number } | null;
    return inc !== null && inc.value - bound <= o.gapTol * Math.abs(inc.value);
  };
  let lpValue: number | null = null;
  let rounds = 0;
  let converged = false;
  let beta = o.smoothing;
  let exactRounds = 0;
  for (; rounds < o.maxRounds && o.now() < deadline - reserveMs && !gapMet(); rounds++) {
    const lp = solveLpWithDuals(buildMaster(classes, columns, cap, big, false).model);
    if (lp.status !== "optimal") break;
    lpValue = lp.objective;
    if (lp.objective - bound <= CONVERGED * Math.max(1, Math.abs(lp.objective))) {
      converged = true;
      break;
    }
    const duals = new Float64Array(R + L);
    for (let i = 0; i < R + L; i++) duals[i] = Math.max(0, -(lp.rowDual[C + i] as number));
    // the pool first: its most negative reduced costs, per class
    let fromPool = 0;
    for (let c = 0; c < C && pool.length > 0; c++) {
      const negative = pool.filter((col) => col.cls === c && !seen.has(col.key)).map((col) => [reduced(col, lp.rowDual, duals), col] as const).filter(([rc]) => rc < -1e-9 * scale);
      negative.sort((a, b) => a[0] - b[0]);
      for (const [, col] of negative.slice(0, o.poolColumnsPerRound)) if (add(col)) fromPool++;
    }
    if (fromPool > 0) continue;
    // the engine at smoothed prices: a Lagrangian bound, and paths the pool lacks
    const mu = centre.map((x, i) => beta * x + (1 - beta) * (duals[i] as number));
    const step = lagrangian(mu, big);
    if (step.value === null) break; // the time ran out inside the round
    exactRounds++;
    const moved = step.value > bound;
    if (moved) {
      bound = step.value;
      centre = mu;
      centreLbs = step.lbs;
    }
    const improving = step.added.some((col) => reduced(col, lp.rowDual, duals) < -1e-9 * scale);
    if (!improving) {
      if (beta === 0) {
        converged = lp.objective - bound <= CONVERGED * Math.max(1, Math.abs(lp.objective));
        break; // priced at the LP duals and nothing new: the bound is what this pricing proves
      }
      if (!moved) beta = beta < 0.1 ? 0 : beta / 2; // a mispricing that did not move the centre
    }
    if (exactRounds % 5 === 1) solveIncumbent(Math.min(5, (deadline - o.now()) / 1000));
  }
  if (!gapMet()) solveIncumbent(Math.max(1, (deadline - o.now()) / 1000));
  const more = { rounds, columns: columns.length, classes: C, lpValue, converged };
  const inc = incumbent as { value: number; chosen: Column[] } | null;
  if (inc === null) return empty(converged && lpValue !== null && lpValue >= big * (1 - 1e-9) ? "infeasible" : "time_limit", bound, more);
  // each class's chosen columns go to its jobs in order; the placement is re-evaluated job by job
  const queue = new Map<number, Column[]>();
  for (const col of inc.chosen) queue.set(col.cls, [...(queue.get(col.cls) ?? []), col]);
  const paths = new Map<string, PipelinePath>();
  let value = 0;
  let working: Readonly<ClusterView> = view;
  coefs.forEach((c, j) => {
    const col = (queue.get(classOf[j] as number) as Column[]).shift() as Column;
    const path = col.regions.map((r) => c.regions[r] as string);
    paths.set(c.job.id, path);
    const e = evaluateInView(working, c.job, path);
    value += e === null ? NaN : objectiveOf(objective, c, e.breakdown);
    working = applyStart(working, c.job, path);
  });
  const gap = (value - bound) / Math.abs(value);
  return { status: gap <= 1e-9 ? "optimal" : "feasible", paths, value, bound, gap, ...more, timeMs: o.now() - t0 };
}
