/**
 * The offline time-indexed scheduling MILP for small instances (docs/exact.md,
 * "Offline bound"). Each job j picks one (candidate path p, start slot τ):
 * binaries `z[j][p][τ]`; GPUs and link bandwidth are checked at the slot
 * instants `σ·Δ`; the objective is the mean JCT.
 *
 * It is built to be a LOWER BOUND on the mean JCT of every non-preemptive
 * schedule in which each job runs on one of its candidate paths with its full
 * demand reserved (so its duration is `d_jp`, the path's runtime on the idle
 * cluster) and starts before `horizonSec`:
 * - a true start s maps to τ = ⌊s/Δ⌋ (rounded DOWN), so τ ≥ ⌊a_j/Δ⌋;
 * - a job started in slot τ is counted at instants σ = τ+1 … τ+⌈d/Δ⌉−1 only
 *   (those it covers wherever in slot τ it starts), so every capacity row of
 *   the MILP holds for the true schedule at that instant;
 * - its JCT is counted as `max(d, τ·Δ + d − a)` ≤ the true JCT.
 * Hence any such schedule maps to a feasible MILP point of no larger
 * objective, and the MILP's dual bound is a valid lower bound.
 */
import { Model, type Term, type Variable } from "../lp/model.js";
import type { Job, PipelinePath } from "../model/types.js";
import { findPaths } from "../bace/pathfinder.js";
import { grantedGbps, linkKey, type PlacementBreakdown } from "../cost/index.js";
import { emptyView } from "../sim/simulate.js";
import type { SimInput } from "../sim/result.js";
import { evaluateInView } from "./evaluate.js";
import { sizeOf, type ModelSize } from "./placement.js";
import { requireExactSolver, solveSync } from "./solveSync.js";

/** Options of {@link solveOffline}; all optional, defaults in {@link DEFAULT_OFFLINE_OPTIONS}. */
export interface OfflineOptions {
  /** Slots on the grid (Δ = horizonSec / slots). Default 40. */
  readonly slots?: number;
  /** Starts are allowed before this time, s. Default: last arrival + Σ_j (shortest candidate runtime of j). */
  readonly horizonSec?: number;
  /** Candidate paths kept per job (fastest first, on the idle cluster). Default 6. */
  readonly maxPathsPerJob?: number;
  /** Extra candidate paths by job id (e.g. a heuristic's), added to the pathfinder's. Default none. */
  readonly extraPaths?: ReadonlyMap<string, readonly PipelinePath[]>;
  /** HiGHS time limit, s. Default 10. */
  readonly timeLimitSec?: number;
}

/** Defaults of {@link OfflineOptions} (horizon and extra paths are derived when absent). */
export const DEFAULT_OFFLINE_OPTIONS: Required<Pick<OfflineOptions, "slots" | "maxPathsPerJob" | "timeLimitSec">> = { slots: 40, maxPathsPerJob: 6, timeLimitSec: 10 };

/** One candidate (path, duration) of a job. */
export interface OfflineCandidate {
  /** The path. */
  readonly path: PipelinePath;
  /** Runtime with full demand reserved, s. */
  readonly durationSec: number;
  /** GPUs per region. */
  readonly gpus: ReadonlyMap<string, number>;
  /** Bandwidth the job reserves per link key on the idle cluster, `min(Σ hop caps, capacity)`, Gbit/s. */
  readonly demandGbps: ReadonlyMap<string, number>;
}

/** The MILP's choice for one job. */
export interface OfflineChoice {
  /** The job. */
  readonly jobId: string;
  /** The chosen candidate path. */
  readonly path: PipelinePath;
  /** Slot start τ·Δ, s (a rounded-down start; may precede the arrival). */
  readonly slotStartSec: number;
  /** The path's runtime, s. */
  readonly durationSec: number;
}

/** What {@link solveOffline} found. */
export interface OfflineResult {
  /** `"optimal"`, `"feasible"` (time limit), `"infeasible"` or `"no_solution"`. */
  readonly status: "optimal" | "feasible" | "infeasible" | "no_solution";
  /** Valid lower bound on the mean JCT (see the module comment), s; null without one. */
  readonly boundMeanJctSec: number | null;
  /** The MILP's objective at its point, s; null without a point. */
  readonly milpMeanJctSec: number | null;
  /** Choices per job (empty without a point). */
  readonly choices: readonly OfflineChoice[];
  /** Slot length Δ, s. */
  readonly slotSec: number;
  /** Jobs that have no candidate path (they make the MILP infeasible). */
  readonly unplaceable: readonly string[];
  /** Model size. */
  readonly size: ModelSize;
  /** HiGHS solve time, ms. */
  readonly solveMs: number;
}

/** What the job reserves per link on the idle cluster. */
function aloneGrants(b: PlacementBreakdown): ReadonlyMap<string, number> {
  return new Map(b.linkDemands.map((d) => [d.key, grantedGbps(d, d.link.bandwidthGbps)] as const));
}

