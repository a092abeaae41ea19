/**
 * Backend interface and solve results, solver-neutral.
 *
 * As in JuMP, *why the solver stopped* ({@link TerminationStatus}) is kept
 * apart from *whether a usable solution exists* ({@link PrimalStatus}).
 */
import type { Model, Variable } from "./model.js";

/** Why the solver stopped. */
export type TerminationStatus =
  | "optimal"
  | "infeasible"
  | "unbounded"
  | "infeasible_or_unbounded"
  | "time_limit"
  | "iteration_limit"
  | "interrupted"
  | "numerical_error"
  | "other_error";

/**
 * Whether a usable point came back.
 * - `feasible_point`: values returned and accepted by the checker;
 * - `infeasible_point`: values returned but the checker rejected them (never use them);
 * - `no_solution`: no values.
 */
export type PrimalStatus = "feasible_point" | "infeasible_point" | "no_solution";

export type BackendName = "highs" | "glpk" | "jslp";

/** Options every backend takes. All optional; defaults in {@link DEFAULT_SOLVE_OPTIONS}. */
export interface SolveOptions {
  /** Wall-clock limit in seconds. Default `Infinity` (none). */
  readonly timeLimitSec?: number;
  /** Relative MIP gap at which to stop. Default 0 (prove optimality exactly). */
  readonly mipRelGap?: number;
  /** Run presolve. Default true. */
  readonly presolve?: boolean;
  /** Absolute tolerance the checker uses on bounds, rows and integrality. Default 1e-6. */
  readonly feasibilityTol?: number;
  /**
   * A MIP start: values for some or all variables (e.g. a heuristic's
   * placement). HiGHS completes a partial start and keeps it only if it is
   * feasible. It should only speed up finding incumbents, but on the
   * CrossPipe MILP it made HiGHS 1.15 claim a wrong optimum (docs/solvers.md).
   * Backends whose `limits.mipStart` is false ignore it. Default none.
   */
  readonly start?: MipStart | null;
}

/** Values for some variables of a model, as a solver start. */
export type MipStart = ReadonlyArray<readonly [variable: Variable, value: number]>;

export const DEFAULT_SOLVE_OPTIONS: Required<SolveOptions> = {
  timeLimitSec: Infinity,
  mipRelGap: 0,
  presolve: true,
  feasibilityTol: 1e-6,
  start: null,
};

/** One violation the checker found. */
export interface Violation {
  readonly kind: "bound" | "integrality" | "row" | "objective" | "non_finite";
  /** Variable or row name, or `"objective"`. */
  readonly name: string;
  /** Size of the violation in the model's units. */
  readonly amount: number;
  readonly message: string;
}

export interface CheckReport {
  readonly ok: boolean;
  readonly violations: ReadonlyArray<Violation>;
  /** Objective recomputed from the model at the returned values. */
  readonly objective: number;
  /** Largest absolute row or bound violation seen. */
  readonly maxViolation: number;
}

export interface SolveResult {
  readonly backend: BackendName;
  readonly termination: TerminationStatus;
  readonly primal: PrimalStatus;
  /** Objective at the returned point (constant included), recomputed from the model; null without a point. */
  readonly objective: number | null;
  /** Best proven bound on the optimum (MIP dual bound), where the backend gives one. */
  readonly bound: number | null;
  /** Relative gap `|objective − bound| / max(|objective|, 1e-9)`, where both are known. */
  readonly gap: number | null;
  /** Values by variable index, only when `primal === "feasible_point"` or `"infeasible_point"`. */
  readonly values: Float64Array | null;
  /** Checker report on the returned point; null without a point. */
  readonly check: CheckReport | null;
  /** Wall time of the solve in milliseconds (model hand-over included). */
  readonly timeMs: number;
  /** The backend's own status text, for diagnostics. */
  readonly rawStatus: string;
  /**
   * True when the first solve, with presolve on, said infeasible (or
   * infeasible-or-unbounded) and this result is a second solve without
   * presolve. Only HiGHS retries (its presolve has called feasible MILPs
   * infeasible; docs/solvers.md); false for every other result.
   */
  readonly presolveRetried: boolean;
}

/** Value of `v` in `result`, or throws if the result holds no accepted point. */
export function valueOf(result: SolveResult, v: Variable): number {
  if (result.primal !== "feasible_point" || result.values === null) {
    throw new Error(`no accepted solution (termination ${result.termination}, primal ${result.primal})`);
  }
  const x = result.values[v.index];
  if (x === undefined) throw new Error(`variable "${v.name}" is not in this result`);
  return x;
}

/** A solver behind the common interface. */
export interface Backend {
  readonly name: BackendName;
  /** What the backend cannot do; the shared test suite skips those cases and says why. */
  readonly limits: {
    /** Gives a MIP dual bound. */
    readonly dualBound: boolean;
    /** Honours a time limit. */
    readonly timeLimit: boolean;
    /** Uses {@link SolveOptions.start} as a MIP start. */
    readonly mipStart: boolean;
  };
  solve(model: Model, options?: SolveOptions): Promise<SolveResult>;
}
