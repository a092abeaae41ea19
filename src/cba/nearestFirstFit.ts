/**
 * Baseline: nearest-DC stage placement with k-shortest-path first-fit RSA.
 *
 * Stage 0 goes to the DC nearest (shortest path, km) to the request's source
 * node that has g free GPUs; each next stage stays in the current DC while it
 * has g free GPUs (fill a DC before moving on), else moves to the DC nearest
 * to the current one that has. Each cross-DC transfer takes the first of its k
 * shortest paths on which first fit finds a block (KSP-FF). All-or-nothing.
 */
import type { AssignmentPolicy, ClusterView, Decision, TransferAssignment } from "./assignment.js";
import { MODULATION_TABLE, slotsFor, type ModulationFormat } from "./modulation.js";
import type { Datacenter, OpticalNetwork } from "./network.js";
import { DEFAULT_K_PATHS, kShortestPaths, shortestDistanceKm } from "./paths.js";
import type { TrainingRequest } from "./request.js";
import { firstFit, SpectrumOverlay } from "./spectrum.js";

/** Options of {@link nearestFirstFit}. */
export interface NearestFirstFitOptions {
  /** Candidate paths per transfer; default 3. */
  readonly k?: number;
  /** Guard-band slots per lightpath; default 1. */
  readonly guardSlots?: number;
  /** Modulation table; default {@link MODULATION_TABLE}. */
  readonly table?: readonly ModulationFormat[];
}

/** Defaults of {@link NearestFirstFitOptions}. */
export const DEFAULT_NEAREST_FIRST_FIT: Required<NearestFirstFitOptions> = {
  k: DEFAULT_K_PATHS,
  guardSlots: 1,
  table: MODULATION_TABLE,
};

/** DCs ordered by shortest-path distance from `node`, ties by input order. */
export function datacentersByDistance(network: OpticalNetwork, node: string): Datacenter[] {
  return network.datacenters
    .map((dc, i) => ({ dc, i, km: shortestDistanceKm(network, node, dc.node) }))
    .sort((x, y) => x.km - y.km || x.i - y.i)
    .map((x) => x.dc);
}

/** Stage → DC by the nearest-fill rule, or the first stage that found no DC. */
export function placeStagesNearest(
  view: ClusterView,
  request: TrainingRequest,
): { readonly stageDcs: string[] } | { readonly failedStage: number } {
  const free = new Map(view.freeGpus);
  const g = request.gpusPerStage;
  const stageDcs: string[] = [];
  let current: Datacenter | null = null;
  for (let k = 0; k < request.stageComputeMs.length; k++) {
    if (current === null || (free.get(current.id) ?? 0) < g) {
      const from: string = current === null ? request.sourceNode : current.node;
      current = datacentersByDistance(view.network, from).find((dc) => (free.get(dc.id) ?? 0) >= g) ?? null;
      if (current === null) return { failedStage: k };
    }
    free.set(current.id, (free.get(current.id) ?? 0) - g);
    stageDcs.push(current.id);
  }
  return { stageDcs };
}

/** The nearest-first-fit policy with the given options. */
export function nearestFirstFit(options: NearestFirstFitOptions = {}): AssignmentPolicy {
  const o = { ...DEFAULT_NEAREST_FIRST_FIT, ...options };
  return (view: ClusterView, request: TrainingRequest): Decision => {
    const placed = placeStagesNearest(view, request);
    if ("failedStage" in placed) {
      return { status: "blocked", reason: "no_gpus", detail: `stage ${placed.failedStage}: no DC has ${request.gpusPerStage} free GPUs` };
    }
    const { stageDcs } = placed;
    const nodeOf = new Map(view.network.datacenters.map((dc) => [dc.id, dc.node]));
    const overlay = new SpectrumOverlay(view.spectrum);
    const transfers: TransferAssignment[] = [];
    for (let hop = 0; hop + 1 < stageDcs.length; hop++) {
      const fromDc = stageDcs[hop] as string;
      const toDc = stageDcs[hop + 1] as string;
      if (fromDc === toDc) continue;
      const paths = kShortestPaths(view.network, nodeOf.get(fromDc) ?? "", nodeOf.get(toDc) ?? "", o.k);
      let inReach = false;
      let placedTransfer: TransferAssignment | null = null;
      for (const path of paths) {
        const need = slotsFor(request.demandGbps, path.lengthKm, { guardSlots: o.guardSlots, table: o.table });
        if (need.status !== "ok") continue;
        inReach = true;
        const start = firstFit(overlay, path.fibreIds, need.totalSlots);
        if (start === null) continue;
        overlay.reserve(path.fibreIds, start, need.totalSlots);
        placedTransfer = {
          hop, fromDc, toDc, path,
          modulation: need.modulation.name,
          gbpsPerSlot: need.modulation.gbpsPerSlot,
          dataSlots: need.dataSlots,
          guardSlots: need.guardSlots,
          startSlot: start,
        };
        break;
      }
      if (placedTransfer === null) {
        const where = `hop ${hop} (${fromDc}→${toDc}) over ${paths.length} path(s)`;
        return inReach
          ? { status: "blocked", reason: "no_spectrum", detail: `${where}: no free contiguous block` }
          : { status: "blocked", reason: "out_of_reach", detail: `${where}: every path is beyond modulation reach` };
      }
      transfers.push(placedTransfer);
    }
    return { status: "accepted", stageDcs, transfers };
  };
}
