/**
 * Local search over the list order of the LP-order schedules
 * (`lpOrderScheduler.ts`), for better verified schedules of a whole trace
 * (docs/exact.md, "Trace bounds"). A candidate is a permutation of the jobs;
 * its value is the mean JCT of an ordinary simulator run of
 * `lpOrderScheduler` with each job's key its position, checked by
 * `verifyRun` (a run with a violation or an unfinished job is rejected). From
 * the start order (the LP mean-completion order), each step moves one job:
 * with probability `1 − laterShare` a job picked with weight its wait in the
 * incumbent run (`weigh`; or its regret, its JCT above the least runtime of
 * its modes), moved earlier by 1…`maxShift` positions; else a job picked
 * uniformly, moved later by as many; and with probability `modeShare`
 * instead a job picked by the same weight switched to another of its
 * modes (its list of candidate modes, e.g. its start-slot LP modes: the
 * mode sets the GPU types it may run on and the least runtime its slack is
 * measured from). A candidate is kept when its mean JCT
 * is at most the incumbent's (ties kept, so the search can cross plateaus).
 * Seeded (`seed`, mulberry32) and bounded by `maxRuns` simulator runs and an
 * optional budget on a clock the caller passes; with the budget off and the
 * engine's per-placement limit not reached, the same seed gives the same
 * schedule. Synchronous: `loadExactSolver` first.
 */
import type { Job } from "../model/types.js";
import type { SimInput, SimResult } from "../sim/result.js";
import { simulate } from "../sim/simulate.js";
import { verifyRun } from "../sim/verify.js";
import { mulberry32, pick } from "../util/rng.js";
import { lpOrderScheduler, type LpOrderOptions } from "./lpOrderScheduler.js";
import type { TraceMode } from "./traceModes.js";

/** Options of {@link searchListOrder}; all optional, defaults in {@link DEFAULT_ORDER_SEARCH_OPTIONS}. */
export interface OrderSearchOptions {
  /** Most simulator runs, the start order's included. Default 40. */
  readonly maxRuns?: number;
  /** Stop once `clockMs()` has advanced this much since the start, ms (Infinity: no budget). Default Infinity. */
  readonly budgetMs?: number;
  /** Clock of the budget, ms (pass a CPU clock for a CPU budget). Default `performance.now`. */
  readonly clockMs?: () => number;
  /** Seed of the move stream. Default 1. */
  readonly seed?: number;
  /** Largest move, positions. Default 6. */
  readonly maxShift?: number;
  /** Share of moves that push a uniformly picked job later (the rest pull a job picked by weight earlier). Default 0.25. */
  readonly laterShare?: number;
  /** Share of moves that switch a job's mode. Default 0.7. */
  readonly modeShare?: number;
  /** What a job's pick weight is: `"regret"` (its JCT above its modes' least runtime) or `"wait"` (its start above its arrival). Default "wait". */
  readonly weigh?: "regret" | "wait";
  /** Options of each run's `lpOrderScheduler`. Default `{ slack: 1 }`. */
  readonly scheduler?: LpOrderOptions;
  /** Called after each candidate's run with the run count, its mean JCT (Infinity when rejected) and whether it was kept. Default none. */
  readonly onRun?: (runs: number, meanJctSec: number, kept: boolean) => void;
}

/** Defaults of {@link OrderSearchOptions}. */
export const DEFAULT_ORDER_SEARCH_OPTIONS: Required<OrderSearchOptions> = { maxRuns: 40, budgetMs: Infinity, clockMs: () => performance.now(), seed: 1, maxShift: 6, laterShare: 0.25, modeShare: 0.7, weigh: "wait", scheduler: { slack: 1 }, onRun: () => {} };

/** What {@link searchListOrder} found. */
export interface OrderSearchResult {
  /** `"ok"`; `"no-valid-start"` when the start order's run was rejected (then `run` is that run and nothing was searched). */
  readonly status: "ok" | "no-valid-start";
  /** The best order found, job ids first to last. */
  readonly order: readonly string[];
  /** The best mode choice, by job id (an index into the job's candidate modes). */
  readonly modeIndex: ReadonlyMap<string, number>;
  /** Its verified run (mean JCT in `run.summary.meanJctSec`). */
  readonly run: SimResult;
  /** The start order's mean JCT, s (Infinity when rejected). */
  readonly startMeanJctSec: number;
  /** Simulator runs made. */
  readonly runs: number;
  /** Candidates kept with a strictly smaller mean JCT. */
  readonly improvements: number;
}

