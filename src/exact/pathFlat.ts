/**
 * The {@link PathGraph} in flat typed arrays, for the engine's inner loops
 * (`pathBounds.ts`, `pathLabels.ts`): node numbers indexed `k·R + r`, and the
 * arcs of each node in one compressed row, in the order of `out[k][r]` (so an
 * arc's position in its row is its index in `out[k][r]`). Built once per
 * graph and cached; the graph itself stays the reference.
 */
import type { PathArc, PathGraph } from "./pathGraph.js";

/** Flat arrays of one graph. */
export interface FlatGraph {
  /** t_k(r), s, at `k·R + r`. */
  readonly computeSec: Float64Array;
  /** φ_{k,r}, USD, at `k·R + r`. */
  readonly costFixed: Float64Array;
  /** ρ_r. */
  readonly costRate: Float64Array;
  /** Whether node `k·R + r` exists (1) or not (0). */
  readonly allowed: Uint8Array;
  /** Node term bounding the cap, s (`-Infinity` for nodes whose term is carried by their arcs). */
  readonly nodeCapSec: Float64Array;
  /** First arc of node `k·R + r` (k < S−1); the row ends at the next node's first arc; rows sorted by term, ties by index. Length `(S−1)·R + 1`. */
  readonly arcStart: Int32Array;
  /** Index of each arc in `out[k][r]`. */
  readonly arcIndex: Int32Array;
  /** The inverse: `arcSlot[arcStart[k·R + r] + i]` is the position of `out[k][r][i]`. */
  readonly arcSlot: Int32Array;
  /** Receiving region of each arc. */
  readonly arcTo: Int32Array;
  /** c_k(a), s. */
  readonly arcHopSec: Float64Array;
  /** The arc's stage term, s. */
  readonly arcTermSec: Float64Array;
  /** Link index or −1. */
  readonly arcLink: Int32Array;
  /** Gbit/s reserved on the link. */
  readonly arcGrantGbps: Float64Array;
  /** Extra fixed cost of the hop, USD. */
  readonly arcFixedUsd: Float64Array;
  /** Largest arc term out of each node, s (−Infinity without arcs). */
  readonly maxArcTermSec: Float64Array;
}

const cache = new WeakMap<PathGraph, FlatGraph>();

/** The flat arrays of `gr` (cached per graph object). */
export function flatGraph(gr: PathGraph): FlatGraph {
  const hit = cache.get(gr);
  if (hit !== undefined) return hit;
  const S = gr.stages;
  const R = gr.regions;
  const computeSec = new Float64Array(S * R);
  const costFixed = new Float64Array(S * R);
  const allowed = new Uint8Array(S * R);
  const nodeCapSec = new Float64Array(S * R).fill(-Infinity);
  for (let k = 0; k < S; k++) {
    for (let r = 0; r < R; r++) {
      const i = k * R + r;
      computeSec[i] = (gr.computeSec[k] as number[])[r] as number;
      costFixed[i] = (gr.costFixed[k] as number[])[r] as number;
      allowed[i] = (gr.allowed[k] as boolean[])[r] ? 1 : 0;
      if (gr.overlap || k === S - 1) nodeCapSec[i] = (gr.nodeTermSec[k] as number[])[r] as number;
    }
  }
  let n = 0;
  for (const stage of gr.out) for (const arcs of stage) n += arcs.length;
  const arcStart = new Int32Array(Math.max(0, S - 1) * R + 1);
  const arcIndex = new Int32Array(n);
  const arcSlot = new Int32Array(n);
  const arcTo = new Int32Array(n);
  const arcHopSec = new Float64Array(n);
  const arcTermSec = new Float64Array(n);
  const arcLink = new Int32Array(n);
  const arcGrantGbps = new Float64Array(n);
  const arcFixedUsd = new Float64Array(n);
  const maxArcTermSec = new Float64Array(S * R).fill(-Infinity);
  let j = 0;
  for (let k = 0; k + 1 < S; k++) {
    for (let r = 0; r < R; r++) {
      arcStart[k * R + r] = j;
      const row = (gr.out[k] as PathArc[][])[r] as PathArc[];
      const order = row.map((_, i) => i).sort((x, y) => (row[x] as PathArc).termSec - (row[y] as PathArc).termSec || x - y);
      for (const i of order) {
        const e = row[i] as PathArc;
        arcIndex[j] = i;
        arcSlot[(arcStart[k * R + r] as number) + i] = j;
        arcTo[j] = e.to;
        arcHopSec[j] = e.hopSec;
        arcTermSec[j] = e.termSec;
        arcLink[j] = e.link;
        arcGrantGbps[j] = e.grantGbps;
        arcFixedUsd[j] = e.fixedUsd;
        if (e.termSec > (maxArcTermSec[k * R + r] as number)) maxArcTermSec[k * R + r] = e.termSec;
        j++;
      }
    }
  }
  arcStart[Math.max(0, S - 1) * R] = j;
  const flat: FlatGraph = { computeSec, costFixed, costRate: Float64Array.from(gr.costRate), allowed, nodeCapSec, arcStart, arcIndex, arcSlot, arcTo, arcHopSec, arcTermSec, arcLink, arcGrantGbps, arcFixedUsd, maxArcTermSec };
  cache.set(gr, flat);
  return flat;
}
