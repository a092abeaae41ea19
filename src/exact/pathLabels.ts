/**
 * Exact minimum of one path objective over the stage × region DAG under a
 * bottleneck cap, with GPU and link capacities: label setting in stage order
 * with dominance and bounding, and decremental state-space relaxation for the
 * capacities (docs/exact.md, "Combinatorial engine").
 *
 * A label is a partial path to node (k, r): its sums (Z, P, F), and the use
 * of the *tracked* resources only (stages per tracked region, Gbit/s per
 * tracked link). A label is dropped when another at the same node has no
 * larger sums and no larger use (dominance: every objective is
 * non-decreasing in each sum), or when the bound over its completions
 * (`pathBounds.ts`, with the Lagrangian penalties of the tracked capacities
 * in its z-sum) reaches the threshold. Penalties sit on tracked resources
 * only, so a label that dominates another also has the lower bound. A label that would overfill a tracked
 * resource is never made. An untracked region is bounded per block: a label
 * carries the length of the run of stages in a row it ends in that region,
 * and a run may not exceed the region's slots (a path that fits keeps every
 * run within them, so this relaxes only overfilling by coming back). The
 * caller starts with few resources tracked; when the best complete path
 * overfills a resource, that resource is tracked and the search runs again,
 * until the best path fits: it is then optimal for the full problem, since
 * each run relaxes only untracked capacities.
 */
import type { PathArc, PathGraph } from "./pathGraph.js";
import { LINK_SLACK } from "./pathGraph.js";
import { flatGraph } from "./pathFlat.js";
import type { CompletionBounds, Vertex } from "./pathBounds.js";
import type { PathObjective } from "./pathObjective.js";

interface Label {
  readonly z: number;
  /** z with the penalties of its tracked links. */
  readonly zl: number;
  /** z with every penalty of its tracked use (`zl + Σ ν_r·count_r`). */
  readonly zp: number;
  readonly p: number;
  readonly f: number;
  /**
   * Effective stages in each tracked region: `max(n_r, slots_r − stages left)`.
   * Below that value the count cannot matter (the stages left cannot overfill
   * the region), so labels that differ only there are equivalent; and every
   * completion that fits keeps `count + m ≤ slots`, so the penalties may use it.
   */
  readonly count: Int32Array;
  /** Gbit/s reserved on each tracked link. */
  readonly use: Float64Array;
  /**
   * Effective stages of the current block (this stage and those right before
   * it in the same region) when that region is untracked, 0 when it is
   * tracked: `max(n, slots − stages left)`, as `count`.
   */
  readonly run: number;
  /** Bound of its best completion. */
  readonly lb: number;
  /** Flag state of the bounds' floor: 1 once a term on it reaches the floor (`CompletionBounds.floorSec`). */
  readonly on: number;
  readonly parent: Label | null;
  /** Arc index in `out[k−1][parent region]`; the start region for the first stage. */
  readonly step: number;
  dead: boolean;
}

/** Input of one label search. */
export interface LabelSearch {
  readonly graph: PathGraph;
  readonly bounds: CompletionBounds;
  readonly objective: PathObjective;
  /** The bottleneck value b the objective is evaluated at, s. */
  readonly bSec: number;
  /** Labels whose bound reaches this are dropped. */
  readonly threshold: number;
  /** Region indices whose stage counts are tracked. */
  readonly trackedRegions: readonly number[];
  /** Link indices whose reservations are tracked. */
  readonly trackedLinks: readonly number[];
  /** Clock, ms. */
  readonly now: () => number;
  /** Stop when `now()` passes this, ms. */
  readonly deadlineMs: number;
  /** Stop after this many labels. */
  readonly maxLabels: number;
  /**
   * Beam width: keep only this many labels (least bound first) per node, a
   * heuristic for incumbents, not exact; every complete label is passed to
   * `collect`. Default none (exact).
   */
  readonly beam?: number;
  /** Receives every complete path of a beam search. */
  readonly collect?: (regions: number[], arcs: number[]) => void;
}

/** What a label search found. */
export type LabelResult =
  | {
      readonly status: "done";
      /** Best complete path below the threshold (regions and arc choices) and its value at b, or null. */
      readonly best: { readonly value: number; readonly regions: number[]; readonly arcs: number[] } | null;
      /** Labels made. */
      readonly labels: number;
    }
  | { readonly status: "time_limit" | "label_limit"; readonly labels: number };

const NO_COUNT = new Int32Array(0);
const NO_USE = new Float64Array(0);