/** The run of `order` and whether it is valid (no `verifyRun` violation, every job finished). */
function evaluate(input: SimInput, order: readonly string[], modeOf: (job: Job) => TraceMode, o: LpOrderOptions): { run: SimResult; ok: boolean } {
  const pos = new Map(order.map((id, i) => [id, i] as const));
  const run = simulate(input, lpOrderScheduler((j) => ({ alphaPointSec: pos.get(j.id) as number, mode: modeOf(j) }), o));
  const ok = run.summary.finished === input.jobs.length && verifyRun(input, run).length === 0;
  return { run, ok };
}

/** `order` with the job at `from` moved to `to` (both clamped into range). */
function moved(order: readonly string[], from: number, to: number): string[] {
  const out = [...order];
  const [id] = out.splice(from, 1);
  out.splice(Math.max(0, Math.min(out.length, to)), 0, id as string);
  return out;
}

/**
 * Local search from `startOrder` (every job id of `input` once) and the mode
 * choice `startModes` (by job id, an index into `choices(job)`, each job's
 * non-empty list of candidate modes).
 */
export function searchListOrder(input: SimInput, choices: (job: Job) => readonly TraceMode[], startOrder: readonly string[], startModes: ReadonlyMap<string, number>, options: OrderSearchOptions = {}): OrderSearchResult {
  const o = { ...DEFAULT_ORDER_SEARCH_OPTIONS, ...options };
  const t0 = o.clockMs();
  const rng = mulberry32(o.seed);
  const byId = new Map(input.jobs.map((j) => [j.id, j] as const));
  let order = [...startOrder];
  let modeIndex = new Map(startModes);
  const modeOf = (m: ReadonlyMap<string, number>) => (j: Job): TraceMode => choices(j)[m.get(j.id) ?? 0] as TraceMode;
  const first = evaluate(input, order, modeOf(modeIndex), o.scheduler);
  let runs = 1;
  if (!first.ok) return { status: "no-valid-start", order, modeIndex, run: first.run, startMeanJctSec: Infinity, runs, improvements: 0 };
  let best = first.run;
  let improvements = 0;
  let idle = 0;
  const least = new Map(input.jobs.map((j) => [j.id, Math.min(...choices(j).map((m) => m.minRuntimeSec))] as const));
  const n = order.length;
  while (runs < o.maxRuns && o.clockMs() - t0 < o.budgetMs && n > 1) {
    // a job's pick weight in the incumbent: its wait, or its JCT above the least runtime of its modes
    const weightOf = new Map(best.records.map((r) => [r.jobId, o.weigh === "wait" ? (r.waitSec ?? 0) : Math.max(0, (r.jctSec ?? 0) - (least.get(r.jobId) ?? 0))] as const));
    const shift = 1 + Math.floor(rng() * o.maxShift);
    const weights = order.map((id) => weightOf.get(id) ?? 0);
    const anyWait = weights.reduce((s, w) => s + w, 0) > 0;
    let cand = order;
    let candModes = modeIndex;
    const u = rng();
    if (u < o.modeShare) {
      if (!anyWait) break; // no weight anywhere: no job to pick
      const id = pick(rng, order, weights);
      const k = choices(byId.get(id) as Job).length;
      if (k < 2 && ++idle < 1000) continue; // a job with one mode: draw again
      if (k < 2) break;
      const now = modeIndex.get(id) ?? 0;
      candModes = new Map(modeIndex).set(id, (now + 1 + Math.floor(rng() * (k - 1))) % k);
    } else if (u < o.modeShare + (1 - o.modeShare) * o.laterShare) {
      const from = Math.floor(rng() * n);
      cand = moved(order, from, from + shift);
    } else {
      if (!anyWait) break;
      const id = pick(rng, order, weights);
      const from = order.indexOf(id);
      cand = moved(order, from, from - shift);
    }
    const e = evaluate(input, cand, modeOf(candModes), o.scheduler);
    runs++;
    const keep = e.ok && e.run.summary.meanJctSec <= best.summary.meanJctSec;
    o.onRun(runs, e.ok ? e.run.summary.meanJctSec : Infinity, keep);
    if (!keep) continue;
    if (e.run.summary.meanJctSec < best.summary.meanJctSec) improvements++;
    order = cand;
    modeIndex = candModes;
    best = e.run;
  }
  return { status: "ok", order, modeIndex, run: best, startMeanJctSec: first.run.summary.meanJctSec, runs, improvements };
}
