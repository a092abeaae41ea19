/**
 * k shortest loop-free paths by length (Yen's algorithm over Dijkstra), cached
 * per network. Ties are broken by the node sequence so results are stable.
 */
import type { OpticalNetwork } from "./network.js";

/** A loop-free route through the fibre graph. */
export interface RoutePath {
  /** Nodes from source to target. */
  readonly nodes: readonly string[];
  /** Fibre ids along the path, `nodes.length − 1` of them. */
  readonly fibreIds: readonly number[];
  /** Sum of fibre lengths, km. */
  readonly lengthKm: number;
}

/** Default number of candidate paths. */
export const DEFAULT_K_PATHS = 3;

/** One-way propagation delay of fibre, µs per km. */
export const FIBRE_DELAY_US_PER_KM = 5;

/** Propagation latency of a path in ms (5 µs/km). */
export function pathLatencyMs(lengthKm: number): number {
  return (lengthKm * FIBRE_DELAY_US_PER_KM) / 1000;
}

interface Adjacent {
  readonly node: string;
  readonly fibreId: number;
  readonly lengthKm: number;
}

const adjacencyCache = new WeakMap<OpticalNetwork, ReadonlyMap<string, readonly Adjacent[]>>();
const pathCache = new WeakMap<OpticalNetwork, Map<string, readonly RoutePath[]>>();

function adjacency(network: OpticalNetwork): ReadonlyMap<string, readonly Adjacent[]> {
  let adj = adjacencyCache.get(network);
  if (adj === undefined) {
    const m = new Map<string, Adjacent[]>(network.nodes.map((n) => [n, []]));
    for (const f of network.fibres) {
      m.get(f.a)?.push({ node: f.b, fibreId: f.id, lengthKm: f.lengthKm });
      m.get(f.b)?.push({ node: f.a, fibreId: f.id, lengthKm: f.lengthKm });
    }
    adj = m;
    adjacencyCache.set(network, adj);
  }
  return adj;
}

/** Order of paths: shorter first, then by node sequence. */
function comparePaths(p: RoutePath, q: RoutePath): number {
  if (p.lengthKm !== q.lengthKm) return p.lengthKm - q.lengthKm;
  return p.nodes.join(",") < q.nodes.join(",") ? -1 : p.nodes.join(",") > q.nodes.join(",") ? 1 : 0;
}

/** Dijkstra avoiding banned nodes and fibres; `null` when target is unreachable. */
function dijkstra(
  adj: ReadonlyMap<string, readonly Adjacent[]>,
  source: string,
  target: string,
  bannedNodes: ReadonlySet<string>,
  bannedFibres: ReadonlySet<number>,
): RoutePath | null {
  const dist = new Map<string, number>([[source, 0]]);
  const prev = new Map<string, { node: string; fibreId: number }>();
  const done = new Set<string>();
  for (;;) {
    let u: string | null = null;
    let best = Infinity;
    for (const [n, d] of dist) {
      if (!done.has(n) && (d < best || (d === best && u !== null && n < u))) {
        u = n;
        best = d;
      }
    }
    if (u === null) return null;
    if (u === target) break;
    done.add(u);
    for (const e of adj.get(u) ?? []) {
      if (bannedNodes.has(e.node) || bannedFibres.has(e.fibreId) || done.has(e.node)) continue;
      const nd = best + e.lengthKm;
      if (nd < (dist.get(e.node) ?? Infinity)) {
        dist.set(e.node, nd);
        prev.set(e.node, { node: u, fibreId: e.fibreId });
      }
    }
  }
  const nodes = [target];
  const fibreIds: number[] = [];
  let cur = target;
  while (cur !== source) {
    const p = prev.get(cur);
    if (p === undefined) return null;
    fibreIds.push(p.fibreId);
    nodes.push(p.node);
    cur = p.node;
  }
  return { nodes: nodes.reverse(), fibreIds: fibreIds.reverse(), lengthKm: dist.get(target) ?? Infinity };
}

function fibreLength(network: OpticalNetwork, ids: readonly number[]): number {
  return ids.reduce((s, id) => s + (network.fibres[id]?.lengthKm ?? Infinity), 0);
}

/** Yen's algorithm, uncached. */
function yen(network: OpticalNetwork, source: string, target: string, k: number): RoutePath[] {
  const adj = adjacency(network);
  const first = dijkstra(adj, source, target, new Set(), new Set());
  if (first === null) return [];
  const found: RoutePath[] = [first];
  const candidates: RoutePath[] = [];
  const seen = new Set<string>([first.nodes.join(",")]);
  while (found.length < k) {
    const last = found[found.length - 1] as RoutePath;
    for (let i = 0; i < last.nodes.length - 1; i++) {
      const spur = last.nodes[i] as string;
      const rootNodes = last.nodes.slice(0, i + 1);
      const rootFibres = last.fibreIds.slice(0, i);
      const bannedFibres = new Set<number>();
      for (const p of found) {
        if (p.nodes.length > i + 1 && rootNodes.every((n, j) => p.nodes[j] === n)) {
          bannedFibres.add(p.fibreIds[i] as number);
        }
      }
      const bannedNodes = new Set(rootNodes.slice(0, -1));
      const spurPath = dijkstra(adj, spur, target, bannedNodes, bannedFibres);
      if (spurPath === null) continue;
      const nodes = [...rootNodes.slice(0, -1), ...spurPath.nodes];
      const key = nodes.join(",");
      if (seen.has(key)) continue;
      seen.add(key);
      const fibreIds = [...rootFibres, ...spurPath.fibreIds];
      candidates.push({ nodes, fibreIds, lengthKm: fibreLength(network, fibreIds) });
    }
    if (candidates.length === 0) break;
    candidates.sort(comparePaths);
    found.push(candidates.shift() as RoutePath);
  }
  return found;
}

/**
 * Up to `k` shortest loop-free paths from `source` to `target` by length,
 * shortest first (fewer when fewer exist; empty when unreachable or
 * `source === target`). Results are cached per network and (source, target, k).
 */
export function kShortestPaths(
  network: OpticalNetwork,
  source: string,
  target: string,
  k: number = DEFAULT_K_PATHS,
): readonly RoutePath[] {
  if (source === target || !network.graph.hasNode(source) || !network.graph.hasNode(target) || k < 1) return [];
  let cache = pathCache.get(network);
  if (cache === undefined) {
    cache = new Map();
    pathCache.set(network, cache);
  }
  const key = `${source}|${target}|${k}`;
  let paths = cache.get(key);
  if (paths === undefined) {
    paths = yen(network, source, target, k);
    cache.set(key, paths);
  }
  return paths;
}

/** Length of the shortest path between two nodes in km (0 for the same node, Infinity when unreachable). */
export function shortestDistanceKm(network: OpticalNetwork, a: string, b: string): number {
  if (a === b) return 0;
  return kShortestPaths(network, a, b, 1)[0]?.lengthKm ?? Infinity;
}
