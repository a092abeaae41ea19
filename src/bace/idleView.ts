/** The idle cluster of a view (for `bace-wait`, `./deferral.ts`). */
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
