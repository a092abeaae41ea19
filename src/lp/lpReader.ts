/**
 * Reads CPLEX LP text into a {@link Model}.
 *
 * Accepts: `Minimize`/`Maximize` (and `min`, `max`, `minimise`, `maximum`, …)
 * with an optional objective name and a constant; `Subject To`/`such that`/
 * `st`/`s.t.`; rows spanning lines, named or not (unnamed rows become `R1`,
 * `R2`, … by position), with `<=`/`=<`/`<`, `>=`/`=>`/`>`, `=`, variables and
 * constants on either side (constants move to the right-hand side), and ranges
 * `lb <= expr <= ub`; `Bounds` one per line (`x free`, `x >= l`, `x <= u`,
 * `x = v`, `l <= x <= u`, with `inf`/`infinity`); `General(s)`/`Integer(s)`/`Gen`,
 * `Binary`/`Binaries`/`Bin`; `Semi-continuous`/`Semis`/`Semi` (a variable also
 * in Generals is semi-integer; it needs a finite upper bound and lb ≥ 0);
 * `End`; `\` comments. A row may have no terms (`c: = 0`, as HiGHS writes).
 * `SOS` sections are refused: no backend here takes them. Semantics as CPLEX: default
 * bounds [0, +inf); a binary is [0, 1] unless Bounds say otherwise (bounds
 * outside [0, 1] make it an integer); a bare `x <= u` with u < 0 keeps the lower
 * bound 0, as HiGHS does, and is reported as an error since lb > ub.
 * A row is complete at the end of a line once its last comparison has a
 * constant right-hand side; a following line that starts with a comparison
 * still belongs to it.
 * Variables are created in order of first appearance (objective, rows, Bounds,
 * then the integer sections). Range columns (`- S = rhs` with S bounded, named by
 * a `\ geopipe:range` comment or by GLPK's/CPLEX's `~r_<k>`/`Rg<row>`) and the
 * objective-constant column of {@link writeLp} are folded back (`text/lpFold.ts`).
 * A number that overflows a double (`1e400`) or a `NaN` is a {@link ParseError}.
 */
import { Model, type Sense, type VarType } from "./model.js";
import { LP_CONSTANT_DIRECTIVE, LP_RANGE_DIRECTIVE } from "./lpWriter.js";
import { foldConstant, foldRanges, type FoldDirective } from "./text/lpFold.js";
import { renameUnsafe } from "./text/names.js";
import { isInfinityWord, parseExpr, tokenizeLine, type LinearExpr, type LpToken } from "./text/lpTokens.js";
import { parseBound, type BoundTarget } from "./text/lpBounds.js";
import { ParseError } from "./parseError.js";

export { ParseError, LpParseError } from "./parseError.js";

/** Options for {@link readLp}. */
export interface LpReadOptions {
  /** Model name when the text has no `\ Problem name:` comment. Default `"model"`. */
  readonly modelName?: string;
}

/** Defaults of {@link LpReadOptions}. */
export const DEFAULT_LP_READ_OPTIONS: Required<LpReadOptions> = { modelName: "model" };

/** What a reader returns. */
export interface ReadResult {
  /** The model read. */
  readonly model: Model;
  /** Original name → safe name, for every variable or row name that {@link isSafeName} refused. */
  readonly renamed: ReadonlyMap<string, string>;
}

type Section = "objective" | "rows" | "bounds" | "generals" | "binaries" | "semis" | "end";

interface RowRead {
  readonly name: string | undefined;
  readonly terms: LinearExpr["terms"];
  readonly lb: number;
  readonly ub: number;
  readonly line: number;
}

interface VarInfo extends BoundTarget {
  type: "continuous" | "integer" | "binary";
  /** Named in a semi-continuous section. */
  semi: boolean;
  /** Line of that mention (0 when none). */
  semiLine: number;
}

