/**
 * One line of the Bounds section of CPLEX LP text: `x free`, `x >= l`,
 * `x <= u`, `x = v`, `l <= x <= u` (numbers signed, `inf`/`infinity` words).
 */
import { ParseError } from "../parseError.js";
import { isInfinityWord, type LpToken } from "./lpTokens.js";

/** The record a bound line writes into. */
export interface BoundTarget {
  /** Lower bound given; undefined when none was. */
  lb: number | undefined;
  /** Upper bound given; undefined when none was. */
  ub: number | undefined;
  /** Line of the last bound given (0 when none). */
  boundLine: number;
}

/** Reads one Bounds line into `declare(name)`'s record. */
export function parseBound(tokens: ReadonlyArray<LpToken>, declare: (name: string) => BoundTarget): void {
  const line = tokens[0]?.line ?? 0;
  const shape = tokens.map((t) => t.text).join(" ");
  const fail = (): never => {
    throw new ParseError("lp", line, `cannot read the bound "${shape}"; write e.g. "x >= 0", "-inf <= x <= 4", "x = 2" or "x free"`);
  };
  if (tokens.length === 2 && tokens[0]?.kind === "name" && tokens[1]?.text.toLowerCase() === "free") {
    const info = declare(tokens[0].text);
    info.lb = -Infinity;
    info.ub = Infinity;
    info.boundLine = line;
    return;
  }
  // Items: numbers (with their signs and infinity words folded in), names and operators.
  type Item = { kind: "num"; value: number } | { kind: "name"; text: string } | { kind: "op"; text: string };
  const items: Item[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let sign = 1;
    let t = tokens[i];
    let signed = false;
    while (t?.kind === "sign") {
      if (t.text === "-") sign = -sign;
      signed = true;
      t = tokens[++i];
    }
    if (t === undefined) fail();
    else if (t.kind === "num") items.push({ kind: "num", value: sign * Number(t.text) });
    else if (t.kind === "name" && isInfinityWord(t.text)) items.push({ kind: "num", value: sign * Infinity });
    else if (t.kind === "name" && !signed) items.push({ kind: "name", text: t.text });
    else if (t.kind === "op" && !signed) items.push({ kind: "op", text: t.text });
    else fail();
  }
  const set = (name: string, op: string, value: number, flipped: boolean): void => {
    const info = declare(name);
    const dir = flipped ? (op === "<=" ? ">=" : op === ">=" ? "<=" : "=") : op;
    if (dir === ">=" || dir === "=") {
      if (value === Infinity) throw new ParseError("lp", line, `variable "${name}" cannot have lower bound +inf`);
      info.lb = value;
    }
    if (dir === "<=" || dir === "=") {
      if (value === -Infinity) throw new ParseError("lp", line, `variable "${name}" cannot have upper bound -inf`);
      info.ub = value;
    }
    info.boundLine = line;
  };
  const [i0, i1, i2, i3, i4] = items;
  if (items.length === 3 && i0?.kind === "name" && i1?.kind === "op" && i2?.kind === "num") return set(i0.text, i1.text, i2.value, false);
  if (items.length === 3 && i0?.kind === "num" && i1?.kind === "op" && i2?.kind === "name") return set(i2.text, i1.text, i0.value, true);
  if (
    items.length === 5 && i0?.kind === "num" && i1?.kind === "op" && i2?.kind === "name" &&
    i3?.kind === "op" && i4?.kind === "num" && i1.text === i3.text && i1.text !== "="
  ) {
    set(i2.text, i1.text, i0.value, true);
    set(i2.text, i3.text, i4.value, false);
    return;
  }
  fail();
}
