/**
 * The pathfinder's search, fast: it visits exactly the candidates
 * {@link enumerateCandidates} yields, in the same order, with the same
 * iteration times, but reads the state from typed arrays, walks only regions
 * with room for a stage (depth-first, neighbours in id order, one length
 * after the other), checks each region boundary once per split instead of
 * building a candidate first, and lets the caller cut whole subtrees by a
 * lower bound on the iteration time. Only the candidates a chooser keeps are
 * built as {@link PathCandidate}s ({@link candidateOf}: the fields `assessPath`,
 * the reference, gives them; test/bace/search.test.ts checks both agree).
 *
 * Lower bound (per region sequence, valid for every split and every
 * bandwidth grant): with `t_min` the smallest stage time of the shape and
 * `c_h` each cross-region hop's time at its cap (a hop granted less only
 * takes longer), blocking sends give
 * `T ≥ (M−1)·(t_min + max_h c_h) + S·t_min + Σ_h c_h`, overlapped sends
 * `T ≥ (M−1)·max(t_min, (S·t_min + Σ_h c_h)/S) + S·t_min + Σ_h c_h`; both
 * grow when a hop is added, so a prefix whose bound exceeds the caller's
 * threshold is cut with everything that extends it. The bound is shrunk by
 * 1e-9 relative before the comparison, far more than the rounding of either
 * side, so a candidate that could be chosen is never cut.
 */
import { hopSec, iterationTime, serialisationSec } from "../cost/index.js";
import { topologyView, type TopologyView } from "../cost/topologyView.js";
import { valuesByNumber } from "../sim/indexedValues.js";
import { MIN_RESERVATION_FRACTION, type ClusterView } from "../sim/types.js";
import { expandPath, type BandwidthMode, type PathCandidate } from "./candidate.js";
import type { JobProfile } from "./profile.js";
import { shapeTable, type ShapeTable } from "./shapeTable.js";
import { cachedBlockSplits } from "./splits.js";

/** Relative slack by which a lower bound is shrunk before it cuts (see the module comment). */
const BOUND_SLACK = 1e-9;

/** What the search needs to know; the pathfinder's options, all given. */
export interface SearchOptions {
  readonly maxRegions: number;
  readonly splitLimit: number;
  readonly bandwidth: BandwidthMode;
}

/** Receives the candidates in enumeration order. */
export interface Visitor {
  /** Candidates whose iteration time surely exceeds this are not offered (and their subtrees not walked). */
  threshold(): number;
  /** One feasible candidate (region ids, stages per region, iteration time); return `false` to stop the search. */
  offer(regions: readonly string[], split: readonly number[], iterationSec: number): boolean;
}

/** The state of one search: the view's arrays, the shape's table, scratch arrays. */
interface Search {
  readonly index: TopologyView;
  readonly table: ShapeTable;
  readonly mode: BandwidthMode;
  readonly limit: number;
  readonly bytes: number;
  readonly microBatches: number;
  readonly overlap: boolean;
  readonly room: Int32Array;
  readonly residual: Float64Array;
  readonly visitor: Visitor;
  readonly seq: number[];
  /** `inSeq[r]`: region r is in `seq[0 … depth−1]`. */
  readonly inSeq: Uint8Array;
  readonly stageSec: number[];
  readonly hopSecs: number[];
  readonly serialisation: number[];
}

/** Bandwidth the simulator would grant a hop of this shape on link l: `min(cap, residual)`. */
function granted(s: Search, l: number): number {
  return Math.min(s.table.capGbps[l] as number, Math.max(s.residual[l] as number, 0));
}

/** Whether link l can carry a hop from region `from` for some sender stage (the cheapest demand there). */
function boundaryMayPass(s: Search, l: number, from: number): boolean {
  const demand = s.table.minDemandGbps[from] as number;
  const g = granted(s, l);
  return g > 0 && g >= MIN_RESERVATION_FRACTION * demand && !(s.mode === "reserve" && demand > g);
}