/** Reads CPLEX LP `text`; malformed text throws {@link ParseError} naming the line. */
export function readLp(text: string, options: LpReadOptions = {}): ReadResult {
  const opts = { ...DEFAULT_LP_READ_OPTIONS, ...options };
  const lines = text.split(/\r?\n/);
  let modelName = opts.modelName;
  const directives: FoldDirective[] = [];
  let constantDirective: FoldDirective | undefined;
  const sections: Array<{ section: Section; lines: LpToken[][]; line: number }> = [];
  let sense: Sense | undefined;

  lines.forEach((raw, k) => {
    const line = k + 1;
    const nameMatch = /^\s*\\\s*Problem name:\s*(.*?)\s*$/i.exec(raw);
    if (nameMatch?.[1] !== undefined && nameMatch[1] !== "") modelName = nameMatch[1];
    if (raw.trimStart().startsWith(LP_RANGE_DIRECTIVE)) {
      const parts = raw.trim().slice(LP_RANGE_DIRECTIVE.length).trim().split(/\s+/);
      if (parts.length !== 2 || parts[0] === undefined || parts[1] === undefined) {
        throw new ParseError("lp", line, `expected "${LP_RANGE_DIRECTIVE} <row> <variable>"`);
      }
      directives.push({ row: parts[0], column: parts[1], line });
    }
    if (raw.trimStart().startsWith(LP_CONSTANT_DIRECTIVE)) {
      const parts = raw.trim().slice(LP_CONSTANT_DIRECTIVE.length).trim().split(/\s+/);
      if (parts.length !== 1 || parts[0] === "" || constantDirective !== undefined) {
        throw new ParseError("lp", line, `expected one "${LP_CONSTANT_DIRECTIVE} <variable>" comment`);
      }
      constantDirective = { row: "", column: parts[0] ?? "", line };
    }
    if (sections.at(-1)?.section === "end") return;
    const cut = raw.indexOf("\\");
    const tokens = tokenizeLine(cut >= 0 ? raw.slice(0, cut) : raw, line);
    if (tokens.length === 0) return;
    const header = sectionHeader(tokens);
    if (header !== undefined) {
      if (header.section === "objective") {
        if (sense !== undefined) throw new ParseError("lp", line, "a second objective section; an LP file has one Minimize or Maximize");
        sense = header.sense;
      } else if (sense === undefined) {
        throw new ParseError("lp", line, `expected Minimize or Maximize before "${tokens[0]?.text ?? ""}"`);
      }
      sections.push({ section: header.section, lines: [], line });
      const rest = tokens.slice(header.used);
      if (rest.length > 0) sections.at(-1)?.lines.push(rest);
      return;
    }
    const current = sections.at(-1);
    if (current === undefined) throw new ParseError("lp", line, `expected Minimize or Maximize, got "${tokens[0]?.text ?? ""}"`);
    current.lines.push(tokens);
  });
  if (sense === undefined) throw new ParseError("lp", lines.length, "no Minimize or Maximize section found");

  const order: string[] = [];
  const vars = new Map<string, VarInfo>();
  const declare = (name: string): VarInfo => {
    let info = vars.get(name);
    if (info === undefined) {
      info = { lb: undefined, ub: undefined, type: "continuous", boundLine: 0, semi: false, semiLine: 0 };
      vars.set(name, info);
      order.push(name);
    }
    return info;
  };
  let objective: LinearExpr = { terms: [], constant: 0 };
  const rows: RowRead[] = [];
  for (const s of sections) {
    if (s.section === "objective") {
      const tokens = s.lines.flat();
      const named = tokens[0]?.kind === "name" && tokens[1]?.kind === "colon";
      objective = tokens.length === (named ? 2 : 0) ? { terms: [], constant: 0 } : parseExpr(named ? tokens.slice(2) : tokens, "the objective", undefined, s.line);
      if (!Number.isFinite(objective.constant)) throw new ParseError("lp", s.line, "the objective constant must be finite");
      for (const [name] of objective.terms) declare(name);
    } else if (s.section === "rows") {
      for (const statement of splitRows(s.lines)) {
        const row = parseRow(statement);
        for (const [name] of row.terms) declare(name);
        rows.push(row);
      }
    } else if (s.section === "bounds") {
      for (const tokens of s.lines) parseBound(tokens, declare);
    } else if (s.section === "semis") {
      for (const t of s.lines.flat()) {
        if (t.kind !== "name") throw new ParseError("lp", t.line, `expected a variable name in the Semi-continuous section, got "${t.text}"`);
        const info = declare(t.text);
        info.semi = true;
        info.semiLine = t.line;
      }
    } else if (s.section === "generals" || s.section === "binaries") {
      for (const t of s.lines.flat()) {
        if (t.kind !== "name") throw new ParseError("lp", t.line, `expected a variable name in the ${s.section === "generals" ? "Generals" : "Binaries"} section, got "${t.text}"`);
        const info = declare(t.text);
        if (s.section === "binaries" || info.type !== "binary") info.type = s.section === "binaries" ? "binary" : "integer";
      }
    }
  }
  return build(modelName, sense, objective, rows, order, vars, directives, constantDirective);
}

