/**
 * The start-slot LP bound on the mean JCT of a whole trace (docs/exact.md,
 * "Trace bounds", with the proof): the LP relaxation of a non-preemptive
 * time-indexed model. Columns `y_jmτ` = job j starts in mode m (from
 * `traceRegionModes.ts`) in slot τ, i.e. at a time in [τΔ, (τ+1)Δ), for τ
 * from j's arrival slot `⌊r_j/Δ⌋` over `L = ⌈maxWaitSec/Δ⌉` slots, and one
 * "late" column per job for every start after them. Rows: `Σ_{m,τ} y_jmτ = 1`
 * per job; at each instant σΔ, the GPUs held in all ≤ G, by each GPU type ≤
 * G_y, in each region ≤ G_r. Column (j, m, τ) holds its mode's claims at the
 * instants σ = τ+1 … τ+⌈d_jm/Δ⌉−1 only (a run of length ≥ d_jm started
 * anywhere in slot τ covers them); the late column holds nothing.
 * Packing rows (`packingRows`): for a GPU type y and a size a, at each
 * instant `Σ ⌊w_j/a⌋ ≤ Σ_{r of type y} ⌊G_r/a⌋` over the columns of
 * one-region modes of type y (w_j = S·g GPUs, all in one region). Valid: the
 * one-region jobs running at that instant in region r hold `Σ w_j ≤ G_r`, and
 * `Σ ⌊w_j/a⌋ ≤ ⌊Σ w_j/a⌋ ≤ ⌊G_r/a⌋` (⌊·⌋ is superadditive); sum over the
 * regions of type y. (E.g. two H100 regions of 64: at most two one-region
 * jobs of 33–64 GPUs at once, where the type row allows 128/33 ≈ 3.9.) Kept
 * only for sizes where they cut (`PACKING_MIN_SHARE`). Costs: the
 * JCT counted as `d_jm + max(0, τΔ − r_j)`; the late column
 * `min_m d_jm + max(0, (⌊r_j/Δ⌋+L)Δ − r_j)`. Every schedule the simulator can
 * run maps to an integer point of no larger cost, so the LP optimum / n is a
 * lower bound on its mean JCT.
 */
import { Model, type Term, type Variable } from "../lp/model.js";
import type { SimInput } from "../sim/result.js";
import { solveLpWithDuals } from "./lpDuals.js";
import type { TraceMode } from "./traceModes.js";

/** Options of {@link startSlotBound}; all optional, defaults in {@link DEFAULT_START_LP_OPTIONS}. */
export interface StartLpOptions {
  /** Slot length Δ, s. Default 200. */
  readonly slotSec?: number;
  /** Starts later than this after the arrival slot share one late column, s. Default 12,000. */
  readonly maxWaitSec?: number;
  /** Add the packing rows by GPU type (see the module comment); false: GPU rows only. Default false (on trace seeds 2 and 3 they raised the bound by 0.0 and 2.4 s of mean JCT: valid, but the fragmentation they see does not bind there). */
  readonly packingRows?: boolean;
  /** α of the α-points returned. Default 0.5. */
  readonly alpha?: number;
  /** Clock, ms. Default `performance.now`. */
  readonly now?: () => number;
}

/** Defaults of {@link StartLpOptions}. */
export const DEFAULT_START_LP_OPTIONS: Required<StartLpOptions> = { slotSec: 200, maxWaitSec: 12_000, packingRows: false, alpha: 0.5, now: () => performance.now() };

/** The LP's view of one job (for α-point list scheduling). */
export interface StartLpJob {
  /** The job. */
  readonly jobId: string;
  /** Start of the slot where its cumulative start share first reaches α, s (the late column counts as the end of its window). */
  readonly alphaPointSec: number;
  /** Index (into the job's modes) of the mode with the largest share. */
  readonly mode: number;
  /** Share of each mode (index as the job's modes; the late column's share is the rest). */
  readonly modeShares: readonly number[];
  /** The LP's mean completion, s: `Σ y·(max(τΔ, r) + d_m)` over its columns, the late column at the end of its window plus the least runtime (an order key: Hall et al.'s LP-completion order). */
  readonly meanCompletionSec: number;
  /** The LP's start shares by slot start (s), in time order, the late column's at the end of the window. */
  readonly starts: readonly { readonly sec: number; readonly share: number }[];
}

