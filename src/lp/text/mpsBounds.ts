/**
 * One line of the BOUNDS section of MPS text: which bound, on which column, and
 * what it does to the column (HiGHS 1.15 semantics; see mpsReader.ts).
 */

/** The column fields a bound changes. */
export interface BoundColumn {
  /** Column name as written. */
  readonly name: string;
  /** Kind so far (the integer markers, BV, LI and UI set it). */
  type: "continuous" | "integer" | "binary";
  /** Lower bound; 0 by default. */
  lb: number;
  /** Upper bound; +inf by default. */
  ub: number;
  /** Given an SC bound (semi-continuous, or semi-integer on an integer column). */
  semi: boolean;
}

/** Bound types that take a value. */
const VALUED = ["UP", "LO", "FX", "LI", "UI", "SC"];
/** Bound types without a value. */
const UNVALUED = ["FR", "MI", "PL", "BV"];

/** The fields of a BOUNDS line. */
export interface BoundFields {
  /** Bound type, upper-cased. */
  readonly type: string;
  /** Bound set name ("" when left out). */
  readonly setName: string;
  /** Column name. */
  readonly colName: string;
  /** Value text for valued types; undefined for the others. */
  readonly valueText: string | undefined;
}

/**
 * Splits the fields `f` of a BOUNDS line (whitespace-split, or by column when
 * `fixed`); `isColumn` tells a column name from a set name where the line is
 * ambiguous. Returns the problem as text when the line is malformed.
 */
export function boundFields(f: readonly string[], fixed: boolean, isColumn: (name: string) => boolean): BoundFields | string {
  const type = (f[0] ?? "").toUpperCase();
  const valued = VALUED.includes(type);
  if (!valued && !UNVALUED.includes(type)) return `bound type must be UP, LO, FX, FR, MI, PL, BV, LI, UI or SC, got "${f[0] ?? ""}"`;
  const out = (setName: string, colName: string, valueText: string | undefined): BoundFields => ({ type, setName, colName, valueText: valued ? (valueText ?? "") : undefined });
  if (fixed) return out(f[1] ?? "", f[2] ?? "", f[3]);
  if (valued) {
    if (f.length === 4) return out(f[1] ?? "", f[2] ?? "", f[3]);
    if (f.length === 3) return out("", f[1] ?? "", f[2]);
    return `a ${type} bound is "${type} [<set>] <column> <value>", got "${f.join(" ")}"`;
  }
  if (f.length === 2) return out("", f[1] ?? "", undefined);
  // "BV set col" or "BV col value": a known column decides.
  if (f.length === 3) return isColumn(f[2] ?? "") ? out(f[1] ?? "", f[2] ?? "", undefined) : out("", f[1] ?? "", undefined);
  if (f.length === 4) return out(f[1] ?? "", f[2] ?? "", undefined);
  return `a ${type} bound is "${type} [<set>] <column>", got "${f.join(" ")}"`;
}

/** Applies bound `type` with `value` to `col`; returns the problem as text, or null. */
export function applyBound(col: BoundColumn, type: string, value: number): string | null {
  switch (type) {
    case "UP": col.ub = value; break;
    case "LO": col.lb = value; break;
    case "FX": col.lb = value; col.ub = value; break;
    case "FR": col.lb = -Infinity; col.ub = Infinity; break;
    case "MI": col.lb = -Infinity; break;
    case "PL": col.ub = Infinity; break;
    case "BV": col.type = "binary"; col.lb = 0; col.ub = 1; break;
    case "LI": col.lb = value; if (col.type === "continuous") col.type = "integer"; break;
    case "UI": col.ub = value; if (col.type === "continuous") col.type = "integer"; break;
    case "SC":
      if (!(value > 0) || !Number.isFinite(value)) {
        return `the SC bound of "${col.name}" gives its semi-continuous upper bound and must be a positive finite number, got ${value}`;
      }
      col.ub = value;
      col.semi = true;
      break;
  }
  if (col.lb === Infinity || col.ub === -Infinity) return `the ${type} bound of "${col.name}" is infinite on the wrong side`;
  return null;
}
