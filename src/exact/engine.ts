/**
 * The combinatorial placement engine (docs/exact.md, "Combinatorial
 * engine"): the exact optimum of one job's placement under a cluster view,
 * over exactly the placement MILP's feasible set, without a MILP solver.
 *
 * Outer loop: branch and bound over the sorted candidate values b_0 < … <
 * b_{n−1} of the bottleneck (every stage term of the DAG). An interval
 * [i, j] stands for the paths whose bottleneck lies in [b_i, b_j]; its bound
 * is the least objective over all paths with every term ≤ b_j, evaluated at
 * b = b_i (the objective grows with b, and the set grows with b_j), which
 * the inner search computes exactly. Intervals are taken best bound first;
 * one whose bound reaches the incumbent is closed, others are halved. Every
 * path the inner search meets is evaluated at its own bottleneck and may
 * become the incumbent. The search is over when no interval is open.
 *
 * Inner search for (b_i, b_j): completion hulls under b_j (`pathHull.ts`),
 * then, unless the best hull vertex is exact and fits, the label search
 * (`pathLabels.ts`) with the resources a previous best path overfilled
 * tracked, repeated until the best path fits.
 *
 * The reported path is re-evaluated by the cost model (`evaluateInView`), and
 * `mismatch` is its distance from the engine's own value.
 */
import type { PlacementBreakdown } from "../cost/index.js";
import type { Job, PipelinePath } from "../model/types.js";
import type { ClusterView } from "../sim/types.js";
import { coefficients, type Coefficients } from "./coefficients.js";
import { evaluateInView, objectiveOf } from "./evaluate.js";
import { arcsOfRegions, buildPathGraph, pathSums, pathTotals, type PathGraph, type PathSums } from "./pathGraph.js";
import { completionBounds, type CompletionBounds, type Penalties } from "./pathBounds.js";
import { Tracked, bestSourcePath, lagrange, relaxedBound } from "./pathLagrange.js";
import { searchLabels } from "./pathLabels.js";
import { IntervalQueue, type Interval } from "./intervalQueue.js";
import { pathObjective, type ExactObjective, type PathObjective } from "./pathObjective.js";

/** Options of {@link placeExact}; all optional, defaults in {@link DEFAULT_EXACT_OPTIONS}. */
export interface ExactOptions {
  /** Wall-clock limit, s. Default 10. */
  readonly timeLimitSec?: number;
  /** Relative optimality tolerance: a branch is closed when its bound is within this of the incumbent. Default 1e-9. */
  readonly relTol?: number;
  /** Labels per label search before it gives up (the interval stays open). Default 2,000,000. */
  readonly maxLabels?: number;
  /** Labels a label search may make in the first round, before the singletons it gave up on are taken again with `maxLabels`. Default 20,000. */
  readonly firstRoundLabels?: number;
  /** Subgradient steps on the capacities' Lagrangian multipliers per wide interval (and after a label search tracks more). Default 3. */
  readonly lagrangeIterations?: number;
  /** Subgradient steps at a single bottleneck value whose first label search outgrew `quickLabels`. Default 12. */
  readonly singleLagrangeIterations?: number;
  /** Labels of the first label search at a single bottleneck value, with the multipliers as they are (0: none, improve them first). Default 2,000. */
  readonly quickLabels?: number;
  /**
   * Track every region whose slots can bind from the start (instead of only
   * those a best path overfills; an untracked region is bounded per block,
   * the stages in a row in it, by the label search). Default false.
   */
  readonly trackTight?: boolean;
  /**
   * Without `trackTight`, the regions with fewer slots than this share of
   * the stages are tracked from the start anyway (0: none). Default 0:
   * 0.5 cut the bench's tight S = 16 p95s (2.0–2.6 s to 0.25–1.24 s) but cost
   * the main job's decision measures about 18 % more CPU (docs/exact.md).
   */
  readonly trackBelowShare?: number;
  /** Labels kept per node by the beam search that looks for incumbents at each single bottleneck value (0: none). Default 4. */
  readonly beamWidth?: number;
  /** Known placements (region ids per stage) tried first as incumbents; ones outside the feasible set are ignored. Default none. */
  readonly startPaths?: readonly (readonly string[])[];
  /** Clock in ms (for the time limit and `timeMs`). Default `performance.now`. */
  readonly now?: () => number;
}

/** Defaults of {@link ExactOptions}. */
export const DEFAULT_EXACT_OPTIONS: Required<ExactOptions> = {
  timeLimitSec: 10,
  relTol: 1e-9,
  maxLabels: 2_000_000,
  firstRoundLabels: 20_000,
  lagrangeIterations: 3,
  singleLagrangeIterations: 12,
  quickLabels: 2_000,
  beamWidth: 4,
  trackTight: false,
  trackBelowShare: 0,
  startPaths: [],
  now: () => performance.now(),
};

