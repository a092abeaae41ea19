/**
 * Modes of a job for the whole-trace bound (`traceBound.ts`): which GPU types
 * its path uses. Regions are grouped by GPU type (`Region.gpu.name`); a
 * path's mode is the set U of types it has at least one stage on. For each
 * mode the least runtime over every path of that mode (the relaxed path set
 * of `buildPathGraph(c, { relaxLinks: true })`, on the empty cluster), and
 * the least GPUs a run of that mode holds of each type: `S·g` of its one type
 * for a one-type mode, at least `g` of each type otherwise (the rest of its
 * `S·g` GPUs are on some type of U).
 *
 * Least runtime of mode U: `I·max(T_engine, T_formula)`, both lower bounds
 * on the iteration time of every path whose stages all lie on U's regions:
 * `T_engine` the engine's proven least T over U's regions; `T_formula =
 * (M−1)·b + Z` with `b` at least every stage's least compute time on U and
 * every type's least stage compute time (each type of U hosts some stage;
 * every stage term is at least its stage's compute time, with either send
 * variant), and `Z` at least the sum of each stage's least compute time and
 * each hop's least time on U. Modes with no path are left out.
 */
import type { Job } from "../model/types.js";
import type { ClusterView } from "../sim/types.js";
import { coefficients } from "./coefficients.js";
import { DEFAULT_EXACT_OPTIONS, searchPlacement, type ExactOptions } from "./engine.js";
import { buildPathGraph, type PathGraph } from "./pathGraph.js";
import { pathObjective } from "./pathObjective.js";

/** One mode of one job. */
export interface TraceMode {
  /** GPU types the mode's paths use (sorted). */
  readonly types: readonly string[];
  /** Least runtime of a run in this mode, s. */
  readonly minRuntimeSec: number;
  /** Least GPUs a run in this mode holds, by type. */
  readonly gpusByType: ReadonlyMap<string, number>;
  /** GPUs a run holds in all, `S·g`. */
  readonly gpus: number;
  /** The one region all its runs' stages are in (they hold `gpus` of it), or null/absent when not one region (`traceRegionModes.ts`). */
  readonly region?: string | null;
  /** Every run of this mode keeps all its stages in one region (of the mode's one type), even when `region` was merged away (`mergeRegions`); absent: not known to. */
  readonly oneRegion?: boolean;
}

/** Most GPU types for which every subset is a mode; with more, the job has one mode over all types. */
export const MAX_MODE_TYPES = 4;

/** The GPU type of each region of `view`'s topology, by region id. */
export function regionTypes(view: Readonly<ClusterView>): Map<string, string> {
  return new Map(view.topology.regions.map((r) => [r.id, r.gpu.name] as const));
}

/** Lower bound `(M−1)·b + Z` on the iteration time of every path of `gr` that has a stage on each type of `typeRegions`. */
function formulaBoundSec(gr: PathGraph, typeRegions: readonly (readonly number[])[]): number {
  const S = gr.stages;
  let b = 0;
  let z = 0;
  for (let k = 0; k < S; k++) {
    let least = Infinity;
    for (let r = 0; r < gr.regions; r++) if ((gr.allowed[k] as boolean[])[r]) least = Math.min(least, (gr.computeSec[k] as number[])[r] as number);
    b = Math.max(b, least);
    z += least;
    if (k + 1 < S) {
      let hop = Infinity;
      for (const arcs of gr.out[k] as PathGraph["out"][number]) for (const e of arcs) hop = Math.min(hop, e.hopSec);
      z += hop === Infinity ? 0 : hop;
    }
  }
  for (const regions of typeRegions) {
    let least = Infinity;
    for (let k = 0; k < S; k++) for (const r of regions) if ((gr.allowed[k] as boolean[])[r]) least = Math.min(least, (gr.computeSec[k] as number[])[r] as number);
    b = Math.max(b, least);
  }
  return (gr.microBatches - 1) * b + z;
}

/** Mixed modes of two types are split by how many stages the first type hosts, in this many ranges. */
export const MIXED_RANGES = 3;

/**
 * Least `Σ_k compute` of a path with exactly h stages on the regions `first`
 * and the rest on `second` (each stage at its least compute on its side),
 * for h = 0…S; Infinity where a side has no allowed region for some stage.
 */
