/**
 * Links from the measured grid (docs/topologies.md, "Links"): per direction
 * the median of Skyplane's one-VM-pair received throughput; the link's
 * per-node-pair throughput is the smaller of the two directions; its
 * aggregate capacity is that times the node pairs the two regions can field,
 * min(⌈gpus_a / gpusPerNode_a⌉, ⌈gpus_b / gpusPerNode_b⌉); its one-way
 * latency is half the median RTT over the rows of both directions.
 */
import { DEFAULT_GPUS_PER_NODE, type Link } from "../types.js";
import type { MeasuredGrid } from "./grid.js";

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Rounds to `digits` decimals (and turns -0 into 0). */
export const roundDecimals = (x: number, digits: number): number => Number(x.toFixed(digits)) + 0;

/** Samples of a grid by direction. */
export interface GridIndex {
  /** Received throughput samples a→b, Gbit/s. */
  throughputGbps(a: string, b: string): readonly number[];
  /** RTT samples a→b, ms. */
  rttMs(a: string, b: string): readonly number[];
  /** Every region of the throughput grid, sorted. */
  readonly regions: readonly string[];
}

const indexes = new WeakMap<MeasuredGrid, GridIndex>();

/** An index of `grid`'s samples by direction (built once per grid). */
export function indexGrid(grid: MeasuredGrid): GridIndex {
  const hit = indexes.get(grid);
  if (hit !== undefined) return hit;
  const key = (a: string, b: string): string => `${a}\u0000${b}`;
  const tp = new Map(grid.throughputBps.map(([a, b, v]) => [key(a, b), v.map((x) => x / 1e9)] as const));
  const rtt = new Map(grid.rttMs.map(([a, b, v]) => [key(a, b), v] as const));
  const index: GridIndex = {
    throughputGbps: (a, b) => tp.get(key(a, b)) ?? [],
    rttMs: (a, b) => rtt.get(key(a, b)) ?? [],
    regions: [...new Set(grid.throughputBps.flatMap(([a, b]) => [a, b]))].sort(),
  };
  indexes.set(grid, index);
  return index;
}

/** One end of a link as the derivation needs it. */
export interface LinkEnd {
  /** Region id in the topology. */
  readonly id: string;
  /** Skyplane name. */
  readonly skyplane: string;
  /** GPUs of the region. */
  readonly gpus: number;
  /** GPUs per node; absent: {@link DEFAULT_GPUS_PER_NODE}. */
  readonly gpusPerNode?: number;
}

/** How one link's figures were derived. */
export interface LinkDerivation {
  readonly a: string;
  readonly b: string;
  /** Received throughput samples a→b and b→a, Gbit/s. */
  readonly abGbps: readonly number[];
  readonly baGbps: readonly number[];
  /** RTT samples a→b and b→a, ms. */
  readonly abRttMs: readonly number[];
  readonly baRttMs: readonly number[];
  /** Nodes of each end, ⌈gpus / gpusPerNode⌉. */
  readonly nodesA: number;
  readonly nodesB: number;
  /** Node pairs the two ends can field: min(nodesA, nodesB). */
  readonly nodePairs: number;
  readonly link: Link;
}

/** The link between two regions, or the reasons it cannot be derived (one line each). */
export function deriveLink(index: GridIndex, a: LinkEnd, b: LinkEnd): { ok: true; value: LinkDerivation } | { ok: false; missing: string[] } {
  const abGbps = index.throughputGbps(a.skyplane, b.skyplane);
  const baGbps = index.throughputGbps(b.skyplane, a.skyplane);
  const abRttMs = index.rttMs(a.skyplane, b.skyplane);
  const baRttMs = index.rttMs(b.skyplane, a.skyplane);
  const missing: string[] = [];
  if (abGbps.length === 0) missing.push(`no PREMIUM throughput measurement ${a.skyplane} → ${b.skyplane}`);
  if (baGbps.length === 0) missing.push(`no PREMIUM throughput measurement ${b.skyplane} → ${a.skyplane}`);
  if (abRttMs.length + baRttMs.length === 0) missing.push(`no PREMIUM latency measurement between ${a.skyplane} and ${b.skyplane}`);
  if (missing.length > 0) return { ok: false, missing };
  const nodes = (e: LinkEnd): number => Math.max(1, Math.ceil(e.gpus / (e.gpusPerNode ?? DEFAULT_GPUS_PER_NODE)));
  const [nodesA, nodesB] = [nodes(a), nodes(b)];
  const nodePairs = Math.min(nodesA, nodesB);
  const perNodePairGbps = roundDecimals(Math.min(median(abGbps), median(baGbps)), 3);
  return {
    ok: true,
    value: {
      a: a.id,
      b: b.id,
      abGbps,
      baGbps,
      abRttMs,
      baRttMs,
      nodesA,
      nodesB,
      nodePairs,
      link: {
        a: a.id,
        b: b.id,
        bandwidthGbps: roundDecimals(perNodePairGbps * nodePairs, 3),
        perNodePairGbps,
        latencyMs: roundDecimals(median([...abRttMs, ...baRttMs]) / 2, 3),
      },
    },
  };
}
