/**
 * Contracts between the multi-tenant simulator and the scheduling policies
 * (BACE-Pipe, baselines, ablations). Policies are pure functions of a
 * read-only {@link ClusterView}; only the simulator mutates state.
 *
 * Bandwidth model (docs/simulator.md, docs/model.md "Links"): links are
 * undirected and full-duplex; a running job holds, on every inter-region link
 * its path uses, a reservation of `min(Σ hop caps, residual at start)` Gbit/s
 * (a hop's cap is its node pairs × the link's per-node-pair throughput; see
 * `src/cost/grant.ts`), shared by its hops there in proportion to their caps.
 * It transmits at its reserved rate for its whole run, so its iteration time,
 * runtime, energy and cost are fixed when it starts and are recomputed by the
 * verifier from the cost model with the same reservations. A start in which
 * some hop would get less than {@link MIN_RESERVATION_FRACTION} of its demand
 * (`A·8/(t_f+t_b)`) is refused.
 */
import type { Job, LlmModel, PipelinePath, Topology } from "../model/types.js";

/** A start is refused when some cross-region hop would get less than this fraction of its demand. */
export const MIN_RESERVATION_FRACTION = 0.01;

/** A job that is running, as policies see it. */
export interface RunningJobView {
  readonly job: Job;
  readonly path: PipelinePath;
  readonly startSec: number;
  /** Planned finish time (fixed at start). */
  readonly finishSec: number;
  /** Reserved Gbit/s by link key (`linkKey(a, b)` from `src/cost`). */
  readonly reservedGbps: ReadonlyMap<string, number>;
}

/** Read-only state handed to a policy at a scheduling event. */
export interface ClusterView {
  /** Simulated time of the event, seconds. */
  readonly timeSec: number;
  readonly topology: Topology;
  /** LLM models by name. */
  readonly models: ReadonlyMap<string, LlmModel>;
  /** Free GPUs by region id. */
  readonly freeGpus: ReadonlyMap<string, number>;
  /** Residual (unreserved) bandwidth by link key, Gbit/s in each direction. */
  readonly residualGbps: ReadonlyMap<string, number>;
  readonly running: readonly RunningJobView[];
}

/** A waiting job with what the simulator knows of it. */
export interface QueuedJob {
  readonly job: Job;
  /** Seconds since arrival at this event. */
  readonly waitedSec: number;
}

/** A policy's choice for one job: start it now on `path`. */
export interface Placement {
  readonly jobId: string;
  readonly path: PipelinePath;
}

/**
 * A policy's answer at one event: the jobs to start now, in order. The
 * simulator applies them one by one; a placement that does not fit the state
 * left by the previous ones is refused and recorded as a policy error (the job
 * stays queued), never applied.
 */
export interface Decision {
  readonly start: readonly Placement[];
}

/** A scheduling policy. `decide` must be pure and deterministic. */
export interface Scheduler {
  /** Name used on the command line and in tables, e.g. "bace", "delay-first". */
  readonly name: string;
  decide(view: Readonly<ClusterView>, queue: readonly QueuedJob[]): Decision;
  /**
   * Whether the job could ever be placed by this policy on the empty cluster;
   * `null` when it can, else the reason. The simulator asks at arrival and
   * reports jobs that can never fit instead of looping on them.
   */
  canEverPlace(view: Readonly<ClusterView>, job: Job): string | null;
}

/** What the simulator records per job. */
export interface JobRecord {
  readonly jobId: string;
  readonly model: string;
  readonly arrivalSec: number;
  /** `null` when the job never started (see `unschedulableReason`). */
  readonly startSec: number | null;
  readonly finishSec: number | null;
  /** finish − arrival, seconds. */
  readonly jctSec: number | null;
  /** start − arrival, seconds. */
  readonly waitSec: number | null;
  readonly path: PipelinePath | null;
  /** GPUs held per region while running. */
  readonly gpusByRegion: Readonly<Record<string, number>>;
  /** Reserved Gbit/s per link key while running. */
  readonly reservedGbps: Readonly<Record<string, number>>;
  /** Iteration time with the reserved bandwidths, seconds. */
  readonly iterationSec: number | null;
  readonly energyKwh: number | null;
  readonly costUsd: number | null;
  /** Why the job never ran, e.g. "needs 8 GPUs per stage but the largest region has 4". */
  readonly unschedulableReason: string | null;
}
