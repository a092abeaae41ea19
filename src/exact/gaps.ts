/**
 * Recording an online heuristic's decisions in their states, and its
 * schedule's gap against the offline bound (docs/exact.md, "Gaps").
 *
 * `recordDecisions` runs the simulator with a wrapper that records, at each
 * placement the heuristic makes, the view it was made in (the event's view
 * minus the starts earlier in the same decision) and the path, and at each
 * decision the jobs it left waiting; `measureRun` (runMeasure.ts) then
 * measures them against the exact front.
 */
import type { Job, PipelinePath } from "../model/types.js";
import { emptyView, simulate } from "../sim/simulate.js";
import type { SimInput, SimResult } from "../sim/result.js";
import type { ClusterView, Scheduler } from "../sim/types.js";
import { evaluateInView } from "./evaluate.js";
import { applyStart } from "./exactScheduler.js";
import { solveOffline } from "./offline.js";
import { loadExactSolver } from "./solveSync.js";

/** `m` indices evenly spaced over `0 … n−1` (all of them when m ≥ n): ⌊k·n/m⌋ for k = 0 … m−1. */
export function evenlySpaced(n: number, m: number): number[] {
  if (m >= n) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: Math.max(0, Math.floor(m)) }, (_, k) => Math.floor((k * n) / m));
}

/** One placement as the heuristic made it, in the state it was made in. */
export interface Captured {
  /** The view of the decision minus the starts earlier in the same decision. */
  readonly view: Readonly<ClusterView>;
  /** The job placed. */
  readonly job: Job;
  /** The heuristic's path. */
  readonly path: PipelinePath;
  /** Wall time of the heuristic's whole `decide` call, ms. */
  readonly heuristicMs: number;
}

/** The jobs a decision left waiting, with the view after its starts. */
export interface CapturedWait {
  /** The view after every start of the decision. */
  readonly view: Readonly<ClusterView>;
  /** Queued jobs the heuristic did not start. */
  readonly jobs: readonly Job[];
}

/** A job the heuristic refused at arrival as never placeable (`canEverPlace` gave a reason), with the empty-cluster view it was asked in. */
export interface CapturedRejection {
  /** The view the simulator asked in (the empty cluster). */
  readonly view: Readonly<ClusterView>;
  /** The job refused. */
  readonly job: Job;
  /** The heuristic's reason. */
  readonly reason: string;
}

/**
 * Wraps `inner` so that every placement it asks for is captured with its view, every decision's
 * waiting jobs with the view it leaves, and every job it refuses as never placeable.
 */
function recording(inner: Scheduler, sink: Captured[], waits: CapturedWait[] = [], rejected: CapturedRejection[] = []): Scheduler {
  return {
    name: inner.name,
    canEverPlace(view, job) {
      const reason = inner.canEverPlace(view, job);
      if (reason !== null) rejected.push({ view, job, reason });
      return reason;
    },
    decide(view, queue) {
      const t0 = performance.now();
      const decision = inner.decide(view, queue);
      const ms = performance.now() - t0;
      const jobs = new Map(queue.map((q) => [q.job.id, q.job] as const));
      let working: Readonly<ClusterView> = view;
      const started = new Set<string>();
      for (const p of decision.start) {
        const job = jobs.get(p.jobId);
        if (job === undefined) continue;
        sink.push({ view: working, job, path: [...p.path], heuristicMs: ms });
        working = applyStart(working, job, p.path);
        started.add(job.id);
      }
      const left = queue.filter((q) => !started.has(q.job.id)).map((q) => q.job);
      if (left.length > 0) waits.push({ view: working, jobs: left });
      return decision;
    },
  };
}

