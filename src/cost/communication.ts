/**
 * Communication side of the cost model (DESIGN §2): the activation passed
 * between stages, which channel a hop uses, how long it takes, and the
 * bandwidth it needs so that it does not stall the pipeline.
 */
import { DEFAULT_GPUS_PER_NODE, type Link, type Region, type Topology } from "../model/types.js";
import { fail, ok, type CostResult } from "./errors.js";

/** Bytes per bf16 value. */
export const BF16_BYTES = 2;

/** Bytes of the activation (or its gradient) passed between two stages per micro-batch: `A = b·s·h·2`. */
export function activationBytes(microBatchSize: number, seqLength: number, hiddenSize: number): number {
  return microBatchSize * seqLength * hiddenSize * BF16_BYTES;
}

/**
 * Seconds one hop adds per micro-batch: `c = 2·(latencyMs/1000 + A·8 / (bandwidthGbps·10⁹))`,
 * the activation forward plus its gradient backward, each paying latency and
 * serialisation once. Pass a bandwidth share instead of the link capacity to
 * time a hop on a shared link.
 */
export function hopSec(activationBytesPerMicroBatch: number, latencyMs: number, bandwidthGbps: number): number {
  return 2 * (latencyMs / 1000 + (activationBytesPerMicroBatch * 8) / (bandwidthGbps * 1e9));
}

/**
 * Bandwidth in Gbit/s a hop needs in each direction so that its transfers
 * keep pace with the sending stage: in 1F1B steady state the stage runs one
 * forward and one backward pass per micro-batch (`t_f + t_b` seconds) and
 * sends one activation forward and receives one gradient back in that time,
 * so each direction carries `A·8` bits per `t_f + t_b`:
 * `D = A·8 / (t_f + t_b) / 10⁹` (docs/model.md, "Bandwidth demand").
 */
export function demandGbps(activationBytesPerMicroBatch: number, senderComputeSec: number): number {
  return (activationBytesPerMicroBatch * 8) / senderComputeSec / 1e9;
}

/** Seconds to serialise one activation (or gradient) at `bandwidthGbps`: `A·8 / (B·10⁹)`. */
export function serialisationSec(activationBytesPerMicroBatch: number, bandwidthGbps: number): number {
  return (activationBytesPerMicroBatch * 8) / (bandwidthGbps * 1e9);
}

/** Nodes a stage of `gpusPerStage` GPUs spans in a region of `gpusPerNode` GPUs per node: `⌈g / gpusPerNode⌉`. */
export function nodesOfStage(gpusPerStage: number, gpusPerNode: number = DEFAULT_GPUS_PER_NODE): number {
  return Math.max(1, Math.ceil(gpusPerStage / gpusPerNode));
}

/**
 * Node pairs a cross-region hop between two stages of `gpusPerStage` GPUs
 * uses: each sending node streams to one receiving node, so the smaller of
 * the two stages' node counts.
 */
export function nodePairsOfHop(gpusPerStage: number, from: Region, to: Region): number {
  return Math.min(nodesOfStage(gpusPerStage, from.gpusPerNode), nodesOfStage(gpusPerStage, to.gpusPerNode));
}

/**
 * Most Gbit/s one cross-region hop can use on `link` (each direction): its
 * node pairs times the link's per-node-pair throughput, and never more than
 * the link's aggregate capacity. A link without `perNodePairGbps` lets one
 * hop use all of `bandwidthGbps` (docs/model.md, "Links").
 */
export function hopCapGbps(link: Link, gpusPerStage: number, from: Region, to: Region): number {
  const perPair = link.perNodePairGbps;
  if (perPair === undefined) return link.bandwidthGbps;
  return Math.min(nodePairsOfHop(gpusPerStage, from, to) * perPair, link.bandwidthGbps);
}

/** Whether a hop given `shareGbps` of bandwidth keeps up with its demand (`share ≥ demand`). */
export function isBandwidthFeasible(shareGbps: number, demandGbpsOfHop: number): boolean {
  return shareGbps >= demandGbpsOfHop;
}

/** The channel a hop uses: inside one region, or over an undirected inter-region link. */
export type Channel =
  | {
      readonly kind: "intra";
      /** The region both stages are in. */
      readonly regionId: string;
      /** `intraBandwidthGbps` of the region. */
      readonly bandwidthGbps: number;
      /** `intraLatencyMs` of the region. */
      readonly latencyMs: number;
    }
  | {
      readonly kind: "inter";
      /** The topology's link (its `a`/`b` order may be the reverse of the hop's). */
      readonly link: Link;
      /** {@link linkKey} of the link. */
      readonly key: string;
      /** `link.bandwidthGbps` (each direction). */
      readonly bandwidthGbps: number;
      /** `link.latencyMs` (one way). */
      readonly latencyMs: number;
    };

/** Key of an undirected link: the two region ids sorted, joined by `" <-> "`; the same for either order. */
export function linkKey(regionA: string, regionB: string): string {
  return regionA <= regionB ? `${regionA} <-> ${regionB}` : `${regionB} <-> ${regionA}`;
}

/** Regions and links of a topology by id and by {@link linkKey}; the first of duplicate entries wins. */
export interface TopologyIndex {
  /** Regions by id. */
  readonly regions: ReadonlyMap<string, Region>;
  /** Links by {@link linkKey}. */
  readonly links: ReadonlyMap<string, Link>;
}

const indexCache = new WeakMap<Topology, TopologyIndex>();

/** Index of a topology, built once per topology object (topologies are read-only data). */
export function indexTopology(topology: Topology): TopologyIndex {
  const cached = indexCache.get(topology);
  if (cached !== undefined) return cached;
  const regions = new Map<string, Region>();
  for (const r of topology.regions) if (!regions.has(r.id)) regions.set(r.id, r);
  const links = new Map<string, Link>();
  for (const l of topology.links) {
    const key = linkKey(l.a, l.b);
    if (!links.has(key)) links.set(key, l);
  }
  const index: TopologyIndex = { regions, links };
  indexCache.set(topology, index);
  return index;
}

/**
 * The channel between two regions: the region's own intra-region figures when
 * `from === to`, else the link `{from, to}` in either order. An unknown region
 * or a missing link is an error value naming the pair. `stage` (0-based index
 * of the sending stage) only goes into the error; default -1.
 */
export function resolveChannel(topology: Topology, from: string, to: string, stage = -1): CostResult<Channel> {
  const index = indexTopology(topology);
  for (const id of [from, to]) {
    if (!index.regions.has(id)) {
      return fail({
        kind: "unknown_region",
        stage,
        regionId: id,
        message: `region "${id}" is not in topology "${topology.name}"; use one of: ${[...index.regions.keys()].join(", ")}`,
      });
    }
  }
  if (from === to) {
    const region = index.regions.get(from) as Region;
    return ok({
      kind: "intra",
      regionId: from,
      bandwidthGbps: region.intraBandwidthGbps,
      latencyMs: region.intraLatencyMs,
    });
  }
  const key = linkKey(from, to);
  const link = index.links.get(key);
  if (link === undefined) {
    const where = stage >= 0 ? ` (hop path[${stage}] -> path[${stage + 1}])` : "";
    return fail({
      kind: "no_link",
      stage,
      from,
      to,
      message: `no link between "${from}" and "${to}"${where} in topology "${topology.name}"; add { a: "${from}", b: "${to}" } to topology.links or choose a path whose consecutive regions are linked`,
    });
  }
  return ok({ kind: "inter", link, key, bandwidthGbps: link.bandwidthGbps, latencyMs: link.latencyMs });
}
