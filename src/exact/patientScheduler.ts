/**
 * A JCT-oriented reference scheduler for the whole-trace bound's "best
 * schedule found" (`bench/exact/traceBound.ts`): waiting jobs shortest least
 * runtime first; each is started on its fastest placement in the current
 * view (the engine, `time` objective) when that placement's iteration time is
 * within `1 + slack` of its least on the empty cluster, else it waits for a
 * better one. Its runs are ordinary simulator runs (verified like any other).
 * Synchronous: HiGHS must be loaded (`loadExactSolver`) — the engine itself
 * does not need it, but `placeExact` is shared with the exact entry points.
 */
import type { Job } from "../model/types.js";
import type { ClusterView, Decision, Placement, QueuedJob, Scheduler } from "../sim/types.js";
import { placeExact } from "./engine.js";
import { applyStart } from "./exactScheduler.js";

/** Options of {@link patientScheduler}; all optional, defaults in {@link DEFAULT_PATIENT_OPTIONS}. */
export interface PatientOptions {
  /** Start a job only on a placement whose iteration time is at most (1 + slack) × its least (Infinity: always start when it fits). Default 0.5. */
  readonly slack?: number;
  /** Engine limit per placement, s. Default 0.5. */
  readonly timeLimitSec?: number;
}

/** Defaults of {@link PatientOptions}. */
export const DEFAULT_PATIENT_OPTIONS: Required<PatientOptions> = { slack: 0.5, timeLimitSec: 0.5 };

/** The scheduler, named `patient-<slack>`; `leastIterationSec` gives each job's least iteration time on the empty cluster. */
export function patientScheduler(leastIterationSec: (job: Job) => number, options: PatientOptions = {}): Scheduler {
  const o = { ...DEFAULT_PATIENT_OPTIONS, ...options };
  const engine = { timeLimitSec: o.timeLimitSec };
  return {
    name: `patient-${o.slack}`,
    decide(view: Readonly<ClusterView>, queue: readonly QueuedJob[]): Decision {
      const order = [...queue].sort((a, b) => a.job.iterations * leastIterationSec(a.job) - b.job.iterations * leastIterationSec(b.job) || a.job.arrivalSec - b.job.arrivalSec);
      let working: Readonly<ClusterView> = view;
      const start: Placement[] = [];
      for (const q of order) {
        const r = placeExact(working, q.job, { kind: "time" }, engine);
        if (r.path === null || r.iterationSec === null) continue;
        if (r.iterationSec > (1 + o.slack) * leastIterationSec(q.job)) continue;
        start.push({ jobId: q.job.id, path: r.path });
        working = applyStart(working, q.job, r.path);
      }
      return { start };
    },
    canEverPlace(view: Readonly<ClusterView>, job: Job): string | null {
      return placeExact(view, job, { kind: "time" }, engine).path === null ? "the engine found no placement on the idle cluster" : null;
    },
  };
}
