/**
 * The profiles of the queued jobs, looked up once per job instead of once per
 * job and event. An order ranks the queue at every scheduling event; over a
 * long queue, finding each job's {@link JobProfile} again (two weak-map
 * look-ups and a model look-up per job) cost more than the ranking itself.
 * For the queues the simulator hands out (those with a {@link QueueIndex},
 * whose entries carry their place in the queue, `seq`) the profile is kept
 * in an array by `seq`, checked against the job, topology and models it was
 * made for; any other queue gets {@link jobProfile} directly. Either way the
 * profile is the one {@link jobProfile} returns.
 */
import { queueIndexOf, type IndexedQueuedJob, type QueueIndex } from "../sim/queueIndex.js";
import type { ClusterView, QueuedJob } from "../sim/types.js";
import type { Job, LlmModel, Topology } from "../model/types.js";
import { jobProfile, type JobProfile } from "./profile.js";

/** A profile kept for one queue entry, with what it was made from. */
interface Kept {
  readonly job: Job;
  readonly topology: Topology;
  readonly models: ReadonlyMap<string, LlmModel>;
  /** `null` when the job's model is not among the models. */
  readonly profile: JobProfile | null;
}

/** Profiles of queued jobs (see the module comment); one per order, reused across events. */
export class QueueProfiles {
  private index: QueueIndex | undefined;
  private bySeq: (Kept | undefined)[] = [];

  /** A function giving each job of `queue` its profile under `view` (`null` for a model not among the models). */
  of(view: Readonly<ClusterView>, queue: readonly QueuedJob[]): (queued: QueuedJob) => JobProfile | null {
    const index = queueIndexOf(queue);
    if (index === undefined) return (queued) => profileOf(view, queued.job);
    if (index !== this.index) {
      this.index = index;
      this.bySeq = [];
    }
    const bySeq = this.bySeq;
    return (queued) => {
      const seq = (queued as IndexedQueuedJob).seq;
      const kept = bySeq[seq];
      if (kept !== undefined && kept.job === queued.job && kept.topology === view.topology && kept.models === view.models) return kept.profile;
      const profile = profileOf(view, queued.job);
      // filled up to seq first: an array written far past its end turns into a slow dictionary
      while (bySeq.length < seq) bySeq.push(undefined);
      bySeq[seq] = { job: queued.job, topology: view.topology, models: view.models, profile };
      return profile;
    };
  }
}

function profileOf(view: Readonly<ClusterView>, job: Job): JobProfile | null {
  const model = view.models.get(job.model);
  return model === undefined ? null : jobProfile(view.topology, model, job);
}
