/**
 * NSFNET: the 14-node, 21-fibre topology used throughout the RSA literature.
 *
 * Adjacency: the classic NSFNET T1 graph (nodes 1–14). Lengths: the values of
 * the NSFNET file shipped with DeepRMSA (X. Chen et al., "DeepRMSA: A Deep
 * Reinforcement Learning Framework for Routing, Modulation and Spectrum
 * Assignment in Elastic Optical Networks", JLT 2019, doi:10.1109/JLT.2019.2923615),
 * as redistributed in optical-rl-gym `examples/topologies/nsfnet_chen.txt`.
 * That file has 22 links: it adds 7–10 (1350 km) to the classic 21, and we
 * leave that one out. Many papers use twice these lengths (1–2 = 2100 km …);
 * {@link nsfnet}'s `lengthScale` gives that variant. See docs/cba.md.
 */
import { buildNetwork, type Datacenter, type OpticalNetwork } from "./network.js";

/** NSFNET node ids "1" … "14". */
export const NSFNET_NODES: readonly string[] = Array.from({ length: 14 }, (_, i) => String(i + 1));

/** The 21 NSFNET fibres as `[a, b, lengthKm]` (DeepRMSA lengths, see file header). */
export const NSFNET_FIBRES: ReadonlyArray<readonly [string, string, number]> = [
  ["1", "2", 1050], ["1", "3", 1500], ["1", "8", 2400], ["2", "3", 600],
  ["2", "4", 750], ["3", "6", 1800], ["4", "5", 600], ["4", "11", 1950],
  ["5", "6", 1200], ["5", "7", 600], ["6", "10", 1050], ["6", "14", 1800],
  ["7", "8", 750], ["8", "9", 750], ["9", "10", 750], ["9", "12", 300],
  ["9", "13", 300], ["11", "12", 600], ["11", "13", 750], ["12", "14", 300],
  ["13", "14", 150],
];

/**
 * Stated assumption (the CBA abstract does not say): six datacenters spread
 * over the map, 32 GPUs each.
 */
export const NSFNET_DATACENTERS: readonly Datacenter[] = [
  { id: "dc2", node: "2", gpus: 32 },
  { id: "dc5", node: "5", gpus: 32 },
  { id: "dc6", node: "6", gpus: 32 },
  { id: "dc8", node: "8", gpus: 32 },
  { id: "dc10", node: "10", gpus: 32 },
  { id: "dc13", node: "13", gpus: 32 },
];

/** Options of {@link nsfnet}. */
export interface NsfnetOptions {
  /** Datacenters; default {@link NSFNET_DATACENTERS}. */
  readonly datacenters?: readonly Datacenter[];
  /** Multiplies every fibre length; default 1 (2 gives the "2100 km" variant). */
  readonly lengthScale?: number;
  /** Slots per fibre; default 80. */
  readonly slotsPerFibre?: number;
}

/** Defaults of {@link nsfnet}. */
export const DEFAULT_NSFNET_OPTIONS: Required<NsfnetOptions> = {
  datacenters: NSFNET_DATACENTERS,
  lengthScale: 1,
  slotsPerFibre: 80,
};

/** Build NSFNET; throws only when `options` are invalid (a programming error), naming the field. */
export function nsfnet(options: NsfnetOptions = {}): OpticalNetwork {
  const o = { ...DEFAULT_NSFNET_OPTIONS, ...options };
  const built = buildNetwork({
    name: "NSFNET",
    nodes: NSFNET_NODES,
    fibres: NSFNET_FIBRES.map(([a, b, km]) => [a, b, km * o.lengthScale] as const),
    datacenters: o.datacenters,
    slotsPerFibre: o.slotsPerFibre,
  });
  if (built.status === "invalid") throw new RangeError(`nsfnet(options): ${built.issues.join("; ")}`);
  return built.network;
}