function splitComputeSec(gr: PathGraph, first: readonly number[], second: readonly number[]): number[] {
  const S = gr.stages;
  const least = (k: number, regions: readonly number[]): number => Math.min(Infinity, ...regions.filter((r) => (gr.allowed[k] as boolean[])[r]).map((r) => (gr.computeSec[k] as number[])[r] as number));
  const a = Array.from({ length: S }, (_, k) => least(k, first));
  const b = Array.from({ length: S }, (_, k) => least(k, second));
  // choose the h stages whose move from `second` to `first` saves most
  const order = Array.from({ length: S }, (_, k) => k).sort((x, y) => ((b[y] as number) - (a[y] as number)) - ((b[x] as number) - (a[x] as number)));
  const out: number[] = [];
  let sum = b.reduce((s, v) => s + v, 0);
  out.push(sum);
  for (const k of order) {
    sum += (a[k] as number) - (b[k] as number);
    out.push(Number.isNaN(sum) ? Infinity : sum);
  }
  return out;
}

/** The modes of `job` on the empty cluster `view` (none when it has no path at all). */
export function jobModes(view: Readonly<ClusterView>, job: Job, engine: ExactOptions = {}): TraceMode[] {
  const eo = { ...DEFAULT_EXACT_OPTIONS, ...engine };
  const types = regionTypes(view);
  const names = [...new Set(types.values())].sort();
  const exact = names.length <= MAX_MODE_TYPES; // else one mode over all types, with no per-type claim
  const subsets: string[][] = [];
  if (exact) for (let m = 1; m < 1 << names.length; m++) subsets.push(names.filter((_, i) => (m >> i) & 1));
  else subsets.push(names);
  const g = job.gpusPerStage;
  const modes: TraceMode[] = [];
  for (const U of subsets) {
    if (exact && U.length > job.stages) continue;
    const inU = new Set(U);
    const sub: ClusterView = { ...view, freeGpus: new Map([...view.freeGpus].map(([id, n]) => [id, inU.has(types.get(id) as string) ? n : 0] as const)) };
    const c = coefficients(sub, job);
    if (c === null) continue;
    const gr = buildPathGraph(c, { relaxLinks: true });
    const t = searchPlacement(gr, pathObjective(c, { kind: "time" }), eo, []);
    if (t.best === null && t.proven) continue; // no path on U's regions
    const typeRegions = exact ? U.map((y) => c.regions.flatMap((id, r) => (types.get(id) === y ? [r] : []))) : [];
    const iterSec = Math.max(0, t.bound, formulaBoundSec(gr, typeRegions));
    if (U.length === 2) {
      // h stages on the first type, S − h on the second (1 ≤ h ≤ S−1), in ranges: within a range [lo, hi]
      // a run holds ≥ lo·g of the first type and ≥ (S − hi)·g of the second, and its compute sum is at
      // least the least over the range, which replaces Σ_k least compute in the formula's Z
      const S = job.stages;
      const [y1, y2] = U as [string, string];
      const split = splitComputeSec(gr, typeRegions[0] as number[], typeRegions[1] as number[]);
      const plain = formulaBoundSec(gr, typeRegions);
      const sumLeast = split.length > 0 ? Math.min(...split) : 0;
      for (let i = 0; i < MIXED_RANGES; i++) {
        const lo = 1 + Math.floor(((S - 1) * i) / MIXED_RANGES);
        const hi = Math.floor(((S - 1) * (i + 1)) / MIXED_RANGES);
        if (hi < lo) continue;
        const z = Math.min(...split.slice(lo, hi + 1));
        if (z === Infinity) continue;
        const sec = Math.max(iterSec, plain + z - sumLeast);
        modes.push({ types: U, minRuntimeSec: job.iterations * sec, gpusByType: new Map([[y1, lo * g], [y2, (S - hi) * g]]), gpus: S * g });
      }
      continue;
    }
    const gpusByType = new Map(exact ? U.map((y) => [y, U.length === 1 ? job.stages * g : g] as const) : []);
    modes.push({ types: U, minRuntimeSec: job.iterations * iterSec, gpusByType, gpus: job.stages * g });
  }
  return modes;
}
