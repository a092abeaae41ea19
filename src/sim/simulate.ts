/**
 * The discrete-event multi-tenant simulator (docs/simulator.md). Events are
 * job arrivals and completions; at every instant with events, completions
 * and arrivals are applied, then the policy decides which queued jobs start,
 * and each placement is checked against the state left by the previous ones.
 * The run is re-checked by the independent verifier before it is returned.
 */
import type { Job } from "../model/types.js";
import { SimInputError, VerificationError } from "./errors.js";
import { EventQueue } from "./events.js";
import { planStart, type PlannedStart } from "./place.js";
import { DEFAULT_SIM_OPTIONS, type GpuUsePoint, type LinkUsePoint, type PolicyError, type SimInput, type SimOptions, type SimResult } from "./result.js";
import { ClusterState } from "./state.js";
import { summarise } from "./summary.js";
import { QueueIndex, registerQueueIndex, type IndexedQueuedJob } from "./queueIndex.js";
import type { ClusterView, JobRecord, Scheduler } from "./types.js";
import { verifyRun } from "./verify.js";

export * from "./result.js";

/** Reason given to queued jobs when the policy starts nothing on an idle cluster with no arrival pending. */
export const DEADLOCK_REASON = "policy placed nothing on an idle cluster";

/** The idle cluster at time 0: all GPUs free, all links at full capacity, nothing running (for `canEverPlace`). */
export function emptyView(input: SimInput): ClusterView {
  return new ClusterState(input.topology, input.models).view();
}

/**
 * A queued job as policies see it: made once when the job is queued, its
 * `waitedSec` measured at the event being decided (the clock is the run's),
 * so no event copies the whole queue's entries.
 */
class QueueEntry implements IndexedQueuedJob {
  constructor(
    readonly job: Job,
    readonly seq: number,
    private readonly clock: { readonly timeSec: number },
  ) {}

  get waitedSec(): number {
    return this.clock.timeSec - this.job.arrivalSec;
  }
}

/** Rejects duplicate job ids and bad arrival times (input errors, thrown once at the boundary). */
function checkInput(input: SimInput): void {
  const seen = new Set<string>();
  for (const [i, job] of input.jobs.entries()) {
    if (seen.has(job.id)) throw new SimInputError(`jobs[${i}].id = "${job.id}" is used twice; give every job a unique id`);
    seen.add(job.id);
    if (!Number.isFinite(job.arrivalSec) || job.arrivalSec < 0) {
      throw new SimInputError(`jobs[${i}].arrivalSec = ${job.arrivalSec} (job "${job.id}") must be a finite number ≥ 0`);
    }
  }
}

function unschedulableRecord(job: Job, reason: string): JobRecord {
  return {
    jobId: job.id,
    model: job.model,
    arrivalSec: job.arrivalSec,
    startSec: null,
    finishSec: null,
    jctSec: null,
    waitSec: null,
    path: null,
    gpusByRegion: {},
    reservedGbps: {},
    iterationSec: null,
    energyKwh: null,
    costUsd: null,
    unschedulableReason: reason,
  };
}

function startedRecord(p: PlannedStart): JobRecord {
  const b = p.breakdown;
  return {
    jobId: p.job.id,
    model: p.job.model,
    arrivalSec: p.job.arrivalSec,
    startSec: b.startSec,
    finishSec: b.endSec,
    jctSec: b.endSec - p.job.arrivalSec,
    waitSec: b.startSec - p.job.arrivalSec,
    path: p.path,
    gpusByRegion: Object.fromEntries(p.gpusByRegion),
    reservedGbps: Object.fromEntries(p.reservedGbps),
    iterationSec: b.iterationSec,
    energyKwh: b.energyKwh,
    costUsd: b.costUsd,
    unschedulableReason: null,
  };
}

/**
 * Runs `scheduler` on `input` to the end (or `options.horizonSec`). Never
 * loops forever: jobs the policy can never place are reported at arrival, and
 * a policy that starts nothing on an idle cluster ends the run for the jobs
 * still queued. Throws {@link SimInputError} on duplicate job ids or bad
 * arrivals and {@link VerificationError} if the verifier rejects the run.
 */