/** Start of the slot where `job`'s cumulative start share first reaches `alpha` (not before its arrival), s. */
export function alphaPointSec(job: StartLpJob, arrivalSec: number, alpha: number): number {
  let cum = 0;
  for (const s of job.starts) {
    cum += s.share;
    if (cum >= alpha - 1e-9) return Math.max(arrivalSec, s.sec);
  }
  return Math.max(arrivalSec, job.starts.length > 0 ? (job.starts[job.starts.length - 1] as { sec: number }).sec : arrivalSec);
}

/** What {@link startSlotBound} found. */
export interface StartLpBound {
  /** `"optimal"`, or `"error"` (the LP did not solve: no bound). */
  readonly status: "optimal" | "error";
  /** Lower bound on the mean JCT, s (0 on error). */
  readonly meanJctLowerBoundSec: number;
  /** Slot length Δ, s. */
  readonly slotSec: number;
  /** Columns, rows and nonzeros of the LP. */
  readonly size: { readonly columns: number; readonly rows: number; readonly nonzeros: number };
  /** Per job, in input order (empty on error). */
  readonly jobs: readonly StartLpJob[];
  /** Build and solve time, ms (by `performance.now`; bench figure only). */
  readonly timeMs: number;
}

/** A packing row of size a is kept only when it is tighter than the type's GPU row by at least this share: `a·Σ_r ⌊G_r/a⌋ ≤ (1 − share)·G_y`. */
export const PACKING_MIN_SHARE = 0.05;

/**
 * Packing thresholds by GPU type: for each type y the sizes a (taken from the
 * trace's one-region modes) whose packing row can cut, with its capacity
 * `Σ_{r of type y} ⌊G_r/a⌋`.
 */
export function packingThresholds(input: SimInput, modes: readonly (readonly TraceMode[])[]): Map<string, Map<number, number>> {
  const regionsOf = new Map<string, number[]>();
  for (const r of input.topology.regions) regionsOf.set(r.gpu.name, [...(regionsOf.get(r.gpu.name) ?? []), r.gpus]);
  const out = new Map<string, Map<number, number>>();
  const tried = new Set<string>();
  for (const m of modes.flat()) {
    const y = oneRegionType(m);
    const a = m.gpus;
    if (y === null || a <= 0 || tried.has(`${y}:${a}`)) continue;
    tried.add(`${y}:${a}`);
    const caps = regionsOf.get(y) ?? [];
    const cap = caps.reduce((s, g) => s + Math.floor(g / a), 0);
    const all = caps.reduce((s, g) => s + g, 0);
    if (a * cap <= (1 - PACKING_MIN_SHARE) * all) out.set(y, (out.get(y) ?? new Map<number, number>()).set(a, cap));
  }
  return out;
}

/** The GPU type of a mode whose runs keep all their stages in one region of it, else null. */
function oneRegionType(m: TraceMode): string | null {
  return m.oneRegion === true && m.types.length === 1 ? (m.types[0] as string) : null;
}

/** Claims of a mode: GPUs per row key (`all`, `type:<name>`, `region:<id>`), and `⌊gpus/a⌋` per packing row `pack:<type>:<a>` of a one-region mode. */
function claims(m: TraceMode, packing: ReadonlyMap<string, ReadonlyMap<number, number>>): [string, number][] {
  const out: [string, number][] = [["all", m.gpus]];
  for (const [y, n] of m.gpusByType) if (n > 0) out.push([`type:${y}`, n]);
  if (m.region !== undefined && m.region !== null) out.push([`region:${m.region}`, m.gpus]);
  const y = oneRegionType(m);
  if (y !== null) for (const a of packing.get(y)?.keys() ?? []) if (a <= m.gpus) out.push([`pack:${y}:${a}`, Math.floor(m.gpus / a)]);
  return out;
}

