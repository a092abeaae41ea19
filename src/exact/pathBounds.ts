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
import type { PathArc, PathGraph } from "./pathGraph.js";

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

/** No penalties for `gr`. */
export function zeroPenalties(gr: PathGraph): Penalties {
  return { regionSec: new Float64Array(gr.regions), linkSecPerGbps: new Float64Array(gr.linkKeys.length), offsetSec: 0 };
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
  /** The penalties the z-sums include. */
  readonly penalties: Penalties;
  /** Polygon vertices after node (k, r), index `k·R + r`, z ascending; null when the node has no completion under the cap. */
  readonly tail: readonly (readonly Vertex[] | null)[];
  /** Least f of a completion after node (k, r), index `k·R + r`. */
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

function nodeFits(gr: PathGraph, k: number, r: number, capSec: number): boolean {
  if (!(gr.allowed[k] as boolean[])[r]) return false;
  return !(gr.overlap || k === gr.stages - 1) || ((gr.nodeTermSec[k] as number[])[r] as number) <= capSec;
}

/** Node weight `a·(t + ν_r) + b·ρ_r + c·φ`. */
function nodeWeight(gr: PathGraph, pen: Penalties, k: number, r: number, a: number, b: number, c: number): number {
  const t = ((gr.computeSec[k] as number[])[r] as number) + (pen.regionSec[r] as number);
  return a * t + b * (gr.costRate[r] as number) + c * ((gr.costFixed[k] as number[])[r] as number);
}

/** Penalised hop time of `e`. */
function arcZ(e: PathArc, pen: Penalties): number {
  return e.link >= 0 ? e.hopSec + (pen.linkSecPerGbps[e.link] as number) * e.grantGbps : e.hopSec;
}

interface Pass {
  readonly a: number;
  readonly b: number;
  /** Completion value after node, `k·R + r`. */
  readonly tail: Float64Array;
  /** Chosen arc index (in `out[k][r]`), `k·R + r`. */
  readonly next: Int32Array;
}

/** One backward pass with weights (a, b) on (z, p) and c on f. */
function backward(gr: PathGraph, cap: number, pen: Penalties, a: number, b: number, c: number): Pass {
  const S = gr.stages;
  const R = gr.regions;
  const tail = new Float64Array(S * R).fill(Infinity);
  const next = new Int32Array(S * R).fill(-1);
  const head = new Float64Array(R);
  for (let r = 0; r < R; r++) if (nodeFits(gr, S - 1, r, cap)) tail[(S - 1) * R + r] = 0;
  for (let k = S - 2; k >= 0; k--) {
    for (let q = 0; q < R; q++) {
      const t = tail[(k + 1) * R + q] as number;
      head[q] = t === Infinity ? Infinity : t + nodeWeight(gr, pen, k + 1, q, a, b, c);
    }
    const outs = gr.out[k] as PathArc[][];
    for (let r = 0; r < R; r++) {
      if (!nodeFits(gr, k, r, cap)) continue;
      const arcs = outs[r] as PathArc[];
      let best = Infinity;
      let arg = -1;
      for (let i = 0; i < arcs.length; i++) {
        const e = arcs[i] as PathArc;
        if (e.termSec > cap) continue;
        const h = head[e.to] as number;
        if (h === Infinity) continue;
        const v = h + a * arcZ(e, pen) + c * e.fixedUsd;
        if (v < best) {
          best = v;
          arg = i;
        }
      }
      tail[k * R + r] = best;
      next[k * R + r] = arg;
    }
  }
  return { a, b, tail, next };
}

/** The best whole path of a pass, with its sums; null when none fits. */
function sourcePath(gr: PathGraph, pen: Penalties, pass: Pass): SourcePath | null {
  const R = gr.regions;
  let best = Infinity;
  let r0 = -1;
  for (let r = 0; r < R; r++) {
    const t = pass.tail[r] as number;
    if (t === Infinity) continue;
    const v = t + nodeWeight(gr, pen, 0, r, pass.a, pass.b, 0);
    if (v < best) {
      best = v;
      r0 = r;
    }
  }
  if (r0 < 0) return null;
  const regions = [r0];
  const arcs: number[] = [];
  let z = nodeWeight(gr, pen, 0, r0, 1, 0, 0);
  let p = gr.costRate[r0] as number;
  let f = (gr.costFixed[0] as number[])[r0] as number;
  for (let k = 0; k + 1 < gr.stages; k++) {
    const r = regions[k] as number;
    const i = pass.next[k * R + r] as number;
    const e = ((gr.out[k] as PathArc[][])[r] as PathArc[])[i] as PathArc;
    arcs.push(i);
    regions.push(e.to);
    z += arcZ(e, pen) + nodeWeight(gr, pen, k + 1, e.to, 1, 0, 0);
    p += gr.costRate[e.to] as number;
    f += ((gr.costFixed[k + 1] as number[])[e.to] as number) + e.fixedUsd;
  }
  return { regions, arcs, z, p, f };
}

/** Lower-left vertices of `∩ {a_i z + b_i p ≥ c_i}` (lines sorted steep to flat, first (1,0), last (0,1)). */
function polygon(lines: readonly { a: number; b: number }[], c: (i: number) => number): Vertex[] | null {
  const zMin = c(0);
  const pMin = c(lines.length - 1);
  if (!Number.isFinite(zMin) || !Number.isFinite(pMin)) return null;
  // upper envelope of p_i(z) = (c_i − a_i z)/b_i over z ≥ zMin, lines of slope −a/b ascending
  const env: { s: number; q: number }[] = [];
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i] as { a: number; b: number };
    const s = -l.a / l.b;
    const q = c(i) / l.b;
    const last = env[env.length - 1];
    if (last !== undefined && Math.abs(last.s - s) <= 1e-15 * Math.max(1, Math.abs(s))) {
      if (q <= last.q) continue;
      env.pop();
    }
    while (env.length >= 2) {
      const l1 = env[env.length - 2] as { s: number; q: number };
      const l2 = env[env.length - 1] as { s: number; q: number };
      // l2 is useless if l1 and the new line meet at or above l2
      if ((q - l1.q) * (l2.s - l1.s) >= (l2.q - l1.q) * (s - l1.s)) env.pop();
      else break;
    }
    env.push({ s, q });
  }
  const at = (l: { s: number; q: number }, z: number): number => l.q + l.s * z;
  let j = 0;
  // first envelope line active at zMin
  while (j + 1 < env.length) {
    const l1 = env[j] as { s: number; q: number };
    const l2 = env[j + 1] as { s: number; q: number };
    if (at(l2, zMin) >= at(l1, zMin)) j++;
    else break;
  }
  const out: Vertex[] = [{ z: zMin, p: Math.max(pMin, at(env[j] as { s: number; q: number }, zMin)) }];
  for (; j + 1 < env.length; j++) {
    const l1 = env[j] as { s: number; q: number };
    const l2 = env[j + 1] as { s: number; q: number };
    const z = (l2.q - l1.q) / (l1.s - l2.s);
    if (!(z > (out[out.length - 1] as Vertex).z)) continue;
    out.push({ z, p: Math.max(pMin, at(l2, z)) });
  }
  return out;
}

