/**
 * `geopipe place`: one job of a workload placed on the empty cluster (every
 * GPU free, every link at full capacity, prices from the job's arrival) by
 * the combinatorial engine (`exact`), the placement MILP (`milp`) or a
 * scheduler's own placement, for one objective; or, with `--pareto`, the
 * exact JCT–cost front. Prints one JSON object with `--json`.
 *
 * Statuses: `optimal`, `feasible` (a point, not proven), `infeasible`
 * (proven), `time_limit` (no point within the limit); a heuristic that
 * places nothing reports `none`. An infeasible job is a status (exit 0);
 * bad input exits 2 with one line naming the flag or field.
 */
import { loadInstance } from "../model/instance.js";
import type { Job, PipelinePath } from "../model/types.js";
import { getScheduler, isSchedulerName, SCHEDULER_NAMES } from "../schedulers.js";
import { emptyView } from "../sim/simulate.js";
import type { ClusterView } from "../sim/types.js";
import { coefficients } from "../exact/coefficients.js";
import { evaluateInView } from "../exact/evaluate.js";
import { exactObjectiveOf, placeExact } from "../exact/engine.js";
import { paretoFrontExact } from "../exact/engineFront.js";
import { crossCheckMilp, milpObjectiveOf } from "../exact/crossCheck.js";
import { isPlaced, solvePlacement } from "../exact/placement.js";
import { paretoFront } from "../exact/pareto.js";
import { loadExactSolver } from "../exact/solveSync.js";
import type { ExactObjective } from "../exact/pathObjective.js";
import { UserError } from "./errors.js";
import { fmt, textTable } from "./table.js";

/** Options of the `place` command (as commander passes them). */
export interface PlaceOptions {
  readonly topology: string;
  readonly workload: string;
  readonly models: string;
  /** Job id; default the workload's first job. */
  readonly job?: string;
  /** `time`, `cost[:MAX_ITER_SEC]` or `weighted[:ALPHA]`. */
  readonly objective: string;
  /** `exact`, `milp` or a scheduler name. */
  readonly method: string;
  /** Seconds. */
  readonly timeLimit: string;
  readonly pareto?: boolean;
  readonly json?: boolean;
}

/** Methods besides the schedulers. */
export const PLACE_METHODS = ["exact", "milp"] as const;

/** Parses `--objective`; throws {@link UserError} naming the flag. */
export function parseObjective(raw: string): ExactObjective {
  const [kind, arg, ...rest] = raw.split(":");
  const bad = (why: string): never => {
    throw new UserError(`--objective ${raw}: ${why}; use time, cost[:MAX_ITER_SEC] or weighted[:ALPHA], e.g. --objective weighted:0.5`);
  };
  if (rest.length > 0) bad("too many ':' parts");
  const num = (s: string): number => (s.trim() === "" || !Number.isFinite(Number(s)) ? bad(`"${s}" is not a number`) : Number(s));
  if (kind === "time") return arg === undefined ? { kind: "time" } : bad("time takes no argument");
  if (kind === "cost") {
    const cap = arg === undefined ? Number.MAX_VALUE : num(arg);
    if (!(cap > 0)) bad("MAX_ITER_SEC must be > 0");
    return { kind: "cost", maxIterationSec: cap };
  }
  if (kind === "weighted") {
    const alpha = arg === undefined ? 0.5 : num(arg);
    if (!(alpha >= 0 && alpha <= 1)) bad("ALPHA must be in [0, 1]");
    return { kind: "weighted", alpha };
  }
  return bad(`unknown kind "${kind}"`);
}

function parseTimeLimit(raw: string): number {
  const s = Number(raw);
  if (raw.trim() === "" || !(s > 0) || !Number.isFinite(s)) throw new UserError(`--time-limit ${raw}: give a number of seconds > 0, e.g. --time-limit 10`);
  return s;
}

/** One placement as printed. */
interface Printed {
  readonly job: string;
  readonly method: string;
  readonly objectiveKind: string;
  readonly alpha?: number;
  readonly maxIterationSec?: number;
  readonly status: string;
  readonly path: PipelinePath | null;
  readonly iterationSec: number | null;
  readonly costUsd: number | null;
  readonly objective: number | null;
  readonly bound: number | null;
  readonly timeMs: number;
  readonly [extra: string]: unknown;
}

