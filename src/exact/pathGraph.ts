/**
 * The stage × region DAG of one job's placement under one view, built from
 * the MILP's own {@link Coefficients} (so the combinatorial engine and the
 * MILP share one feasible set and one set of numbers; docs/exact.md,
 * "Combinatorial engine").
 *
 * Node (k, r): stage k in region r, allowed when r has at least g free GPUs.
 * It adds `t_k(r)` to the time-sum Z, `ρ_r` to the cost-rate sum P and
 * `φ_{k,r}` to the fixed-cost sum F. Arc (k, a) for a = r → q: the hop from
 * stage k, usable when the MILP has its `y` column (both ends allowed, and
 * across regions the grant covers the demand); it adds `c_k(a)` to Z.
 *
 * Stage terms (what the bottleneck is the max of): with blocking sends the
 * arc term `t_k(r) + c_k(a)` and the last stage's node term `t_{S−1}(r)`;
 * with overlapped sends the node term `t_k(r)` and the arc term `σ_k(a)`.
 * Every other node term is at most the arc terms out of it (blocking), so a
 * path's bottleneck is the max of the terms on it either way.
 *
 * Capacities: region r hosts at most `slots_r = ⌊free_r / g⌋` stages (a
 * region may host several non-contiguous blocks); a link's hops reserve their
 * grants, `Σ G ≤ residual` (binds only when a path uses a link twice).
 */
import type { Coefficients } from "./coefficients.js";

/** One usable arc of one stage. */
export interface PathArc {
  /** Index into `Coefficients.arcs`. */
  readonly arc: number;
  /** Region index of the receiving stage. */
  readonly to: number;
  /** c_k(a), s (added to Z). */
  readonly hopSec: number;
  /** The arc's stage term (blocking: t_k(r) + c_k(a); overlap: σ_k(a)), s. */
  readonly termSec: number;
  /** Link index into {@link PathGraph.linkKeys}, or −1 inside a region. */
  readonly link: number;
  /** Gbit/s the hop reserves on its link (0 inside a region). */
  readonly grantGbps: number;
  /** Extra fixed cost of the hop, USD (added to F; 0 except for priced penalties, `buildPathGraph`'s `extra`). */
  readonly fixedUsd: number;
}

/** The DAG of one job under one view. */
export interface PathGraph {
  /** The numbers it was built from. */
  readonly coefficients: Coefficients;
  /** Stages S. */
  readonly stages: number;
  /** Regions R (index as in `Coefficients.regions`). */
  readonly regions: number;
  /** Micro-batches M. */
  readonly microBatches: number;
  /** Whether sends overlap compute (`Job.commOverlap`). */
  readonly overlap: boolean;
  /** Stages region r can host, `⌊free_r/g⌋`. */
  readonly slots: readonly number[];
  /** Whether node (k, r) exists, `[k][r]`. */
  readonly allowed: readonly (readonly boolean[])[];
  /** t_k(r), s, `[k][r]`. */
  readonly computeSec: readonly (readonly number[])[];
  /** ρ_r, USD per second of T per stage in r. */
  readonly costRate: readonly number[];
  /** φ_{k,r}, USD, `[k][r]`. */
  readonly costFixed: readonly (readonly number[])[];
  /** Node term of (k, r): t_k(r) (blocking: the only term of the last stage; others are covered by their arcs). */
  readonly nodeTermSec: readonly (readonly number[])[];
  /** Usable arcs out of (k, r), `[k][r]` for k < S−1. */
  readonly out: readonly (readonly (readonly PathArc[])[])[];
  /** Keys of the links some arc uses. */
  readonly linkKeys: readonly string[];
  /** Residual Gbit/s of each link. */
  readonly linkResidualGbps: readonly number[];
  /** Whether some F coefficient is non-zero (idle power): the weighted objective is then not a function of (Z, P) alone. */
  readonly hasFixedCost: boolean;
  /** Sorted distinct stage terms: the candidate values of the bottleneck. */
  readonly candidatesSec: readonly number[];
}

/** Relative slack of the demand filter, as in `addJobPlacement`. */
const DEMAND_SLACK = 1e-12;

