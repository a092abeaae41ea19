/**
 * The region graph of a topology as a graphology `UndirectedGraph` (nodes are
 * region ids, edges the inter-region links keyed by `linkKey`), and the
 * simple region sequences a pipeline may run along. Built once per topology
 * object; the enumeration order is deterministic and independent of the
 * file's order: fewer regions first, then by region id (sources, then
 * neighbours; `compareIds`).
 */
import { UndirectedGraph } from "graphology";
import { linkKey } from "../cost/index.js";
import { compareIds } from "../model/order.js";
import type { Topology } from "../model/types.js";

/** Attributes of an edge of the region graph. */
export interface RegionEdge {
  /** Capacity in each direction, Gbit/s. */
  readonly bandwidthGbps: number;
  /** One-way latency, ms. */
  readonly latencyMs: number;
}

const graphs = new WeakMap<Topology, UndirectedGraph<Record<string, never>, RegionEdge>>();

/** The topology as an undirected graphology graph; memoised per topology object. Do not mutate it. */
export function regionGraph(topology: Topology): UndirectedGraph<Record<string, never>, RegionEdge> {
  const hit = graphs.get(topology);
  if (hit !== undefined) return hit;
  const graph = new UndirectedGraph<Record<string, never>, RegionEdge>();
  for (const r of topology.regions) graph.mergeNode(r.id);
  for (const l of topology.links) {
    const key = linkKey(l.a, l.b);
    if (l.a === l.b || graph.hasEdge(key) || !graph.hasNode(l.a) || !graph.hasNode(l.b)) continue;
    graph.addUndirectedEdgeWithKey(key, l.a, l.b, { bandwidthGbps: l.bandwidthGbps, latencyMs: l.latencyMs });
  }
  graphs.set(topology, graph);
  return graph;
}

const sequences = new WeakMap<Topology, Map<number, readonly (readonly string[])[]>>();

/**
 * Every simple path of 1 … `maxRegions` regions in the region graph (each
 * direction separately: [a, b] and [b, a] are both listed), in the
 * deterministic order described above. Memoised per (topology, maxRegions).
 */
export function regionSequences(topology: Topology, maxRegions: number): readonly (readonly string[])[] {
  let byMax = sequences.get(topology);
  if (byMax === undefined) sequences.set(topology, (byMax = new Map()));
  const hit = byMax.get(maxRegions);
  if (hit !== undefined) return hit;
  const graph = regionGraph(topology);
  const neighbours = new Map<string, string[]>();
  graph.forEachNode((node) => neighbours.set(node, [...graph.neighbors(node)].sort(compareIds)));
  const byLength: string[][][] = Array.from({ length: Math.max(maxRegions, 0) }, () => []);
  const walk = (path: string[]): void => {
    byLength[path.length - 1]?.push([...path]);
    if (path.length >= maxRegions) return;
    for (const next of neighbours.get(path[path.length - 1] as string) ?? []) {
      if (path.includes(next)) continue;
      path.push(next);
      walk(path);
      path.pop();
    }
  };
  for (const r of [...graph.nodes()].sort(compareIds)) walk([r]);
  const all = byLength.flat();
  byMax.set(maxRegions, all);
  return all;
}
