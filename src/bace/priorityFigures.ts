/**
 * The static figures of the BACE-Pipe priority for each queued job — E (the
 * runtime lower bound), S·g and the peak hop demand of its
 * {@link JobProfile} — kept across events in typed arrays by the job's place
 * in the queue (`seq`), for the queues the simulator hands out (those with a
 * {@link QueueIndex}). Ranking a long queue at every event then reads a few
 * numbers per job instead of following the job's profile; the numbers are the
 * profile's own. Any other queue reads the profiles at each call. SJF's
 * order (src/baselines/orders.ts) reads its E from here too.
 */
import type { Job, LlmModel, Topology } from "../model/types.js";
import { queueIndexOf, type IndexedQueuedJob, type QueueIndex } from "../sim/queueIndex.js";
import type { ClusterView, QueuedJob } from "../sim/types.js";
import { jobProfile, type JobProfile } from "./profile.js";

/** A job's figures as the priority reads them; `known` false when its model is not among the models. */
export interface PriorityFigures {
  known: boolean;
  /** {@link JobProfile.idealRuntimeSec}. */
  idealRuntimeSec: number;
  /** {@link JobProfile.totalGpus}. */
  totalGpus: number;
  /** {@link JobProfile.peakDemandGbps}. */
  peakDemandGbps: number;
}

/** The figures of queued jobs (see the module comment); one per order, reused across events. */
export class QueueFigures {
  private index: QueueIndex | undefined;
  private topology: Topology | undefined;
  private models: ReadonlyMap<string, LlmModel> | undefined;
  private jobs: (Job | undefined)[] = [];
  private known = new Uint8Array(0);
  private ideal = new Float64Array(0);
  private gpus = new Float64Array(0);
  private peak = new Float64Array(0);

  /** A function that writes the figures of a job of `queue` under `view` into `out` (one object, reused: read it before the next call). */
  of(view: Readonly<ClusterView>, queue: readonly QueuedJob[]): (queued: QueuedJob, out: PriorityFigures) => void {
    const profileOf = (queued: QueuedJob): JobProfile | null => {
      const model = view.models.get(queued.job.model);
      return model === undefined ? null : jobProfile(view.topology, model, queued.job);
    };
    const index = queueIndexOf(queue);
    if (index === undefined) return (queued, out) => fill(out, profileOf(queued));
    if (index !== this.index || view.topology !== this.topology || view.models !== this.models) {
      this.index = index;
      this.topology = view.topology;
      this.models = view.models;
      this.jobs = [];
    }
    return (queued, out) => {
      const seq = (queued as IndexedQueuedJob).seq;
      if (this.jobs[seq] !== queued.job) this.keep(seq, queued.job, profileOf(queued));
      out.known = this.known[seq] === 1;
      out.idealRuntimeSec = this.ideal[seq] as number;
      out.totalGpus = this.gpus[seq] as number;
      out.peakDemandGbps = this.peak[seq] as number;
    };
  }

  private keep(seq: number, job: Job, profile: JobProfile | null): void {
    if (seq >= this.known.length) this.grow(seq + 1);
    // filled up to seq first: an array written far past its end turns into a slow dictionary
    while (this.jobs.length < seq) this.jobs.push(undefined);
    this.jobs[seq] = job;
    this.known[seq] = profile === null ? 0 : 1;
    this.ideal[seq] = profile?.idealRuntimeSec ?? Number.POSITIVE_INFINITY;
    this.gpus[seq] = profile?.totalGpus ?? 0;
    this.peak[seq] = profile?.peakDemandGbps ?? 0;
  }

  private grow(at: number): void {
    const n = Math.max(at, 2 * this.known.length, 64);
    const known = new Uint8Array(n);
    known.set(this.known);
    const ideal = new Float64Array(n);
    ideal.set(this.ideal);
    const gpus = new Float64Array(n);
    gpus.set(this.gpus);
    const peak = new Float64Array(n);
    peak.set(this.peak);
    this.known = known;
    this.ideal = ideal;
    this.gpus = gpus;
    this.peak = peak;
  }
}

function fill(out: PriorityFigures, profile: JobProfile | null): void {
  out.known = profile !== null;
  out.idealRuntimeSec = profile?.idealRuntimeSec ?? Number.POSITIVE_INFINITY;
  out.totalGpus = profile?.totalGpus ?? 0;
  out.peakDemandGbps = profile?.peakDemandGbps ?? 0;
}
