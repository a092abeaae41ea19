/**
 * α-point list scheduling of a whole trace from the start-slot LP
 * (`traceStartLp.ts`; Hall, Schulz, Shmoys and Wein): waiting jobs in order
 * of their LP α-point (ties: arrival), each started — greedily, later jobs
 * may pass a job that does not fit — on its fastest placement by the engine
 * within the regions of its LP mode (the regions of the mode's GPU types, or
 * with `within: "region"` the one region of a single-region mode), when that placement's runtime
 * is within `1 + slack` of the mode's least runtime; else it waits. A job
 * whose mode has no such placement even on the idle cluster falls back to
 * every region. Its runs are ordinary simulator runs (the bench verifies
 * them with `verifyRun`). Synchronous: `loadExactSolver` first.
 */
import type { Job } from "../model/types.js";
import type { ClusterView, Decision, Placement, QueuedJob, Scheduler } from "../sim/types.js";
import { placeExact } from "./engine.js";
import { applyStart } from "./exactScheduler.js";
import { regionTypes, type TraceMode } from "./traceModes.js";

/** What the LP says of one job. */
export interface LpOrderHint {
  /** The order key, s: an α-point, or the LP mean completion. */
  readonly alphaPointSec: number;
  /** The job's LP mode (its regions and least runtime). */
  readonly mode: TraceMode;
}

/** Options of {@link lpOrderScheduler}; all optional, defaults in {@link DEFAULT_LP_ORDER_OPTIONS}. */
export interface LpOrderOptions {
  /** Start only on a placement within (1 + slack) × the mode's least runtime (Infinity: whenever it fits). Default 0.5. */
  readonly slack?: number;
  /** Engine limit per placement, s. Default 0.5. */
  readonly timeLimitSec?: number;
  /** Where a single-region mode's job may run: its one region, or every region of its GPU type. Default "type". */
  readonly within?: "region" | "type";
}

/** Defaults of {@link LpOrderOptions}. */
export const DEFAULT_LP_ORDER_OPTIONS: Required<LpOrderOptions> = { slack: 0.5, timeLimitSec: 0.5, within: "type" };

/** The view with GPUs outside `mode`'s regions taken away (`typeOf`: {@link regionTypes} of the view). */
function within(view: Readonly<ClusterView>, typeOf: ReadonlyMap<string, string>, mode: TraceMode, by: "region" | "type"): ClusterView {
  const types = new Set(mode.types);
  const inMode = (id: string, type: string): boolean => (by === "region" && mode.region !== undefined && mode.region !== null ? id === mode.region : types.size === 0 || types.has(type));
  return { ...view, freeGpus: new Map([...view.freeGpus].map(([id, n]) => [id, inMode(id, typeOf.get(id) as string) ? n : 0] as const)) };
}

/** The scheduler, named `lp-order-<within>-<slack>`; `hint(job)` gives the LP's α-point and mode of each job. */
export function lpOrderScheduler(hint: (job: Job) => LpOrderHint, options: LpOrderOptions = {}): Scheduler {
  const o = { ...DEFAULT_LP_ORDER_OPTIONS, ...options };
  const engine = { timeLimitSec: o.timeLimitSec };
  const idleFits = new Map<string, boolean>();
  return {
    name: `lp-order-${o.within}-${o.slack}`,
    decide(view: Readonly<ClusterView>, queue: readonly QueuedJob[]): Decision {
      const order = [...queue].sort((a, b) => hint(a.job).alphaPointSec - hint(b.job).alphaPointSec || a.job.arrivalSec - b.job.arrivalSec);
      const typeOf = regionTypes(view);
      let working: Readonly<ClusterView> = view;
      const start: Placement[] = [];
      for (const q of order) {
        const h = hint(q.job);
        const restrict = idleFits.get(q.job.id) !== false;
        const r = placeExact(restrict ? within(working, typeOf, h.mode, o.within) : working, q.job, { kind: "time" }, engine);
        if (r.path === null || r.iterationSec === null) continue;
        if (restrict && q.job.iterations * r.iterationSec > (1 + o.slack) * h.mode.minRuntimeSec) continue;
        start.push({ jobId: q.job.id, path: r.path });
        working = applyStart(working, q.job, r.path);
      }
      return { start };
    },
    canEverPlace(view: Readonly<ClusterView>, job: Job): string | null {
      const h = hint(job);
      const fits = placeExact(within(view, regionTypes(view), h.mode, o.within), job, { kind: "time" }, engine);
      idleFits.set(job.id, fits.path !== null && fits.iterationSec !== null && job.iterations * fits.iterationSec <= (1 + o.slack) * h.mode.minRuntimeSec);
      // a placement within the mode's regions is one of the idle cluster: no second search
      if (fits.path !== null) return null;
      return placeExact(view, job, { kind: "time" }, engine).path === null ? "the engine found no placement on the idle cluster" : null;
    },
  };
}
