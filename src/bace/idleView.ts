/** The idle cluster of a view (for `bace-wait`, `./deferral.ts`). */
import { topologyView } from "../cost/topologyView.js";
import { valuesByNumber } from "../sim/indexedValues.js";
import type { ClusterView } from "../sim/types.js";

/** The view of the same cluster with nothing running: every GPU free, every link at capacity (same time, topology and models). */
export function idleView(view: Readonly<ClusterView>): ClusterView {
  return {
    ...view,
    freeGpus: new Map(view.topology.regions.map((r) => [r.id, r.gpus] as const)),
    residualGbps: new Map(),
    running: [],
  };
}

/** Whether `view`'s free GPUs and residual bandwidth are those of {@link idleView}: every GPU free, every link at capacity. */
export function readsAsIdle(view: Readonly<ClusterView>): boolean {
  const index = topologyView(view.topology);
  const free = valuesByNumber(view.freeGpus, index.regionIds, 0);
  for (let r = 0; r < free.length; r++) if (free[r] !== index.gpus[r]) return false;
  const residual = valuesByNumber(view.residualGbps, index.linkKeys, index.capacityGbps);
  for (let l = 0; l < residual.length; l++) if (residual[l] !== index.capacityGbps[l]) return false;
  return true;
}