function sectionHeader(tokens: ReadonlyArray<LpToken>): { section: Section; sense?: Sense; used: number } | undefined {
  if (tokens[1]?.kind === "colon") return undefined;
  const a = tokens[0]?.kind === "name" ? tokens[0].text.toLowerCase() : "";
  const b = tokens[1]?.kind === "name" ? tokens[1].text.toLowerCase() : "";
  if (/^(min|minimize|minimise|minimum)$/.test(a)) return { section: "objective", sense: "min", used: 1 };
  if (/^(max|maximize|maximise|maximum)$/.test(a)) return { section: "objective", sense: "max", used: 1 };
  if ((a === "subject" && b === "to") || (a === "such" && b === "that")) return { section: "rows", used: 2 };
  if (a === "st" || a === "s.t." || a === "st.") return { section: "rows", used: 1 };
  if (a === "bounds" || a === "bound") return { section: "bounds", used: 1 };
  if (/^(general|generals|gen|integer|integers)$/.test(a)) return { section: "generals", used: 1 };
  if (/^(binary|binaries|bin)$/.test(a)) return { section: "binaries", used: 1 };
  if (a === "end") return { section: "end", used: 1 };
  if (a === "semi" && tokens[1]?.text === "-" && tokens[2]?.kind === "name" && tokens[2].text.toLowerCase() === "continuous") {
    return { section: "semis", used: 3 };
  }
  if (a === "semi" || a === "semis") return { section: "semis", used: 1 };
  if (/^sos[12]?$/.test(a)) {
    throw new ParseError(
      "lp",
      tokens[0]?.line ?? 0,
      `the "${tokens[0]?.text ?? ""}" section (special ordered sets) is not supported by any backend (HiGHS, GLPK, javascript-lp-solver); model the set with binary variables instead`,
    );
  }
  return undefined;
}

/** Groups the lines of the constraints section into one token list per row. */
function splitRows(lines: ReadonlyArray<ReadonlyArray<LpToken>>): LpToken[][] {
  const statements: LpToken[][] = [];
  let current: LpToken[] = [];
  lines.forEach((tokens, k) => {
    current.push(...tokens);
    const next = lines[k + 1]?.[0];
    let lastOp = -1;
    current.forEach((t, i) => {
      if (t.kind === "op") lastOp = i;
    });
    const tail = current.slice(lastOp + 1);
    const last = current[current.length - 1];
    const rhsHasVar = tail.some((t) => t.kind === "name" && !isInfinityWord(t.text));
    const continues = next !== undefined && (next.kind === "op" || (next.kind === "sign" && rhsHasVar));
    if (lastOp >= 0 && tail.length > 0 && last?.kind !== "sign" && !continues) {
      statements.push(current);
      current = [];
    }
  });
  if (current.length > 0) {
    const first = current[0];
    const hasOp = current.some((t) => t.kind === "op");
    const name = first?.kind === "name" && current[1]?.kind === "colon" ? ` "${first.text}"` : "";
    const last = current[current.length - 1];
    if (!hasOp) throw new ParseError("lp", last?.line ?? 0, `row${name} has no comparison operator (<=, >= or =)`);
    throw new ParseError("lp", last?.line ?? 0, `expected a number after '${[...current].reverse().find((t) => t.kind === "op")?.text ?? "<="}' in row${name}, got end of row`);
  }
  return statements;
}

