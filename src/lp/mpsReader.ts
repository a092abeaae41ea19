/**
 * Reads free or fixed MPS text (as MIPLIB files use) into a {@link Model}.
 *
 * Sections: NAME, OBJSENSE (`OBJSENSE MAX` on one line or the value on the next
 * line), OBJSENSE values MAX/MAXIMIZE/MAXIMISE/MIN/MINIMIZE/MINIMISE, ROWS (N/L/G/E;
 * the first N row is the objective, later N rows are dropped as HiGHS does),
 * COLUMNS with `'MARKER'` `'INTORG'`/`'INTEND'` lines, RHS (the first set name
 * only; a set name may be left out; RHS v on the objective row is a constant of
 * -v, as in HiGHS), RANGES (the four rules of the MPS standard: L → [rhs-|R|, rhs],
 * G → [rhs, rhs+|R|], E with R > 0 → [rhs, rhs+R], E with R < 0 → [rhs+R, rhs]),
 * BOUNDS (UP LO FX FR MI PL BV LI UI, and SC: semi-continuous with that upper
 * bound, semi-integer on a marked integer column), ENDATA; `*` comment lines.
 * SOS, quadratic and indicator sections are refused. A number that overflows a
 * double (`1e400`) is a {@link ParseError}. The `* geopipe:constant K` comment of
 * {@link writeMps} folds the fixed column K back into the objective constant; its
 * `* geopipe:maximize` comment reads the (negated) objective back as a maximisation.
 *
 * Bound semantics follow HiGHS 1.15:
 * - UP with a negative value leaves the lower bound as it is (0 by default);
 *   HiGHS only warns. Our model cannot hold lb > ub, so that is a ParseError
 *   suggesting `MI`.
 * - A marked integer column that no BOUNDS line names gets bounds [0, 1].
 * - BV makes the column binary with bounds [0, 1]; bound lines are applied in
 *   order, and bounds that leave [0, 1] turn a binary into an integer.
 *   (HiGHS instead lets BV win whatever the order; {@link writeMps} never writes
 *   another bound for a BV column, so the two agree on its files.)
 *
 * Format `"auto"` (the default) reads the text as free MPS and, if that fails,
 * as fixed MPS (fields by column: 2-3, 5-12, 15-22, 25-36, 40-47, 50-61, so
 * names may hold spaces); the error of the free reading is reported if both fail.
 */
import { Model, type Sense, type Variable, type VarType } from "./model.js";
import { MPS_CONSTANT_DIRECTIVE, MPS_MAXIMIZE_DIRECTIVE, MPS_RANGE_DIRECTIVE } from "./mpsWriter.js";
import type { ReadResult } from "./lpReader.js";
import { renameUnsafe } from "./text/names.js";
import { parseNumber } from "./text/numbers.js";
import { applyBound, boundFields, type BoundColumn } from "./text/mpsBounds.js";
import { ParseError } from "./parseError.js";

export { ParseError, MpsParseError } from "./parseError.js";
export type { ReadResult } from "./lpReader.js";

/** Options for {@link readMps}. */
export interface MpsReadOptions {
  /** `"free"`, `"fixed"`, or `"auto"` (free, then fixed if free fails). Default `"auto"`. */
  readonly format?: "free" | "fixed" | "auto";
}

/** Defaults of {@link MpsReadOptions}. */
export const DEFAULT_MPS_READ_OPTIONS: Required<MpsReadOptions> = { format: "auto" };

/** Reads MPS `text`; malformed text throws {@link ParseError} naming the line. */
export function readMps(text: string, options: MpsReadOptions = {}): ReadResult {
  const opts = { ...DEFAULT_MPS_READ_OPTIONS, ...options };
  if (opts.format !== "auto") return new MpsParser(text, opts.format === "fixed").parse();
  try {
    return new MpsParser(text, false).parse();
  } catch (freeError) {
    if (!(freeError instanceof ParseError)) throw freeError;
    try {
      return new MpsParser(text, true).parse();
    } catch {
      throw freeError;
    }
  }
}

