/**
 * Completion bounds on the stage × region DAG under a bottleneck cap b, from
 * a few weighted-sum shortest paths (docs/exact.md, "Combinatorial engine").
 *
 * Every path has a time-sum z (here *penalised*: each stage in a tracked
 * region adds `ν_r` seconds and each Gbit/s reserved on a tracked link adds
 * `ν_l`, the Lagrangian multipliers of the capacities), a cost-rate sum p and
 * a fixed-cost sum f. One backward shortest-path pass with weights (a, b)
 * gives, at every node, the least `a·z' + b·p'` of a completion after it:
 * a half-plane every completion's (z', p') lies in. With the pure weights
 * (1, 0) and (0, 1) and the normals of the source's lower-left hull (found by
 * dichotomic search, each pass also yielding a path), the intersection of
 * these half-planes is a polygon whose lower-left vertices are what the
 * objectives' bounds are evaluated at (`pathObjective.ts`): the objectives
 * are quasi-concave in (z, p) (or a max of two such), so their least value
 * over the polygon is at a vertex. The least f of a completion is one more
 * pass.
 */
import type { PathGraph } from "./pathGraph.js";
import { flatGraph, type FlatGraph } from "./pathFlat.js";

/** A vertex of a completion polygon. */
export interface Vertex {
  /** Penalised time-sum of completions, s. */
  readonly z: number;
  /** Cost-rate sum of completions. */
  readonly p: number;
}

/** Lagrangian multipliers of the tracked capacities (0 for untracked ones). */
export interface Penalties {
  /** Seconds added to z per stage in region r. */
  readonly regionSec: Float64Array;
  /** Seconds added to z per Gbit/s reserved on link l. */
  readonly linkSecPerGbps: Float64Array;
  /** `Σ ν_r·slots_r + Σ ν_l·residual_l`, subtracted from a whole path's penalised z. */
  readonly offsetSec: number;
}

/** A path found by a pass at the source: its regions, arc choices and penalised sums. */
export interface SourcePath {
  readonly regions: number[];
  readonly arcs: number[];
  /** Penalised z of the whole path (before the offset). */
  readonly z: number;
  /** p of the whole path. */
  readonly p: number;
  /** f of the whole path. */
  readonly f: number;
}

/** The bounds of one cap and one set of penalties. */
export interface CompletionBounds {
  /** The cap b on stage terms, s. */
  readonly capSec: number;
  /**
   * The floor: only paths with some stage term ≥ this are covered (so that an
   * interval of bottleneck values bounds only the paths whose bottleneck lies
   * in it), s; −Infinity for all paths. A partial path is in flag state 1
   * once a term on it reaches the floor, else 0; a whole path must end in 1.
   */
  readonly floorSec: number;
  /** The penalties the z-sums include. */
  readonly penalties: Penalties;
  /** Polygon vertices after node (k, r) in flag state s, index `s·S·R + k·R + r`, z ascending; null when the node has no completion (computed on demand). */
  readonly tail: (idx: number) => readonly Vertex[] | null;
  /** Least f of a completion after node (k, r) in flag state s, index `s·S·R + k·R + r`. */
  readonly tailFixedUsd: Float64Array;
  /** Polygon of whole paths (vertices), empty when no path fits under the cap. */
  readonly source: readonly Vertex[];
  /** Least f of a whole path. */
  readonly sourceFixedUsd: number;
  /** Paths the passes found (the source's hull vertices among them). */
  readonly paths: readonly SourcePath[];
  /** Shortest-path passes made. */
  readonly passes: number;
}

interface Pass {
  readonly a: number;
  readonly b: number;
  /** Completion value after node, index `s·S·R + k·R + r` for flag state s (see {@link CompletionBounds.floorSec}). */
  readonly tail: Float64Array;
  /** Chosen arc index (in `out[k][r]`), same index. */
  readonly next: Int32Array;
}

/**
 * One backward pass with weights (a, b) on (z, p) and c on f, over the two-state DAG of the floor (state 1
 * once a term reaches `floor`; a whole path ends in 1). Without a floor only state 1 is computed, copied to 0.
 */