function dominates(a: Label, z: number, p: number, f: number, on: number, run: number, count: Int32Array, use: Float64Array): boolean {
  if (a.z > z || a.p > p || a.f > f || a.on < on || a.run > run) return false;
  for (let i = 0; i < count.length; i++) if ((a.count[i] as number) > (count[i] as number)) return false;
  for (let i = 0; i < use.length; i++) if ((a.use[i] as number) > (use[i] as number)) return false;
  return true;
}

function dominatedBy(z: number, p: number, f: number, on: number, run: number, count: Int32Array, use: Float64Array, b: Label): boolean {
  if (z > b.z || p > b.p || f > b.f || on < b.on || run > b.run) return false;
  for (let i = 0; i < count.length; i++) if ((count[i] as number) > (b.count[i] as number)) return false;
  for (let i = 0; i < use.length; i++) if ((use[i] as number) > (b.use[i] as number)) return false;
  return true;
}

/**
 * Inserts a label at a node unless dominated; kills the labels it dominates
 * and drops them from the list. A node's list is kept in ascending z, so
 * only the labels up to the last with z ≤ l.z can dominate l, and only those
 * from the first with z ≥ l.z can be dominated by it; the live labels of a
 * node dominate none of each other, so if some live one dominates l, l
 * dominates none (that one would dominate it too, by transitivity).
 */
function insert(list: Label[], l: Label): boolean {
  const z = l.z;
  // first index whose z exceeds l.z, and first whose z reaches it
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if ((list[m] as Label).z <= z) lo = m + 1;
    else hi = m;
  }
  const above = lo;
  hi = above;
  lo = 0;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if ((list[m] as Label).z < z) lo = m + 1;
    else hi = m;
  }
  const from = lo;
  for (let i = 0; i < above; i++) if (dominates(list[i] as Label, z, l.p, l.f, l.on, l.run, l.count, l.use)) return false;
  let w = from;
  for (let i = from; i < list.length; i++) {
    const a = list[i] as Label;
    if (dominatedBy(z, l.p, l.f, l.on, l.run, l.count, l.use, a)) a.dead = true;
    else list[w++] = a;
  }
  list.length = w;
  list.splice(from, 0, l); // l.z ≤ every z kept from `from` on
  return true;
}