/**
 * How a search ended: `"optimal"` proven within `relTol`; `"feasible"` a
 * point, stopped by the time or label limit before proving it; `"infeasible"`
 * proven that no placement fits; `"time_limit"` stopped with no point.
 */
export type ExactStatus = "optimal" | "feasible" | "infeasible" | "time_limit";

/** Counters of one search. */
export interface ExactStats {
  /** Candidate bottleneck values. */
  readonly candidates: number;
  /** Intervals taken from the queue. */
  readonly intervals: number;
  /** Shortest-path passes (bounds and Lagrangian steps). */
  readonly passes: number;
  /** Label searches. */
  readonly labelSearches: number;
  /** Labels made in all label searches. */
  readonly labels: number;
  /** Regions whose capacity had to be tracked. */
  readonly trackedRegions: number;
  /** Links whose capacity had to be tracked. */
  readonly trackedLinks: number;
}

/** What {@link placeExact} returns. */
export interface ExactResult {
  /** How the search ended. */
  readonly status: ExactStatus;
  /** Region id per stage, or null without a point. */
  readonly path: PipelinePath | null;
  /** Re-evaluated iteration time, s (null without a point). */
  readonly iterationSec: number | null;
  /** Re-evaluated electricity cost, USD (null without a point). */
  readonly costUsd: number | null;
  /** Re-evaluated objective: T (time), cost (cost), or the weighted score (null without a point). */
  readonly objective: number | null;
  /** Proven lower bound on the optimum (`Infinity` when proven infeasible). */
  readonly bound: number;
  /** The engine's own value of its point (null without a point). */
  readonly engineObjective: number | null;
  /** |objective − engineObjective| / |objective| (0 without a point). */
  readonly mismatch: number;
  /** Whether the cost coefficients are exact (constant prices; as the MILP's). */
  readonly costExact: boolean;
  /** The cost model's breakdown of the point. */
  readonly breakdown: PlacementBreakdown | null;
  /** Wall time, ms. */
  readonly timeMs: number;
  /** Search counters. */
  readonly stats: ExactStats;
}

/** Value of `objective` for a re-evaluated placement. */
export function exactObjectiveOf(objective: ExactObjective, c: Coefficients, b: PlacementBreakdown): number {
  return objective.kind === "time" ? b.iterationSec : objectiveOf(objective, c, b);
}

interface Point {
  value: number;
  regions: number[];
}

/** Regions whose slots are fewer than the stages, links on which two hops' grants exceed the residual: the capacities that can bind. */
function tightResources(gr: PathGraph): { regions: number[]; links: number[] } {
  const regions = gr.slots.flatMap((s, r) => (s < gr.stages && s > 0 ? [r] : []));
  const maxGrant = new Float64Array(gr.linkKeys.length);
  for (const stage of gr.out) for (const arcs of stage) for (const e of arcs) if (e.link >= 0) maxGrant[e.link] = Math.max(maxGrant[e.link] as number, e.grantGbps);
  const links = gr.linkResidualGbps.flatMap((res, l) => (2 * (maxGrant[l] as number) > res * (1 + 1e-9) && gr.stages > 2 ? [l] : []));
  return { regions, links };
}

