/**
 * Folding the helper columns that LP writers add back into the model they
 * stand for, after an LP file has been read:
 *
 * - a ranged row's activity column, `row: a·x - S = rhs` with `l <= S <= u`,
 *   becomes the row `rhs + l <= a·x <= rhs + u`. Folded when a
 *   `\ geopipe:range <row> <S>` comment names it (geopipe's writer, rhs 0), or
 *   when S is named as GLPK (`~r_<k>`, as glpsol 5.0 writes) or CPLEX
 *   (`Rg<row>`) name range columns: the "-R" ranges of CPLEX-style LP files;
 * - the objective-constant column, `c·K` with `K = 1`, becomes the constant c
 *   when a `\ geopipe:constant K` comment names it.
 *
 * A column is folded only when that is exact: continuous, in that one row only
 * with coefficient -1 (or in no row, for the constant), not in the objective.
 * A named column that does not qualify is a {@link ParseError}; a column that
 * only matches a naming convention and does not qualify stays a column.
 */
import { ParseError } from "../parseError.js";
import type { LinearExpr } from "./lpTokens.js";

/** The parts of a variable the folds read. */
export interface FoldVar {
  /** Bound as read; undefined when the file gave none. */
  readonly lb: number | undefined;
  /** Bound as read; undefined when the file gave none. */
  readonly ub: number | undefined;
  /** Kind as read (semi kinds are never folded). */
  readonly type: string;
  /** Whether a semi section names it. */
  readonly semi: boolean;
}

/** A row as the folds change it. */
export interface FoldRow {
  terms: LinearExpr["terms"];
  lb: number;
  ub: number;
}

/** A `\ geopipe:…` comment: what it names and where it stands. */
export interface FoldDirective {
  /** Row name (range directives) or "" (constant directive). */
  readonly row: string;
  /** The column it names. */
  readonly column: string;
  /** 1-based line of the comment. */
  readonly line: number;
}

/** Why `column` cannot be an exact range column of row `k`, or null when it can. */
function rangeObstacle(column: string, k: number, rows: ReadonlyArray<FoldRow>, vars: ReadonlyMap<string, FoldVar>, objective: LinearExpr): string | null {
  const row = rows[k] as FoldRow;
  const info = vars.get(column);
  if (info === undefined) return "there is no such variable";
  if (row.lb !== row.ub) return "the row is not an equality";
  const inRow = row.terms.filter(([n]) => n === column);
  if (inRow.length !== 1 || inRow[0]?.[1] !== -1) return "the variable's coefficient in the row is not -1";
  if (objective.terms.some(([n, c]) => n === column && c !== 0)) return "the variable is in the objective";
  if (rows.some((r, j) => j !== k && r.terms.some(([n]) => n === column))) return "the variable is in another row";
  if (info.type !== "continuous" || info.semi) return "the variable is not continuous";
  return null;
}

/** Folds `column` into row `k`: `a·x - S = rhs`, `S ∈ [l, u]` → `a·x ∈ [rhs + l, rhs + u]`. */
function foldInto(row: FoldRow, column: string, info: FoldVar): void {
  const rhs = row.lb;
  row.lb = rhs + (info.lb ?? 0);
  row.ub = rhs + (info.ub ?? Infinity);
  row.terms = row.terms.filter(([n]) => n !== column);
}

/**
 * Folds range columns into `rows` (changed in place): those the `directives`
 * name, then those named by GLPK's or CPLEX's convention. Returns the folded
 * column names.
 */
export function foldRanges(
  rows: ReadonlyArray<FoldRow>,
  rowNames: ReadonlyArray<string>,
  vars: ReadonlyMap<string, FoldVar>,
  objective: LinearExpr,
  directives: ReadonlyArray<FoldDirective>,
): Set<string> {
  const folded = new Set<string>();
  for (const d of directives) {
    const k = rowNames.indexOf(d.row);
    const bad = (why: string): never => {
      throw new ParseError("lp", d.line, `the range comment links row "${d.row}" to variable "${d.column}", but ${why}`);
    };
    if (k < 0) bad("there is no such row");
    const row = rows[k] as FoldRow;
    const why = rangeObstacle(d.column, k, rows, vars, objective) ?? (row.lb !== 0 ? "the row is not '= 0'" : null);
    if (why !== null) bad(why);
    foldInto(row, d.column, vars.get(d.column) as FoldVar);
    folded.add(d.column);
  }
  rows.forEach((row, k) => {
    const conventional = row.terms.filter(([n]) => !folded.has(n) && (/^~r_\d+$/.test(n) || n === `Rg${rowNames[k] ?? ""}`));
    if (conventional.length !== 1) return;
    const column = conventional[0]?.[0] as string;
    const info = vars.get(column);
    if (info === undefined || rangeObstacle(column, k, rows, vars, objective) !== null) return;
    if ((info.lb ?? 0) === -Infinity && (info.ub ?? Infinity) === Infinity) return;
    foldInto(row, column, info);
    folded.add(column);
  });
  return folded;
}

/**
 * The objective with the constant column of `directive` folded into its
 * constant; `objective` itself when there is no directive.
 */
export function foldConstant(
  objective: LinearExpr,
  rows: ReadonlyArray<FoldRow>,
  vars: ReadonlyMap<string, FoldVar>,
  directive: FoldDirective | undefined,
): LinearExpr {
  if (directive === undefined) return objective;
  const { column, line } = directive;
  const bad = (why: string): never => {
    throw new ParseError("lp", line, `the constant comment names variable "${column}", but ${why}`);
  };
  const info = vars.get(column);
  if (info === undefined) bad("there is no such variable");
  else if (info.lb !== 1 || info.ub !== 1) bad("it is not fixed at 1 in Bounds");
  else if (info.type !== "continuous" || info.semi) bad("it is not continuous");
  if (rows.some((r) => r.terms.some(([n]) => n === column))) bad("it is used in a row");
  let c = 0;
  for (const [n, coef] of objective.terms) if (n === column) c += coef;
  return { terms: objective.terms.filter(([n]) => n !== column), constant: objective.constant + c };
}
