/**
 * Capacities in the engine's bounds (docs/exact.md, "Combinatorial engine"):
 * the set of *tracked* resources (regions whose stage count, links whose
 * reservations a best path overfilled) and their Lagrangian multipliers.
 *
 * A multiplier ν ≥ 0 adds ν seconds to a path's time-sum per unit of the
 * resource it uses, and ν·capacity is subtracted from the whole path: a path
 * that fits gets a time-sum no larger than its own, so, the objectives being
 * non-decreasing in the time-sum, the least penalised objective over all
 * paths (capacities relaxed) is a lower bound on the least objective over
 * the paths that fit, for every ν. The multipliers are improved by projected
 * subgradient steps (Polyak's step towards the incumbent) on the bound of
 * the relaxed problem; they only ever tighten bounds, never change the
 * feasible set, so the search stays exact whatever they are.
 */
import type { PathArc, PathGraph, PathSums } from "./pathGraph.js";
import type { CompletionBounds, Penalties, SourcePath } from "./pathBounds.js";
import type { PathObjective } from "./pathObjective.js";

/** Tracked resources and their multipliers. */
export class Tracked {
  private readonly regions = new Set<number>();
  private readonly links = new Set<number>();
  private readonly nuRegion: Float64Array;
  private readonly nuLink: Float64Array;
  constructor(private readonly gr: PathGraph) {
    this.nuRegion = new Float64Array(gr.regions);
    this.nuLink = new Float64Array(gr.linkKeys.length);
  }
  /** Number of tracked resources. */
  get size(): number {
    return this.regions.size + this.links.size;
  }
  /** Tracks the resources `s` overfills. */
  add(s: PathSums): void {
    s.overRegions.forEach((r) => this.regions.add(r));
    s.overLinks.forEach((l) => this.links.add(l));
  }
  /** Tracks the given regions and links. */
  addAll(regions: readonly number[], links: readonly number[]): void {
    regions.forEach((r) => this.regions.add(r));
    links.forEach((l) => this.links.add(l));
  }
  /** Tracked regions, ascending. */
  regionList(): number[] {
    return [...this.regions].sort((a, b) => a - b);
  }
  /** Tracked links, ascending. */
  linkList(): number[] {
    return [...this.links].sort((a, b) => a - b);
  }
  /** Penalties of the current multipliers. */
  penalties(): Penalties {
    return this.penaltiesOf(this.nuRegion, this.nuLink);
  }
  /** Penalties of given multipliers (zero outside the tracked set). */
  penaltiesOf(nuRegion: Float64Array, nuLink: Float64Array): Penalties {
    const regionSec = new Float64Array(this.gr.regions);
    const linkSecPerGbps = new Float64Array(this.gr.linkKeys.length);
    let offsetSec = 0;
    for (const r of this.regions) {
      regionSec[r] = nuRegion[r] as number;
      offsetSec += (nuRegion[r] as number) * (this.gr.slots[r] as number);
    }
    for (const l of this.links) {
      linkSecPerGbps[l] = nuLink[l] as number;
      offsetSec += (nuLink[l] as number) * (this.gr.linkResidualGbps[l] as number);
    }
    return { regionSec, linkSecPerGbps, offsetSec };
  }
  /** Current multipliers (copies). */
  multipliers(): { region: Float64Array; link: Float64Array } {
    return { region: this.nuRegion.slice(), link: this.nuLink.slice() };
  }
  /** Sets the multipliers. */
  setMultipliers(region: Float64Array, link: Float64Array): void {
    this.nuRegion.set(region);
    this.nuLink.set(link);
  }
}

/** The bound of the relaxed, penalised problem under `bd`. */
export function relaxedBound(obj: PathObjective, b: number, bd: CompletionBounds): number {
  return obj.bound(b, -bd.penalties.offsetSec, 0, 0, bd.source, bd.sourceFixedUsd);
}

const ORIGIN = [{ z: 0, p: 0 }];

/** Penalised objective of a source path (T clamped at 0). */
function penalisedValue(obj: PathObjective, b: number, bd: CompletionBounds, q: SourcePath): number {
  return obj.bound(b, q.z - bd.penalties.offsetSec, q.p, q.f, ORIGIN, 0);
}

/** The source path with the least objective at b (no penalties), or null. */
export function bestSourcePath(obj: PathObjective, b: number, bd: CompletionBounds): { value: number; regions: number[]; arcs: number[] } | null {
  let top: { value: number; regions: number[]; arcs: number[] } | null = null;
  for (const q of bd.paths) {
    const v = obj.value(b, q.z, q.p, q.f);
    if (v < (top?.value ?? Infinity)) top = { value: v, regions: q.regions, arcs: q.arcs };
  }
  return top;
}