function objectiveFields(o: ExactObjective): { objectiveKind: string; alpha?: number; maxIterationSec?: number } {
  if (o.kind === "weighted") return { objectiveKind: o.kind, alpha: o.alpha };
  if (o.kind === "cost") return { objectiveKind: o.kind, ...(o.maxIterationSec < Number.MAX_VALUE ? { maxIterationSec: o.maxIterationSec } : {}) };
  return { objectiveKind: o.kind };
}

/** JSON has no Infinity: a proven-infeasible bound prints as null with `boundInfinite`. */
function jsonBound(b: number): { bound: number | null; boundInfinite?: true } {
  return Number.isFinite(b) ? { bound: b } : b > 0 ? { bound: null, boundInfinite: true } : { bound: null };
}

function placeOne(v: ClusterView, job: Job, objective: ExactObjective, method: string, timeLimitSec: number): Printed {
  const head = { job: job.id, method, ...objectiveFields(objective) };
  if (method === "exact") {
    const r = placeExact(v, job, objective, { timeLimitSec });
    return { ...head, status: r.status, path: r.path, iterationSec: r.iterationSec, costUsd: r.costUsd, objective: r.objective, ...jsonBound(r.bound), timeMs: r.timeMs, stats: r.stats };
  }
  if (method === "milp") {
    const t0 = performance.now();
    let out = solvePlacement(v, job, { objective: milpObjectiveOf(objective), timeLimitSec });
    let presolveRetried = false;
    if (out.status === "infeasible") {
      // a MILP "infeasible" with a known feasible point is solved again without presolve
      const e = placeExact(v, job, objective, { timeLimitSec });
      if (e.path !== null) {
        const check = crossCheckMilp(v, job, objective, e, { timeLimitSec });
        out = check.milp;
        presolveRetried = check.presolveRetried;
      }
    }
    const timeMs = performance.now() - t0;
    const c = coefficients(v, job);
    if (isPlaced(out) && c !== null) {
      const value = exactObjectiveOf(objective, c, out.breakdown);
      const scale = objective.kind === "time" ? c.tRefSec : 1; // the MILP's time objective is T/T_ref
      return { ...head, status: out.status, path: out.path, iterationSec: out.breakdown.iterationSec, costUsd: out.breakdown.costUsd, objective: value, bound: out.bound * scale, timeMs, presolveRetried };
    }
    const status = out.status === "infeasible" ? "infeasible" : "time_limit";
    return { ...head, status, path: null, iterationSec: null, costUsd: null, objective: null, bound: status === "infeasible" ? null : out.bound, timeMs, presolveRetried, reason: isPlaced(out) ? "" : out.reason };
  }
  const s = getScheduler(method);
  const t0 = performance.now();
  const d = s.decide(v, [{ job, waitedSec: 0 }]);
  const timeMs = performance.now() - t0;
  const p = d.start[0];
  const c = coefficients(v, job);
  const e = p === undefined ? null : evaluateInView(v, job, p.path);
  if (p === undefined || e === null || c === null) return { ...head, status: "none", path: null, iterationSec: null, costUsd: null, objective: null, bound: null, timeMs };
  return {
    ...head,
    status: "feasible",
    path: p.path,
    iterationSec: e.breakdown.iterationSec,
    costUsd: e.breakdown.costUsd,
    objective: exactObjectiveOf(objective, c, e.breakdown),
    bound: null,
    timeMs,
    inExactModel: e.reserveFeasible && e.gpusFit,
  };
}