/** The engine's search on a built graph; returns the best point, the bound and whether it was proven. */
export function searchPlacement(
  gr: PathGraph,
  obj: PathObjective,
  o: Required<ExactOptions>,
  startRegions: readonly (readonly number[])[],
): { best: Point | null; bound: number; proven: boolean; stats: ExactStats } {
  const t0 = o.now();
  const deadline = t0 + o.timeLimitSec * 1000;
  const cands = gr.candidatesSec;
  const n = cands.length;
  let best: Point | null = null;
  const tracked = new Tracked(gr);
  let intervals = 0;
  let passes = 0;
  let labelSearches = 0;
  let labels = 0;
  const threshold = (): number => (best === null ? Infinity : best.value * (1 - o.relTol));
  const tryPath = (regions: readonly number[], arcs: readonly number[]): void => {
    const t = pathTotals(gr, regions, arcs);
    if (t === null) return;
    const v = obj.value(t.bottleneckSec, t.timeSumSec, t.costRateSum, t.fixedCostUsd);
    if (!(v < (best?.value ?? Infinity))) return; // the capacity check only for a better point
    if ((pathSums(gr, regions, arcs) as PathSums).fits) best = { value: v, regions: [...regions] };
  };
  for (const regions of startRegions) {
    const arcs = arcsOfRegions(gr, regions);
    if (arcs !== null) tryPath(regions, arcs);
  }
  const boundsAt = (capSec: number, floorSec: number, pen: Penalties): CompletionBounds => {
    const bd = completionBounds(gr, capSec, pen, { fixedCost: gr.hasFixedCost, floorSec, exactEnds: false });
    passes += bd.passes;
    for (const q of bd.paths) tryPath(q.regions, q.arcs);
    return bd;
  };
  // Beam search over every capacity that can bind: a heuristic for a first incumbent.
  const tight = tightResources(gr);
  if (o.trackTight) tracked.addAll(tight.regions, []);
  else tracked.addAll(tight.regions.filter((r) => (gr.slots[r] as number) < o.trackBelowShare * gr.stages), []); // links only when a path overfills one (they bind only on a revisited link)
  const labelSearch = (bd: CompletionBounds, b: number, regions: readonly number[], links: readonly number[], maxLabels: number, beamWidth?: number) => {
    const res = searchLabels({
      graph: gr,
      bounds: bd,
      objective: obj,
      bSec: b,
      threshold: threshold(),
      trackedRegions: regions,
      trackedLinks: links,
      now: o.now,
      deadlineMs: deadline,
      maxLabels,
      ...(beamWidth === undefined ? {} : { beam: beamWidth, collect: tryPath }),
    });
    labels += res.labels;
    return res;
  };
  const beam = (bd: CompletionBounds, b: number): void => {
    labelSearch(bd, b, tight.regions, tight.links, o.maxLabels, o.beamWidth);
  };
  const queue = new IntervalQueue();
  if (n > 0) queue.push({ lo: 0, hi: n - 1, bound: -Infinity });
  let proven = true;
  let openBound = Infinity; // least bound of intervals left open by a limit
  // Singletons whose label search outgrew the first-round budget wait until
  // the easy ones have improved the incumbent; then they run with the full one.
  const deferred: Interval[] = [];
  let budget = Math.min(o.maxLabels, o.firstRoundLabels);
  for (;;) {
    if (queue.size === 0 && deferred.length > 0 && budget < o.maxLabels) {
      budget = o.maxLabels;
      for (const d of deferred.splice(0)) queue.push(d);
    }
    if (queue.size === 0) break;
    if (queue.minBound() >= threshold()) {
      queue.clear(); // every open interval is closed by the incumbent; deferred ones are taken next
      continue;
    }
    if (o.now() > deadline) {
      proven = false;
      break;
    }
    const iv = queue.pop() as Interval;
    intervals++;
    if (iv.multipliers !== undefined) tracked.setMultipliers(iv.multipliers.region, iv.multipliers.link);
    const b = cands[iv.lo] as number;
    const cap = cands[iv.hi] as number;
    // paths whose bottleneck lies in [b, cap]: every term ≤ cap, some term ≥ b
    const floor = iv.lo === 0 ? -Infinity : b;
    const boundsOf = (pen: Penalties): CompletionBounds => boundsAt(cap, floor, pen);
    let bd = boundsOf(tracked.penalties());
    if (bd.source.length === 0) continue; // no path with its bottleneck in [b, cap]: nothing in the interval
    let lb = Math.max(iv.bound, relaxedBound(obj, b, bd));
    if (lb >= threshold()) continue;
    if (tracked.size > 0 && iv.lo < iv.hi) {
      // a wide interval: improve the multipliers (a single value goes to the label search with them as they are)
      const lag = lagrange(gr, obj, b, tracked, o.lagrangeIterations, threshold, boundsOf, bd);
      bd = lag.bounds;
      lb = Math.max(lb, lag.bound);
      if (lb >= threshold()) continue;
    }
    if (iv.lo < iv.hi) {
      // a wide interval: its relaxed bound only; the exact search runs on single values of b
      const mid = (iv.lo + iv.hi) >> 1;
      // each half starts from this interval's multipliers (those of the last interval taken may suit it less)
      const multipliers = tracked.multipliers();
      queue.push({ lo: iv.lo, hi: mid, bound: lb, multipliers });
      // the upper half's paths are among these: the same bounds, evaluated at its own least b
      queue.push({ lo: mid + 1, hi: iv.hi, bound: Math.max(lb, relaxedBound(obj, cands[mid + 1] as number, bd)), multipliers });
      continue;
    }
    if (o.beamWidth > 0) {
      beam(bd, b);
      if (lb >= threshold()) continue;
    }
    let inner: { value: number; regions: number[]; arcs: number[] } | null = null;
    if (tracked.size === 0 && obj.hullExact && !gr.hasFixedCost) {
      // the best hull vertex is the exact optimum without capacities
      const top = bestSourcePath(obj, b, bd);
      if (top === null || top.value >= threshold()) continue;
      const s = pathSums(gr, top.regions, top.arcs) as PathSums;
      // the vertex is the optimum only if the dichotomic search found the whole hull (its bound reaches the vertex)
      if (s.fits && lb >= top.value * (1 - 1e-9)) inner = top;
      else if (!s.fits) tracked.add(s);
    }
    let stopped = false;
    let first = true;
    // first a small label search with the multipliers as they are; if it outgrows its budget, improve them first
    let quick = tracked.size > 0 && o.quickLabels < budget;
    let steps = o.lagrangeIterations;
    while (inner === null) {
      if (tracked.size > 0 && !first) {
        const lag = lagrange(gr, obj, b, tracked, steps, threshold, boundsOf, bd);
        bd = lag.bounds;
        lb = Math.max(lb, lag.bound);
        if (lb >= threshold()) break;
      }
      first = false;
      labelSearches++;
      const res = labelSearch(bd, b, tracked.regionList(), tracked.linkList(), quick ? o.quickLabels : budget);
      if (quick && res.status === "label_limit") {
        quick = false;
        steps = o.singleLagrangeIterations;
        continue;
      }
      quick = false;
      if (res.status === "label_limit" && budget < o.maxLabels) {
        deferred.push({ ...iv, bound: lb });
        break;
      }
      if (res.status !== "done") {
        stopped = true;
        break;
      }
      if (res.best === null) break;
      const s = pathSums(gr, res.best.regions, res.best.arcs);
      if (s === null) throw new Error("label search returned a path outside its graph");
      if (s.fits) inner = res.best;
      else tracked.add(s);
    }
    if (deferred[deferred.length - 1]?.lo === iv.lo && budget < o.maxLabels) continue;
    if (stopped) {
      proven = false;
      openBound = Math.min(openBound, lb);
      continue;
    }
    if (inner !== null) tryPath(inner.regions, inner.arcs); // b is its own bottleneck's cap: closed either way
  }
  const incumbent = best as Point | null;
  for (const d of deferred) queue.push(d);
  const bound = Math.min(incumbent === null ? Infinity : incumbent.value * (1 - o.relTol), openBound, queue.minBound());
  if (queue.size > 0 && queue.minBound() < threshold()) proven = false;
  return {
    best: incumbent,
    bound,
    proven,
    stats: { candidates: n, intervals, passes, labelSearches, labels, trackedRegions: tracked.regionList().length, trackedLinks: tracked.linkList().length },
  };
}