type RowType = "N" | "L" | "G" | "E";

interface RowRead {
  readonly name: string;
  readonly type: RowType;
  rhs: number;
  range: number | undefined;
  exact: { lb: number; ub: number } | undefined;
  readonly entries: Map<string, number>;
}

interface ColRead extends BoundColumn {
  bounded: boolean;
  boundLine: number;
}

class MpsParser {
  private readonly lines: string[];
  private readonly fixed: boolean;
  private section = "";
  private lineNo = 0;
  private name = "model";
  private sense: Sense = "min";
  private objective: RowRead | undefined;
  private readonly rows = new Map<string, RowRead>();
  private readonly dropped = new Set<string>();
  private readonly cols = new Map<string, ColRead>();
  private readonly constraintOrder: RowRead[] = [];
  private inMarker = false;
  private rhsSet: string | undefined;
  private rangeSet: string | undefined;
  private boundSet: string | undefined;
  private ended = false;
  private readonly directives: Array<{ row: string; lb: number; ub: number; line: number }> = [];
  private constantColumn: { name: string; line: number } | undefined;
  private negatedMax = false;
  private senseLine = 0;

  constructor(text: string, fixed: boolean) {
    this.lines = text.split(/\r?\n/);
    this.fixed = fixed;
  }

  private fail(detail: string): never {
    throw new ParseError("mps", this.lineNo, detail);
  }

  parse(): ReadResult {
    for (let k = 0; k < this.lines.length && !this.ended; k++) {
      this.lineNo = k + 1;
      const raw = (this.lines[k] ?? "").replace(/\s+$/, "");
      if (raw.startsWith(MPS_RANGE_DIRECTIVE)) this.directive(raw);
      if (raw.startsWith(MPS_CONSTANT_DIRECTIVE)) this.constantDirective(raw);
      if (raw.trim() === MPS_MAXIMIZE_DIRECTIVE) this.negatedMax = true;
      if (raw === "" || raw.startsWith("*")) continue;
      if (!/^\s/.test(raw)) this.header(raw);
      else this.data(raw);
    }
    if (!this.ended) {
      this.lineNo = this.lines.length;
      this.fail("the file ends before ENDATA");
    }
    return this.build();
  }

  private directive(raw: string): void {
    const parts = raw.slice(MPS_RANGE_DIRECTIVE.length).trim().split(/\s+/);
    const lb = parseNumber(parts[1] ?? "");
    const ub = parseNumber(parts[2] ?? "");
    if (parts.length !== 3 || lb === undefined || ub === undefined) this.fail(`expected "${MPS_RANGE_DIRECTIVE} <row> <lb> <ub>"`);
    this.directives.push({ row: parts[0] ?? "", lb, ub, line: this.lineNo });
  }

  private constantDirective(raw: string): void {
    const parts = raw.slice(MPS_CONSTANT_DIRECTIVE.length).trim().split(/\s+/);
    if (parts.length !== 1 || parts[0] === "" || this.constantColumn !== undefined) {
      this.fail(`expected one "${MPS_CONSTANT_DIRECTIVE} <column>" comment`);
    }
    this.constantColumn = { name: parts[0] ?? "", line: this.lineNo };
  }