/** Candidate (path, duration) list of each job on the idle cluster. */
export function offlineCandidates(input: SimInput, job: Job, maxPaths: number, extra: readonly PipelinePath[] = []): OfflineCandidate[] {
  const view = emptyView(input);
  const found = findPaths(view, job);
  const paths = found.ok ? found.candidates.map((c) => c.path) : [];
  const out = new Map<string, OfflineCandidate>();
  for (const path of paths) {
    const e = evaluateInView(view, job, path);
    if (e === null || !e.reserveFeasible || !e.gpusFit) continue;
    out.set(path.join("|"), { path, durationSec: e.breakdown.runtimeSec, gpus: new Map(Object.entries(e.breakdown.gpusByRegion)), demandGbps: aloneGrants(e.breakdown) });
  }
  const kept = [...out.values()].sort((a, b) => a.durationSec - b.durationSec).slice(0, Math.max(1, maxPaths));
  for (const path of extra) {
    if (kept.some((c) => c.path.join("|") === path.join("|"))) continue;
    const e = evaluateInView(view, job, path);
    if (e === null || !e.reserveFeasible || !e.gpusFit) continue;
    kept.push({ path, durationSec: e.breakdown.runtimeSec, gpus: new Map(Object.entries(e.breakdown.gpusByRegion)), demandGbps: aloneGrants(e.breakdown) });
  }
  return kept;
}

/** Builds and solves the offline MILP for `input` (HiGHS must be loaded: `loadExactSolver`). */
export function solveOffline(input: SimInput, options: OfflineOptions = {}): OfflineResult {
  requireExactSolver("exact.solveOffline");
  const o = { ...DEFAULT_OFFLINE_OPTIONS, ...options };
  const jobs = input.jobs.filter((j) => input.models.has(j.model));
  const cands = jobs.map((j) => offlineCandidates(input, j, o.maxPathsPerJob, options.extraPaths?.get(j.id) ?? []));
  const unplaceable = jobs.filter((_, i) => (cands[i] ?? []).length === 0).map((j) => j.id);
  const lastArrival = Math.max(0, ...jobs.map((j) => j.arrivalSec));
  const horizon = options.horizonSec ?? lastArrival + cands.reduce((s, c) => s + (c.length > 0 ? Math.min(...c.map((x) => x.durationSec)) : 0), 0);
  const H = Math.max(1, Math.floor(o.slots));
  const slotSec = Math.max(horizon, 1e-9) / H;
  const model = new Model("offline");
  const chosen: { j: number; p: number; tau: number; v: Variable }[] = [];
  const objective: Term[] = [];
  const gpuAt = new Map<string, Term[]>();
  const bwAt = new Map<string, Term[]>();
  const push = (m: Map<string, Term[]>, key: string, t: Term): void => {
    const list = m.get(key);
    if (list === undefined) m.set(key, [t]);
    else list.push(t);
  };
  jobs.forEach((job, j) => {
    const row: Term[] = [];
    const first = Math.floor(job.arrivalSec / slotSec);
    (cands[j] ?? []).forEach((c, p) => {
      const span = Math.ceil(c.durationSec / slotSec);
      for (let tau = first; tau <= Math.max(first, H); tau++) {
        const v = model.addVar(`z_${j}_${p}_${tau}`, { type: "binary" });
        chosen.push({ j, p, tau, v });
        row.push([v, 1]);
        objective.push([v, Math.max(c.durationSec, tau * slotSec + c.durationSec - job.arrivalSec) / jobs.length]);
        for (let s = tau + 1; s <= tau + span - 1; s++) {
          for (const [r, n] of c.gpus) push(gpuAt, `${s}|${r}`, [v, n]);
          for (const [k, d] of c.demandGbps) push(bwAt, `${s}|${k}`, [v, d]);
        }
      }
    });
    model.addConstraint(`one_${j}`, row, "=", 1);
  });
  const gpusOf = new Map(input.topology.regions.map((r) => [r.id, r.gpus] as const));
  const capOf = new Map(input.topology.links.map((l) => [linkKey(l.a, l.b), l.bandwidthGbps] as const));
  let i = 0;
  for (const [key, terms] of gpuAt) {
    const r = key.slice(key.indexOf("|") + 1);
    model.addConstraint(`gpu_${i++}`, terms, "<=", gpusOf.get(r) ?? 0);
  }
  i = 0;
  for (const [key, terms] of bwAt) {
    const k = key.slice(key.indexOf("|") + 1);
    model.addConstraint(`bw_${i++}`, terms, "<=", capOf.get(k) ?? 0);
  }
  model.setObjective("min", objective);
  const size = sizeOf(model);
  if (unplaceable.length > 0) {
    return { status: "infeasible", boundMeanJctSec: null, milpMeanJctSec: null, choices: [], slotSec, unplaceable, size, solveMs: 0 };
  }
  const res = solveSync(model, { timeLimitSec: o.timeLimitSec });
  const point = res.primal === "feasible_point" && res.values !== null ? res.values : null;
  const choices: OfflineChoice[] = [];
  if (point !== null) {
    for (const c of chosen) {
      if ((point[c.v.index] ?? 0) < 0.5) continue;
      const cand = cands[c.j]?.[c.p] as OfflineCandidate;
      choices.push({ jobId: (jobs[c.j] as Job).id, path: cand.path, slotStartSec: c.tau * slotSec, durationSec: cand.durationSec });
    }
  }
  const proven = res.termination === "optimal" && point !== null;
  const status = proven ? "optimal" : point !== null ? "feasible" : res.termination === "infeasible" ? "infeasible" : "no_solution";
  const bound = proven ? Math.min(res.bound ?? (res.objective as number), res.objective as number) : res.bound;
  return { status, boundMeanJctSec: bound, milpMeanJctSec: res.objective, choices, slotSec, unplaceable, size, solveMs: res.timeMs };
}