export function simulate(input: SimInput, scheduler: Scheduler, options: SimOptions = {}): SimResult {
  const { onProgress, horizonSec } = { ...DEFAULT_SIM_OPTIONS, ...options };
  checkInput(input);
  const state = new ClusterState(input.topology, input.models);
  const empty = emptyView(input);
  const byId = new Map(input.jobs.map((j) => [j.id, j] as const));
  const events = new EventQueue();
  for (const job of input.jobs) events.push({ timeSec: job.arrivalSec, kind: "arrival", jobId: job.id });

  const records = new Map<string, JobRecord>();
  const policyErrors: PolicyError[] = [];
  const queue: QueueEntry[] = [];
  /** The entries of `queue` by job id, and by shape. */
  const waiting = new Map<string, QueueEntry>();
  const byShape = new QueueIndex();
  let processed = 0;
  let resolved = 0;
  const resolve = (record: JobRecord | null): void => {
    if (record !== null) records.set(record.jobId, record);
    resolved++;
    onProgress(resolved, input.jobs.length);
  };

  const gpuSeries: GpuUsePoint[] = [{ timeSec: 0, busyGpus: 0 }];
  const linkSeries = state.index.linkKeys.map((): LinkUsePoint[] => [{ timeSec: 0, reservedGbps: 0 }]);
  // a link whose reservations did not change since its last point would add nothing to its series
  const sample = (t: number): void => {
    pushStep(gpuSeries, { timeSec: t, busyGpus: state.busyGpus }, (p) => p.busyGpus);
    for (const l of state.takeChangedLinks()) {
      pushStep(linkSeries[l] as LinkUsePoint[], { timeSec: t, reservedGbps: state.reservedOn(l) }, (p) => p.reservedGbps);
    }
  };

  for (let next = events.peek(); next !== undefined; next = events.peek()) {
    const t = next.timeSec;
    const open = t <= horizonSec;
    state.timeSec = t;
    for (let e = events.peek(); e !== undefined && e.timeSec === t; e = events.peek()) {
      events.pop();
      processed++;
      const job = byId.get(e.jobId) as Job;
      if (e.kind === "completion") {
        state.finish(e.jobId);
        resolve(null);
        continue;
      }
      if (!open) {
        resolve(unschedulableRecord(job, `arrives at ${job.arrivalSec} s, after the horizon (horizonSec = ${horizonSec})`));
        continue;
      }
      const reason = input.models.has(job.model)
        ? scheduler.canEverPlace(empty, job)
        : `model "${job.model}" is not among the models (${[...input.models.keys()].join(", ")})`;
      if (reason !== null) resolve(unschedulableRecord(job, reason));
      else {
        const entry = new QueueEntry(job, processed, state);
        queue.push(entry);
        waiting.set(job.id, entry);
        byShape.add(entry);
      }
    }

    if (open && queue.length > 0) {
      const handed = queue.slice();
      registerQueueIndex(handed, byShape);
      const decision = scheduler.decide(state.view(), handed);
      const started = new Set<string>();
      if (!Array.isArray(decision?.start)) {
        policyErrors.push({ timeSec: t, jobId: "", message: `t=${t}s: ${scheduler.name}.decide returned no start array; return { start: [] } to start nothing` });
      }
      for (const placement of Array.isArray(decision?.start) ? decision.start : []) {
        const job = byId.get(placement.jobId);
        const queued = job !== undefined && !started.has(job.id) && waiting.has(job.id);
        const plan = queued
          ? planStart(state, job, placement.path)
          : { ok: false as const, message: `t=${t}s: job "${placement.jobId}" is not in the queue (unknown, already started or not yet arrived)` };
        if (!plan.ok) {
          policyErrors.push({ timeSec: t, jobId: placement.jobId, message: plan.message });
          continue;
        }
        const p = plan.value;
        state.start(p.job, p.path, p.gpusByRegion, p.reservedGbps, p.breakdown.endSec);
        events.push({ timeSec: p.breakdown.endSec, kind: "completion", jobId: p.job.id });
        records.set(p.job.id, startedRecord(p));
        started.add(p.job.id);
      }
      for (const id of started) {
        const entry = waiting.get(id) as QueueEntry;
        queue.splice(queue.indexOf(entry), 1);
        waiting.delete(id);
        byShape.remove(entry);
      }
    }
    sample(t);

    if (open && queue.length > 0 && state.runningCount === 0 && events.size === 0) {
      for (const entry of queue) {
        resolve(unschedulableRecord(entry.job, DEADLOCK_REASON));
        byShape.remove(entry);
      }
      queue.length = 0;
      waiting.clear();
    }
  }
  for (const { job } of queue) {
    resolve(unschedulableRecord(job, `still waiting at the horizon (horizonSec = ${horizonSec})`));
  }

  const ordered = input.jobs.map((j) => records.get(j.id) as JobRecord);
  const result: SimResult = {
    scheduler: scheduler.name,
    records: ordered,
    summary: summarise(input.topology, ordered, policyErrors.length),
    events: processed,
    policyErrors,
    utilisation: { gpu: gpuSeries, link: new Map(state.index.linkKeys.map((key, l) => [key, linkSeries[l] as LinkUsePoint[]] as const)) },
  };
  const violations = verifyRun(input, result);
  if (violations.length > 0) throw new VerificationError(violations);
  return result;
}

/** Appends a step point unless the value is unchanged; a point at the same time replaces the last one. */
function pushStep<P extends { readonly timeSec: number }>(series: P[], point: P, value: (p: P) => number): void {
  const last = series[series.length - 1];
  if (last !== undefined && last.timeSec === point.timeSec) {
    series[series.length - 1] = point;
    const before = series[series.length - 2];
    if (before !== undefined && value(before) === value(point)) series.pop();
    return;
  }
  if (last !== undefined && value(last) === value(point)) return;
  series.push(point);
}