/** A simulated run with every placement decision captured in its state, ready for `measureRun` (runMeasure.ts). */
export interface RecordedRun {
  /** The simulation result (the wrapper does not change any decision). */
  readonly result: SimResult;
  /** Number of placements captured. */
  readonly decisions: number;
  /** The captured decisions, in the order they were made. */
  readonly captured: readonly Captured[];
  /** Every decision that left jobs waiting, in order. */
  readonly waits: readonly CapturedWait[];
  /** Every job the heuristic refused at arrival as never placeable, in order. */
  readonly rejected: readonly CapturedRejection[];
}

/** Simulates `input` under `scheduler` while capturing each placement with the view it was made in. */
export function recordDecisions(input: SimInput, scheduler: Scheduler): RecordedRun {
  const captured: Captured[] = [];
  const waits: CapturedWait[] = [];
  const rejected: CapturedRejection[] = [];
  const result = simulate(input, recording(scheduler, captured, waits, rejected));
  return { result, decisions: captured.length, captured, waits, rejected };
}

/** A heuristic schedule's mean JCT against the offline bound. */
export interface ScheduleGap {
  /** The offline MILP's status. */
  readonly status: "optimal" | "feasible" | "infeasible" | "no_solution";
  /** Mean JCT of the jobs that ran in `result`, s. */
  readonly heuristicMeanJctSec: number;
  /** Valid lower bound on the mean JCT (docs/exact.md), s; null without one. */
  readonly boundMeanJctSec: number | null;
  /** `(heuristic − bound) / heuristic`; null without a bound. */
  readonly gap: number | null;
  /** Whether the bound covers this schedule: every job ran, on a path whose demand was fully reserved (no stall). */
  readonly covered: boolean;
  /** Solve time, ms. */
  readonly solveMs: number;
}

/** Options of {@link scheduleGap}: the offline MILP's slots and time limit. */
export interface ScheduleGapOptions {
  /** Slots on the grid. Default 40. */
  readonly slots?: number;
  /** HiGHS time limit, s. Default 10. */
  readonly timeLimitSec?: number;
}

/**
 * The offline bound for `input` (small instances, ≲ 10 jobs) against the
 * simulated `result`: the heuristic's own paths are added to the candidates
 * and the horizon covers its starts, so the bound is valid for it when
 * `covered`. Loads HiGHS itself.
 */
export async function scheduleGap(input: SimInput, result: SimResult, options: ScheduleGapOptions = {}): Promise<ScheduleGap> {
  await loadExactSolver();
  const ran = result.records.filter((r) => r.jctSec !== null && r.path !== null && r.startSec !== null);
  const heuristicMeanJctSec = ran.reduce((s, r) => s + (r.jctSec as number), 0) / Math.max(ran.length, 1);
  const extra = new Map(ran.map((r) => [r.jobId, [r.path as PipelinePath]] as const));
  const lastStart = Math.max(0, ...ran.map((r) => r.startSec as number), ...input.jobs.map((j) => j.arrivalSec));
  const slots = options.slots ?? 40;
  const horizonSec = lastStart * (1 + 1 / slots) + 1e-6;
  const off = solveOffline(input, { slots, horizonSec, extraPaths: extra, ...(options.timeLimitSec === undefined ? {} : { timeLimitSec: options.timeLimitSec }) });
  let covered = ran.length === input.jobs.length;
  const idle = emptyView(input);
  for (const r of ran) {
    const job = input.jobs.find((j) => j.id === r.jobId);
    const model = job === undefined ? undefined : input.models.get(job.model);
    if (job === undefined || model === undefined) continue;
    const e = evaluateInView(idle, job, r.path as PipelinePath);
    if (e === null || !e.reserveFeasible || Math.abs((r.iterationSec ?? 0) - e.breakdown.iterationSec) > 1e-9 * e.breakdown.iterationSec) covered = false;
  }
  const bound = off.boundMeanJctSec;
  return {
    status: off.status,
    heuristicMeanJctSec,
    boundMeanJctSec: bound,
    gap: bound === null ? null : (heuristicMeanJctSec - bound) / Math.max(heuristicMeanJctSec, 1e-12),
    covered,
    solveMs: off.solveMs,
  };
}
