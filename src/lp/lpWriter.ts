/**
 * Writes a {@link Model} as strict CPLEX LP text that HiGHS, GLPK and CPLEX read
 * as the same model, and that {@link readLp} reads back to an identical model.
 *
 * Choices made by experiment with HiGHS 1.15 (see test/lp/lpFormat.test.ts):
 * - HiGHS's LP reader aborts on `lb <= expr <= ub` and on any constant left of
 *   the comparison, and silently drops a constant inside the left expression.
 *   So rows only ever have variables on the left and one number on the right.
 * - A ranged row `lb ≤ a·x ≤ ub` (both finite, lb < ub) is written as
 *   `name: a·x - S = 0` with an extra continuous variable `S` bounded
 *   `lb <= S <= ub` (S is the row's activity; exact, unlike `ub - lb`). The row
 *   count is unchanged; a `\ geopipe:range <row> <S>` comment tells
 *   {@link readLp} to fold S back into the row's bounds. Other readers see one
 *   extra column per ranged row.
 * - An objective constant c is written as `c·K` with an extra column `K` fixed
 *   at 1 (`K = 1` in Bounds), the last objective term. A bare `+ 18` in the
 *   objective is read as an offset by HiGHS, dropped by CBC 2.10 and refused
 *   by glpsol 5.0 ("missing variable name"); a fixed column means the same to
 *   every reader. A `\ geopipe:constant K` comment tells {@link readLp} to fold
 *   it back into the constant.
 * - Semi-continuous and semi-integer variables get both bounds in Bounds and
 *   are listed in a `Semi-continuous` section (semi-integers also in
 *   `Generals`), as CPLEX and HiGHS read them.
 * - Variables are created by readers in order of first appearance. When the
 *   objective and rows would not meet the variables in index order, zero terms
 *   (`0 x`) are put in the objective so that they do.
 * - Variable names that are LP keywords (`free`, `end`, `bin`, `inf`, …) make
 *   HiGHS abort, and names starting with `inf` or `nan` (`inflow`, `Inf2`) are
 *   read by HiGHS as numbers; the writer refuses them (and keyword row names)
 *   with a {@link ModelError}.
 */
import { isSafeName, isSemi, Model, ModelError, type Row, type Variable } from "./model.js";
import { formatNumber } from "./text/numbers.js";

/** Options for {@link writeLp}. */
export interface LpWriteOptions {
  /** Longest line written, except where one name and its coefficient alone are longer. Default 255. */
  readonly maxLineChars?: number;
}

/** Defaults of {@link LpWriteOptions}. */
export const DEFAULT_LP_WRITE_OPTIONS: Required<LpWriteOptions> = { maxLineChars: 255 };

/** Comment prefix of the directive that marks a ranged row's activity variable. */
export const LP_RANGE_DIRECTIVE = "\\ geopipe:range";

/** Comment prefix of the directive that marks the column carrying the objective constant. */
export const LP_CONSTANT_DIRECTIVE = "\\ geopipe:constant";

/** Base name of the fixed column that carries an objective constant in written files (8 characters, so fixed MPS can hold it). */
export const CONSTANT_COLUMN = "objconst";

type Entry = { readonly index: number; readonly coef: number };