  private header(raw: string): void {
    const [word = "", ...rest] = raw.trim().split(/\s+/);
    const key = word.toUpperCase();
    const known = ["NAME", "OBJSENSE", "ROWS", "COLUMNS", "RHS", "RANGES", "BOUNDS", "ENDATA"];
    if (!known.includes(key)) {
      if (key === "SOS") {
        this.fail(`the SOS section (special ordered sets) is not supported by any backend (HiGHS, GLPK, javascript-lp-solver); model the set with binary variables instead`);
      }
      if (/^(QUADOBJ|QMATRIX|QSECTION|QCMATRIX|INDICATORS|CSECTION|OBJNAME)$/.test(key)) {
        this.fail(`the ${key} section is not supported (only linear MILPs are)`);
      }
      this.fail(`unknown section "${word}"; expected NAME, OBJSENSE, ROWS, COLUMNS, RHS, RANGES, BOUNDS or ENDATA (data lines start with a space)`);
    }
    if (key === "NAME") this.name = raw.trim().slice(4).trim() || "model";
    if (key === "OBJSENSE" && rest.length > 0) this.setSense(rest.join(" "));
    if (key === "ENDATA") this.ended = true;
    if (key === "COLUMNS" && this.objective === undefined) this.fail("ROWS has no N row (the objective)");
    this.section = key;
  }

  private setSense(word: string): void {
    this.senseLine = this.lineNo;
    const w = word.trim().toUpperCase();
    if (/^(MAX|MAXIMIZE|MAXIMISE)$/.test(w)) this.sense = "max";
    else if (/^(MIN|MINIMIZE|MINIMISE)$/.test(w)) this.sense = "min";
    else this.fail(`OBJSENSE must be MAX or MIN, got "${word.trim()}"`);
  }

  /** Fields of a data line: whitespace-split (free) or by column (fixed), empty trailing fields dropped. */
  private fields(raw: string): string[] {
    if (!this.fixed) return raw.trim().split(/\s+/);
    const cut = (a: number, b: number): string => raw.slice(a - 1, b).trim();
    const f = [cut(2, 3), cut(5, 12), cut(15, 22), cut(25, 36), cut(40, 47), cut(50, 61)];
    while (f.length > 0 && f[f.length - 1] === "") f.pop();
    return f;
  }

  private number(text: string | undefined, what: string): number {
    const v = parseNumber(text ?? "");
    if (v === undefined) this.fail(`expected a number for ${what}, got "${text ?? ""}"`);
    if (!Number.isFinite(v) && !/inf/i.test(text ?? "")) {
      this.fail(`the number ${text ?? ""} for ${what} is too large for a double (the limit is about 1.8e308); write a finite number, or use MI/PL/FR bounds for a side without bound`);
    }
    return v;
  }

  private data(raw: string): void {
    switch (this.section) {
      case "OBJSENSE":
        return this.setSense(raw);
      case "ROWS":
        return this.rowLine(this.fields(raw));
      case "COLUMNS":
        return this.columnLine(raw);
      case "RHS":
      case "RANGES":
        return this.rhsLine(this.fields(raw));
      case "BOUNDS":
        return this.boundLine(this.fields(raw));
      case "NAME":
        return;
      default:
        this.fail(`a data line outside a section (section headers start in column 1)`);
    }
  }

  private rowLine(f: string[]): void {
    // Fixed: [type, name]; free: [type, name].
    const [typeText = "", name = ""] = this.fixed ? [f[0], f[1]] : f;
    if ((!this.fixed && f.length !== 2) || name === "") this.fail(`a ROWS line is "<type> <name>", got "${f.join(" ")}"`);
    const type = typeText.toUpperCase();
    if (type !== "N" && type !== "L" && type !== "G" && type !== "E") this.fail(`row type must be N, L, G or E, got "${typeText}"`);
    if (this.rows.has(name) || this.dropped.has(name)) this.fail(`row "${name}" is defined twice`);
    if (type === "N" && this.objective !== undefined) {
      this.dropped.add(name);
      return;
    }
    const row: RowRead = { name, type, rhs: 0, range: undefined, exact: undefined, entries: new Map() };
    this.rows.set(name, row);
    if (type === "N") this.objective = row;
    else this.constraintOrder.push(row);
  }