function backward(gr: PathGraph, fg: FlatGraph, cap: number, floor: number, pen: Penalties, a: number, b: number, c: number): Pass {
  const S = gr.stages;
  const R = gr.regions;
  const SR = S * R;
  const useFloor = floor > -Infinity;
  const { computeSec, costFixed, costRate, allowed, nodeCapSec, arcStart, arcIndex, arcTo, arcHopSec, arcTermSec, arcLink, arcGrantGbps, arcFixedUsd } = fg;
  const nuR = pen.regionSec;
  const nuL = pen.linkSecPerGbps;
  const tail = new Float64Array(2 * SR).fill(Infinity);
  const next = new Int32Array(2 * SR).fill(-1);
  const head = new Float64Array(R);
  const head0 = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    const i = (S - 1) * R + r;
    if (allowed[i] === 1 && (nodeCapSec[i] as number) <= cap) tail[SR + i] = 0;
  }
  for (let k = S - 2; k >= 0; k--) {
    const n1 = (k + 1) * R;
    for (let q = 0; q < R; q++) {
      const t = tail[SR + n1 + q] as number;
      const w = a * ((computeSec[n1 + q] as number) + (nuR[q] as number)) + b * (costRate[q] as number) + c * (costFixed[n1 + q] as number);
      head[q] = t === Infinity ? Infinity : t + w;
      if (useFloor) {
        const t0 = tail[n1 + q] as number;
        // arriving at a node whose own term reaches the floor sets the flag
        head0[q] = (nodeCapSec[n1 + q] as number) >= floor ? (head[q] as number) : t0 === Infinity ? Infinity : t0 + w;
      }
    }
    for (let r = 0; r < R; r++) {
      const idx = k * R + r;
      if (allowed[idx] !== 1 || (nodeCapSec[idx] as number) > cap) continue;
      const j0 = arcStart[idx] as number;
      const j1 = arcStart[idx + 1] as number;
      let best = Infinity;
      let arg = 0x7fffffff;
      let best0 = Infinity;
      let arg0 = 0x7fffffff;
      // arcs by term ascending: stop at the cap; ties between arcs go to the lower index in out[k][r]
      for (let j = j0; j < j1; j++) {
        const term = arcTermSec[j] as number;
        if (term > cap) break;
        const to = arcTo[j] as number;
        const h = head[to] as number;
        if (h === Infinity) continue;
        const l = arcLink[j] as number;
        const hz = l >= 0 ? (arcHopSec[j] as number) + (nuL[l] as number) * (arcGrantGbps[j] as number) : (arcHopSec[j] as number);
        const d = a * hz + c * (arcFixedUsd[j] as number);
        const v = h + d;
        const i = arcIndex[j] as number;
        if (v < best || (v === best && i < arg)) {
          best = v;
          arg = i;
        }
        if (useFloor) {
          const v0 = term >= floor ? v : (head0[to] as number) + d;
          if (v0 < best0 || (v0 === best0 && i < arg0)) {
            best0 = v0;
            arg0 = i;
          }
        }
      }
      if (best === Infinity) arg = -1;
      if (best0 === Infinity) arg0 = -1;
      tail[SR + idx] = best;
      next[SR + idx] = arg;
      if (useFloor) {
        tail[idx] = best0;
        next[idx] = arg0;
      }
    }
  }
  if (!useFloor) {
    tail.copyWithin(0, SR, 2 * SR);
    next.copyWithin(0, SR, 2 * SR);
  }
  return { a, b, tail, next };
}

/** Node weight `a·(t + ν_r) + b·ρ_r + c·φ` of node `k·R + r`. */
function nodeWeight(fg: FlatGraph, pen: Penalties, idx: number, r: number, a: number, b: number, c: number): number {
  return a * ((fg.computeSec[idx] as number) + (pen.regionSec[r] as number)) + b * (fg.costRate[r] as number) + c * (fg.costFixed[idx] as number);
}

/** Penalised hop time of arc j. */
function arcZ(fg: FlatGraph, j: number, pen: Penalties): number {
  const l = fg.arcLink[j] as number;
  return l >= 0 ? (fg.arcHopSec[j] as number) + (pen.linkSecPerGbps[l] as number) * (fg.arcGrantGbps[j] as number) : (fg.arcHopSec[j] as number);
}

/** Flag state of a path after stage-0 node r. */
function startState(fg: FlatGraph, floor: number, r: number): number {
  return (fg.nodeCapSec[r] as number) >= floor ? 1 : 0;
}

/** The least whole-path value of a pass, and its start region (−1 when none fits). */
function wholeOf(gr: PathGraph, fg: FlatGraph, floor: number, pen: Penalties, pass: Pass): { value: number; r0: number } {
  const SR = gr.stages * gr.regions;
  let best = Infinity;
  let r0 = -1;
  for (let r = 0; r < gr.regions; r++) {
    const t = pass.tail[startState(fg, floor, r) * SR + r] as number;
    if (t === Infinity) continue;
    const v = t + nodeWeight(fg, pen, r, r, pass.a, pass.b, 0);
    if (v < best) {
      best = v;
      r0 = r;
    }
  }
  return { value: best, r0 };
}

