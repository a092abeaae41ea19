/**
 * Writes a {@link Model} as MPS text (free or fixed) that HiGHS and GLPK read as
 * the same model, and that {@link readMps} reads back to an identical model.
 *
 * Conventions (checked against HiGHS 1.15 in test/lp/mpsFormat.test.ts):
 * - No OBJSENSE section: readers disagree on it. HiGHS reads it; CBC 2.10.8
 *   prints "MAX found after OBJSENSE - Coin ignores" and minimises; glpsol 5.0
 *   refuses the file ("invalid indicator record"). A maximisation is written
 *   as the minimisation of the negated objective (constant included), which
 *   every reader takes the same way, with a `* geopipe:maximize` comment that
 *   {@link readMps} uses to read the model back as written. Other solvers
 *   report the negated optimum of such a file; its optimal point is the model's.
 * - The objective row is `N obj` (renamed `obj_`… if a constraint owns that name).
 * - The objective constant c is written as an extra last column `K` with
 *   objective coefficient c and bound `FX 1`, plus a `* geopipe:constant K`
 *   comment that {@link readMps} folds back. The RHS of the objective row is
 *   not used: HiGHS, CPLEX and CBC read RHS v there as a constant of -v, but
 *   glpsol 5.0 reads it as +v.
 * - A semi-continuous column gets `SC BND col ub` (and `LO` when lb ≠ 0); a
 *   semi-integer one sits between the integer markers with the same bounds.
 * - Integer and binary columns sit between `'MARKER' 'INTORG'`/`'INTEND'` lines and
 *   always get explicit bounds, because readers disagree on the default bounds
 *   of a marked column (HiGHS and CPLEX use [0, 1] when no bound is given).
 *   Binaries in [0, 1] are written `BV`. A binary with other bounds within [0, 1]
 *   (e.g. fixed at 1) is written as an integer with LO/UP, since HiGHS applies
 *   BV last and ignores other bounds on that column: it reads back as "integer".
 * - Upper bounds are written before lower bounds, so a reader that turns a
 *   negative UP on a column with lower bound 0 into lower bound -inf is reset by
 *   the LO/MI line that follows.
 * - A ranged row is written G (rhs lb) or L (rhs ub) with a RANGES value r chosen
 *   so that `lb + r` or `ub - r` gives the other side exactly in floating point.
 *   When no such r exists, the nearest is written plus a `* geopipe:range row lb ub`
 *   comment that {@link readMps} uses to restore the exact sides.
 * - Columns are written in index order; a column in no row and not in the
 *   objective gets an explicit `obj 0` entry so it is declared.
 * - Fixed format pads fields to columns 2-3, 5-12, 15-22, 25-36, 40-47, 50-61 and
 *   refuses names over 8 characters and numbers that need over 12.
 */
import { isIntegral, isSafeName, isSemi, Model, ModelError, type Row, type Variable } from "./model.js";
import { constantColumnName } from "./lpWriter.js";
import { formatNumber } from "./text/numbers.js";

/** Options for {@link writeMps}. */
export interface MpsWriteOptions {
  /** `"free"` (names of any length) or `"fixed"` (classic column positions). Default `"free"`. */
  readonly format?: "free" | "fixed";
}

/** Defaults of {@link MpsWriteOptions}. */
export const DEFAULT_MPS_WRITE_OPTIONS: Required<MpsWriteOptions> = { format: "free" };

/** Comment prefix of the directive carrying a ranged row's exact sides. */
export const MPS_RANGE_DIRECTIVE = "* geopipe:range";

/** Comment prefix of the directive that marks the column carrying the objective constant. */
export const MPS_CONSTANT_DIRECTIVE = "* geopipe:constant";

/** Comment that marks a maximisation written as the minimisation of the negated objective. */
export const MPS_MAXIMIZE_DIRECTIVE = "* geopipe:maximize";

