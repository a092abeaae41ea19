/**
 * Modes of a job by region, for the start-slot trace bound
 * (`traceStartLp.ts`, docs/exact.md "Trace bounds"). A run of job j either
 * keeps all its stages in one region r (then it holds `S·g` GPUs of r) or
 * crosses regions (then at least one hop goes over a WAN link). So j's modes
 * are:
 * - one **single-region** mode per region r with `S·g ≤ gpus_r`: least
 *   runtime `I·T_r`, T_r the least iteration time over the relaxed paths
 *   that stay in r; claims `S·g` GPUs of r (and of r's type);
 * - the **multi-region** modes: the GPU-type modes of `traceModes.ts` (same
 *   GPU claims by type, none by region), each with its least runtime raised
 *   to `I·T^×_U`, the least iteration time over relaxed paths on U's regions
 *   with at least one cross-region hop. (A run of two or more types always
 *   crosses regions; a one-type run that crosses is covered by this mode, one
 *   that does not by its region's mode.)
 *
 * T_r and T^×_U come from an exact dynamic programme over the stage × region
 * DAG (`buildPathGraph(c, { relaxLinks: true })` on the empty cluster): for
 * each candidate bottleneck θ, the least time-sum Z of a path whose stage
 * terms are all ≤ θ, with a flag for "has crossed"; the least of
 * `iterationSec(θ, Z)` over θ is the least iteration time (the path that
 * reaches it has bottleneck ≤ θ, and the optimum's own bottleneck is one of
 * the candidates). Region GPU capacities beyond `g` per stage are ignored
 * (a relaxation: the values are lower bounds on every path the simulator can run).
 */
import type { Job } from "../model/types.js";
import type { ClusterView } from "../sim/types.js";
import { coefficients } from "./coefficients.js";
import { buildPathGraph, type PathGraph } from "./pathGraph.js";
import { pathObjective } from "./pathObjective.js";
import { regionTypes, type TraceMode } from "./traceModes.js";

/** Least iteration time of a relaxed path on `inRegion` regions; `crossing`: only paths with a cross-region hop. Infinity when none. */
export function leastIterationSec(gr: PathGraph, iterationSec: (b: number, z: number) => number, inRegion: readonly boolean[], crossing: boolean): number {
  const S = gr.stages;
  const R = gr.regions;
  let best = Infinity;
  // z[r*2+flag]: least Z of a partial path ending at (k, r) with the flag
  const run = (theta: number): number => {
    let z = new Float64Array(2 * R).fill(Infinity);
    for (let r = 0; r < R; r++) {
      if (inRegion[r] && (gr.allowed[0] as boolean[])[r] && ((gr.nodeTermSec[0] as number[])[r] as number) <= theta) z[2 * r] = (gr.computeSec[0] as number[])[r] as number;
    }
    for (let k = 0; k + 1 < S; k++) {
      const next = new Float64Array(2 * R).fill(Infinity);
      for (let r = 0; r < R; r++) {
        for (let f = 0; f < 2; f++) {
          const at = z[2 * r + f] as number;
          if (at === Infinity) continue;
          for (const e of (gr.out[k] as PathGraph["out"][number])[r] as PathGraph["out"][number][number]) {
            const q = e.to;
            if (!inRegion[q] || e.termSec > theta || ((gr.nodeTermSec[k + 1] as number[])[q] as number) > theta) continue;
            const g = q !== r ? 1 : f;
            const v = at + e.hopSec + ((gr.computeSec[k + 1] as number[])[q] as number);
            if (v < (next[2 * q + g] as number)) next[2 * q + g] = v;
          }
        }
      }
      z = next;
    }
    let least = Infinity;
    for (let r = 0; r < R; r++) {
      least = Math.min(least, z[2 * r + 1] as number);
      if (!crossing) least = Math.min(least, z[2 * r] as number);
    }
    return least;
  };
  const zAll = run(Infinity);
  if (zAll === Infinity) return Infinity;
  for (const theta of gr.candidatesSec) {
    if (iterationSec(theta, zAll) >= best) break; // every larger θ is at least this
    const z = run(theta);
    if (z < Infinity) best = Math.min(best, iterationSec(theta, z));
  }
  return best;
}

/** The modes of `job` by region (see the module comment), given its GPU-type modes `typeModes` from `jobModes` on the same empty view. */
export function regionModes(view: Readonly<ClusterView>, job: Job, typeModes: readonly TraceMode[]): TraceMode[] {
  const c = coefficients(view, job);
  if (c === null) return [];
  const gr = buildPathGraph(c, { relaxLinks: true });
  const it = pathObjective(c, { kind: "time" }).iterationSec;
  const typeOf = regionTypes(view);
  const gpusOf = new Map(view.topology.regions.map((r) => [r.id, r.gpus] as const));
  const w = job.stages * job.gpusPerStage;
  const modes: TraceMode[] = [];
  c.regions.forEach((id, r) => {
    if (w > (gpusOf.get(id) ?? 0)) return;
    const T = leastIterationSec(gr, it, c.regions.map((_, q) => q === r), false);
    if (T === Infinity) return;
    const y = typeOf.get(id) as string;
    modes.push({ types: [y], minRuntimeSec: job.iterations * T, gpusByType: new Map([[y, w]]), gpus: w, region: id, oneRegion: true });
  });
  const crossCache = new Map<string, number>();
  for (const m of typeModes) {
    const key = m.types.join("|");
    let T = crossCache.get(key);
    if (T === undefined) {
      const inU = new Set(m.types);
      // with more types than traceModes splits (its one all-types mode), every region is in U
      T = leastIterationSec(gr, it, c.regions.map((id) => m.types.length === 0 || inU.has(typeOf.get(id) as string)), true);
      crossCache.set(key, T);
    }
    if (T === Infinity) continue; // no crossing path of these types
    modes.push({ ...m, minRuntimeSec: Math.max(m.minRuntimeSec, job.iterations * T), region: null, oneRegion: false });
  }
  return modes;
}

/**
 * The same modes with each GPU type's single-region modes merged into one
 * (least runtime of them, claims by type only): fewer columns and no rows per
 * region. Still a cover: a run in one region of type y meets the merged
 * mode's runtime and claims.
 */
export function mergeRegions(modes: readonly TraceMode[]): TraceMode[] {
  const single = new Map<string, TraceMode>();
  const out: TraceMode[] = [];
  for (const m of modes) {
    if (m.region === undefined || m.region === null) {
      out.push(m);
      continue;
    }
    const y = m.types[0] as string;
    const had = single.get(y);
    if (had === undefined || m.minRuntimeSec < had.minRuntimeSec) single.set(y, { ...m, region: null });
  }
  return [...single.values(), ...out];
}