/** The lower bound of the module comment for the cross-region hops of `seq[0 … len−1]`. */
function lowerBound(s: Search, len: number): number {
  const S = s.table.stages;
  const tMin = s.table.minComputeSec;
  let sum = 0;
  let max = 0;
  const R = s.index.regions.length;
  for (let i = 0; i + 1 < len; i++) {
    const c = s.table.capHopSec[s.index.linkBetween[(s.seq[i] as number) * R + (s.seq[i + 1] as number)] as number] as number;
    sum += c;
    max = Math.max(max, c);
  }
  const fill = S * tMin + sum;
  const period = s.overlap ? Math.max(tMin, fill / S) : tMin + max;
  return ((s.microBatches - 1) * period + fill) * (1 - BOUND_SLACK);
}

/** Iteration time of `split` over `seq[0 … len−1]` if every boundary passes (as `assessPath` computes it), else `null`. */
function timeOf(s: Search, len: number, split: readonly number[]): number | null {
  const { table, index } = s;
  const R = index.regions.length;
  let sender = -1;
  for (let i = 0; i + 1 < len; i++) {
    sender += split[i] as number;
    const from = s.seq[i] as number;
    const l = index.linkBetween[from * R + (s.seq[i + 1] as number)] as number;
    const demand = table.demandGbps[sender * R + from] as number;
    const g = granted(s, l);
    if (!(g > 0) || !(g >= MIN_RESERVATION_FRACTION * demand)) return null;
    if (s.mode === "reserve" && demand > g) return null;
  }
  let k = 0;
  for (let i = 0; i < len; i++) {
    const r = s.seq[i] as number;
    for (let n = split[i] as number; n > 0; n--, k++) {
      s.stageSec[k] = table.computeSec[k * R + r] as number;
      if (k === table.stages - 1) break;
      if (n > 1) {
        s.hopSecs[k] = table.intraHopSec[r] as number;
        s.serialisation[k] = table.intraSerialisationSec[r] as number;
        continue;
      }
      const l = index.linkBetween[r * R + (s.seq[i + 1] as number)] as number;
      const cap = table.capGbps[l] as number;
      const believed = s.mode === "ignore" ? cap : granted(s, l);
      const exact = believed === cap;
      s.hopSecs[k] = exact ? (table.capHopSec[l] as number) : hopSec(s.bytes, (index.links[l] as { latencyMs: number }).latencyMs, believed);
      s.serialisation[k] = exact ? (table.capSerialisationSec[l] as number) : serialisationSec(s.bytes, believed);
    }
  }
  return iterationTime(s.stageSec, s.hopSecs, s.microBatches, s.overlap ? s.serialisation : undefined).iterationSec;
}

/** Offers the splits of the full sequence `seq[0 … len−1]`; `false` when the visitor stopped. */
function offerSplits(s: Search, len: number): boolean {
  const caps = s.seq.slice(0, len).map((r) => s.room[r] as number);
  let ids: string[] | null = null;
  for (const split of cachedBlockSplits(s.table.stages, caps, s.limit)) {
    const t = timeOf(s, len, split);
    if (t === null || t > s.visitor.threshold()) continue;
    ids ??= s.seq.slice(0, len).map((r) => s.index.regionIds[r] as string);
    if (!s.visitor.offer(ids, split, t)) return false;
  }
  return true;
}

/** Walks the sequences of exactly `len` regions extending `seq[0 … depth−1]` (with `roomSum` stages of room); `false` when the visitor stopped. */
function walk(s: Search, depth: number, len: number, roomSum: number): boolean {
  if (depth > 1 && lowerBound(s, depth) > s.visitor.threshold()) return true;
  if (depth === len) return roomSum < s.table.stages || offerSplits(s, len);
  const R = s.index.regions.length;
  const last = s.seq[depth - 1] as number;
  for (const next of s.index.neighbours[last] as Int32Array) {
    if ((s.room[next] as number) < 1 || s.inSeq[next] === 1) continue;
    if (!boundaryMayPass(s, s.index.linkBetween[last * R + next] as number, last)) continue;
    s.seq[depth] = next;
    s.inSeq[next] = 1;
    const go = walk(s, depth + 1, len, roomSum + (s.room[next] as number));
    s.inSeq[next] = 0;
    if (!go) return false;
  }
  return true;
}

/**
 * The {@link PathCandidate} of `regions` × `split` (a candidate the search
 * offered, with its `iterationSec`) as `assessPath` builds it: the path, the
 * GPUs per region, and per boundary link the grant `min(cap, residual)`
 * reserved, the bandwidth the policy believes (`cap` when bandwidth-blind)
 * and whether the hop falls behind its sender.
 */