  private columnLine(raw: string): void {
    if (raw.includes("'MARKER'")) {
      if (raw.includes("'INTORG'")) this.inMarker = true;
      else if (raw.includes("'INTEND'")) this.inMarker = false;
      else this.fail(`a MARKER line needs 'INTORG' or 'INTEND'`);
      return;
    }
    const f = this.fields(raw);
    const [colName = "", ...pairs] = this.fixed ? f.slice(1) : f;
    if (colName === "" || (pairs.length !== 2 && pairs.length !== 4)) {
      this.fail(`a COLUMNS line is "<column> <row> <value> [<row> <value>]", got "${f.join(" ")}"`);
    }
    let col = this.cols.get(colName);
    if (col === undefined) {
      col = { name: colName, type: this.inMarker ? "integer" : "continuous", lb: 0, ub: Infinity, bounded: false, boundLine: 0, semi: false };
      this.cols.set(colName, col);
    }
    for (let i = 0; i < pairs.length; i += 2) {
      const rowName = pairs[i] ?? "";
      const value = this.number(pairs[i + 1], `column "${colName}" in row "${rowName}"`);
      if (!Number.isFinite(value)) this.fail(`the coefficient of "${colName}" in row "${rowName}" must be finite`);
      if (this.dropped.has(rowName)) continue;
      const row = this.rows.get(rowName);
      if (row === undefined) this.fail(`column "${colName}" names row "${rowName}", which ROWS does not define`);
      row.entries.set(colName, (row.entries.get(colName) ?? 0) + value);
    }
  }

  private rhsLine(f: string[]): void {
    const isRhs = this.section === "RHS";
    let setName: string;
    let pairs: string[];
    if (this.fixed) {
      setName = f[1] ?? "";
      pairs = f.slice(2);
    } else if (f.length % 2 === 1) {
      setName = f[0] ?? "";
      pairs = f.slice(1);
    } else {
      setName = "";
      pairs = f;
    }
    if (pairs.length !== 2 && pairs.length !== 4) {
      this.fail(`a ${this.section} line is "[<set>] <row> <value> [<row> <value>]", got "${f.join(" ")}"`);
    }
    const chosen = isRhs ? this.rhsSet : this.rangeSet;
    if (chosen === undefined) {
      if (isRhs) this.rhsSet = setName;
      else this.rangeSet = setName;
    } else if (chosen !== setName) return; // Only the first set is used.
    for (let i = 0; i < pairs.length; i += 2) {
      const rowName = pairs[i] ?? "";
      const value = this.number(pairs[i + 1], `${this.section} of row "${rowName}"`);
      if (!Number.isFinite(value)) this.fail(`the ${this.section} value of row "${rowName}" must be finite`);
      if (this.dropped.has(rowName)) continue;
      const row = this.rows.get(rowName);
      if (row === undefined) this.fail(`${this.section} names row "${rowName}", which ROWS does not define`);
      if (isRhs) row.rhs = value;
      else if (row.type === "N") this.fail(`RANGES on the objective row "${rowName}"`);
      else row.range = value;
    }
  }

  private boundLine(f: string[]): void {
    const fields = boundFields(f, this.fixed, (name) => this.cols.has(name));
    if (typeof fields === "string") this.fail(fields);
    const { type, setName, colName, valueText } = fields;
    if (this.boundSet === undefined) this.boundSet = setName;
    else if (this.boundSet !== setName) return;
    const col = this.cols.get(colName);
    if (col === undefined) this.fail(`BOUNDS names column "${colName}", which COLUMNS does not define`);
    const value = valueText === undefined ? 0 : this.number(valueText, `the ${type} bound of "${colName}"`);
    col.bounded = true;
    col.boundLine = this.lineNo;
    const problem = applyBound(col, type, value);
    if (problem !== null) this.fail(problem);
  }


