/**
 * Reference schedulers for the whole-trace bound's "best schedule found"
 * (`bench/exact/traceBound.ts`): waiting jobs shortest least runtime first;
 * each is started on its best placement in the current view by the engine —
 * fastest (`measure: "time"`) or cheapest (`"cost"`) — when that placement's
 * iteration time (or cost) is within `1 + slack` of the job's least on the
 * empty cluster, else it waits for a better one. Its runs are ordinary simulator runs (verified like any other).
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
  /** What is compared with the job's least: iteration time (placed fastest) or cost (placed cheapest). Default "time". */
  readonly measure?: "time" | "cost";
  /** Engine limit per placement, s. Default 0.5. */
  readonly timeLimitSec?: number;
  /** Order of the waiting jobs: least runtime first, or least GPU-seconds (GPUs × least runtime) first. Default "runtime". */
  readonly order?: "runtime" | "area";
}

/** Defaults of {@link PatientOptions}. */
export const DEFAULT_PATIENT_OPTIONS: Required<PatientOptions> = { slack: 0.5, measure: "time", timeLimitSec: 0.5, order: "runtime" };

/** A job's least iteration time (s) and least cost (USD) on the empty cluster. */
export interface JobLeast {
  readonly iterationSec: number;
  readonly costUsd: number;
}

/** The scheduler, named `patient-<measure>-<slack>` (`-area` when ordered by GPU-seconds); `least` gives each job's least iteration time and cost on the empty cluster. */
export function patientScheduler(least: (job: Job) => JobLeast, options: PatientOptions = {}): Scheduler {
  const o = { ...DEFAULT_PATIENT_OPTIONS, ...options };
  const engine = { timeLimitSec: o.timeLimitSec };
  const objective = o.measure === "time" ? ({ kind: "time" } as const) : ({ kind: "cost", maxIterationSec: Number.MAX_VALUE } as const);
  return {
    name: `patient-${o.measure}-${o.slack}${o.order === "area" ? "-area" : ""}`,
    decide(view: Readonly<ClusterView>, queue: readonly QueuedJob[]): Decision {
      const runtime = (j: Job): number => j.iterations * least(j).iterationSec * (o.order === "area" ? j.stages * j.gpusPerStage : 1);
      const order = [...queue].sort((a, b) => runtime(a.job) - runtime(b.job) || a.job.arrivalSec - b.job.arrivalSec);
      let working: Readonly<ClusterView> = view;
      const start: Placement[] = [];
      for (const q of order) {
        const r = placeExact(working, q.job, objective, engine);
        if (r.path === null || r.iterationSec === null || r.costUsd === null) continue;
        const value = o.measure === "time" ? r.iterationSec : r.costUsd;
        if (value > (1 + o.slack) * (o.measure === "time" ? least(q.job).iterationSec : least(q.job).costUsd)) continue;
        start.push({ jobId: q.job.id, path: r.path });
        working = applyStart(working, q.job, r.path);
      }
      return { start };
    },
    canEverPlace(view: Readonly<ClusterView>, job: Job): string | null {
      return placeExact(view, job, objective, engine).path === null ? "the engine found no placement on the idle cluster" : null;
    },
  };
}