/** Linear penalties added to F (column-generation prices): per stage in a region, per Gbit/s reserved on a link. */
export interface GraphExtra {
  /** USD per stage placed in region r (by region index). */
  readonly stageUsd?: readonly number[];
  /** USD per Gbit/s reserved on a link, by link key. */
  readonly linkUsdPerGbps?: ReadonlyMap<string, number>;
  /**
   * Keep every hop whose grant is positive, also below its demand (a hop that
   * stalls on its link, timed with what it is granted), and drop the links'
   * capacity rows: the set of every path the simulator could run, for lower
   * bounds (`traceBound.ts`). Default false (the MILP's set).
   */
  readonly relaxLinks?: boolean;
}

/** Builds the {@link PathGraph} of `c`, with optional linear penalties in F. */
export function buildPathGraph(c: Coefficients, extra: GraphExtra = {}): PathGraph {
  const S = c.job.stages;
  const R = c.regions.length;
  const g = c.job.gpusPerStage;
  const overlap = c.job.commOverlap === true;
  const slots = c.freeGpus.map((f) => Math.max(0, Math.floor((f + 1e-9) / g)));
  const allowed = Array.from({ length: S }, () => slots.map((s) => s >= 1));
  const linkIndex = new Map<string, number>();
  const linkKeys: string[] = [];
  const linkResidualGbps: number[] = [];
  const terms = new Set<number>();
  const nodeTermSec = c.computeSec.map((row) => [...row]);
  for (let k = 0; k < S; k++) {
    for (let r = 0; r < R; r++) {
      if (!(allowed[k] as boolean[])[r]) continue;
      if (overlap || k === S - 1) terms.add((c.computeSec[k] as number[])[r] as number);
    }
  }
  const out: PathArc[][][] = [];
  for (let k = 0; k + 1 < S; k++) {
    const rows: PathArc[][] = Array.from({ length: R }, () => []);
    c.arcs.forEach((a, i) => {
      if (!(allowed[k] as boolean[])[a.from] || !(allowed[k + 1] as boolean[])[a.to]) return;
      const grant = (c.grantGbps[k] as number[])[i] as number;
      if (a.linkKey !== null && !(grant > 0 && (extra.relaxLinks === true || grant >= ((c.demandGbps[k] as number[])[i] as number) * (1 - DEMAND_SLACK)))) return;
      let link = -1;
      if (a.linkKey !== null && extra.relaxLinks !== true) {
        const known = linkIndex.get(a.linkKey);
        if (known === undefined) {
          link = linkKeys.length;
          linkIndex.set(a.linkKey, link);
          linkKeys.push(a.linkKey);
          linkResidualGbps.push(c.residualGbps.get(a.linkKey) ?? 0);
        } else link = known;
      }
      const hop = (c.hopSec[k] as number[])[i] as number;
      const t = (c.computeSec[k] as number[])[a.from] as number;
      const termSec = overlap ? ((c.serialisationSec[k] as number[])[i] as number) : t + hop;
      terms.add(termSec);
      const grantGbps = link < 0 ? 0 : grant;
      const fixedUsd = a.linkKey === null ? 0 : (extra.linkUsdPerGbps?.get(a.linkKey) ?? 0) * grantGbps;
      (rows[a.from] as PathArc[]).push({ arc: i, to: a.to, hopSec: hop, termSec, link, grantGbps, fixedUsd });
    });
    out.push(rows);
  }
  const stageUsd = extra.stageUsd;
  const costFixed = stageUsd === undefined ? c.costFixed : c.costFixed.map((row) => row.map((v, r) => v + (stageUsd[r] ?? 0)));
  const hasFixedCost = costFixed.some((row) => row.some((v) => v !== 0)) || out.some((st) => st.some((arcs) => arcs.some((e) => e.fixedUsd !== 0)));
  return {
    coefficients: c,
    stages: S,
    regions: R,
    microBatches: c.job.microBatches,
    overlap,
    slots,
    allowed,
    computeSec: c.computeSec,
    costRate: c.costPerIterSec,
    costFixed,
    nodeTermSec,
    out,
    linkKeys,
    linkResidualGbps,
    hasFixedCost,
    candidatesSec: [...terms].filter((v) => Number.isFinite(v)).sort((a, b) => a - b),
  };
}