function parseRow(tokens: ReadonlyArray<LpToken>): RowRead {
  const named = tokens[0]?.kind === "name" && tokens[1]?.kind === "colon";
  const name = named ? tokens[0]?.text : undefined;
  const body = named ? tokens.slice(2) : tokens;
  const line = tokens[0]?.line ?? 0;
  const where = name === undefined ? `the row on line ${line}` : `row "${name}"`;
  const parts: LpToken[][] = [[]];
  const ops: LpToken[] = [];
  for (const t of body) {
    if (t.kind === "op") {
      ops.push(t);
      parts.push([]);
    } else if (t.kind === "colon") {
      const op = ops[ops.length - 1];
      if (op !== undefined && parts[parts.length - 1]?.length === 0) {
        throw new ParseError("lp", t.line, `expected a number after '${op.text}' in ${where}, got ":"`);
      }
      throw new ParseError("lp", t.line, `unexpected ':' in ${where} (a row name comes first, once)`);
    } else parts[parts.length - 1]?.push(t);
  }
  const exprs = parts.map((p, k) =>
    k === 0 && p.length === 0 && parts.length === 2
      ? { terms: [], constant: 0 } // a row without terms, `c: = 0` (HiGHS writes these)
      : parseExpr(p, where, k === 0 ? undefined : ops[k - 1]?.text, ops[Math.max(0, k - 1)]?.line ?? line),
  );
  if (exprs.length === 2) {
    const [a, b] = exprs as [LinearExpr, LinearExpr];
    const op = ops[0] as LpToken;
    if (!Number.isFinite(a.constant)) throw new ParseError("lp", op.line, `an infinite constant left of '${op.text}' in ${where}`);
    const rhs = b.constant - a.constant;
    const terms = [...a.terms, ...b.terms.map(([n, c, l]) => [n, -c, l] as const)];
    const lb = op.text === "<=" ? -Infinity : rhs;
    const ub = op.text === ">=" ? Infinity : rhs;
    if (op.text === "=" && !Number.isFinite(rhs)) throw new ParseError("lp", op.line, `an equality with an infinite right-hand side in ${where}`);
    if (lb === -Infinity && ub === Infinity) throw new ParseError("lp", op.line, `${where} is free on both sides; drop it or give it a finite right-hand side`);
    return { name, terms, lb, ub, line };
  }
  if (exprs.length === 3) {
    const [a, b, c] = exprs as [LinearExpr, LinearExpr, LinearExpr];
    const [op1, op2] = ops as [LpToken, LpToken];
    if (op1.text !== op2.text || op1.text === "=") {
      throw new ParseError("lp", op2.line, `a ranged row needs two '<=' or two '>=', got '${op1.text}' and '${op2.text}' in ${where}`);
    }
    if (a.terms.length > 0 || c.terms.length > 0) {
      throw new ParseError("lp", op1.line, `a ranged row has numbers on both outer sides, as in "lb <= expr <= ub", in ${where}`);
    }
    let lb = a.constant - b.constant;
    let ub = c.constant - b.constant;
    if (op1.text === ">=") [lb, ub] = [ub, lb];
    if (lb > ub) throw new ParseError("lp", op2.line, `${where} has lower side ${lb} above upper side ${ub}`);
    if (lb === -Infinity && ub === Infinity) throw new ParseError("lp", op2.line, `${where} is free on both sides`);
    return { name, terms: b.terms, lb, ub, line };
  }
  throw new ParseError("lp", ops[2]?.line ?? line, `${where} has ${ops.length} comparison operators; use one, or two for a range`);
}

