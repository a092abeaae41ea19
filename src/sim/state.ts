/**
 * The simulator's mutable cluster state: free GPUs per region, reservations
 * per link, and the running jobs. Only the simulator mutates it; policies see
 * read-only snapshots ({@link ClusterState.view}). Free GPUs and residual
 * bandwidth are kept in typed arrays numbered by the run's
 * {@link TopologyView}; snapshots hand them out as {@link IndexedValues}.
 */
import { topologyView, type TopologyView } from "../cost/topologyView.js";
import type { Job, LlmModel, PipelinePath, Topology } from "../model/types.js";
import { IndexedValues } from "./indexedValues.js";
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
  /** The run's indexed topology. */
  readonly index: TopologyView;
  private readonly free: Float64Array;
  private readonly residual: Float64Array;
  private readonly runningJobs = new Map<string, RunningJob>();
  /** What policies see of each running job (made once at its start), in start order. */
  private readonly runningViews = new Map<string, RunningJobView>();
  /** Per link number, the reservations of the running jobs on it, in start order. */
  private readonly onLink: Map<string, number>[];
  private readonly changed = new Set<number>();
  private busy = 0;

  /** An idle cluster: every GPU free, every link at full capacity. */
  constructor(
    /** The topology simulated. */
    readonly topology: Topology,
    /** LLM models by name. */
    readonly models: ReadonlyMap<string, LlmModel>,
  ) {
    this.index = topologyView(topology);
    this.free = Float64Array.from(this.index.gpus);
    this.residual = Float64Array.from(this.index.capacityGbps);
    this.onLink = this.index.links.map(() => new Map());
  }

  /** Free GPUs in a region (0 for an unknown region). */
  freeGpus(regionId: string): number {
    const r = this.index.regionIndex.get(regionId);
    return r === undefined ? 0 : (this.free[r] as number);
  }

  /** Residual bandwidth of a link, Gbit/s (0 for an unknown link). */
  residualGbps(key: string): number {
    const l = this.index.linkIndex.get(key);
    return l === undefined ? 0 : (this.residual[l] as number);
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
    const l = this.index.linkIndex.get(key);
    return l === undefined ? 0 : this.reservedOn(l);
  }

  /** Reserved bandwidth of link number `l`, Gbit/s (capacity − residual). */
  reservedOn(l: number): number {
    return (this.index.capacityGbps[l] as number) - (this.residual[l] as number);
  }

  /** Link numbers whose reservations changed since the last call (then forgotten). */
  takeChangedLinks(): number[] {
    const out = [...this.changed];
    this.changed.clear();
    return out;
  }

  /** Takes the job's GPUs and reservations. The caller has checked that they fit. */
  start(
    job: Job,
    path: PipelinePath,
    gpusByRegion: ReadonlyMap<string, number>,
    reservedGbps: ReadonlyMap<string, number>,
    finishSec: number,
  ): void {
    const view: RunningJobView = { job, path, startSec: this.timeSec, finishSec, reservedGbps };
    this.runningJobs.set(job.id, { ...view, gpusByRegion });
    this.runningViews.set(job.id, view);
    this.addGpus(gpusByRegion, -1);
    for (const [key, gbps] of reservedGbps) this.updateLink(key, (m) => m.set(job.id, gbps));
  }

  /** Releases a running job's GPUs and reservations; returns it, or `undefined` if it was not running. */
  finish(jobId: string): RunningJob | undefined {
    const running = this.runningJobs.get(jobId);
    if (running === undefined) return undefined;
    this.runningJobs.delete(jobId);
    this.runningViews.delete(jobId);
    this.addGpus(running.gpusByRegion, 1);
    for (const key of running.reservedGbps.keys()) this.updateLink(key, (m) => m.delete(jobId));
    return running;
  }

  private addGpus(gpusByRegion: ReadonlyMap<string, number>, sign: 1 | -1): void {
    for (const [id, n] of gpusByRegion) {
      const r = this.index.regionIndex.get(id);
      if (r !== undefined) this.free[r] = (this.free[r] as number) + sign * n;
      this.busy -= sign * n;
    }
  }

  /**
   * Changes a link's reservations and recomputes its residual = capacity −
   * Σ reservations of the running jobs on it, in start order, from scratch
   * (so additions and releases never drift).
   */
  private updateLink(key: string, change: (reservations: Map<string, number>) => void): void {
    const l = this.index.linkIndex.get(key);
    if (l === undefined) return;
    const reservations = this.onLink[l] as Map<string, number>;
    change(reservations);
    let reserved = 0;
    for (const gbps of reservations.values()) reserved += gbps;
    this.residual[l] = (this.index.capacityGbps[l] as number) - reserved;
    this.changed.add(l);
  }

  /** A read-only snapshot for a policy (copies, so a policy cannot change the state). */
  view(): ClusterView {
    const index = this.index;
    return {
      timeSec: this.timeSec,
      topology: this.topology,
      models: this.models,
      freeGpus: new IndexedValues(index.regionIds, index.regionIndex, this.free.slice()),
      residualGbps: new IndexedValues(index.linkKeys, index.linkIndex, this.residual.slice()),
      running: [...this.runningViews.values()],
    };
  }
}