  private build(): ReadResult {
    const obj = this.objective;
    if (obj === undefined) this.fail("ROWS has no N row (the objective)");
    for (const d of this.directives) {
      const row = this.rows.get(d.row);
      if (row === undefined || row.type === "N") {
        this.lineNo = d.line;
        this.fail(`the range comment names row "${d.row}", which is not a constraint row`);
      }
      row.exact = { lb: d.lb, ub: d.ub };
    }
    const constant = this.foldConstant(obj);
    const colNames = [...this.cols.keys()];
    const rowNames = this.constraintOrder.map((r) => r.name);
    const renamed = renameUnsafe([...colNames, ...rowNames]);
    const safe = (n: string): string => renamed.get(n) ?? n;
    const model = new Model(this.name);
    for (const col of this.cols.values()) {
      let type: VarType = col.type;
      let ub = col.ub;
      if (type === "integer" && !col.bounded) ub = 1;
      if (type === "binary" && (col.lb < 0 || ub > 1)) type = "integer";
      if (col.semi) {
        if (col.lb < 0) {
          this.lineNo = col.boundLine;
          this.fail(`semi-continuous column "${col.name}" has a negative lower bound ${col.lb}; it is 0 or in [lb, ub] with lb >= 0`);
        }
        type = type === "continuous" ? "semicontinuous" : "semiinteger";
      }
      if (col.lb > ub) {
        this.lineNo = col.boundLine;
        this.fail(
          `column "${col.name}" has lower bound ${col.lb} above upper bound ${ub}` +
            (ub < 0 && col.lb === 0 ? ` (UP below 0 keeps the lower bound 0, as in HiGHS; add "MI BND ${col.name}" for a negative range)` : ""),
        );
      }
      model.addVar(safe(col.name), { type, lb: col.lb, ub });
    }
    const terms = (row: RowRead) =>
      [...row.entries].map(([c, v]) => [model.variable(safe(c)) as Variable, v] as const);
    for (const row of this.constraintOrder) {
      const [lb, ub] = row.exact === undefined ? rowBounds(row) : [row.exact.lb, row.exact.ub];
      model.addRange(safe(row.name), terms(row), lb, ub);
    }
    const constantTotal = (obj.rhs === 0 ? 0 : -obj.rhs) + constant;
    if (this.negatedMax) {
      if (this.senseLine > 0) {
        this.lineNo = this.senseLine;
        this.fail(`OBJSENSE and the "${MPS_MAXIMIZE_DIRECTIVE}" comment both set the sense; keep one`);
      }
      model.setObjective("max", terms(obj).map(([v, c]) => [v, -c] as const), constantTotal === 0 ? 0 : -constantTotal);
    } else model.setObjective(this.sense, terms(obj), constantTotal);
    return { model, renamed };
  }

  /** Removes the column the constant comment names and returns its objective coefficient (0 without a comment). */
  private foldConstant(obj: RowRead): number {
    const d = this.constantColumn;
    if (d === undefined) return 0;
    this.lineNo = d.line;
    const col = this.cols.get(d.name);
    const why =
      col === undefined ? "COLUMNS does not define it"
      : col.type !== "continuous" || col.semi ? "it is not continuous"
      : col.lb !== 1 || col.ub !== 1 ? "it is not fixed at 1 (FX 1)"
      : this.constraintOrder.some((r) => r.entries.has(d.name)) ? "it is used in a constraint row"
      : null;
    if (why !== null) this.fail(`the constant comment names column "${d.name}", but ${why}`);
    this.cols.delete(d.name);
    const c = obj.entries.get(d.name) ?? 0;
    obj.entries.delete(d.name);
    return c;
  }
}

/** Row sides from type, rhs and range by the MPS rules. */
function rowBounds(row: RowRead): [number, number] {
  const { rhs, range } = row;
  if (range === undefined) {
    if (row.type === "L") return [-Infinity, rhs];
    if (row.type === "G") return [rhs, Infinity];
    return [rhs, rhs];
  }
  const r = Math.abs(range);
  if (row.type === "L") return [rhs - r, rhs];
  if (row.type === "G") return [rhs, rhs + r];
  return range >= 0 ? [rhs, rhs + range] : [rhs + range, rhs];
}
