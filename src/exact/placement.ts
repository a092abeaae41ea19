/**
 * The exact placement of one job under a cluster view (docs/exact.md,
 * "Placement MILP"): the variables of `formulation.ts`, GPU capacity per
 * region, link bandwidth (the job's demand on a link ≤ its residual), and
 * objective (a) minimum cost s.t. T ≤ bound or (b) weighted time–cost.
 *
 * The decoded path is re-evaluated by the cost model as the simulator would
 * run it; the reported numbers are the re-evaluated ones, and `mismatch` is
 * their relative distance from the MILP's objective (the model's self-check).
 */
import { Model, type Term } from "../lp/model.js";
import type { SolveResult, TerminationStatus } from "../lp/result.js";
import type { PlacementBreakdown } from "../cost/index.js";
import type { Job, PipelinePath } from "../model/types.js";
import type { ClusterView } from "../sim/types.js";
import { coefficients, type Coefficients } from "./coefficients.js";
import { DEFAULT_OBJECTIVE, evaluateInView, objectiveOf, type PlacementObjective } from "./evaluate.js";
import { addJobPlacement, decodePath, pathStart, type JobVars } from "./formulation.js";
import { requireExactSolver, solveSync } from "./solveSync.js";

/** Options of {@link solvePlacement}; all optional, defaults in {@link DEFAULT_PLACEMENT_OPTIONS}. */
export interface PlacementOptions {
  /** The objective. Default weighted, alpha 0.5. */
  readonly objective?: PlacementObjective;
  /** HiGHS time limit, s. Default 10. */
  readonly timeLimitSec?: number;
  /** Relative MIP gap at which HiGHS stops. Default 0 (prove optimality). */
  readonly mipRelGap?: number;
  /**
   * Objective value of a known feasible placement (e.g. a heuristic's), used
   * only to tighten the model: with objective (b) the optimum has
   * T ≤ value·T_ref/alpha. Default `Infinity` (none).
   */
  readonly incumbentValue?: number;
  /**
   * A known placement (e.g. the heuristic's path), handed to HiGHS as a MIP
   * start; a path that does not fit the model is not used. Default none.
   */
  readonly startPath?: readonly string[] | null;
}

/** Defaults of {@link PlacementOptions}. */
export const DEFAULT_PLACEMENT_OPTIONS: Required<PlacementOptions> = {
  objective: DEFAULT_OBJECTIVE,
  timeLimitSec: 10,
  mipRelGap: 0,
  incumbentValue: Infinity,
  startPath: null,
};

/** Size of a built MILP. */
export interface ModelSize {
  /** Columns. */
  readonly variables: number;
  /** Binary (and integer) columns. */
  readonly binaries: number;
  /** Rows. */
  readonly rows: number;
}

/** What {@link solvePlacement} found. */
export type PlacementOutcome =
  | {
      /** `"optimal"`: proven; `"feasible"`: a point, optimality not proven within the limit. */
      readonly status: "optimal" | "feasible";
      /** Decoded pipeline path. */
      readonly path: PipelinePath;
      /** The cost model's evaluation of the path in the view (what is reported). */
      readonly breakdown: PlacementBreakdown;
      /** Objective recomputed from `breakdown`. */
      readonly value: number;
      /** The MILP's objective at its point. */
      readonly milpObjective: number;
      /** Best proven lower bound on the optimum (MILP dual bound), or `milpObjective` when proven. */
      readonly bound: number;
      /** |value − milpObjective| / max(|value|, 1e-12): should be ≈ 0. */
      readonly mismatch: number;
      /** Whether the cost coefficients were exact (constant prices). */
      readonly costExact: boolean;
      /** Model build time, ms. */
      readonly buildMs: number;
      /** HiGHS solve time, ms. */
      readonly solveMs: number;
      /** Model size. */
      readonly size: ModelSize;
    }
  | {
      /** `"infeasible"`: proven no placement fits; `"no_solution"`: none found in the limit or solver error. */
      readonly status: "infeasible" | "no_solution";
      /** The solver's termination status. */
      readonly termination: TerminationStatus;
      /** Best proven bound, when the solver gave one. */
      readonly bound: number | null;
      /** Model build time, ms. */
      readonly buildMs: number;
      /** HiGHS solve time, ms. */
      readonly solveMs: number;
      /** Model size. */
      readonly size: ModelSize;
      /** The solver's status text. */
      readonly reason: string;
    };

/** An outcome with a placement. */
export type Placed = Extract<PlacementOutcome, { readonly path: PipelinePath }>;
/** An outcome without one. */
export type NotPlaced = Exclude<PlacementOutcome, Placed>;

/** Whether `o` holds a placement (`"optimal"` or `"feasible"`). */
export function isPlaced(o: PlacementOutcome): o is Placed {
  return o.status === "optimal" || o.status === "feasible";
}

/** A built single-job placement model. */
export interface PlacementModel {
  /** The MILP. */
  readonly model: Model;
  /** The numbers it was built from. */
  readonly coefficients: Coefficients;
  /** Handles of its variables. */
  readonly vars: JobVars;
}

/** Size of `model`. */
export function sizeOf(model: Model): ModelSize {
  return { variables: model.variables.length, binaries: model.variables.filter((v) => v.type !== "continuous").length, rows: model.rows.length };
}

