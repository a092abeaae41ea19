/**
 * The indexed, immutable view of a topology that the simulator and the
 * policies share: regions and links numbered once, a region × region table
 * of link indices, each region's linked neighbours in id order, and the
 * capacities as typed arrays, so hot loops index arrays instead of hashing
 * ids and link keys. Built once per topology object (topologies are
 * read-only data) and handed down; {@link indexTopology} stays the by-key
 * index it is built from, so both agree on which entry of a duplicate wins.
 *
 * Region and link numbers follow {@link indexTopology}'s order (the file's
 * order, first of duplicates), so maps keyed by id or link key iterate in
 * the same order as before; `byId` gives the regions in id order
 * (`compareIds`) for every enumeration a result may depend on.
 */
import { compareIds } from "../model/order.js";
import type { Link, Region, Topology } from "../model/types.js";
import { indexTopology, linkKey } from "./communication.js";

/** A topology with its regions and links numbered (see the module comment). */
export interface TopologyView {
  /** The topology indexed. */
  readonly topology: Topology;
  /** Region ids by region number. */
  readonly regionIds: readonly string[];
  /** Regions by region number. */
  readonly regions: readonly Region[];
  /** Region number by id. */
  readonly regionIndex: ReadonlyMap<string, number>;
  /** Region numbers in id order. */
  readonly byId: Int32Array;
  /** GPUs of each region, by region number. */
  readonly gpus: Float64Array;
  /** Link keys (`linkKey`) by link number. */
  readonly linkKeys: readonly string[];
  /** Links by link number. */
  readonly links: readonly Link[];
  /** Link number by key. */
  readonly linkIndex: ReadonlyMap<string, number>;
  /** Aggregate capacity of each link, Gbit/s, by link number. */
  readonly capacityGbps: Float64Array;
  /** `linkBetween[a · R + b]`: number of the link between regions a ≠ b, or −1 (also on the diagonal). */
  readonly linkBetween: Int32Array;
  /** Each region's linked neighbours (distinct known regions), in id order. */
  readonly neighbours: readonly Int32Array[];
}

const views = new WeakMap<Topology, TopologyView>();

/** The {@link TopologyView} of `topology`, built once per topology object. */
export function topologyView(topology: Topology): TopologyView {
  const hit = views.get(topology);
  if (hit !== undefined) return hit;
  const index = indexTopology(topology);
  const regions = [...index.regions.values()];
  const regionIds = regions.map((r) => r.id);
  const regionIndex = new Map(regionIds.map((id, i) => [id, i] as const));
  const R = regions.length;
  const byId = Int32Array.from(regionIds.map((_, i) => i).sort((a, b) => compareIds(regionIds[a] as string, regionIds[b] as string)));
  const linkKeys = [...index.links.keys()];
  const links = [...index.links.values()];
  const linkBetween = new Int32Array(R * R).fill(-1);
  links.forEach((l, n) => {
    const a = regionIndex.get(l.a);
    const b = regionIndex.get(l.b);
    if (a === undefined || b === undefined || a === b) return;
    linkBetween[a * R + b] = n;
    linkBetween[b * R + a] = n;
  });
  const rank = new Int32Array(R);
  byId.forEach((r, k) => (rank[r] = k));
  const neighbours = regions.map((_, a) => {
    const out: number[] = [];
    for (let b = 0; b < R; b++) if ((linkBetween[a * R + b] as number) >= 0) out.push(b);
    return Int32Array.from(out.sort((x, y) => (rank[x] as number) - (rank[y] as number)));
  });
  const view: TopologyView = {
    topology,
    regionIds,
    regions,
    regionIndex,
    byId,
    gpus: Float64Array.from(regions.map((r) => r.gpus)),
    linkKeys,
    links,
    linkIndex: new Map(linkKeys.map((k, n) => [k, n] as const)),
    capacityGbps: Float64Array.from(links.map((l) => l.bandwidthGbps)),
    linkBetween,
    neighbours,
  };
  views.set(topology, view);
  return view;
}

/** Number of the link between region numbers `a` and `b` of `view`, or −1. */
export function linkNumber(view: TopologyView, a: number, b: number): number {
  return view.linkBetween[a * view.regions.length + b] as number;
}

/** {@link linkKey} of two region numbers. */
export function linkKeyOf(view: TopologyView, a: number, b: number): string {
  return linkKey(view.regionIds[a] as string, view.regionIds[b] as string);
}