/** The best whole path of a pass, with its sums; null when none fits. */
function sourcePath(gr: PathGraph, fg: FlatGraph, floor: number, pen: Penalties, pass: Pass): SourcePath | null {
  const R = gr.regions;
  const SR = gr.stages * R;
  const r0 = wholeOf(gr, fg, floor, pen, pass).r0;
  if (r0 < 0) return null;
  const regions = [r0];
  const arcs: number[] = [];
  let state = startState(fg, floor, r0);
  let z = nodeWeight(fg, pen, r0, r0, 1, 0, 0);
  let p = fg.costRate[r0] as number;
  let f = fg.costFixed[r0] as number;
  for (let k = 0; k + 1 < gr.stages; k++) {
    const r = regions[k] as number;
    const i = pass.next[state * SR + k * R + r] as number;
    const j = (fg.arcSlot[(fg.arcStart[k * R + r] as number) + i] as number);
    const to = fg.arcTo[j] as number;
    arcs.push(i);
    regions.push(to);
    const n1 = (k + 1) * R + to;
    if ((fg.arcTermSec[j] as number) >= floor || (fg.nodeCapSec[n1] as number) >= floor) state = 1;
    z += arcZ(fg, j, pen) + nodeWeight(fg, pen, n1, to, 1, 0, 0);
    p += fg.costRate[to] as number;
    f += (fg.costFixed[n1] as number) + (fg.arcFixedUsd[j] as number);
  }
  return { regions, arcs, z, p, f };
}

/** The lines of a set of passes (sorted steep to flat, first (1,0), last (0,1)) in flat arrays. */
interface Lines {
  readonly passes: readonly Pass[];
  /** Slope −a/b of each line but the first. */
  readonly slope: Float64Array;
  /** 1/b of each line but the first. */
  readonly invB: Float64Array;
}

function linesOf(passes: readonly Pass[]): Lines {
  const n = passes.length;
  const slope = new Float64Array(n);
  const invB = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    const l = passes[i] as Pass;
    slope[i] = -l.a / l.b;
    invB[i] = 1 / l.b;
  }
  return { passes, slope, invB };
}

const envS = new Float64Array(64);
const envQ = new Float64Array(64);

/** Lower-left vertices of `∩ {a_i z + b_i p ≥ c_i}` with `c_i = cs[i]` (lines as in {@link Lines}). */
function polygon(lines: Lines, cs: Float64Array): Vertex[] | null {
  const n = cs.length;
  const zMin = cs[0] as number;
  const pMin = cs[n - 1] as number;
  if (!Number.isFinite(zMin) || !Number.isFinite(pMin)) return null;
  // upper envelope of p_i(z) = (c_i − a_i z)/b_i over z ≥ zMin, lines of slope −a/b ascending
  const es = n <= envS.length ? envS : new Float64Array(n);
  const eq = n <= envQ.length ? envQ : new Float64Array(n);
  let m = 0;
  for (let i = 1; i < n; i++) {
    const s = lines.slope[i] as number;
    const q = (cs[i] as number) / (lines.passes[i] as Pass).b;
    if (m > 0 && Math.abs((es[m - 1] as number) - s) <= 1e-15 * Math.max(1, Math.abs(s))) {
      if (q <= (eq[m - 1] as number)) continue;
      m--;
    }
    while (m >= 2) {
      const s1 = es[m - 2] as number;
      const q1 = eq[m - 2] as number;
      // l2 is useless if l1 and the new line meet at or above l2
      if ((q - q1) * ((es[m - 1] as number) - s1) >= ((eq[m - 1] as number) - q1) * (s - s1)) m--;
      else break;
    }
    es[m] = s;
    eq[m] = q;
    m++;
  }
  let j = 0;
  // first envelope line active at zMin
  while (j + 1 < m) {
    if ((eq[j + 1] as number) + (es[j + 1] as number) * zMin >= (eq[j] as number) + (es[j] as number) * zMin) j++;
    else break;
  }
  const out: Vertex[] = [{ z: zMin, p: Math.max(pMin, (eq[j] as number) + (es[j] as number) * zMin) }];
  let lastZ = zMin;
  for (; j + 1 < m; j++) {
    const z = ((eq[j + 1] as number) - (eq[j] as number)) / ((es[j] as number) - (es[j + 1] as number));
    if (!(z > lastZ)) continue;
    out.push({ z, p: Math.max(pMin, (eq[j + 1] as number) + (es[j + 1] as number) * z) });
    lastZ = z;
  }
  return out;
}

/** Options of {@link completionBounds}. */
export interface BoundsOptions {
  /** Most weighted passes of the dichotomic search. Default 12. */
  readonly maxPasses?: number;
  /** Whether f needs its own pass (some φ ≠ 0). */
  readonly fixedCost: boolean;
  /** Whether the dichotomic search starts from the lexicographic ends (two more passes; exact end vertices; the half-planes are valid either way). Default true. */
  readonly exactEnds?: boolean;
  /** Only paths with some term ≥ this, s (their bottleneck at least this). Default −Infinity (all). */
  readonly floorSec?: number;
}