/**
 * The exact placement of `job` under `view` for `objective`, over the
 * placement MILP's feasible set (docs/exact.md). Throws a `RangeError` when
 * the view has no model for the job (a caller's mistake, not an outcome).
 */
export function placeExact(view: Readonly<ClusterView>, job: Job, objective: ExactObjective, options: ExactOptions = {}): ExactResult {
  const o = { ...DEFAULT_EXACT_OPTIONS, ...options };
  const t0 = o.now();
  const c = coefficients(view, job);
  if (c === null) throw new RangeError(`placeExact: model "${job.model}" of job "${job.id}" is not in the view`);
  const gr = buildPathGraph(c);
  const obj = pathObjective(c, objective);
  const index = new Map(c.regions.map((id, i) => [id, i] as const));
  const starts = o.startPaths.flatMap((p) => {
    const r = p.map((id) => index.get(id) ?? -1);
    return r.length === job.stages && r.every((x) => x >= 0) ? [r] : [];
  });
  const found = searchPlacement(gr, obj, o, starts);
  const timeMs = o.now() - t0;
  const none = (status: ExactStatus): ExactResult => ({
    status,
    path: null,
    iterationSec: null,
    costUsd: null,
    objective: null,
    bound: status === "infeasible" ? Infinity : found.bound,
    engineObjective: null,
    mismatch: 0,
    costExact: c.costExact,
    breakdown: null,
    timeMs,
    stats: found.stats,
  });
  if (found.best === null) return none(found.proven ? "infeasible" : "time_limit");
  const path = found.best.regions.map((r) => c.regions[r] as string);
  const e = evaluateInView(view, job, path);
  if (e === null) throw new Error(`placeExact: the cost model rejects the engine's path ${path.join(",")} (a bug: the engine and the cost model disagree)`);
  const value = exactObjectiveOf(objective, c, e.breakdown);
  return {
    status: found.proven ? "optimal" : "feasible",
    path,
    iterationSec: e.breakdown.iterationSec,
    costUsd: e.breakdown.costUsd,
    objective: value,
    bound: Math.min(found.bound, value),
    engineObjective: found.best.value,
    mismatch: Math.abs(value - found.best.value) / Math.max(Math.abs(value), 1e-300),
    costExact: c.costExact,
    breakdown: e.breakdown,
    timeMs,
    stats: found.stats,
  };
}
