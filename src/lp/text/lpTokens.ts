/**
 * Tokens of CPLEX LP text, one line at a time, and the linear expressions made of them.
 */
import { ParseError } from "../parseError.js";

/** Kind of an LP token. */
export type LpTokenKind = "num" | "name" | "op" | "sign" | "colon";

/** One token with the 1-based line it stands on. */
export interface LpToken {
  /** What the token is. */
  readonly kind: LpTokenKind;
  /** Its text; comparison operators are normalised to `<=`, `>=` or `=`. */
  readonly text: string;
  /** 1-based line number. */
  readonly line: number;
}

const TOKEN = /\s*(?:(<=|=<|>=|=>|<|>|=)|([+-])|(:)|((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|([^\s+\-<>=:]+))/y;

/** Splits one line (comments already removed) into tokens; an overflowing number or a `NaN` is a {@link ParseError}. */
export function tokenizeLine(text: string, line: number): LpToken[] {
  const tokens: LpToken[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const m = TOKEN.exec(text);
    if (m === null) break;
    if (m[1] !== undefined) {
      const op = m[1].startsWith("<") || m[1] === "=<" ? "<=" : m[1] === "=" ? "=" : ">=";
      tokens.push({ kind: "op", text: op, line });
    } else if (m[2] !== undefined) tokens.push({ kind: "sign", text: m[2], line });
    else if (m[3] !== undefined) tokens.push({ kind: "colon", text: ":", line });
    else if (m[4] !== undefined) {
      if (!Number.isFinite(Number(m[4]))) {
        throw new ParseError("lp", line, `the number ${m[4]} is too large for a double (the limit is about 1.8e308); write a finite number, or inf/infinity for a side without bound`);
      }
      tokens.push({ kind: "num", text: m[4], line });
    } else if (m[5] !== undefined) {
      if (m[5].toLowerCase() === "nan") {
        throw new ParseError("lp", line, `"${m[5]}" is not a number a model can hold (HiGHS reads it as NaN); write a finite number, or rename the variable if it is one`);
      }
      tokens.push({ kind: "name", text: m[5], line });
    }
  }
  return tokens;
}

/** Whether a name token spells an infinity. */
export function isInfinityWord(text: string): boolean {
  const t = text.toLowerCase();
  return t === "inf" || t === "infinity";
}

/** A linear expression read from tokens: variable terms in order of appearance plus a constant. */
export interface LinearExpr {
  /** `[name, coef, line]` in the order written; a name may repeat. */
  readonly terms: ReadonlyArray<readonly [name: string, coef: number, line: number]>;
  /** Sum of the constant terms (may be ±Infinity from `inf` words). */
  readonly constant: number;
}

/**
 * Reads `tokens` as `[sign…] [number] [name]` terms, each after the first joined
 * by a sign. `where` names the place for messages (e.g. `row "c3"`), `after`
 * describes what precedes the expression (e.g. `'<='`) when it is a right-hand side.
 */
export function parseExpr(tokens: ReadonlyArray<LpToken>, where: string, after?: string, fallbackLine = 0): LinearExpr {
  const terms: Array<readonly [string, number, number]> = [];
  let constant = 0;
  let i = 0;
  const want = after === undefined ? `a term in ${where}` : `a number after '${after}' in ${where}`;
  if (tokens.length === 0) throw new ParseError("lp", fallbackLine, `expected ${want}, got nothing`);
  while (i < tokens.length) {
    let sign = 1;
    let sawSign = false;
    while (tokens[i]?.kind === "sign") {
      if (tokens[i]?.text === "-") sign = -sign;
      sawSign = true;
      i++;
    }
    if (i > 0 && !sawSign) {
      const t = tokens[i];
      throw new ParseError("lp", t?.line ?? fallbackLine, `expected '+' or '-' before "${t?.text ?? ""}" in ${where}`);
    }
    const t = tokens[i];
    if (t === undefined) {
      const last = tokens[tokens.length - 1];
      throw new ParseError("lp", last?.line ?? fallbackLine, `expected ${want}, got end of ${where.split(" ")[0]}`);
    }
    if (t.kind === "num") {
      const value = sign * Number(t.text);
      const next = tokens[i + 1];
      if (next?.kind === "name" && !isInfinityWord(next.text)) {
        terms.push([next.text, value, next.line]);
        i += 2;
      } else {
        constant += value;
        i += 1;
      }
    } else if (t.kind === "name") {
      if (isInfinityWord(t.text)) constant += sign * Infinity;
      else terms.push([t.text, sign, t.line]);
      i += 1;
    } else {
      throw new ParseError("lp", t.line, `expected ${want}, got "${t.text}"`);
    }
  }
  return { terms, constant };
}