/** Writes `model` as CPLEX LP text (see the file comment for the conventions). */
export function writeLp(model: Model, options: LpWriteOptions = {}): string {
  const opts = { ...DEFAULT_LP_WRITE_OPTIONS, ...options };
  checkNames(model);
  const vars = model.variables;
  const slacks = rangeSlackNames(model);
  const constant = constantColumnName(model, slacks.values());
  const out: string[] = [];
  out.push(`\\ Problem name: ${model.name.replace(/[\r\n]+/g, " ")}`);
  for (const [row, slack] of slacks) out.push(`${LP_RANGE_DIRECTIVE} ${row.name} ${slack}`);
  if (constant !== null) out.push(`${LP_CONSTANT_DIRECTIVE} ${constant}`);

  const rowTerms = model.rows.map((r) => (r.terms.length > 0 || vars.length === 0 ? r.terms : [{ index: 0, coef: 0 }]));
  const objTerms = objectiveWithOrder(model, rowTerms);
  const objName = uniqueName("obj", new Set(model.rows.map((r) => r.name)));
  out.push(model.objective.sense === "min" ? "Minimize" : "Maximize");
  const objChunks = [`${objName}:`, ...termChunks(objTerms, vars)];
  const c = model.objective.constant;
  if (constant !== null) {
    const body = `${formatNumber(Math.abs(c))} ${constant}`;
    objChunks.push(c < 0 ? `- ${body}` : objChunks.length === 1 ? body : `+ ${body}`);
  }
  wrap(out, objChunks, opts.maxLineChars);

  out.push("Subject To");
  model.rows.forEach((row, i) => {
    const terms = rowTerms[i] ?? row.terms;
    if (terms.length === 0) {
      throw new ModelError(`writeLp: row "${row.name}" has no terms and the model has no variables; LP text cannot state it`);
    }
    const chunks = [`${row.name}:`, ...termChunks(terms, vars)];
    const slack = slacks.get(row);
    if (slack !== undefined) chunks.push(`- ${slack}`, "=", "0");
    else chunks.push(...comparison(row));
    wrap(out, chunks, opts.maxLineChars);
  });

  const declared = new Set<number>(objTerms.map((t) => t.index));
  for (const terms of rowTerms) for (const t of terms) declared.add(t.index);
  const bounds: string[] = [];
  for (const v of vars) {
    const line = boundLine(v, !declared.has(v.index));
    if (line !== undefined) bounds.push(` ${line}`);
  }
  for (const [row, slack] of slacks) bounds.push(` ${formatNumber(row.lb)} <= ${slack} <= ${formatNumber(row.ub)}`);
  if (constant !== null) bounds.push(` ${constant} = 1`);
  if (bounds.length > 0) out.push("Bounds", ...bounds);
  const generals = vars.filter((v) => v.type === "integer" || v.type === "semiinteger").map((v) => v.name);
  if (generals.length > 0) {
    out.push("Generals");
    wrap(out, generals, opts.maxLineChars);
  }
  const binaries = vars.filter((v) => v.type === "binary").map((v) => v.name);
  if (binaries.length > 0) {
    out.push("Binaries");
    wrap(out, binaries, opts.maxLineChars);
  }
  const semis = vars.filter((v) => isSemi(v.type)).map((v) => v.name);
  if (semis.length > 0) {
    out.push("Semi-continuous");
    wrap(out, semis, opts.maxLineChars);
  }
  out.push("End");
  return `${out.join("\n")}\n`;
}

function checkNames(model: Model): void {
  for (const [kind, list] of [["variable", model.variables], ["row", model.rows]] as const) {
    for (const { name } of list) {
      if (!isSafeName(name)) throw new ModelError(`writeLp: ${kind} name "${name}" is not safe for LP text (see isSafeName); rename it`);
    }
  }
}

/** Name of the activity variable of each ranged row, unique among the model's variable names. */
function rangeSlackNames(model: Model): Map<Row, string> {
  const taken = new Set(model.variables.map((v) => v.name));
  const slacks = new Map<Row, string>();
  for (const row of model.rows) {
    if (!isRanged(row)) continue;
    const base = row.name.length <= 245 ? `${row.name}#rng` : `rng#${row.index}`;
    const name = uniqueName(base, taken);
    taken.add(name);
    slacks.set(row, name);
  }
  return slacks;
}

/** Whether `row` has two finite, distinct sides. */
export function isRanged(row: Row): boolean {
  return Number.isFinite(row.lb) && Number.isFinite(row.ub) && row.lb !== row.ub;
}

/** Name of the fixed column carrying the objective constant (unique among all names), or null when the constant is 0. */
export function constantColumnName(model: Model, extra: Iterable<string> = []): string | null {
  if (model.objective.constant === 0) return null;
  return uniqueName(CONSTANT_COLUMN, new Set([...model.variables.map((v) => v.name), ...extra]));
}

