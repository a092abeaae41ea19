/**
 * Pricing of batch column generation (`batchColumns.ts`): class c's least
 * priced score `score(p) + Σ_{k} price_c(k, r_k) + Σ_l ν_l·use_l(p)` at
 * prices (μ per region, ν per link, π per branch row), with a proven lower
 * bound. The stage prices (`stagePrices`: μ_r·g and the branch rows' σ·π)
 * and the link prices are folded into the path graph's fixed-cost sum F; a
 * negative stage price (a `≥` branch) is shifted onto the other regions of
 * its stage (every path puts each stage in one region), so F stays ≥ 0 for
 * the engine. First the McCormick bound (`batchPricingBound.ts`); when its
 * path does not prove itself optimal, the engine (`searchPlacement`), and no
 * more for a class after {@link ENGINE_MISSES} unproven answers in a row.
 */
import type { ClusterView } from "../sim/types.js";
import { columnOf, type Branch, type Column, type ShapeClass } from "./batchMaster.js";
import type { Coefficients } from "./coefficients.js";
import { applyStart } from "./exactScheduler.js";
import { branchPrice, stagePrices } from "./batchBranch.js";
import { scoreLowerBound, type ScoreBoundOptions } from "./batchPricingBound.js";
import { placeExact, searchPlacement, type ExactOptions } from "./engine.js";
import type { ExactObjective } from "./pathObjective.js";
import { arcsOfRegions, buildPathGraph, pathSums } from "./pathGraph.js";

/** After this many engine pricings of a class in a row that stop unproven, it is priced by the McCormick bound alone. */
export const ENGINE_MISSES = 2;

/** Settings of {@link pricerOf}. */
export interface PricerSettings {
  /** α of the weighted score. */
  readonly alpha: number;
  /** Options of the McCormick bound. */
  readonly bound: ScoreBoundOptions;
  /** The engine's options (null: the McCormick bound alone). */
  readonly engine: Required<ExactOptions> | null;
  /** The engine's time limit for the next solve, s. */
  readonly engineLimitSec: () => number;
}

/** A class's pricing result: a proven lower bound on its least priced score and the best path found (region indices). */
export interface Priced {
  readonly bound: number;
  readonly regions: readonly number[] | null;
}

/** The pricing function of `classes` over R regions and the links `linkKeys` (prices: R + |links| + |branches|). */
export function pricerOf(classes: readonly ShapeClass[], R: number, linkKeys: readonly string[], s: PricerSettings): (c: number, prices: Float64Array, branches: readonly Branch[]) => Priced {
  const L = linkKeys.length;
  const engineMisses = new Int32Array(classes.length); // engine pricings in a row that did not prove their optimum, per class
  return (c, prices, branches) => {
    const k = classes[c] as ShapeClass;
    const wc = (1 - s.alpha) / k.coef.costRefUsd;
    const S = k.coef.job.stages;
    const sp = stagePrices(c, k.coef.job.gpusPerStage, S, R, L, prices, branches);
    let shift = 0;
    for (let st = 0; st < S; st++) {
      const m = Math.min(0, ...sp.subarray(st * R, st * R + R));
      for (let r = 0; r < R; r++) sp[st * R + r] = (sp[st * R + r] as number) - m;
      shift += m;
    }
    const priced = sp.some((x) => x !== 0) || linkKeys.some((_, l) => (prices[R + l] as number) > 0);
    const linkUsdPerGbps = new Map(linkKeys.map((key, l) => [key, (prices[R + l] as number) / wc] as const));
    const linked = priced ? buildPathGraph(k.coef, { linkUsdPerGbps }) : k.graph;
    const gr = priced ? { ...linked, costFixed: linked.costFixed.map((row, st) => row.map((v, r) => v + (sp[st * R + r] as number) / wc)), hasFixedCost: true } : linked;
    // the McCormick bound first (a few shortest paths per bottleneck value); its path, when it fits, is a column
    const mc = scoreLowerBound(gr, { wt: s.alpha / k.coef.tRefSec, wc }, s.bound);
    let bound = mc.bound;
    let best: { value: number; regions: readonly number[] } | null = null;
    const arcs = mc.regions === null ? null : arcsOfRegions(gr, mc.regions);
    const sums = arcs === null ? null : pathSums(gr, mc.regions as number[], arcs);
    if (sums !== null && sums.fits) best = { value: k.obj.value(sums.bottleneckSec, sums.timeSumSec, sums.costRateSum, sums.fixedCostUsd), regions: mc.regions as number[] };
    const proven = best !== null && best.value <= bound + 1e-9 * Math.abs(bound);
    if (!proven && s.engine !== null && (engineMisses[c] as number) < ENGINE_MISSES) {
      const found = searchPlacement(gr, k.obj, { ...s.engine, timeLimitSec: s.engineLimitSec() }, best === null ? [] : [best.regions]);
      engineMisses[c] = found.proven ? 0 : (engineMisses[c] as number) + 1;
      bound = Math.max(bound, found.bound);
      if (found.best !== null && (best === null || found.best.value < best.value)) best = found.best;
    }
    return { bound: bound + shift, regions: best?.regions ?? null };
  };
}

/**
 * Sequential exact placements: job after job, its optimum by the engine on
 * the view the previous ones left, as a column; null when some job has no
 * path, its path is not a column, or `options()` says the time is up (null).
 */
export function sequentialColumns(view: Readonly<ClusterView>, coefs: readonly Coefficients[], classes: readonly ShapeClass[], classOf: readonly number[], objective: ExactObjective, options: () => Required<ExactOptions> | null): Column[] | null {
  const regionIndex = new Map((coefs[0]?.regions ?? []).map((id, i) => [id, i] as const));
  let working: Readonly<ClusterView> = view;
  const chosen: Column[] = [];
  for (let j = 0; j < coefs.length; j++) {
    const opts = options();
    if (opts === null) return null;
    const job = (coefs[j] as Coefficients).job;
    const seq = placeExact(working, job, objective, opts);
    if (seq.path === null) return null;
    const cls = classOf[j] as number;
    const col = columnOf(cls, classes[cls] as ShapeClass, seq.path.map((id) => regionIndex.get(id) as number));
    if (col === null) return null;
    chosen.push(col);
    working = applyStart(working, job, seq.path);
  }
  return chosen;
}

/** Column `col`'s priced score: `score + Σ_r μ_r·g·n_r + Σ_l ν_l·use_l + Σ_b σ_b·π_b·n_b` (prices: μ per region, ν per link in `linkIndex` order, π per branch). */
export function pricedScore(classes: readonly ShapeClass[], R: number, linkIndex: ReadonlyMap<string, number>, col: Column, prices: Float64Array, branches: readonly Branch[]): number {
  let v = col.cost;
  const g = (classes[col.cls] as ShapeClass).coef.job.gpusPerStage;
  for (const [r, n] of col.stages) v += (prices[r] as number) * n * g;
  for (const [key, gbps] of col.gbps) v += (prices[R + (linkIndex.get(key) as number)] as number) * gbps;
  return v + branchPrice(R, linkIndex.size, prices, branches, col);
}