/** The start-slot LP bound for `input` with each job's modes `modes[j]` (HiGHS loaded). */
export function startSlotBound(input: SimInput, modes: readonly (readonly TraceMode[])[], options: StartLpOptions = {}): StartLpBound {
  const o = { ...DEFAULT_START_LP_OPTIONS, ...options };
  const t0 = o.now();
  const D = o.slotSec;
  const L = Math.max(1, Math.ceil(o.maxWaitSec / D));
  const n = input.jobs.length;
  const cap = new Map<string, number>([["all", 0]]);
  for (const r of input.topology.regions) {
    cap.set("all", (cap.get("all") as number) + r.gpus);
    cap.set(`type:${r.gpu.name}`, (cap.get(`type:${r.gpu.name}`) ?? 0) + r.gpus);
    cap.set(`region:${r.id}`, r.gpus);
  }
  const packing = o.packingRows ? packingThresholds(input, modes) : new Map<string, Map<number, number>>();
  for (const [y, byA] of packing) for (const [a, c] of byA) cap.set(`pack:${y}:${a}`, c);
  const m = new Model("trace_start_lp");
  const rows = new Map<string, Term[]>(); // key|instant
  const cols: { j: number; mode: number; tau: number; v: Variable }[] = [];
  let nonzeros = 0;
  const objective: Term[] = [];
  const lateVars: Variable[] = [];
  input.jobs.forEach((job, j) => {
    const r = job.arrivalSec;
    const ta = Math.floor(r / D);
    const own: Term[] = [];
    const ms = modes[j] as readonly TraceMode[];
    ms.forEach((mode, mi) => {
      const d = mode.minRuntimeSec;
      const span = Math.ceil(d / D);
      const cl = claims(mode, packing);
      for (let tau = ta; tau < ta + L; tau++) {
        const v = m.addVar(`y_${j}_${mi}_${tau}`, { ub: 1 });
        cols.push({ j, mode: mi, tau, v });
        own.push([v, 1]);
        objective.push([v, (d + Math.max(0, tau * D - r)) / n]);
        for (let s = tau + 1; s <= tau + span - 1; s++) {
          for (const [key, g] of cl) {
            const k = `${key}|${s}`;
            const list = rows.get(k);
            if (list === undefined) rows.set(k, [[v, g]]);
            else list.push([v, g]);
            nonzeros++;
          }
        }
      }
    });
    const least = Math.min(...ms.map((x) => x.minRuntimeSec));
    const late = m.addVar(`late_${j}`, { ub: 1 });
    lateVars.push(late);
    own.push([late, 1]);
    objective.push([late, (least + Math.max(0, (ta + L) * D - r)) / n]);
    m.addConstraint(`one_${j}`, own, "=", 1);
    nonzeros += own.length;
  });
  let i = 0;
  for (const [k, terms] of rows) {
    const c = cap.get(k.slice(0, k.lastIndexOf("|"))) as number;
    // a row that cannot bind is left out
    if (terms.reduce((s, [, g]) => s + g, 0) > c) m.addConstraint(`cap_${i++}`, terms, "<=", c);
  }
  m.setObjective("min", objective);
  const size = { columns: cols.length + n, rows: i + n, nonzeros };
  const lp = solveLpWithDuals(m);
  if (lp.status !== "optimal") return { status: "error", meanJctLowerBoundSec: 0, slotSec: D, size, jobs: [], timeMs: o.now() - t0 };
  // α-points: per job, starts in slot order (ties: any mode), the first slot reaching α
  const byJob: { tau: number; mode: number; x: number }[][] = Array.from({ length: n }, () => []);
  for (const c of cols) {
    const x = lp.values[c.v.index] ?? 0;
    if (x > 1e-9) (byJob[c.j] as { tau: number; mode: number; x: number }[]).push({ tau: c.tau, mode: c.mode, x });
  }
  lateVars.forEach((v, j) => {
    const x = lp.values[v.index] ?? 0;
    if (x > 1e-9) (byJob[j] as { tau: number; mode: number; x: number }[]).push({ tau: Math.floor((input.jobs[j] as { arrivalSec: number }).arrivalSec / D) + L, mode: -1, x });
  });
  const jobs: StartLpJob[] = input.jobs.map((job, j) => {
    const list = (byJob[j] as { tau: number; mode: number; x: number }[]).sort((a, b) => a.tau - b.tau);
    const share = new Map<number, number>();
    for (const e of list) if (e.mode >= 0) share.set(e.mode, (share.get(e.mode) ?? 0) + e.x);
    let mode = 0;
    for (const [mi, x] of share) if (x > (share.get(mode) ?? 0)) mode = mi;
    const modeShares = (modes[j] as readonly TraceMode[]).map((_, mi) => share.get(mi) ?? 0);
    const starts = list.map((e) => ({ sec: e.tau * D, share: e.x }));
    const ms = modes[j] as readonly TraceMode[];
    const least = Math.min(...ms.map((x) => x.minRuntimeSec));
    const meanCompletionSec = list.reduce((a, e) => a + e.x * (Math.max(e.tau * D, job.arrivalSec) + (e.mode >= 0 ? (ms[e.mode] as TraceMode).minRuntimeSec : least)), 0);
    const partial = { jobId: job.id, alphaPointSec: 0, mode, modeShares, meanCompletionSec, starts };
    return { ...partial, alphaPointSec: alphaPointSec(partial, job.arrivalSec, o.alpha) };
  });
  return { status: "optimal", meanJctLowerBoundSec: lp.objective, slotSec: D, size, jobs, timeMs: o.now() - t0 };
}