/** Runs `geopipe place`; returns the exit code. */
export async function placeCommand(opts: PlaceOptions): Promise<number> {
  const objective = parseObjective(opts.objective);
  const timeLimitSec = parseTimeLimit(opts.timeLimit);
  const method = opts.method;
  if (!(PLACE_METHODS as readonly string[]).includes(method) && !isSchedulerName(method)) {
    throw new UserError(`--method ${method}: unknown; use one of: ${[...PLACE_METHODS, ...SCHEDULER_NAMES].join(", ")}`);
  }
  if (opts.pareto === true && method !== "exact" && method !== "milp") throw new UserError(`--pareto needs --method exact or milp (got ${method})`);
  const inst = loadInstance({ topologyPath: opts.topology, workloadPath: opts.workload, modelsDir: opts.models });
  const jobs = inst.workload.jobs;
  const job = opts.job === undefined ? jobs[0] : jobs.find((j) => j.id === opts.job);
  if (job === undefined) {
    throw new UserError(opts.job === undefined ? `${opts.workload}: the workload has no jobs` : `--job ${opts.job}: no such job in ${opts.workload}; ids: ${jobs.map((j) => j.id).join(", ")}`);
  }
  const v: ClusterView = { ...emptyView({ topology: inst.topology, models: inst.models, jobs: [] }), timeSec: job.arrivalSec };
  if (method === "milp") await loadExactSolver();
  if (opts.pareto === true) {
    const out = method === "exact" ? frontExact(v, job, timeLimitSec) : frontMilp(v, job, timeLimitSec);
    if (opts.json === true) process.stdout.write(`${JSON.stringify(out)}\n`);
    else {
      process.stdout.write(`job ${job.id}, ${method} Pareto front: ${out.status}${out.complete ? "" : " (incomplete)"}, ${out.points.length} points, ${fmt(out.timeMs)} ms\n`);
      process.stdout.write(`${textTable(["iteration s", "cost USD", "proven", "path"], out.points.map((p) => [p.iterationSec, p.costUsd, p.proven ? "yes" : "no", p.path.join(",")]))}\n`);
    }
    return 0;
  }
  const out = placeOne(v, job, objective, method, timeLimitSec);
  if (opts.json === true) process.stdout.write(`${JSON.stringify(out)}\n`);
  else {
    const rows: [string, string][] = [
      ["job", out.job],
      ["method", out.method],
      ["objective", `${out.objectiveKind}${out.alpha !== undefined ? ` alpha ${out.alpha}` : ""}${out.maxIterationSec !== undefined ? ` T ≤ ${out.maxIterationSec} s` : ""}`],
      ["status", out.status],
      ["path", out.path === null ? "–" : out.path.join(",")],
      ["iteration s", out.iterationSec === null ? "–" : fmt(out.iterationSec)],
      ["cost USD", out.costUsd === null ? "–" : fmt(out.costUsd)],
      ["objective", out.objective === null ? "–" : fmt(out.objective)],
      ["bound", out.bound === null ? (out["boundInfinite"] === true ? "∞" : "–") : fmt(out.bound)],
      ["time ms", fmt(out.timeMs)],
    ];
    process.stdout.write(`${textTable(["", ""], rows)}\n`);
  }
  return 0;
}

interface PrintedFront {
  readonly job: string;
  readonly method: string;
  readonly status: string;
  readonly complete: boolean;
  readonly missingBelowSec: number | null;
  readonly points: readonly { path: PipelinePath; iterationSec: number; costUsd: number; proven: boolean }[];
  readonly timeMs: number;
}

function frontExact(v: ClusterView, job: Job, timeLimitSec: number): PrintedFront {
  const f = paretoFrontExact(v, job, { timeLimitSec });
  return { job: job.id, method: "exact", status: f.status, complete: f.complete, missingBelowSec: f.missingBelowSec, points: f.points.map(({ path, iterationSec, costUsd, proven }) => ({ path, iterationSec, costUsd, proven })), timeMs: f.timeMs };
}

function frontMilp(v: ClusterView, job: Job, timeLimitSec: number): PrintedFront {
  const t0 = performance.now();
  const f = paretoFront(v, job, { timeLimitSec });
  const timeMs = performance.now() - t0;
  if (f.status !== "ok") return { job: job.id, method: "milp", status: f.status === "infeasible" ? "infeasible" : "time_limit", complete: false, missingBelowSec: null, points: [], timeMs };
  // the MILP's ε grid samples the front; it is complete only in the sense of its grid
  return { job: job.id, method: "milp", status: "ok", complete: false, missingBelowSec: null, points: f.points.map(({ path, iterationSec, costUsd, proven }) => ({ path, iterationSec, costUsd, proven })), timeMs };
}