/** Writes `model` as MPS text (see the file comment for the conventions). */
export function writeMps(model: Model, options: MpsWriteOptions = {}): string {
  const opts = { ...DEFAULT_MPS_WRITE_OPTIONS, ...options };
  const fixed = opts.format === "fixed";
  const num = (x: number, what: string): string => {
    const s = formatNumber(x);
    if (fixed && s.length > 12) {
      throw new ModelError(`writeMps: ${what} = ${s} needs ${s.length} characters, more than the 12 of fixed MPS; use format "free"`);
    }
    return s;
  };
  for (const [kind, list] of [["variable", model.variables], ["row", model.rows]] as const) {
    for (const { name } of list) {
      if (!isSafeName(name)) throw new ModelError(`writeMps: ${kind} name "${name}" is not safe for MPS text; rename it`);
      if (fixed && name.length > 8) {
        throw new ModelError(`writeMps: ${kind} name "${name}" is longer than the 8 characters of fixed MPS; use format "free"`);
      }
    }
  }
  const line = (f1: string, f2: string, f3 = "", f4 = "", f5 = "", f6 = ""): string =>
    ` ${f1.padEnd(2)} ${f2.padEnd(8)}  ${f3.padEnd(8)}  ${f4.padEnd(12)}   ${f5.padEnd(8)}  ${f6}`.trimEnd();

  let obj = "obj";
  const rowNames = new Set(model.rows.map((r) => r.name));
  while (rowNames.has(obj)) obj = `${obj}_`;
  const constant = constantColumnName(model);
  if (constant !== null && fixed && constant.length > 8) {
    throw new ModelError(`writeMps: the objective constant needs a column ("${constant}"), whose name is longer than the 8 characters of fixed MPS; use format "free"`);
  }
  const out: string[] = [`NAME          ${model.name.replace(/[\r\n]+/g, " ")}`];
  if (constant !== null) out.push(`${MPS_CONSTANT_DIRECTIVE} ${constant}`);
  const negate = model.objective.sense === "max" ? -1 : 1;
  if (negate === -1) out.push(MPS_MAXIMIZE_DIRECTIVE, "* This model maximises f; the file minimises -f (MPS readers disagree on OBJSENSE).");
  out.push("ROWS", line("N", obj));
  const ranges = model.rows.map((r) => rangeForm(r));
  model.rows.forEach((r, k) => out.push(line(ranges[k]?.type ?? rowType(r), r.name)));

  out.push("COLUMNS");
  const columns: Array<Array<[string, number]>> = model.variables.map(() => []);
  for (const t of model.objective.terms) columns[t.index]?.push([obj, negate * t.coef]);
  for (const r of model.rows) for (const t of r.terms) columns[t.index]?.push([r.name, t.coef]);
  let inMarker = false;
  const marker = (kind: "INTORG" | "INTEND"): string => line("", "MARKER", "'MARKER'", "", `'${kind}'`);
  for (const v of model.variables) {
    const isInt = isIntegral(v.type);
    if (isInt !== inMarker) {
      out.push(marker(isInt ? "INTORG" : "INTEND"));
      inMarker = isInt;
    }
    const entries = columns[v.index] ?? [];
    if (entries.length === 0) entries.push([obj, 0]);
    for (const [row, coef] of entries) out.push(line("", v.name, row, num(coef, `coefficient of ${v.name} in ${row}`)));
  }
  if (inMarker) out.push(marker("INTEND"));
  if (constant !== null) out.push(line("", constant, obj, num(negate * model.objective.constant, "objective constant")));

  out.push("RHS");
  model.rows.forEach((r, k) => {
    const rhs = ranges[k]?.rhs ?? (r.lb === -Infinity ? r.ub : r.lb);
    if (rhs !== 0) out.push(line("", "RHS", r.name, num(rhs, `right-hand side of ${r.name}`)));
  });
  if (ranges.some((g) => g !== undefined)) {
    out.push("RANGES");
    model.rows.forEach((r, k) => {
      const g = ranges[k];
      if (g === undefined) return;
      if (!g.exact) out.push(`${MPS_RANGE_DIRECTIVE} ${r.name} ${formatNumber(r.lb)} ${formatNumber(r.ub)}`);
      out.push(line("", "RNG", r.name, num(g.range, `range of ${r.name}`)));
    });
  }
  const bounds = model.variables.flatMap((v) => boundLines(v).map(([type, value]) =>
    line(type, "BND", v.name, value === undefined ? "" : num(value, `bound of ${v.name}`))));
  if (constant !== null) bounds.push(line("FX", "BND", constant, "1"));
  if (bounds.length > 0) out.push("BOUNDS", ...bounds);
  out.push("ENDATA");
  return `${out.join("\n")}\n`;
}

function rowType(row: Row): "L" | "G" | "E" {
  if (row.lb === row.ub) return "E";
  return row.lb === -Infinity ? "L" : "G";
}

/** Row type, rhs and RANGES value of a ranged row (undefined for other rows). */
function rangeForm(row: Row): { type: "G" | "L"; rhs: number; range: number; exact: boolean } | undefined {
  const { lb, ub } = row;
  if (!Number.isFinite(lb) || !Number.isFinite(ub) || lb === ub) return undefined;
  const d = ub - lb;
  for (let k = 0; k <= 8; k++) {
    for (const step of k === 0 ? [0] : [k, -k]) {
      const r = stepUlps(d, step);
      if (!(r > 0) || !Number.isFinite(r)) continue;
      if (lb + r === ub) return { type: "G", rhs: lb, range: r, exact: true };
      if (ub - r === lb) return { type: "L", rhs: ub, range: r, exact: true };
    }
  }
  return { type: "G", rhs: lb, range: d, exact: false };
}

const view = new DataView(new ArrayBuffer(8));

/** `x` moved by `k` units in the last place (towards +inf for k > 0); only for positive finite `x`. */
function stepUlps(x: number, k: number): number {
  if (k === 0 || !(x > 0)) return x;
  view.setFloat64(0, x);
  view.setBigInt64(0, view.getBigInt64(0) + BigInt(k));
  return view.getFloat64(0);
}

/** BOUNDS entries of `v`: `[type, value]`, upper bound first. */
function boundLines(v: Variable): Array<[string, number | undefined]> {
  const { lb, ub } = v;
  if (isSemi(v.type)) return lb === 0 ? [["SC", ub]] : [["SC", ub], ["LO", lb]];
  if (v.type === "binary" && lb === 0 && ub === 1) return [["BV", undefined]];
  const integer = isIntegral(v.type);
  if (lb === ub) return [["FX", lb]];
  if (lb === -Infinity && ub === Infinity) return [["FR", undefined]];
  const lines: Array<[string, number | undefined]> = [];
  if (ub !== Infinity) lines.push(["UP", ub]);
  else if (integer) lines.push(["PL", undefined]);
  if (lb === -Infinity) lines.push(["MI", undefined]);
  else if (lb !== 0 || integer || ub < 0) lines.push(["LO", lb]);
  return lines;
}