function uniqueName(base: string, taken: ReadonlySet<string>): string {
  let name = base;
  while (taken.has(name)) name = `${name}_`;
  return name;
}

/**
 * Objective terms in index order, plus zero terms for the variables below index
 * `m` that the objective lacks, where `m` is the smallest cut such that the
 * variables ≥ m first appear (in rows, then in Bounds) in index order.
 */
function objectiveWithOrder(model: Model, rowTerms: ReadonlyArray<ReadonlyArray<Entry>>): Entry[] {
  const n = model.variables.length;
  const objective = model.objective.terms;
  let m = objective.reduce((acc, t) => Math.max(acc, t.index + 1), 0);
  const seen = new Set<number>();
  const seq: number[] = [];
  for (const terms of rowTerms) {
    for (const t of terms) {
      if (!seen.has(t.index)) {
        seen.add(t.index);
        seq.push(t.index);
      }
    }
  }
  const inObjective = new Set(objective.map((t) => t.index));
  for (let i = 0; i < n; i++) if (!seen.has(i) && !inObjective.has(i)) seq.push(i);
  let runningMax = -1;
  for (const i of seq) {
    if (inObjective.has(i)) continue;
    if (i < runningMax) m = Math.max(m, i + 1);
    runningMax = Math.max(runningMax, i);
  }
  if (m === 0) return [...objective];
  const coef = new Map(objective.map((t) => [t.index, t.coef]));
  const terms: Entry[] = [];
  for (let i = 0; i < m; i++) terms.push({ index: i, coef: coef.get(i) ?? 0 });
  for (const t of objective) if (t.index >= m) terms.push(t);
  return terms;
}

/** `3 x`, `- y`, `+ 0.5 z`: one chunk per term, never split across lines. */
function termChunks(terms: ReadonlyArray<Entry>, vars: ReadonlyArray<Variable>): string[] {
  return terms.map((t, k) => {
    const name = vars[t.index]?.name ?? "";
    const abs = Math.abs(t.coef);
    const body = abs === 1 ? name : `${formatNumber(abs)} ${name}`;
    if (t.coef < 0) return `- ${body}`;
    return k === 0 ? body : `+ ${body}`;
  });
}

function comparison(row: Row): string[] {
  if (row.lb === row.ub) return ["=", formatNumber(row.lb)];
  if (row.lb === -Infinity) return ["<=", formatNumber(row.ub)];
  return [">=", formatNumber(row.lb)];
}

/** The Bounds line of `v`, or undefined when its bounds are the default and it needs no declaration. */
function boundLine(v: Variable, mustDeclare: boolean): string | undefined {
  const { name, lb, ub } = v;
  const defaultUb = v.type === "binary" ? 1 : Infinity;
  if (lb === 0 && ub === defaultUb) {
    if (!mustDeclare) return undefined;
    return ub === Infinity ? `${name} >= 0` : `0 <= ${name} <= 1`;
  }
  if (lb === -Infinity && ub === Infinity) return `${name} free`;
  if (lb === ub) return `${name} = ${formatNumber(lb)}`;
  if (ub === Infinity) return `${name} >= ${formatNumber(lb)}`;
  const lower = lb === -Infinity ? "-inf" : formatNumber(lb);
  return `${lower} <= ${name} <= ${formatNumber(ub)}`;
}

/** Appends `chunks` to `out` as lines of at most `maxChars`, continuation lines indented. */
function wrap(out: string[], chunks: ReadonlyArray<string>, maxChars: number): void {
  let line = "";
  for (const chunk of chunks) {
    if (line === "") line = ` ${chunk}`;
    else if (line.length + 1 + chunk.length <= maxChars) line += ` ${chunk}`;
    else {
      out.push(line);
      line = `   ${chunk}`;
    }
  }
  if (line !== "") out.push(line);
}