export function candidateOf(
  view: Readonly<ClusterView>,
  profile: JobProfile,
  options: SearchOptions,
  regions: readonly string[],
  split: readonly number[],
  iterationSec: number,
): PathCandidate {
  const index = topologyView(view.topology);
  const table = shapeTable(index, profile);
  const R = index.regions.length;
  const residual = valuesByNumber(view.residualGbps, index.linkKeys, index.capacityGbps);
  const gpusByRegion = new Map<string, number>();
  const bandwidthGbps = new Map<string, number>();
  const reservedGbps = new Map<string, number>();
  let stalls = false;
  let sender = -1;
  regions.forEach((id, i) => {
    gpusByRegion.set(id, (gpusByRegion.get(id) ?? 0) + (split[i] as number) * table.gpusPerStage);
    sender += split[i] as number;
    const next = regions[i + 1];
    if (next === undefined) return;
    const from = index.regionIndex.get(id) as number;
    const l = index.linkBetween[from * R + (index.regionIndex.get(next) as number)] as number;
    const cap = table.capGbps[l] as number;
    const reserved = Math.min(cap, Math.max(residual[l] as number, 0));
    if (reserved < (table.demandGbps[sender * R + from] as number)) stalls = true;
    bandwidthGbps.set(index.linkKeys[l] as string, options.bandwidth === "ignore" ? cap : reserved);
    reservedGbps.set(index.linkKeys[l] as string, reserved);
  });
  return {
    path: expandPath(regions, split),
    regions,
    split,
    iterationSec,
    runtimeSec: profile.job.iterations * iterationSec,
    bandwidthGbps,
    reservedGbps,
    stalls,
    gpusByRegion,
  };
}

// Scratch arrays, reused: a search runs to its end before the next one starts (nothing in it is asynchronous or re-entrant).
let roomScratch = new Int32Array(0);
const timeScratch = new Map<number, Pick<Search, "stageSec" | "hopSecs" | "serialisation">>();

/** A room array of `regions` entries (the caller sets every entry). */
function scratchRoom(regions: number): Int32Array {
  if (roomScratch.length !== regions) roomScratch = new Int32Array(regions);
  return roomScratch;
}

/** Arrays of S stage times and S − 1 hop times for `iterationTime` (their lengths matter). */
function scratchTimes(stages: number): Pick<Search, "stageSec" | "hopSecs" | "serialisation"> {
  let hit = timeScratch.get(stages);
  if (hit === undefined) {
    const hops = Math.max(stages - 1, 0);
    hit = { stageSec: new Array<number>(stages).fill(0), hopSecs: new Array<number>(hops).fill(0), serialisation: new Array<number>(hops).fill(0) };
    timeScratch.set(stages, hit);
  }
  return hit;
}

/**
 * Offers `visitor` every candidate of `profile`'s job under `view` that
 * {@link enumerateCandidates} would yield with `options`, in its order,
 * except those whose iteration time surely exceeds `visitor.threshold()`.
 */
export function searchPaths(view: Readonly<ClusterView>, profile: JobProfile, options: SearchOptions, visitor: Visitor): void {
  const index = topologyView(view.topology);
  const table = shapeTable(index, profile);
  const S = table.stages;
  const g = table.gpusPerStage;
  const free = valuesByNumber(view.freeGpus, index.regionIds, 0);
  const room = scratchRoom(index.regions.length);
  let total = 0;
  for (let r = 0; r < room.length; r++) total += room[r] = Math.floor((free[r] as number) / g);
  if (total < S) return;
  const s: Search = {
    index,
    table,
    mode: options.bandwidth,
    limit: options.splitLimit,
    bytes: profile.activationBytes,
    microBatches: profile.job.microBatches,
    overlap: profile.job.commOverlap === true,
    room,
    residual: valuesByNumber(view.residualGbps, index.linkKeys, index.capacityGbps),
    visitor,
    seq: [],
    inSeq: new Uint8Array(index.regions.length),
    ...scratchTimes(S),
  };
  for (let len = 1; len <= Math.min(options.maxRegions, S); len++) {
    for (const r of index.byId) {
      if ((room[r] as number) < 1) continue;
      s.seq[0] = r;
      s.inSeq[r] = 1;
      const go = walk(s, 1, len, room[r] as number);
      s.inSeq[r] = 0;
      if (!go) return;
    }
  }
}
