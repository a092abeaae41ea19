/**
 * A scheduler that places each waiting job with the exact placement MILP
 * (`solvePlacement`, objective (b) by default), in arrival order with
 * backfill, on a working copy of the view from which each accepted start's
 * GPUs and reservations are subtracted. Synchronous: HiGHS must be loaded
 * (`await loadExactSolver()`) before the simulator calls it.
 */
import { grantedGbps, indexTopology } from "../cost/index.js";
import type { Job, PipelinePath } from "../model/types.js";
import type { ClusterView, Decision, Placement, QueuedJob, Scheduler } from "../sim/types.js";
import { evaluateInView } from "./evaluate.js";
import { isPlaced, solvePlacement, type PlacementOptions } from "./placement.js";
import { requireExactSolver } from "./solveSync.js";

/** The view left after starting `job` on `path` in `view` (GPUs taken, `min(Σ caps, residual)` reserved per link). */
export function applyStart(view: Readonly<ClusterView>, job: Job, path: PipelinePath): ClusterView {
  const e = evaluateInView(view, job, path);
  if (e === null) return view;
  const freeGpus = new Map(view.freeGpus);
  for (const [r, n] of Object.entries(e.breakdown.gpusByRegion)) freeGpus.set(r, (freeGpus.get(r) ?? 0) - n);
  const residualGbps = new Map(view.residualGbps);
  const links = indexTopology(view.topology).links;
  for (const d of e.breakdown.linkDemands) {
    const residual = Math.max(view.residualGbps.get(d.key) ?? links.get(d.key)?.bandwidthGbps ?? 0, 0);
    residualGbps.set(d.key, residual - grantedGbps(d, residual));
  }
  return { ...view, freeGpus, residualGbps };
}

/** The exact scheduler, named `"exact"`, with the placement options given. */
export function exactScheduler(options: PlacementOptions = {}): Scheduler {
  return {
    name: "exact",
    decide(view: Readonly<ClusterView>, queue: readonly QueuedJob[]): Decision {
      requireExactSolver("exact.exactScheduler(…).decide");
      let working: Readonly<ClusterView> = view;
      const start: Placement[] = [];
      for (const q of queue) {
        const out = solvePlacement(working, q.job, options);
        if (!isPlaced(out)) continue;
        start.push({ jobId: q.job.id, path: out.path });
        working = applyStart(working, q.job, out.path);
      }
      return { start };
    },
    canEverPlace(view: Readonly<ClusterView>, job: Job): string | null {
      requireExactSolver("exact.exactScheduler(…).canEverPlace");
      const out = solvePlacement(view, job, options);
      return isPlaced(out) ? null : `the placement MILP found no placement on the idle cluster (${out.termination}: ${out.reason})`;
    },
  };
}