function build(
  modelName: string,
  sense: Sense,
  objectiveRead: LinearExpr,
  rows: ReadonlyArray<RowRead>,
  order: ReadonlyArray<string>,
  vars: ReadonlyMap<string, VarInfo>,
  directives: ReadonlyArray<FoldDirective>,
  constantDirective: FoldDirective | undefined,
): ReadResult {
  // Row names: given ones, then R<k> for unnamed rows, avoiding the given ones.
  const given = new Set<string>();
  for (const r of rows) {
    if (r.name === undefined) continue;
    if (given.has(r.name)) throw new ParseError("lp", r.line, `row "${r.name}" is defined twice`);
    given.add(r.name);
  }
  const rowNames = rows.map((r, k) => {
    if (r.name !== undefined) return r.name;
    let name = `R${k + 1}`;
    while (given.has(name)) name = `${name}_`;
    given.add(name);
    return name;
  });
  const rowBounds = rows.map((r) => ({ lb: r.lb, ub: r.ub, terms: r.terms }));
  const objective = foldConstant(objectiveRead, rowBounds, vars, constantDirective);
  const folded = foldRanges(rowBounds, rowNames, vars, objective, directives);
  if (constantDirective !== undefined) folded.add(constantDirective.column);

  const varNames = order.filter((n) => !folded.has(n));
  const renamed = renameUnsafe([...varNames, ...rowNames]);
  const safe = (n: string): string => renamed.get(n) ?? n;
  const model = new Model(modelName);
  for (const name of varNames) {
    const info = vars.get(name) as VarInfo;
    const { type, lb, ub } = variableKind(name, info);
    model.addVar(safe(name), { type, lb, ub });
  }
  const termsOf = (terms: LinearExpr["terms"]) =>
    terms.map(([n, c]) => [model.variable(safe(n)) ?? fail(n), c] as const);
  const fail = (n: string): never => {
    throw new ParseError("lp", 0, `variable "${n}" is used but was folded into a range or the objective constant`);
  };
  rowBounds.forEach((r, k) => {
    const row = rows[k] as RowRead;
    const name = safe(rowNames[k] ?? "");
    if (r.lb > r.ub) throw new ParseError("lp", row.line, `row "${rowNames[k] ?? ""}" has lower side ${r.lb} above upper side ${r.ub}`);
    model.addRange(name, termsOf(r.terms), r.lb, r.ub);
  });
  model.setObjective(sense, termsOf(objective.terms), objective.constant);
  return { model, renamed };
}

/** Kind and bounds of variable `name` as read, checked (errors name the line). */
function variableKind(name: string, info: VarInfo): { type: VarType; lb: number; ub: number } {
  let type: VarType = info.type;
  const lb = info.lb ?? 0;
  const ub = info.ub ?? (type === "binary" ? 1 : Infinity);
  if (type === "binary" && (lb < 0 || ub > 1)) type = "integer";
  if (lb > ub) {
    throw new ParseError(
      "lp",
      info.boundLine,
      `variable "${name}" has lower bound ${lb} above upper bound ${ub}` +
        (info.lb === undefined ? ` (the default lower bound is 0; write "-inf <= ${name} <= ${ub}" for a negative range)` : ""),
    );
  }
  if (!info.semi) return { type, lb, ub };
  if (!Number.isFinite(ub)) {
    throw new ParseError("lp", info.semiLine, `semi-continuous variable "${name}" has no finite upper bound; give it one in Bounds, e.g. "${name} <= 100"`);
  }
  if (lb < 0) {
    throw new ParseError("lp", info.semiLine, `semi-continuous variable "${name}" has a negative lower bound ${lb}; a semi-continuous variable is 0 or in [lb, ub] with lb >= 0`);
  }
  return { type: type === "continuous" ? "semicontinuous" : "semiinteger", lb, ub };
}
