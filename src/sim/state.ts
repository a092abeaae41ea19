/**
 * The simulator's mutable cluster state: free GPUs per region, reservations
 * per link, and the running jobs. Only the simulator mutates it; policies see
 * read-only snapshots ({@link ClusterState.view}).
 */
import { indexTopology } from "../cost/communication.js";
import type { Job, LlmModel, PipelinePath, Topology } from "../model/types.js";
import type { ClusterView, RunningJobView } from "./types.js";

/** A job that holds resources, as the state keeps it. */
export interface RunningJob extends RunningJobView {
  /** GPUs held per region. */
  readonly gpusByRegion: ReadonlyMap<string, number>;
}

/** Free GPUs, residual bandwidth and running jobs of a cluster at one instant. */
export class ClusterState {
  /** Simulated time, seconds. */
  timeSec = 0;
  private readonly free = new Map<string, number>();
  private readonly residual = new Map<string, number>();
  private readonly runningJobs = new Map<string, RunningJob>();
  private busy = 0;

  /** An idle cluster: every GPU free, every link at full capacity. */
  constructor(
    /** The topology simulated. */
    readonly topology: Topology,
    /** LLM models by name. */
    readonly models: ReadonlyMap<string, LlmModel>,
  ) {
    const index = indexTopology(topology);
    for (const [id, r] of index.regions) this.free.set(id, r.gpus);
    for (const [key, l] of index.links) this.residual.set(key, l.bandwidthGbps);
  }

  /** Free GPUs in a region (0 for an unknown region). */
  freeGpus(regionId: string): number {
    return this.free.get(regionId) ?? 0;
  }

  /** Residual bandwidth of a link, Gbit/s (0 for an unknown link). */
  residualGbps(key: string): number {
    return this.residual.get(key) ?? 0;
  }

  /** GPUs held by running jobs, all regions. */
  get busyGpus(): number {
    return this.busy;
  }

  /** Number of running jobs. */
  get runningCount(): number {
    return this.runningJobs.size;
  }

  /** Reserved bandwidth of a link, Gbit/s (capacity − residual). */
  reservedGbps(key: string): number {
    const link = indexTopology(this.topology).links.get(key);
    return link === undefined ? 0 : link.bandwidthGbps - this.residualGbps(key);
  }

  /** Takes the job's GPUs and reservations. The caller has checked that they fit. */
  start(
    job: Job,
    path: PipelinePath,
    gpusByRegion: ReadonlyMap<string, number>,
    reservedGbps: ReadonlyMap<string, number>,
    finishSec: number,
  ): void {
    const running: RunningJob = { job, path, startSec: this.timeSec, finishSec, reservedGbps, gpusByRegion };
    this.runningJobs.set(job.id, running);
    for (const [id, n] of gpusByRegion) {
      this.free.set(id, this.freeGpus(id) - n);
      this.busy += n;
    }
    for (const key of reservedGbps.keys()) this.recomputeResidual(key);
  }

  /** Releases a running job's GPUs and reservations; returns it, or `undefined` if it was not running. */
  finish(jobId: string): RunningJob | undefined {
    const running = this.runningJobs.get(jobId);
    if (running === undefined) return undefined;
    this.runningJobs.delete(jobId);
    for (const [id, n] of running.gpusByRegion) {
      this.free.set(id, this.freeGpus(id) + n);
      this.busy -= n;
    }
    for (const key of running.reservedGbps.keys()) this.recomputeResidual(key);
    return running;
  }

  /**
   * Residual = capacity − Σ reservations of the running jobs on the link, in
   * start order; recomputed from scratch so additions and releases never drift.
   */
  private recomputeResidual(key: string): void {
    const link = indexTopology(this.topology).links.get(key);
    if (link === undefined) return;
    let reserved = 0;
    for (const r of this.runningJobs.values()) reserved += r.reservedGbps.get(key) ?? 0;
    this.residual.set(key, link.bandwidthGbps - reserved);
  }

  /** A read-only snapshot for a policy (copies, so a policy cannot change the state). */
  view(): ClusterView {
    return {
      timeSec: this.timeSec,
      topology: this.topology,
      models: this.models,
      freeGpus: new Map(this.free),
      residualGbps: new Map(this.residual),
      running: [...this.runningJobs.values()].map((r) => ({
        job: r.job,
        path: r.path,
        startSec: r.startSec,
        finishSec: r.finishSec,
        reservedGbps: r.reservedGbps,
      })),
    };
  }
}