/** Options of {@link completionBounds}. */
export interface BoundsOptions {
  /** Most weighted passes of the dichotomic search. Default 12. */
  readonly maxPasses?: number;
  /** Whether f needs its own pass (some φ ≠ 0). */
  readonly fixedCost: boolean;
}

/** The completion bounds of `gr` under cap `capSec` with penalties `pen`. */
export function completionBounds(gr: PathGraph, capSec: number, pen: Penalties, options: BoundsOptions): CompletionBounds {
  const S = gr.stages;
  const R = gr.regions;
  const maxPasses = options.maxPasses ?? 12;
  const zPass = backward(gr, capSec, pen, 1, 0, 0);
  const pPass = backward(gr, capSec, pen, 0, 1, 0);
  const paths: SourcePath[] = [];
  let passes = 2;
  const zStart = sourcePath(gr, pen, zPass);
  if (zStart === null) {
    return { capSec, penalties: pen, tail: new Array(S * R).fill(null), tailFixedUsd: new Float64Array(S * R).fill(Infinity), source: [], sourceFixedUsd: Infinity, paths, passes };
  }
  const pStart = sourcePath(gr, pen, pPass) as SourcePath;
  // lexicographic ends: min z then min p, min p then min z
  const eps = 1e-9;
  const zEnd = sourcePath(gr, pen, backward(gr, capSec, pen, 1, (eps * Math.max(zStart.z, 1e-300)) / Math.max(pStart.p, 1e-300), 0)) as SourcePath;
  const pEnd = sourcePath(gr, pen, backward(gr, capSec, pen, (eps * Math.max(pStart.p, 1e-300)) / Math.max(zStart.z, 1e-300), 1, 0)) as SourcePath;
  passes += 2;
  paths.push(zEnd, pEnd);
  const weighted: Pass[] = [];
  const queue: [SourcePath, SourcePath][] = [[zEnd, pEnd]];
  while (queue.length > 0 && weighted.length < maxPasses) {
    const [A, B] = queue.shift() as [SourcePath, SourcePath];
    const a = A.p - B.p;
    const b = B.z - A.z;
    if (!(a > 0 && b > 0)) continue;
    const scale = Math.max(a * A.z, b * A.p, 1e-300);
    const pass = backward(gr, capSec, pen, a / scale, b / scale, 0);
    passes++;
    weighted.push(pass);
    const C = sourcePath(gr, pen, pass) as SourcePath;
    const vC = (a * C.z + b * C.p) / scale;
    const vA = (a * A.z + b * A.p) / scale;
    if (vC < vA - 1e-12 * Math.abs(vA)) {
      paths.push(C);
      queue.push([A, C], [C, B]);
    }
  }
  const fPass = options.fixedCost ? backward(gr, capSec, pen, 0, 0, 1) : null;
  if (fPass !== null) passes++;
  const lines = [zPass, ...weighted.sort((x, y) => y.a / y.b - x.a / x.b), pPass];
  const tail: (Vertex[] | null)[] = new Array(S * R).fill(null);
  for (let idx = 0; idx < S * R; idx++) tail[idx] = polygon(lines, (i) => (lines[i] as Pass).tail[idx] as number);
  // source polygon: the least whole-path value of each pass
  const whole = lines.map((l) => {
    let best = Infinity;
    for (let r = 0; r < R; r++) {
      const t = l.tail[r] as number;
      if (t !== Infinity) best = Math.min(best, t + nodeWeight(gr, pen, 0, r, l.a, l.b, 0));
    }
    return best;
  });
  const source = polygon(lines, (i) => whole[i] as number) ?? [];
  let sourceFixedUsd = 0;
  let tailFixedUsd: Float64Array = new Float64Array(S * R);
  if (fPass !== null) {
    tailFixedUsd = fPass.tail;
    sourceFixedUsd = Infinity;
    for (let r = 0; r < R; r++) {
      const t = fPass.tail[r] as number;
      if (t !== Infinity) sourceFixedUsd = Math.min(sourceFixedUsd, t + ((gr.costFixed[0] as number[])[r] as number));
    }
  }
  return { capSec, penalties: pen, tail, tailFixedUsd, source, sourceFixedUsd, paths, passes };
}
