/**
 * A {@link Model} as the plain arrays HiGHS takes (`ModelData`): column costs
 * and bounds, row bounds, a CSR matrix, integrality, sense and offset.
 *
 * The arrays are typed and structured-cloneable, so the same value is handed
 * to HiGHS inline or posted to the solver worker unchanged. Infinite bounds
 * stay `±Infinity`: HiGHS-WASM 1.15 takes them directly (its `infinity` is
 * IEEE infinity, and anything ≥ `infinite_bound` = 1e20 counts as infinite).
 */
import type { Model, VarType } from "../model.js";

/** Column kind codes, as in `highs.constants.variableType`. */
export const HIGHS_CONTINUOUS = 0;
/** Integer column code (binaries are integers bounded to [0, 1]). */
export const HIGHS_INTEGER = 1;
/** Semi-continuous column code (0 or within the bounds). */
export const HIGHS_SEMI_CONTINUOUS = 2;
/** Semi-integer column code (0 or an integer within the bounds). */
export const HIGHS_SEMI_INTEGER = 3;

/** HiGHS column code of each variable kind; a `Record`, so a new kind without a code does not compile. */
export const HIGHS_VARIABLE_TYPE: Readonly<Record<VarType, number>> = {
  continuous: HIGHS_CONTINUOUS,
  integer: HIGHS_INTEGER,
  binary: HIGHS_INTEGER,
  semicontinuous: HIGHS_SEMI_CONTINUOUS,
  semiinteger: HIGHS_SEMI_INTEGER,
};

/** Solver-ready arrays of one model; indices match {@link Model.variables} and {@link Model.rows}. */
export interface HighsProblem {
  /** Number of columns (variables). */
  readonly numCols: number;
  /** Number of rows (constraints). */
  readonly numRows: number;
  /** True to maximise. */
  readonly maximize: boolean;
  /** Objective constant (HiGHS `offset`). */
  readonly offset: number;
  /** Objective coefficient per column. */
  readonly colCost: Float64Array;
  /** Column lower bounds; `-Infinity` when free below. */
  readonly colLower: Float64Array;
  /** Column upper bounds; `Infinity` when free above. */
  readonly colUpper: Float64Array;
  /** Row lower bounds; `-Infinity` for a `<=` row. */
  readonly rowLower: Float64Array;
  /** Row upper bounds; `Infinity` for a `>=` row. */
  readonly rowUpper: Float64Array;
  /** CSR row starts, length `numRows + 1`. */
  readonly starts: Int32Array;
  /** CSR column index of each coefficient. */
  readonly indices: Int32Array;
  /** CSR coefficient values. */
  readonly values: Float64Array;
  /** Column kind per column ({@link HIGHS_VARIABLE_TYPE}); null for a pure LP. */
  readonly integrality: Int32Array | null;
}

/** Builds the HiGHS arrays of `model` (no text, no names). */
export function toHighsProblem(model: Model): HighsProblem {
  const vars = model.variables;
  const rows = model.rows;
  const numCols = vars.length;
  const numRows = rows.length;
  const colCost = new Float64Array(numCols);
  for (const t of model.objective.terms) colCost[t.index] = t.coef;
  const colLower = Float64Array.from(vars, (v) => v.lb);
  const colUpper = Float64Array.from(vars, (v) => v.ub);
  const rowLower = Float64Array.from(rows, (r) => r.lb);
  const rowUpper = Float64Array.from(rows, (r) => r.ub);
  let nnz = 0;
  for (const r of rows) nnz += r.terms.length;
  const starts = new Int32Array(numRows + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let k = 0;
  for (const r of rows) {
    for (const t of r.terms) {
      indices[k] = t.index;
      values[k] = t.coef;
      k++;
    }
    starts[r.index + 1] = k;
  }
  const integrality = model.isMip
    ? Int32Array.from(vars, (v) => HIGHS_VARIABLE_TYPE[v.type])
    : null;
  return {
    numCols,
    numRows,
    maximize: model.objective.sense === "max",
    offset: model.objective.constant,
    colCost,
    colLower,
    colUpper,
    rowLower,
    rowUpper,
    starts,
    indices,
    values,
    integrality,
  };
}
