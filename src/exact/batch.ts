/**
 * Joint placement of a batch of jobs under one view (docs/exact.md, "Batch
 * MILP"): each job gets the variables of `formulation.ts` under its own
 * prefix; the GPU rows per region and bandwidth rows per link sum over all
 * jobs; the objective is the sum of the jobs' weighted time–cost scores.
 * Every job must be placed (an infeasible batch is reported as such).
 */
import { Model, type Term } from "../lp/model.js";
import type { TerminationStatus } from "../lp/result.js";
import type { Job, PipelinePath } from "../model/types.js";
import type { ClusterView } from "../sim/types.js";
import { coefficients, type Coefficients } from "./coefficients.js";
import { evaluateInView, objectiveOf } from "./evaluate.js";
import { applyStart } from "./exactScheduler.js";
import { addJobPlacement, decodePath, pathStart, type JobVars } from "./formulation.js";
import { addCapacityRows, iterationCapSec, relDiff, sizeOf, type ModelSize } from "./placement.js";
import { requireExactSolver, solveSync } from "./solveSync.js";

/** Options of {@link solveBatch}; all optional, defaults in {@link DEFAULT_BATCH_OPTIONS}. */
export interface BatchOptions {
  /** Alpha of each job's weighted objective. Default 0.5. */
  readonly alpha?: number;
  /** HiGHS time limit, s. Default 10. */
  readonly timeLimitSec?: number;
  /**
   * Objective value of a known feasible batch placement (e.g. a heuristic's
   * that placed every job), used only to cap each job's T: every job's score is
   * ≥ 0, so each is ≤ this value. Default `Infinity` (none).
   */
  readonly incumbentValue?: number;
  /**
   * A known placement by job id (e.g. the heuristic's), handed to HiGHS as a
   * MIP start so the search begins from it. Jobs left out start free. Default none.
   */
  readonly start?: ReadonlyMap<string, readonly string[]> | null;
}

/** Defaults of {@link BatchOptions}. */
export const DEFAULT_BATCH_OPTIONS: Required<BatchOptions> = { alpha: 0.5, timeLimitSec: 10, incumbentValue: Infinity, start: null };

/** What {@link solveBatch} found. */
export interface BatchOutcome {
  /** `"optimal"`, `"feasible"` (time limit), `"infeasible"`, `"no_solution"`. */
  readonly status: "optimal" | "feasible" | "infeasible" | "no_solution";
  /** The solver's termination status. */
  readonly termination: TerminationStatus;
  /** Path per job id (empty without a point). */
  readonly paths: ReadonlyMap<string, PipelinePath>;
  /** Sum of the jobs' scores, re-evaluated job by job in order on the view left by the previous ones; null without a point. */
  readonly value: number | null;
  /** The MILP's objective; null without a point. */
  readonly milpObjective: number | null;
  /** Proven lower bound; null without one. */
  readonly bound: number | null;
  /** Relative distance of `value` from `milpObjective`. */
  readonly mismatch: number | null;
  /** Model build time, ms. */
  readonly buildMs: number;
  /** HiGHS solve time, ms. */
  readonly solveMs: number;
  /** Model size. */
  readonly size: ModelSize;
}

/** Builds and solves the batch MILP (HiGHS must be loaded: `loadExactSolver`). */
export function solveBatch(view: Readonly<ClusterView>, jobs: readonly Job[], options: BatchOptions = {}): BatchOutcome {
  requireExactSolver("exact.solveBatch");
  const o = { ...DEFAULT_BATCH_OPTIONS, ...options };
  const t0 = performance.now();
  const model = new Model("batch");
  const coefs: Coefficients[] = [];
  const vars: JobVars[] = [];
  const objective: Term[] = [];
  jobs.forEach((job, j) => {
    const c = coefficients(view, job);
    if (c === null) return;
    const v = addJobPlacement(model, c, `j${j}_`, iterationCapSec(c, o.alpha, o.incumbentValue));
    coefs.push(c);
    vars.push(v);
    objective.push([v.iteration, o.alpha / c.tRefSec], [v.cost, (1 - o.alpha) / c.costRefUsd]);
  });
  const first = coefs[0];
  if (first !== undefined) addCapacityRows(model, first, vars);
  model.setObjective("min", objective);
  const buildMs = performance.now() - t0;
  const known = o.start;
  const start = known === null ? [] : coefs.flatMap((c, j) => {
    const path = known.get(c.job.id);
    return path === undefined ? [] : pathStart(c, vars[j] as JobVars, path);
  });
  const res = solveSync(model, { timeLimitSec: o.timeLimitSec, start });
  const size = sizeOf(model);
  const empty = { paths: new Map<string, PipelinePath>(), value: null, milpObjective: null, mismatch: null };
  if (res.primal !== "feasible_point" || res.values === null || res.objective === null) {
    const status = res.termination === "infeasible" ? "infeasible" : "no_solution";
    return { status, termination: res.termination, ...empty, bound: res.bound, buildMs, solveMs: res.timeMs, size };
  }
  const paths = new Map<string, PipelinePath>();
  let working: Readonly<ClusterView> = view;
  let value = 0;
  coefs.forEach((c, j) => {
    const path = decodePath(c, vars[j] as JobVars, res.values as Float64Array);
    paths.set(c.job.id, path);
    const e = evaluateInView(working, c.job, path);
    value += e === null ? NaN : objectiveOf({ kind: "weighted", alpha: o.alpha }, c, e.breakdown);
    working = applyStart(working, c.job, path);
  });
  const proven = res.termination === "optimal";
  return {
    status: proven ? "optimal" : "feasible",
    termination: res.termination,
    paths,
    value,
    milpObjective: res.objective,
    bound: proven ? Math.min(res.bound ?? res.objective, res.objective) : res.bound,
    mismatch: relDiff(value, res.objective),
    buildMs,
    solveMs: res.timeMs,
    size,
  };
}