/** Use of each region (stages) and link (Gbit/s) by a path. */
function useOf(gr: PathGraph, q: SourcePath): { count: Float64Array; gbps: Float64Array } {
  const count = new Float64Array(gr.regions);
  const gbps = new Float64Array(gr.linkKeys.length);
  q.regions.forEach((r, k) => {
    count[r] = (count[r] as number) + 1;
    if (k + 1 < q.regions.length) {
      const e = ((gr.out[k] as PathArc[][])[r] as PathArc[])[q.arcs[k] as number] as PathArc;
      if (e.link >= 0) gbps[e.link] = (gbps[e.link] as number) + e.grantGbps;
    }
  });
  return { count, gbps };
}

/**
 * Subgradient ascent on the multipliers of `tracked` for the relaxed problem
 * whose bounds `boundsOf` computes (one cap and floor); leaves the best
 * multipliers in `tracked` and returns their bounds and bound. `start`, when
 * given, are the bounds of the current multipliers (not computed again).
 */
export function lagrange(
  gr: PathGraph,
  obj: PathObjective,
  b: number,
  tracked: Tracked,
  iterations: number,
  threshold: () => number,
  boundsOf: (pen: Penalties) => CompletionBounds,
  start?: CompletionBounds,
): { bounds: CompletionBounds; bound: number } {
  const regions = tracked.regionList();
  const links = tracked.linkList();
  let { region: nuR, link: nuL } = tracked.multipliers();
  let bd = start ?? boundsOf(tracked.penaltiesOf(nuR, nuL));
  let value = relaxedBound(obj, b, bd);
  let best = { bounds: bd, bound: value, nuR: nuR.slice(), nuL: nuL.slice() };
  let theta = 1;
  let stale = 0;
  for (let it = 0; it < iterations && best.bound < threshold(); it++) {
    let arg: SourcePath | null = null;
    let argValue = Infinity;
    for (const q of bd.paths) {
      const v = penalisedValue(obj, b, bd, q);
      if (v < argValue) {
        argValue = v;
        arg = q;
      }
    }
    if (arg === null) break;
    const use = useOf(gr, arg);
    const gR = regions.map((r) => (use.count[r] as number) - (gr.slots[r] as number));
    const gL = links.map((l) => (use.gbps[l] as number) - (gr.linkResidualGbps[l] as number));
    // projected subgradient: a zero multiplier with slack cannot move
    const dR = gR.map((g, i) => ((nuR[regions[i] as number] as number) > 0 || g > 0 ? g : 0));
    const dL = gL.map((g, i) => ((nuL[links[i] as number] as number) > 0 || g > 0 ? g : 0));
    const norm = dR.reduce((s, g) => s + g * g, 0) + dL.reduce((s, g) => s + g * g, 0);
    if (!(norm > 0)) break; // the relaxed optimum fits and is complementary: no better multipliers in this direction
    const h = Math.max(1e-9, Math.abs(arg.z) * 1e-7);
    const slope = (obj.bound(b, arg.z + h - bd.penalties.offsetSec, arg.p, arg.f, ORIGIN, 0) - argValue) / h;
    if (!(slope > 0)) break;
    const target = Number.isFinite(threshold()) ? threshold() : best.bound + 0.05 * Math.abs(best.bound) + 1e-12;
    const step = (theta * Math.max(target - value, 1e-12 * Math.abs(target))) / (slope * norm);
    nuR = nuR.slice();
    nuL = nuL.slice();
    regions.forEach((r, i) => (nuR[r] = Math.max(0, (nuR[r] as number) + step * (dR[i] as number))));
    links.forEach((l, i) => (nuL[l] = Math.max(0, (nuL[l] as number) + step * (dL[i] as number))));
    bd = boundsOf(tracked.penaltiesOf(nuR, nuL));
    value = relaxedBound(obj, b, bd);
    if (value > best.bound * (1 + 1e-12) + 1e-300) {
      best = { bounds: bd, bound: value, nuR: nuR.slice(), nuL: nuL.slice() };
      stale = 0;
    } else if (++stale >= 2) {
      theta /= 2;
      stale = 0;
    }
  }
  tracked.setMultipliers(best.nuR, best.nuL);
  return { bounds: best.bounds, bound: best.bound };
}
