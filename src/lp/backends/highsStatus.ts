/**
 * HiGHS model status codes mapped to our {@link TerminationStatus}.
 *
 * The map is a `Record` over `ModelStatusCode`, so a status added to the
 * package's types without a case here is a compile error.
 */
import type { ModelStatusCode } from "highs";
import type { TerminationStatus } from "../result.js";

/** Every HiGHS model status, by code, with its name and our termination. */
export const HIGHS_MODEL_STATUS: Readonly<
  Record<ModelStatusCode, { readonly name: string; readonly termination: TerminationStatus }>
> = {
  0: { name: "notSet", termination: "other_error" },
  1: { name: "loadError", termination: "other_error" },
  2: { name: "modelError", termination: "other_error" },
  3: { name: "presolveError", termination: "other_error" },
  4: { name: "solveError", termination: "numerical_error" },
  5: { name: "postsolveError", termination: "numerical_error" },
  // An empty model (no columns) is solved trivially by HiGHS.
  6: { name: "empty", termination: "optimal" },
  7: { name: "optimal", termination: "optimal" },
  8: { name: "infeasible", termination: "infeasible" },
  9: { name: "unboundedOrInfeasible", termination: "infeasible_or_unbounded" },
  10: { name: "unbounded", termination: "unbounded" },
  // We never set objective bounds/targets or solution limits; if one fires,
  // the solve stopped early on a limit, which is what "interrupted" says.
  11: { name: "objectiveBound", termination: "interrupted" },
  12: { name: "objectiveTarget", termination: "interrupted" },
  13: { name: "timeLimit", termination: "time_limit" },
  14: { name: "iterationLimit", termination: "iteration_limit" },
  15: { name: "unknown", termination: "other_error" },
  16: { name: "solutionLimit", termination: "interrupted" },
  17: { name: "interrupted", termination: "interrupted" },
};

/** Termination and raw status text for a HiGHS status code; unknown codes give `other_error`. */
export function highsTermination(code: number): { readonly termination: TerminationStatus; readonly rawStatus: string } {
  const entry = (HIGHS_MODEL_STATUS as Readonly<Record<number, { name: string; termination: TerminationStatus }>>)[code];
  if (entry === undefined) return { termination: "other_error", rawStatus: `unknown HiGHS model status ${code}` };
  return { termination: entry.termination, rawStatus: entry.name };
}
