/**
 * Re-checks a point returned by any backend against the model: bounds,
 * integrality, every row, and the objective the backend reported.
 */
import { evaluate, isIntegral, isSemi, objectiveValue, type Model } from "./model.js";
import {
  DEFAULT_SOLVE_OPTIONS,
  type BackendName,
  type CheckReport,
  type PrimalStatus,
  type SolveResult,
  type TerminationStatus,
  type Violation,
} from "./result.js";

/** Scaled tolerance: absolute `tol` for small magnitudes, relative for large ones. */
function allowed(tol: number, magnitude: number): number {
  return tol * Math.max(1, Math.abs(magnitude));
}

/**
 * Checks `values` against `model`. `reportedObjective`, when given, must match
 * the objective recomputed from the values within tolerance.
 */
export function checkSolution(
  model: Model,
  values: ArrayLike<number>,
  tol: number = DEFAULT_SOLVE_OPTIONS.feasibilityTol,
  reportedObjective?: number,
): CheckReport {
  const violations: Violation[] = [];
  let maxViolation = 0;
  if (values.length !== model.variables.length) {
    violations.push({
      kind: "non_finite",
      name: "values",
      amount: Infinity,
      message: `expected ${model.variables.length} values, got ${values.length}`,
    });
  }
  for (const v of model.variables) {
    const x = values[v.index];
    if (x === undefined || !Number.isFinite(x)) {
      violations.push({ kind: "non_finite", name: v.name, amount: Infinity, message: `${v.name} = ${x}` });
      maxViolation = Infinity;
      continue;
    }
    // A semi-continuous or semi-integer variable may also be 0 (within tol).
    const atZero = isSemi(v.type) && Math.abs(x) <= tol;
    const below = atZero ? 0 : v.lb - x;
    const above = atZero ? 0 : x - v.ub;
    const out = Math.max(below, above, 0);
    if (out > allowed(tol, below > 0 ? v.lb : v.ub)) {
      violations.push({
        kind: "bound",
        name: v.name,
        amount: out,
        message: `${v.name} = ${x} outside [${v.lb}, ${v.ub}]${isSemi(v.type) ? " and not 0" : ""}`,
      });
    }
    maxViolation = Math.max(maxViolation, out);
    if (isIntegral(v.type)) {
      const frac = Math.abs(x - Math.round(x));
      if (frac > tol) {
        violations.push({ kind: "integrality", name: v.name, amount: frac, message: `${v.name} = ${x} is not integral` });
      }
    }
  }
  for (const row of model.rows) {
    const ax = evaluate(row.terms, values);
    const out = Math.max(row.lb - ax, ax - row.ub, 0);
    maxViolation = Math.max(maxViolation, out);
    const side = ax < row.lb ? row.lb : row.ub;
    if (!(out <= allowed(tol, side))) {
      violations.push({
        kind: "row",
        name: row.name,
        amount: out,
        message: `${row.name}: activity ${ax} outside [${row.lb}, ${row.ub}]`,
      });
    }
  }
  const objective = objectiveValue(model, values);
  if (reportedObjective !== undefined && Number.isFinite(objective)) {
    const diff = Math.abs(objective - reportedObjective);
    if (diff > allowed(Math.max(tol, 1e-6), objective)) {
      violations.push({
        kind: "objective",
        name: "objective",
        amount: diff,
        message: `reported objective ${reportedObjective} but the values give ${objective}`,
      });
    }
  }
  return { ok: violations.length === 0, violations, objective, maxViolation };
}

/** Raw outcome a backend hands to {@link finishResult}. */
export interface RawOutcome {
  readonly termination: TerminationStatus;
  readonly values: ArrayLike<number> | null;
  readonly reportedObjective?: number;
  readonly bound?: number | null;
  readonly rawStatus: string;
  readonly timeMs: number;
  /** The result comes from a re-solve without presolve after presolve said infeasible. Default false. */
  readonly presolveRetried?: boolean;
}

/** Relative MIP gap as HiGHS and Gurobi define it: |obj − bound| / |obj|. */
export function relativeGap(objective: number, bound: number): number {
  if (objective === bound) return 0;
  return Math.abs(objective - bound) / Math.max(Math.abs(objective), 1e-9);
}

/**
 * Turns a backend's raw outcome into a {@link SolveResult}: checks the point,
 * recomputes the objective from the model, and derives the gap. A point the
 * checker rejects is marked `infeasible_point` and is never reported as optimal.
 */
export function finishResult(
  backend: BackendName,
  model: Model,
  raw: RawOutcome,
  tol: number = DEFAULT_SOLVE_OPTIONS.feasibilityTol,
): SolveResult {
  let primal: PrimalStatus = "no_solution";
  let values: Float64Array | null = null;
  let check: CheckReport | null = null;
  let objective: number | null = null;
  let termination = raw.termination;
  if (raw.values !== null && (raw.values.length > 0 || model.variables.length === 0)) {
    values = Float64Array.from(raw.values);
    check = checkSolution(model, values, tol, raw.reportedObjective);
    objective = check.objective;
    primal = check.ok ? "feasible_point" : "infeasible_point";
    if (!check.ok && termination === "optimal") termination = "numerical_error";
  }
  let bound = raw.bound ?? null;
  if (bound !== null && !Number.isFinite(bound)) bound = null;
  if (bound === null && termination === "optimal" && primal === "feasible_point" && !model.isMip) {
    bound = objective; // an optimal LP's dual bound equals its objective
  }
  const gap = objective !== null && bound !== null && primal === "feasible_point" ? relativeGap(objective, bound) : null;
  return {
    backend,
    termination,
    primal,
    objective,
    bound,
    gap,
    values,
    check,
    timeMs: raw.timeMs,
    rawStatus: raw.rawStatus,
    presolveRetried: raw.presolveRetried ?? false,
  };
}
