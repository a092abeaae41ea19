/**
 * The optical network of CBA: nodes joined by fibres of known length, each
 * fibre carrying the same grid of frequency slots, with datacenters (GPU
 * pools) attached to some nodes. Built once and then read-only.
 */
import { UndirectedGraph } from "graphology";

/** A bidirectional fibre pair between two nodes; a slot reserved on it is reserved in both directions. */
export interface Fibre {
  /** Index into {@link OpticalNetwork.fibres}, also the spectrum row. */
  readonly id: number;
  /** One end (node id). */
  readonly a: string;
  /** The other end (node id). */
  readonly b: string;
  /** Fibre length in km. */
  readonly lengthKm: number;
}

/** A GPU pool at a network node. */
export interface Datacenter {
  /** Unique id, e.g. "dc5". */
  readonly id: string;
  /** Node the datacenter is attached to. */
  readonly node: string;
  /** GPUs available to training requests. */
  readonly gpus: number;
}

/** Attributes stored on every graph edge. */
export interface FibreAttributes {
  /** Id of the {@link Fibre} this edge stands for. */
  readonly fibreId: number;
  /** Length in km (the routing weight). */
  readonly lengthKm: number;
}

/** A read-only optical network. Do not mutate `graph`. */
export interface OpticalNetwork {
  /** Name, e.g. "NSFNET". */
  readonly name: string;
  /** Undirected graph, node keys are node ids, edge keys are fibre ids as strings. */
  readonly graph: UndirectedGraph<Record<string, never>, FibreAttributes>;
  /** Node ids in input order. */
  readonly nodes: readonly string[];
  /** Fibres by id. */
  readonly fibres: readonly Fibre[];
  /** Datacenters in input order (ties between equally near DCs go to the earlier one). */
  readonly datacenters: readonly Datacenter[];
  /** Frequency slots per fibre (80 by default). */
  readonly slotsPerFibre: number;
  /** Width of one slot in GHz (12.5 by default). */
  readonly slotWidthGhz: number;
}

/** Input of {@link buildNetwork}. */
export interface NetworkSpec {
  /** Network name. */
  readonly name: string;
  /** Node ids. */
  readonly nodes: readonly string[];
  /** Fibres as `[a, b, lengthKm]`. */
  readonly fibres: ReadonlyArray<readonly [a: string, b: string, lengthKm: number]>;
  /** Datacenters. */
  readonly datacenters: readonly Datacenter[];
  /** Slots per fibre; default {@link DEFAULT_SLOTS_PER_FIBRE}. */
  readonly slotsPerFibre?: number;
  /** Slot width in GHz; default {@link DEFAULT_SLOT_WIDTH_GHZ}. */
  readonly slotWidthGhz?: number;
}

/** Default number of frequency slots on a fibre. */
export const DEFAULT_SLOTS_PER_FIBRE = 80;
/** Default width of a frequency slot, GHz. */
export const DEFAULT_SLOT_WIDTH_GHZ = 12.5;

/** Outcome of {@link buildNetwork}: the network, or every problem found, each naming its field path. */
export type BuildNetworkResult =
  | { readonly status: "ok"; readonly network: OpticalNetwork }
  | { readonly status: "invalid"; readonly issues: readonly string[] };

/** Validate a spec and build the network; never throws on bad input. */
export function buildNetwork(spec: NetworkSpec): BuildNetworkResult {
  const issues: string[] = [];
  const slotsPerFibre = spec.slotsPerFibre ?? DEFAULT_SLOTS_PER_FIBRE;
  const slotWidthGhz = spec.slotWidthGhz ?? DEFAULT_SLOT_WIDTH_GHZ;
  if (!Number.isInteger(slotsPerFibre) || slotsPerFibre < 1) {
    issues.push(`slotsPerFibre: must be a positive integer, got ${slotsPerFibre}`);
  }
  if (!(slotWidthGhz > 0)) issues.push(`slotWidthGhz: must be > 0, got ${slotWidthGhz}`);
  const graph = new UndirectedGraph<Record<string, never>, FibreAttributes>();
  spec.nodes.forEach((node, i) => {
    if (graph.hasNode(node)) issues.push(`nodes[${i}]: duplicate node id "${node}"; give each node a unique id`);
    else graph.addNode(node, {});
  });
  const fibres: Fibre[] = [];
  spec.fibres.forEach(([a, b, lengthKm], i) => {
    const where = `fibres[${i}]`;
    if (!graph.hasNode(a) || !graph.hasNode(b)) {
      issues.push(`${where}: unknown node "${graph.hasNode(a) ? b : a}"; list it in nodes`);
      return;
    }
    if (a === b) return void issues.push(`${where}: a fibre must join two different nodes, got "${a}" twice`);
    if (!(lengthKm > 0) || !Number.isFinite(lengthKm)) {
      return void issues.push(`${where}: lengthKm must be a finite number > 0, got ${lengthKm}`);
    }
    if (graph.hasEdge(a, b)) return void issues.push(`${where}: a second fibre between "${a}" and "${b}"; keep one`);
    const id = fibres.length;
    fibres.push({ id, a, b, lengthKm });
    graph.addEdgeWithKey(String(id), a, b, { fibreId: id, lengthKm });
  });
  const dcIds = new Set<string>();
  spec.datacenters.forEach((dc, i) => {
    if (dcIds.has(dc.id)) issues.push(`datacenters[${i}].id: duplicate "${dc.id}"`);
    dcIds.add(dc.id);
    if (!graph.hasNode(dc.node)) issues.push(`datacenters[${i}].node: unknown node "${dc.node}"`);
    if (spec.datacenters.findIndex((other) => other.node === dc.node) !== i) {
      issues.push(`datacenters[${i}].node: node "${dc.node}" already hosts a datacenter; merge them into one`);
    }
    if (!Number.isInteger(dc.gpus) || dc.gpus < 0) {
      issues.push(`datacenters[${i}].gpus: must be an integer ≥ 0, got ${dc.gpus}`);
    }
  });
  if (issues.length > 0) return { status: "invalid", issues };
  return {
    status: "ok",
    network: {
      name: spec.name,
      graph,
      nodes: [...spec.nodes],
      fibres,
      datacenters: spec.datacenters.map((dc) => ({ ...dc })),
      slotsPerFibre,
      slotWidthGhz,
    },
  };
}

/** The fibre joining `a` and `b` (either order), or `null` when they are not adjacent. */
export function fibreBetween(network: OpticalNetwork, a: string, b: string): Fibre | null {
  if (!network.graph.hasNode(a) || !network.graph.hasNode(b)) return null;
  const key = network.graph.edge(a, b);
  return key === undefined ? null : (network.fibres[Number(key)] ?? null);
}

/** The datacenter with id `id`, or `null`. */
export function datacenterById(network: OpticalNetwork, id: string): Datacenter | null {
  return network.datacenters.find((dc) => dc.id === id) ?? null;
}