/** A path's sums in engine terms. */
export interface PathSums {
  /** Σ t + Σ c, s. */
  readonly timeSumSec: number;
  /** Σ ρ, USD per second of T. */
  readonly costRateSum: number;
  /** Σ φ, USD. */
  readonly fixedCostUsd: number;
  /** Largest stage term on the path, s. */
  readonly bottleneckSec: number;
  /** Whether the path fits every region's slots and every link's residual. */
  readonly fits: boolean;
  /** Regions whose slots the path overfills. */
  readonly overRegions: readonly number[];
  /** Links whose residual the path's grants overfill. */
  readonly overLinks: readonly number[];
}

/** Relative slack on a link's residual (grants summed in floating point). */
export const LINK_SLACK = 1e-9;

/** Sums of a path's terms: Σ t + Σ c, Σ ρ, Σ φ and the largest stage term. */
export interface PathTotals {
  readonly timeSumSec: number;
  readonly costRateSum: number;
  readonly fixedCostUsd: number;
  readonly bottleneckSec: number;
}

/** Walks a path, adding its stages to `count` and its grants to `use` when given; null when some node or arc is not in the graph. */
function walk(gr: PathGraph, regions: readonly number[], arcs: readonly number[], count: Int32Array | null, use: Map<number, number> | null): PathTotals | null {
  const S = gr.stages;
  if (regions.length !== S || arcs.length !== Math.max(0, S - 1)) return null;
  let z = 0;
  let p = 0;
  let f = 0;
  let b = 0;
  for (let k = 0; k < S; k++) {
    const r = regions[k] as number;
    if (!(gr.allowed[k] as boolean[])[r]) return null;
    z += (gr.computeSec[k] as number[])[r] as number;
    p += gr.costRate[r] as number;
    f += (gr.costFixed[k] as number[])[r] as number;
    if (count !== null) count[r] = (count[r] as number) + 1;
    if (gr.overlap || k === S - 1) b = Math.max(b, (gr.nodeTermSec[k] as number[])[r] as number);
    if (k + 1 < S) {
      const e = ((gr.out[k] as PathArc[][])[r] as PathArc[])[arcs[k] as number];
      if (e === undefined || e.to !== regions[k + 1]) return null;
      z += e.hopSec;
      f += e.fixedUsd;
      b = Math.max(b, e.termSec);
      if (use !== null && e.link >= 0) use.set(e.link, (use.get(e.link) ?? 0) + e.grantGbps);
    }
  }
  return { timeSumSec: z, costRateSum: p, fixedCostUsd: f, bottleneckSec: b };
}

/** The sums of a path (as {@link pathSums}) without its capacity check; null when some node or arc is not in the graph. */
export function pathTotals(gr: PathGraph, regions: readonly number[], arcs: readonly number[]): PathTotals | null {
  return walk(gr, regions, arcs, null, null);
}

/**
 * The sums of the path `regions` (region indices, one per stage) and the arcs
 * `arcs[k]` (indices into `out[k][regions[k]]`); null when some node or arc
 * is not in the graph.
 */
export function pathSums(gr: PathGraph, regions: readonly number[], arcs: readonly number[]): PathSums | null {
  const count = new Int32Array(gr.regions);
  const use = new Map<number, number>(); // Gbit/s per link the path reserves on
  const t = walk(gr, regions, arcs, count, use);
  if (t === null) return null;
  const overRegions: number[] = [];
  for (let r = 0; r < gr.regions; r++) if ((count[r] as number) > (gr.slots[r] as number)) overRegions.push(r);
  const overLinks = [...use].flatMap(([l, u]) => (u > (gr.linkResidualGbps[l] as number) * (1 + LINK_SLACK) ? [l] : [])).sort((x, y) => x - y);
  return { ...t, fits: overRegions.length === 0 && overLinks.length === 0, overRegions, overLinks };
}

/** Arc choices of a region path: for each hop the index in `out[k][r_k]` of the arc to `r_{k+1}`; null when some hop has no usable arc. */
export function arcsOfRegions(gr: PathGraph, regions: readonly number[]): number[] | null {
  const arcs: number[] = [];
  for (let k = 0; k + 1 < regions.length; k++) {
    const list = (gr.out[k] as PathArc[][] | undefined)?.[regions[k] as number];
    const i = list === undefined ? -1 : list.findIndex((e) => e.to === regions[k + 1]);
    if (i < 0) return null;
    arcs.push(i);
  }
  return arcs;
}