/** Runs one label search (see the module comment). */
export function searchLabels(s: LabelSearch): LabelResult {
  const { graph: gr, bounds, objective: obj, bSec: b } = s;
  const pen = bounds.penalties;
  const off = pen.offsetSec;
  const S = gr.stages;
  const R = gr.regions;
  const SR = S * R;
  const fg = flatGraph(gr);
  const floor = bounds.floorSec;
  const regionSlot = new Int32Array(R).fill(-1);
  s.trackedRegions.forEach((r, i) => (regionSlot[r] = i));
  const linkSlot = new Int32Array(gr.linkKeys.length).fill(-1);
  s.trackedLinks.forEach((l, i) => (linkSlot[l] = i));
  const nR = s.trackedRegions.length;
  const nL = s.trackedLinks.length;
  const threshold = s.threshold;
  const trackedSlots = s.trackedRegions.map((r) => gr.slots[r] as number);
  const trackedNu = s.trackedRegions.map((r) => pen.regionSec[r] as number);
  /** Raises `count` to its effective values with `left` stages to go; returns `Σ ν_r·count_r`. */
  const effective = (count: Int32Array, left: number): number => {
    let sum = 0;
    for (let i = 0; i < count.length; i++) {
      const e = Math.max(count[i] as number, (trackedSlots[i] as number) - left);
      count[i] = e;
      sum += (trackedNu[i] as number) * e;
    }
    return sum;
  };
  let made = 0;
  let layer: Label[][] = Array.from({ length: R }, () => []);
  for (let r = 0; r < R; r++) {
    const on = (fg.nodeCapSec[r] as number) >= floor ? 1 : 0;
    const tail = bounds.tail(on * SR + r);
    if (tail === null) continue;
    const z = (gr.computeSec[0] as number[])[r] as number;
    const slot = regionSlot[r] as number;
    const count = nR === 0 ? NO_COUNT : new Int32Array(nR);
    if (slot >= 0) count[slot] = 1;
    const zp = z + effective(count, S - 1);
    const p = gr.costRate[r] as number;
    const f = (gr.costFixed[0] as number[])[r] as number;
    const lb = obj.bound(b, zp - off, p, f, tail, bounds.tailFixedUsd[on * SR + r] as number);
    if (lb >= threshold) continue;
    const run = slot >= 0 ? 0 : Math.max(1, (gr.slots[r] as number) - (S - 1));
    (layer[r] as Label[]).push({ z, zl: z, zp, p, f, lb, on, count, use: nL === 0 ? NO_USE : new Float64Array(nL), run, parent: null, step: r, dead: false });
    made++;
  }
  let work = 0;
  let checked = 0;
  for (let k = 0; k + 1 < S; k++) {
    const next: Label[][] = Array.from({ length: R }, () => []);
    const base = (k + 1) * R;
    const t1 = gr.computeSec[k + 1] as number[];
    const f1 = gr.costFixed[k + 1] as number[];
    const outs = gr.out[k] as PathArc[][];
    for (let r = 0; r < R; r++) {
      const arcs = outs[r] as PathArc[];
      for (const l of layer[r] as Label[]) {
        if (l.dead) continue;
        for (let i = 0; i < arcs.length; i++) {
          const e = arcs[i] as PathArc;
          if (e.termSec > bounds.capSec) continue;
          const q = e.to;
          const on = l.on === 1 || e.termSec >= floor || (fg.nodeCapSec[base + q] as number) >= floor ? 1 : 0;
          const tail = bounds.tail(on * SR + base + q);
          if (tail === null) continue;
          const slot = regionSlot[q] as number;
          if (slot >= 0 && (l.count[slot] as number) + 1 > (gr.slots[q] as number)) continue;
          // an untracked region: the block it continues or starts must fit its slots
          const run = slot >= 0 ? 0 : Math.max(q === r ? l.run + 1 : 1, (gr.slots[q] as number) - (S - k - 2));
          if (run > (gr.slots[q] as number)) continue;
          const count = nR === 0 ? NO_COUNT : l.count.slice();
          if (slot >= 0) count[slot] = (count[slot] as number) + 1;
          let use = l.use;
          const ls = e.link >= 0 ? (linkSlot[e.link] as number) : -1;
          if (ls >= 0) {
            const u = (l.use[ls] as number) + e.grantGbps;
            if (u > (gr.linkResidualGbps[e.link] as number) * (1 + LINK_SLACK)) continue;
            use = l.use.slice();
            use[ls] = u;
          }
          const dz = e.hopSec + (t1[q] as number);
          const z = l.z + dz;
          const zl = l.zl + dz + (ls >= 0 ? (pen.linkSecPerGbps[e.link] as number) * e.grantGbps : 0);
          const zp = zl + effective(count, S - k - 2);
          const p = l.p + (gr.costRate[q] as number);
          const f = l.f + (f1[q] as number) + e.fixedUsd;
          work++;
          const lb = obj.bound(b, zp - off, p, f, tail, bounds.tailFixedUsd[on * SR + base + q] as number);
          if (lb >= threshold) continue;
          if (insert(next[q] as Label[], { z, zl, zp, p, f, lb, on, count, use, run, parent: l, step: i, dead: false })) made++;
        }
        if (work - checked > 4096) {
          checked = work;
          if (s.now() > s.deadlineMs) return { status: "time_limit", labels: made };
        }
        if (made > s.maxLabels) return { status: "label_limit", labels: made };
      }
    }
    if (s.beam !== undefined) {
      const width = s.beam;
      for (let q = 0; q < R; q++) {
        const alive = (next[q] as Label[]).filter((l) => !l.dead);
        next[q] = alive.length <= width ? alive : alive.sort((x, y) => x.lb - y.lb).slice(0, width);
      }
    }
    layer = next;
  }
  if (s.collect !== undefined) {
    for (const list of layer) for (const l of list) if (!l.dead) s.collect(...pathOf(gr, l));
  }
  let best: Label | null = null;
  let bestValue = threshold;
  for (const list of layer) {
    for (const l of list) {
      if (l.dead) continue;
      const v = obj.value(b, l.z, l.p, l.f);
      if (v < bestValue) {
        bestValue = v;
        best = l;
      }
    }
  }
  if (best === null) return { status: "done", best: null, labels: made };
  const [regions, arcs] = pathOf(gr, best);
  return { status: "done", best: { value: bestValue, regions, arcs }, labels: made };
}

/** The regions and arc choices of the path a label ends. */
function pathOf(gr: PathGraph, last: Label): [number[], number[]] {
  const steps: number[] = [];
  for (let l: Label | null = last; l !== null; l = l.parent) steps.push(l.step);
  steps.reverse();
  const regions = [steps[0] as number];
  const arcs: number[] = [];
  for (let k = 0; k + 1 < gr.stages; k++) {
    const e = ((gr.out[k] as PathArc[][])[regions[k] as number] as PathArc[])[steps[k + 1] as number] as PathArc;
    arcs.push(steps[k + 1] as number);
    regions.push(e.to);
  }
  return [regions, arcs];
}