/** Adds the per-region GPU rows and per-link bandwidth rows over all `jobs`' terms. */
export function addCapacityRows(model: Model, c: Coefficients, jobs: readonly JobVars[]): void {
  c.regions.forEach((_, r) => {
    const terms: Term[] = jobs.flatMap((j) => j.gpuTerms[r] ?? []);
    if (terms.length > 0) model.addConstraint(`gpu_${r}`, terms, "<=", c.freeGpus[r] as number);
  });
  const keys = new Set(jobs.flatMap((j) => [...j.linkTerms.keys()]));
  [...keys].sort().forEach((key, i) => {
    const terms = jobs.flatMap((j) => j.linkTerms.get(key) ?? []);
    model.addConstraint(`bw_${i}`, terms, "<=", c.residualGbps.get(key) ?? 0);
  });
}

/** `Σ_k min_r ρ_r`: cost grows at least this fast in T (USD per second of T), whatever the path. */
function minCostPerIterSec(c: Coefficients): number {
  return c.job.stages * Math.min(...c.costPerIterSec);
}

/**
 * A valid cap on T of any placement whose weighted score (at `alpha`) is at
 * most `value`: `value / (α/T_ref + (1−α)·Σ_k min_r ρ_r / cost_ref)`, since
 * cost ≥ Σ_k min_r ρ_r · T. `Infinity` when `value` is not finite.
 */
export function iterationCapSec(c: Coefficients, alpha: number, value: number): number {
  if (!Number.isFinite(value)) return Infinity;
  return (value / (alpha / c.tRefSec + ((1 - alpha) * minCostPerIterSec(c)) / c.costRefUsd)) * (1 + 1e-7);
}

/**
 * Builds the single-job placement MILP; null when the view has no model for
 * the job. With objective (b) and a known feasible value V, T is capped by
 * `V / (α/T_ref + (1−α)·Σ_k min_r ρ_r / cost_ref)` (valid: cost ≥ Σ_k min_r ρ_r · T).
 */
export function buildPlacementModel(
  view: Readonly<ClusterView>,
  job: Job,
  objective: PlacementObjective = DEFAULT_OBJECTIVE,
  incumbentValue = Infinity,
): PlacementModel | null {
  const c = coefficients(view, job);
  if (c === null) return null;
  const model = new Model(`place_${objective.kind}`);
  const cap =
    objective.kind === "cost"
      ? objective.maxIterationSec
      : iterationCapSec(c, objective.alpha, incumbentValue);
  const vars = addJobPlacement(model, c, "", cap);
  addCapacityRows(model, c, [vars]);
  if (objective.kind === "cost") {
    model.addConstraint("tbound", [[vars.iteration, 1]], "<=", objective.maxIterationSec);
    model.setObjective("min", [[vars.cost, 1]]);
  } else {
    model.setObjective("min", [
      [vars.iteration, objective.alpha / c.tRefSec],
      [vars.cost, (1 - objective.alpha) / c.costRefUsd],
    ]);
  }
  return { model, coefficients: c, vars };
}

/** Relative distance of `a` from `b`. */
export function relDiff(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(a), 1e-12);
}

/** Turns a solve of a placement model into a {@link PlacementOutcome}. */
export function decodePlacement(
  view: Readonly<ClusterView>,
  built: PlacementModel,
  vars: JobVars,
  objective: PlacementObjective,
  result: SolveResult,
  buildMs: number,
): PlacementOutcome {
  const size = sizeOf(built.model);
  const solveMs = result.timeMs;
  if (result.primal !== "feasible_point" || result.values === null || result.objective === null) {
    return {
      status: result.termination === "infeasible" ? "infeasible" : "no_solution",
      termination: result.termination,
      bound: result.bound,
      buildMs,
      solveMs,
      size,
      reason: result.rawStatus,
    };
  }
  const c = built.coefficients;
  const path = decodePath(c, vars, result.values);
  const evaluated = evaluateInView(view, c.job, path);
  if (evaluated === null) {
    return { status: "no_solution", termination: "numerical_error", bound: result.bound, buildMs, solveMs, size, reason: `decoded path ${path.join(",")} is rejected by the cost model` };
  }
  const value = objectiveOf(objective, c, evaluated.breakdown);
  const milpObjective = objective.kind === "cost" ? (result.values[vars.cost.index] ?? NaN) : result.objective;
  const proven = result.termination === "optimal";
  return {
    status: proven ? "optimal" : "feasible",
    path,
    breakdown: evaluated.breakdown,
    value,
    milpObjective,
    bound: proven ? Math.min(result.bound ?? milpObjective, milpObjective) : (result.bound ?? -Infinity),
    mismatch: relDiff(value, milpObjective),
    costExact: c.costExact,
    buildMs,
    solveMs,
    size,
  };
}

/** Solves the exact placement of `job` under `view` synchronously (HiGHS must be loaded: `loadExactSolver`). */
export function solvePlacement(view: Readonly<ClusterView>, job: Job, options: PlacementOptions = {}): PlacementOutcome {
  requireExactSolver("exact.solvePlacement");
  const o = { ...DEFAULT_PLACEMENT_OPTIONS, ...options };
  const t0 = performance.now();
  const built = buildPlacementModel(view, job, o.objective, o.incumbentValue);
  const buildMs = performance.now() - t0;
  if (built === null) {
    return { status: "no_solution", termination: "other_error", bound: null, buildMs, solveMs: 0, size: { variables: 0, binaries: 0, rows: 0 }, reason: `model "${job.model}" of job "${job.id}" is not in the view` };
  }
  const start = o.startPath === null ? [] : pathStart(built.coefficients, built.vars, o.startPath);
  const result = solveSync(built.model, { timeLimitSec: o.timeLimitSec, mipRelGap: o.mipRelGap, start });
  return decodePlacement(view, built, built.vars, o.objective, result, buildMs);
}