/** The completion bounds of `gr` under cap `capSec` with penalties `pen`. */
export function completionBounds(gr: PathGraph, capSec: number, pen: Penalties, options: BoundsOptions): CompletionBounds {
  const S = gr.stages;
  const R = gr.regions;
  const fg = flatGraph(gr);
  const maxPasses = options.maxPasses ?? 12;
  const floor = options.floorSec ?? -Infinity;
  const zPass = backward(gr, fg, capSec, floor, pen, 1, 0, 0);
  const paths: SourcePath[] = [];
  let passes = 1;
  const zStart = sourcePath(gr, fg, floor, pen, zPass);
  if (zStart === null) {
    return { capSec, floorSec: floor, penalties: pen, tail: () => null, tailFixedUsd: new Float64Array(2 * S * R).fill(Infinity), source: [], sourceFixedUsd: Infinity, paths, passes };
  }
  const pPass = backward(gr, fg, capSec, floor, pen, 0, 1, 0);
  passes++;
  const pStart = sourcePath(gr, fg, floor, pen, pPass) as SourcePath;
  let zEnd = zStart;
  let pEnd = pStart;
  if (options.exactEnds !== false) {
    // lexicographic ends: min z then min p, min p then min z
    const eps = 1e-9;
    zEnd = sourcePath(gr, fg, floor, pen, backward(gr, fg, capSec, floor, pen, 1, (eps * Math.max(zStart.z, 1e-300)) / Math.max(pStart.p, 1e-300), 0)) as SourcePath;
    pEnd = sourcePath(gr, fg, floor, pen, backward(gr, fg, capSec, floor, pen, (eps * Math.max(pStart.p, 1e-300)) / Math.max(zStart.z, 1e-300), 1, 0)) as SourcePath;
    passes += 2;
  }
  paths.push(zEnd, pEnd);
  const weighted: Pass[] = [];
  const queue: [SourcePath, SourcePath][] = [[zEnd, pEnd]];
  while (queue.length > 0 && weighted.length < maxPasses) {
    const [A, B] = queue.shift() as [SourcePath, SourcePath];
    const a = A.p - B.p;
    const b = B.z - A.z;
    if (!(a > 0 && b > 0)) continue;
    const scale = Math.max(a * A.z, b * A.p, 1e-300);
    const pass = backward(gr, fg, capSec, floor, pen, a / scale, b / scale, 0);
    passes++;
    weighted.push(pass);
    const C = sourcePath(gr, fg, floor, pen, pass) as SourcePath;
    const vC = (a * C.z + b * C.p) / scale;
    const vA = (a * A.z + b * A.p) / scale;
    if (vC < vA - 1e-12 * Math.abs(vA)) {
      paths.push(C);
      queue.push([A, C], [C, B]);
    }
  }
  const fPass = options.fixedCost ? backward(gr, fg, capSec, floor, pen, 0, 0, 1) : null;
  if (fPass !== null) passes++;
  const sorted = [zPass, ...weighted.sort((x, y) => y.a / y.b - x.a / x.b), pPass];
  const lines = linesOf(sorted);
  const n = sorted.length;
  // node polygons on demand: a label search asks for few of the S·R nodes
  const tails: (Vertex[] | null | undefined)[] = new Array(2 * S * R);
  const cs = new Float64Array(n);
  const tail = (idx: number): readonly Vertex[] | null => {
    let v = tails[idx];
    if (v === undefined) {
      for (let i = 0; i < n; i++) cs[i] = (sorted[i] as Pass).tail[idx] as number;
      v = polygon(lines, cs);
      tails[idx] = v;
    }
    return v;
  };
  // source polygon: the least whole-path value of each pass
  const whole = new Float64Array(n);
  for (let i = 0; i < n; i++) whole[i] = wholeOf(gr, fg, floor, pen, sorted[i] as Pass).value;
  const source = polygon(lines, whole) ?? [];
  let sourceFixedUsd = 0;
  let tailFixedUsd: Float64Array = new Float64Array(2 * S * R);
  if (fPass !== null) {
    tailFixedUsd = fPass.tail;
    sourceFixedUsd = Infinity;
    for (let r = 0; r < R; r++) {
      const t = fPass.tail[startState(fg, floor, r) * S * R + r] as number;
      if (t !== Infinity) sourceFixedUsd = Math.min(sourceFixedUsd, t + (fg.costFixed[r] as number));
    }
  }
  return { capSec, floorSec: floor, penalties: pen, tail, tailFixedUsd, source, sourceFixedUsd, paths, passes };
}
