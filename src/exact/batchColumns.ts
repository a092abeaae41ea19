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
 * arithmetic (`batchPool.ts`), then (`batchPricing.ts`) by the McCormick
 * bound (`batchPricingBound.ts`) and, where that does not prove its own
 * path, the engine. For any prices the Lagrangian value `L(μ, ν) = Σ_c n_c·lb_c(μ, ν)
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
 * re-evaluated job by job as the simulator would start them. Then branch
 * and price (`batchBranch.ts`): branch rows on the stages a class places in
 * a region, priced like the capacity rows, each node's bound a Lagrangian
 * value of its own (so proven), the reported bound the least over the open
 * nodes. The weighted score needs α < 1 (the prices enter through the cost term).
 */
import type { Job, PipelinePath } from "../model/types.js";
import type { ClusterView } from "../sim/types.js";
import { coefficients, type Coefficients } from "./coefficients.js";
import { DEFAULT_EXACT_OPTIONS } from "./engine.js";
import { solveLpWithDuals } from "./lpDuals.js";
import { buildMaster, columnOf, fitsMaster, groupByShape, reevaluate, type Branch, type Capacities, type Column, type ShapeClass } from "./batchMaster.js";
import { artificialValue, branchSign, branchValue, children, integral, pickBranch, pruneOpen, stagePrices, type BranchNode } from "./batchBranch.js";
import { improveIncumbent } from "./batchLocal.js";
import { poolColumns, poolGreedy } from "./batchPool.js";
import { pricedScore, pricerOf, sequentialColumns } from "./batchPricing.js";
import { DEFAULT_COLUMN_BATCH_OPTIONS, type ColumnBatchOptions } from "./batchOptions.js";
import { buildPathGraph } from "./pathGraph.js";
import { pathObjective } from "./pathObjective.js";
import { solveSync } from "./solveSync.js";
import type { MipStart } from "../lp/result.js";

export { DEFAULT_COLUMN_BATCH_OPTIONS, PLAIN_COLUMN_BATCH_OPTIONS, PREVIOUS_COLUMN_BATCH_OPTIONS, type ColumnBatchOptions } from "./batchOptions.js";
/** What {@link solveBatchColumns} found. */
export interface ColumnBatchResult {
  /** `"optimal"`: incumbent within 1e-9 of the bound; `"feasible"`: a placement, gap above that; `"infeasible"`: no placement (proven: some job has no path, or the LP over every path needs the artificial columns); `"time_limit"`: none found. */
  readonly status: "optimal" | "feasible" | "infeasible" | "time_limit";
  /** Path per job id (empty without a placement). */
  readonly paths: ReadonlyMap<string, PipelinePath>;
  /** Sum of the jobs' scores, re-evaluated job by job on the view left by the previous ones (`reevaluate`); null without a placement. */
  readonly value: number | null;
  /** Whether that re-evaluation found every job's GPUs free and every hop's demand granted (false would be a bug; true without a placement). */
  readonly verified: boolean;
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
  /** Whether the root's master LP value met its bound (the LP over every path is solved). */
  readonly converged: boolean;
  /** Nodes of branch and price solved (1: the root alone). */
  readonly nodes: number;
  /** Wall time, ms. */
  readonly timeMs: number;
}

/** Relative distance at which the master LP and the Lagrangian bound count as met. */
const CONVERGED = 1e-7;

/** Joint placement of `jobs` under `view` by column generation (HiGHS must be loaded: `loadExactSolver`). */
export function solveBatchColumns(view: Readonly<ClusterView>, jobs: readonly Job[], options: ColumnBatchOptions = {}): ColumnBatchResult {
  const o = { ...DEFAULT_COLUMN_BATCH_OPTIONS, ...options };
  if (!(o.alpha >= 0 && o.alpha < 1)) throw new RangeError(`solveBatchColumns: alpha must be in [0, 1) (the prices enter through the cost term), got ${o.alpha}`);
  if (!(o.smoothing >= 0 && o.smoothing < 1)) throw new RangeError(`solveBatchColumns: smoothing must be in [0, 1), got ${o.smoothing}`);
  const t0 = o.now();
  /**
   * A master MILP within `sec` on the clock `now`, from `start`. HiGHS's limit
   * is wall time and runs on one thread, so its `now` time (CPU in the bench)
   * is at most its wall time: each call gets the budget left as its wall
   * limit and can never overrun it (a budget scaled by a wall/CPU ratio can:
   * the load changes within the call). When the wall limit stopped it with
   * budget left (the machine was loaded), the solve goes on from its best
   * point, at most `o.milpChunks` calls in all; the last call's point is kept.
   */
  const solveMilp = (model: Parameters<typeof solveSync>[0], sec: number, start: MipStart | null, asStart: (values: Float64Array) => MipStart): ReturnType<typeof solveSync> => {
    const until = o.now() + sec * 1000;
    let res = solveSync(model, { timeLimitSec: sec, start });
    for (let chunk = 1; chunk < o.milpChunks && res.termination === "time_limit" && until - o.now() >= 200; chunk++) {
      const values = res.primal === "feasible_point" ? res.values : null;
      const next = solveSync(model, { timeLimitSec: (until - o.now()) / 1000, start: values === null ? start : asStart(values) });
      if (next.primal === "feasible_point" || res.primal !== "feasible_point") res = next;
      else break;
    }
    return res;
  };
  const deadline = t0 + o.timeLimitSec * 1000;
  const reserveMs = Math.min(10_000, 0.15 * o.timeLimitSec * 1000); // kept for the final master MILP
  const objective = { kind: "weighted", alpha: o.alpha } as const;
  const coefs = jobs.map((job) => {
    const c = coefficients(view, job);
    if (c === null) throw new RangeError(`solveBatchColumns: model "${job.model}" of job "${job.id}" is not in the view`);
    return c;
  });
  const base = { rounds: 0, columns: 0, classes: 0, lpValue: null, converged: false, nodes: 0, verified: true };
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
  const pricingOptions = { ...DEFAULT_EXACT_OPTIONS, timeLimitSec: o.pricingTimeLimitSec, now: o.now };
  const pricingLimit = (): number => Math.max(0.05, Math.min(o.pricingTimeLimitSec, (deadline - reserveMs - o.now()) / 1000));
  const price = pricerOf(classes, R, linkKeys, {
    alpha: o.alpha,
    bound: o.pricingBound,
    engine: o.pricingTimeLimitSec > 0 ? { ...pricingOptions, timeLimitSec: o.pricingTimeLimitSec } : null,
    engineLimitSec: pricingLimit,
  });
  /** `Σ_r μ_r·free_r + Σ_l ν_l·residual_l + Σ_b σ_b·π_b·rhs_b` minus the ≥ rows' artificial term: what the prices take off the Lagrangian value. */
  const capacityValue = (prices: Float64Array, branches: readonly Branch[], big: number): number => {
    let s = 0;
    for (let r = 0; r < R; r++) s += (prices[r] as number) * (cap.freeGpus[r] as number);
    for (let l = 0; l < L; l++) s += (prices[R + l] as number) * (cap.residualGbps[l] as number);
    return s + branchValue(R, L, prices, branches) - artificialValue(R, L, prices, branches, big);
  };
  /** Prices every class at `prices` under `branches`, adds the paths found; the Lagrangian value, or null when the time ran out first. */
  const lagrangian = (prices: Float64Array, branches: readonly Branch[], big: number): { value: number | null; added: Column[]; lbs: Float64Array } => {
    let sum = -capacityValue(prices, branches, big);
    const added: Column[] = [];
    const lbs = new Float64Array(C);
    for (let c = 0; c < C; c++) {
      if (o.now() >= deadline - reserveMs) return { value: null, added, lbs };
      const p = price(c, prices, branches);
      if (p.bound === Infinity && !prices.some((x) => x !== 0)) return { value: Infinity, added, lbs }; // proven: class c has no path at all
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
  const alone = lagrangian(zero, [], Infinity);
  if (alone.value === Infinity) return empty("infeasible", Infinity);
  let rootBound = alone.value ?? -Infinity;
  let rootCentre: Float64Array = zero;
  let rootLbs = alone.lbs;
  let incumbent: { value: number; chosen: Column[] } | null = null;
  /** Takes `chosen` (one column per job) as the incumbent when it is better and fits the master's rows. */
  const offer = (chosen: Column[]): void => {
    if (!fitsMaster(classes, chosen, cap)) return;
    const value = chosen.reduce((s, col) => s + col.cost, 0);
    if (incumbent !== null && value >= incumbent.value) return;
    incumbent = { value, chosen };
    for (const col of chosen) add(col); // the master MILP's start needs them
  };
  const linkIndex = new Map(linkKeys.map((key, l) => [key, l] as const));
  /** Column `col`'s priced score `score + prices·use` minus its class's `offset` (the LP's conv dual, or a Lagrangian lb). */
  const reduced = (col: Column, offset: Float64Array, prices: Float64Array, branches: readonly Branch[] = []): number => pricedScore(classes, R, linkIndex, col, prices, branches) - (offset[col.cls] as number);
  const pool = o.poolBlocks > 0 ? classes.flatMap((k, c) => poolColumns(c, k, o.poolBlocks)) : [];
  if (pool.length > 0) {
    for (const col of pool) if (col.regions.every((r) => r === col.regions[0])) add(col);
    const greedy = poolGreedy(classes, pool, Array.from(classOf), cap); // job after job, the best pool column that still fits
    for (const col of greedy.chosen) add(col);
    if (greedy.complete) offer(greedy.chosen);
  }
  if (incumbent === null) {
    // no pool, or its greedy left a job out: each job's optimum on the view the previous ones left
    const seq = sequentialColumns(view, coefs, classes, Array.from(classOf), objective, () => (o.now() >= deadline - reserveMs ? null : { ...pricingOptions, timeLimitSec: pricingLimit() }));
    for (const col of seq ?? []) add(col);
    if (seq !== null) offer(seq); // kept when it also fits the master's rows (grants of the empty view)
  }
  const scale = columns.reduce((s, col) => s + Math.abs(col.cost), 0) + 1;
  const big = 1e3 * scale; // cost of leaving a job out (artificial column): keeps the LP feasible
  /**
   * The restricted master as a MILP over its columns and the pool columns
   * that can be in a better solution: at the root centre's prices every
   * feasible placement is worth L + Σ_p x_p·(score_p + μ·a_p − lb_c) + μ·slack,
   * so a column whose term exceeds incumbent − L cannot be in one.
   */
  const solveIncumbent = (wantSec: number): void => {
    const limitSec = Math.min(wantSec, (deadline - o.now()) / 1000);
    if (limitSec < 0.2) return;
    const room = incumbent === null ? Infinity : (incumbent as { value: number }).value - rootBound;
    const extra = pool.filter((col) => !seen.has(col.key) && reduced(col, rootLbs, rootCentre) <= room).sort((a, b) => reduced(a, rootLbs, rootCentre) - reduced(b, rootLbs, rootCentre));
    const cols = [...columns, ...extra.slice(0, o.maxIncumbentColumns)];
    const { model, vars, art } = buildMaster(classes, cols, cap, big, true);
    const counts = new Map<string, number>();
    for (const col of (incumbent as { chosen: Column[] } | null)?.chosen ?? []) counts.set(col.key, (counts.get(col.key) ?? 0) + 1);
    const start = counts.size === 0 ? null : [...cols.map((col, i) => [vars[i] as (typeof vars)[number], counts.get(col.key) ?? 0] as const), ...art.map((a) => [a, 0] as const)]; // the incumbent (its columns are in `columns`: `offer`)
    const res = solveMilp(model, limitSec, start, (values) => [...vars, ...art].map((v) => [v, Math.round(values[v.index] ?? 0)] as const));
    if (res.values === null || res.primal !== "feasible_point") return;
    const values = res.values;
    if (art.some((a) => (values[a.index] ?? 0) > 0.5)) return;
    offer(cols.flatMap((col, i) => Array.from({ length: Math.round(values[(vars[i] as (typeof vars)[number]).index] ?? 0) }, () => col)));
  };
  /** Local search on the incumbent for at most `sec` (`batchLocal.ts`); the paths it meets become columns. */
  const localSearch = (sec: number): void => {
    const inc = incumbent as { chosen: Column[] } | null;
    const until = Math.min(deadline, o.now() + sec * 1000);
    if (inc === null || sec <= 0) return;
    const res = improveIncumbent(view, coefs, classes, Array.from(classOf), cap, inc.chosen, { objective, options: () => (o.now() >= until ? null : { ...pricingOptions, timeLimitSec: Math.min(1, (until - o.now()) / 1000) }) });
    for (const col of res.met) add(col);
    offer(res.chosen);
  };
  const incValue = (): number => (incumbent === null ? Infinity : (incumbent as { value: number }).value);
  const gapMet = (bound: number): boolean => incValue() - bound <= o.gapTol * Math.abs(incValue());
  let lpValue: number | null = null;
  let rounds = 0;
  let exactRounds = 0;
  /**
   * Column generation at one node of the tree (the root: no branches), from
   * its parent's bound and centre, until its master LP meets its bound, the
   * node's bound reaches the incumbent, the gap is met, `untilMs` passes or
   * `maxRounds` is spent. Its bound is the best Lagrangian value met (at
   * least the parent's); its LP solution is the last master LP's.
   */
  const runNode = (node: BranchNode, untilMs: number): { bound: number; centre: Float64Array; lbs: Float64Array | null; converged: boolean; lp: { objective: number; cols: number; values: Float64Array; vars: readonly { index: number }[]; art: readonly { index: number }[] } | null; stopped: boolean } => {
    const branches = node.branches;
    let bound = node.bound;
    let centre = node.centre;
    let lbs: Float64Array | null = null;
    let beta = o.smoothing;
    let last: ReturnType<typeof runNode>["lp"] = null;
    const nodeRound = (): "converged" | "stalled" | "stopped" | "more" => {
      const master = buildMaster(classes, columns, cap, big, false, branches);
      const ncols = columns.length;
      const lp = solveLpWithDuals(master.model);
      if (lp.status !== "optimal") return "stopped";
      last = { objective: lp.objective, cols: ncols, values: lp.values, vars: master.vars, art: master.art };
      if (branches.length === 0) lpValue = lp.objective;
      if (lp.objective - bound <= CONVERGED * Math.max(1, Math.abs(lp.objective))) return "converged";
      const P = R + L + branches.length;
      const duals = new Float64Array(P);
      for (let i = 0; i < R + L; i++) duals[i] = Math.max(0, -(lp.rowDual[C + i] as number));
      branches.forEach((b, i) => (duals[R + L + i] = Math.min(big, Math.max(0, branchSign(b) * -(lp.rowDual[C + R + L + i] as number)))));
      // the pool first: its most negative reduced costs, per class
      let fromPool = 0;
      for (let c = 0; c < C && pool.length > 0; c++) {
        const negative = pool.filter((col) => col.cls === c && !seen.has(col.key)).map((col) => [reduced(col, lp.rowDual, duals, branches), col] as const).filter(([rc]) => rc < -1e-9 * scale);
        negative.sort((a, b) => a[0] - b[0]);
        for (const [, col] of negative.slice(0, o.poolColumnsPerRound)) if (add(col)) fromPool++;
      }
      if (fromPool > 0) return "more";
      // the engine at smoothed prices: a Lagrangian bound, and paths the pool lacks
      const mu = centre.map((x, i) => beta * x + (1 - beta) * (duals[i] as number));
      const step = lagrangian(mu, branches, big);
      if (step.value === null) return "stopped"; // the time ran out inside the round
      exactRounds++;
      const moved = step.value > bound;
      if (moved) {
        bound = step.value;
        centre = mu;
        lbs = step.lbs;
        if (branches.length === 0) [rootBound, rootCentre, rootLbs] = [bound, centre, lbs]; // the incumbent MILP's column filter reads the root's
      }
      const improving = step.added.some((col) => reduced(col, lp.rowDual, duals, branches) < -1e-9 * scale);
      if (!improving) {
        if (beta === 0) return "stalled"; // priced at the LP duals and nothing new: the bound is what this pricing proves
        if (!moved) beta = beta < 0.1 ? 0 : beta / 2; // a mispricing that did not move the centre
      }
      if (branches.length === 0 && exactRounds % 5 === 1) solveIncumbent(Math.min(o.rootIncumbentSec, (untilMs - o.now()) / 1000));
      return "more";
    };
    for (let here = 0; here < o.maxRounds; here++, rounds++) {
      if (o.now() >= untilMs || bound >= incValue() || gapMet(branches.length === 0 ? bound : -Infinity)) return { bound, centre, lbs, converged: false, lp: last, stopped: true };
      const r = nodeRound();
      if (r === "converged") return { bound, centre, lbs, converged: true, lp: last, stopped: false };
      if (r === "stalled") {
        const l = last as { objective: number } | null;
        return { bound, centre, lbs, converged: l !== null && l.objective - bound <= CONVERGED * Math.max(1, Math.abs(l.objective)), lp: last, stopped: false };
      }
      if (r === "stopped") return { bound, centre, lbs, converged: false, lp: last, stopped: true };
    }
    return { bound, centre, lbs, converged: false, lp: last, stopped: true };
  };
  const rootUntil = o.branchAndPrice ? t0 + o.rootTimeShare * o.timeLimitSec * 1000 : deadline - reserveMs;
  const root = runNode({ branches: [], bound: rootBound, centre: zero }, Math.min(deadline - reserveMs, rootUntil));
  rootBound = root.bound;
  rootCentre = root.centre;
  if (root.lbs !== null) rootLbs = root.lbs;
  let converged = root.converged;
  if (!gapMet(rootBound)) solveIncumbent(o.incumbentTimeLimitSec);
  if (!gapMet(rootBound)) localSearch(o.localSearchSec);
  // Branch and price on the stages a class places in a region, least bound first; the bound is the least over the open nodes.
  let bound = rootBound;
  let nodes = 1;
  if (o.branchAndPrice && root.lp !== null && !gapMet(bound)) {
    let open: BranchNode[] = [];
    const expand = (node: BranchNode, res: ReturnType<typeof runNode>): void => {
      const lp = res.lp;
      if (lp === null) {
        open.push({ ...node, bound: res.bound, centre: res.centre });
        return;
      }
      const value = (i: number): number => lp.values[(lp.vars[i] as { index: number }).index] ?? 0;
      const cols = columns.slice(0, lp.cols);
      if (res.converged && lp.art.every((a) => (lp.values[a.index] ?? 0) <= 1e-6) && integral(lp.cols, value)) {
        offer(cols.flatMap((col, i) => Array.from({ length: Math.round(value(i)) }, () => col))); // the node's LP optimum is integer: solved
        return;
      }
      if (res.converged && lp.objective >= big * (1 - 1e-9)) return; // proven: the node has no placement
      const pick = pickBranch(cols, value);
      if (pick === null) {
        open.push({ ...node, bound: res.bound, centre: res.centre }); // integer counts, fractional paths: left at its bound
        return;
      }
      open.push(...children(node, res.bound, res.centre, pick));
    };
    expand({ branches: [], bound: rootBound, centre: rootCentre }, root);
    const stuck: BranchNode[] = []; // nodes that cannot be branched on further
    while (o.now() < deadline - reserveMs) {
      open = pruneOpen(open, incValue());
      const least = Math.min(open[0]?.bound ?? Infinity, ...stuck.map((n) => n.bound));
      bound = Math.max(bound, Math.min(least, incValue()));
      if (open.length === 0 || gapMet(bound)) break;
      const node = open.shift() as BranchNode;
      const before = open.length;
      const res = runNode(node, Math.min(deadline - reserveMs, o.now() + o.nodeTimeLimitSec * 1000));
      nodes++;
      if (res.stopped && res.bound < incValue() && o.now() >= deadline - reserveMs) {
        open.push({ ...node, bound: res.bound, centre: res.centre }); // the time ran out inside the node: open at its bound
        break;
      }
      expand(node, res);
      if (open.length === before + 1 && open[open.length - 1]?.branches === node.branches) stuck.push(open.pop() as BranchNode);
    }
    open = pruneOpen(open, incValue());
    bound = Math.max(rootBound, Math.min(open[0]?.bound ?? Infinity, ...stuck.map((n) => n.bound), incValue()));
    if (!gapMet(bound)) localSearch(Math.min(o.localSearchSec, (0.4 * (deadline - o.now())) / 1000));
    if (!gapMet(bound)) solveIncumbent(Infinity);
  }
  const more = { rounds, columns: columns.length, classes: C, lpValue, converged, nodes };
  const inc = incumbent as { value: number; chosen: Column[] } | null;
  if (inc === null) return empty(converged && lpValue !== null && lpValue >= big * (1 - 1e-9) ? "infeasible" : "time_limit", bound, more);
  const { paths, value, verified } = reevaluate(view, coefs, Array.from(classOf), inc.chosen, objective);
  const gap = (value - bound) / Math.abs(value);
  return { status: gap <= 1e-9 ? "optimal" : "feasible", paths, value, bound, gap, verified, ...more, timeMs: o.now() - t0 };
}
