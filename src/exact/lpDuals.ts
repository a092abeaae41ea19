/**
 * A synchronous HiGHS LP solve that also returns the row duals, for the
 * restricted master LP of column generation (`batchColumns.ts`). Same runtime
 * as {@link solveSync} (`loadExactSolver` first). Duals follow HiGHS's
 * convention for minimisation: the reduced cost of a column with cost c and
 * coefficients a_i is `c − Σ_i a_i·rowDual_i` (a `≤` row has a dual ≤ 0).
 */
import type { Model } from "../lp/model.js";
import { toHighsProblem } from "../lp/backends/highsProblem.js";
import { toModelData } from "../lp/backends/highsRun.js";
import { currentHighs } from "../lp/backends/highsRuntime.js";

/** An LP solve with duals. */
export type LpDualResult =
  | {
      readonly status: "optimal";
      /** Column values. */
      readonly values: Float64Array;
      /** Row duals. */
      readonly rowDual: Float64Array;
      /** Objective value. */
      readonly objective: number;
    }
  | { readonly status: "infeasible" | "error"; readonly reason: string };

/** HiGHS model status "optimal". */
const MODEL_OPTIMAL = 7;
/** HiGHS model status "infeasible". */
const MODEL_INFEASIBLE = 8;

/** Solves the LP `model` (its integrality ignored) and returns values and row duals. */
export function solveLpWithDuals(model: Model): LpDualResult {
  const runtime = currentHighs();
  if (runtime === null) return { status: "error", reason: "HiGHS is not loaded: await loadExactSolver() first" };
  const problem = { ...toHighsProblem(model), integrality: null };
  const hm = runtime.createModel(toModelData(runtime, problem));
  try {
    hm.options.set({ output_flag: false });
    const code: number = hm.run().modelStatus;
    if (code === MODEL_INFEASIBLE) return { status: "infeasible", reason: "HiGHS: infeasible" };
    if (code !== MODEL_OPTIMAL) return { status: "error", reason: `HiGHS model status ${code}` };
    const s = hm.getSolution();
    return { status: "optimal", values: Float64Array.from(s.colValue), rowDual: Float64Array.from(s.rowDual), objective: hm.getObjectiveValue() };
  } finally {
    hm.dispose();
  }
}
