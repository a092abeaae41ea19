/**
 * Solver-neutral MILP model builder.
 *
 * A model holds named variables (continuous, integer or binary, with bounds),
 * linear rows `lower ≤ Σ a_j x_j ≤ upper`, and a linear objective with a
 * constant. Backends, writers and the solution checker all read this one
 * representation; solutions map back to {@link Variable} handles by index.
 */

/**
 * Kind of a decision variable. A semi-continuous variable is 0 or within
 * `[lb, ub]`; a semi-integer one is 0 or an integer within `[lb, ub]` (as in
 * CPLEX, HiGHS and JuMP's `Semicontinuous`/`Semiinteger`).
 */
export type VarType = "continuous" | "integer" | "binary" | "semicontinuous" | "semiinteger";

/** What each {@link VarType} asks of a value; a `Record`, so a new kind without a row here does not compile. */
export const VAR_KINDS: Readonly<Record<VarType, { readonly integral: boolean; readonly semi: boolean }>> = {
  continuous: { integral: false, semi: false },
  integer: { integral: true, semi: false },
  binary: { integral: true, semi: false },
  semicontinuous: { integral: false, semi: true },
  semiinteger: { integral: true, semi: true },
};

/** Whether values of `type` must be integers (integer, binary, semi-integer). */
export function isIntegral(type: VarType): boolean {
  return VAR_KINDS[type].integral;
}

/** Whether `type` may also take the value 0 outside its bounds (semi-continuous, semi-integer). */
export function isSemi(type: VarType): boolean {
  return VAR_KINDS[type].semi;
}

/** Direction of optimisation. */
export type Sense = "min" | "max";

/** Comparison of a constraint as the user wrote it. */
export type RowOp = "<=" | ">=" | "=";

/** Handle to a variable of one {@link Model}. */
export interface Variable {
  /** Position in {@link Model.variables}; solution arrays are indexed by it. */
  readonly index: number;
  /** Unique name within the model. */
  readonly name: string;
  readonly type: VarType;
  /** Lower bound; `-Infinity` for free below. Default 0. */
  readonly lb: number;
  /** Upper bound; `Infinity` for free above. Default `Infinity` (1 for binaries). Finite for semi kinds. */
  readonly ub: number;
}

/** One coefficient of a linear expression. */
export type Term = readonly [variable: Variable, coef: number];

/** A linear row `lb ≤ Σ coef·x ≤ ub` (one side may be infinite). */
export interface Row {
  readonly index: number;
  readonly name: string;
  /** Terms by variable index, each variable at most once, zero coefficients dropped. */
  readonly terms: ReadonlyArray<{ readonly index: number; readonly coef: number }>;
  readonly lb: number;
  readonly ub: number;
}

export interface Objective {
  readonly sense: Sense;
  readonly terms: ReadonlyArray<{ readonly index: number; readonly coef: number }>;
  /** Constant added to the objective value. Default 0. */
  readonly constant: number;
}

/** Options for {@link Model.addVar}. */
export interface VarOptions {
  /** Default `"continuous"`. */
  readonly type?: VarType;
  /** Default 0. */
  readonly lb?: number;
  /** Default `Infinity`, or 1 for binaries. */
  readonly ub?: number;
}

/** Thrown when a model is built wrongly (a programming error, not a solve outcome). */
export class ModelError extends Error {
  override readonly name = "ModelError";
}

/** Letters, digits and `_ . #` only, not starting with a digit or `.`. */
const SAFE_NAME = /^[A-Za-z_#][A-Za-z0-9_.#]*$/;

/** Words LP readers take for section headers or infinities; never used as names. */
export const LP_KEYWORDS: ReadonlySet<string> = new Set([
  "min", "minimize", "minimise", "minimum", "max", "maximize", "maximise", "maximum",
  "st", "s.t.", "st.", "subject", "such", "bound", "bounds", "free", "inf", "infinity",
  "gen", "general", "generals", "int", "integer", "integers", "bin", "binary", "binaries",
  "semi", "semis", "semi-continuous", "sos", "end",
]);

/**
 * Whether `name` is safe to write into LP and MPS text unchanged and to read
 * back by HiGHS, GLPK and CPLEX-style readers: letters, digits and `_ . #`
 * only; not starting with a digit, `.`, or `e`/`E` followed by a digit or `.`
 * (read as an exponent); not an LP keyword (`free`, `end`, `bin`, …); not
 * starting with `inf` or `nan` (HiGHS's LP reader reads `inflow` as a number);
 * at most 255 characters.
 */
export function isSafeName(name: string): boolean {
  return (
    SAFE_NAME.test(name) &&
    !/^[eE][0-9.]/.test(name) &&
    !/^(inf|nan)/i.test(name) &&
    !LP_KEYWORDS.has(name.toLowerCase()) &&
    name.length <= 255
  );
}

/** Mutable builder; read through the readonly views once built. */
export class Model {
  readonly name: string;
  private readonly vars: Variable[] = [];
  private readonly rowList: Row[] = [];
  private readonly varNames = new Map<string, Variable>();
  private readonly rowNames = new Set<string>();
  private obj: Objective = { sense: "min", terms: [], constant: 0 };

  constructor(name = "model") {
    this.name = name;
  }

  get variables(): ReadonlyArray<Variable> {
    return this.vars;
  }

  get rows(): ReadonlyArray<Row> {
    return this.rowList;
  }

  get objective(): Objective {
    return this.obj;
  }

  /** True when some variable is integer, binary, semi-continuous or semi-integer. */
  get isMip(): boolean {
    return this.vars.some((v) => v.type !== "continuous");
  }

  variable(name: string): Variable | undefined {
    return this.varNames.get(name);
  }

  addVar(name: string, options: VarOptions = {}): Variable {
    if (!isSafeName(name)) {
      throw new ModelError(
        `variable name "${name}" is not safe for LP/MPS files: use letters, digits and _ . # only, not starting with a digit, '.', 'inf' or 'nan', and not an LP keyword such as "free" or "end"`,
      );
    }
    if (this.varNames.has(name)) throw new ModelError(`variable "${name}" is defined twice`);
    const type = options.type ?? "continuous";
    const lb = options.lb ?? 0;
    const ub = options.ub ?? (type === "binary" ? 1 : Infinity);
    if (Number.isNaN(lb) || Number.isNaN(ub)) throw new ModelError(`variable "${name}": bounds must be numbers`);
    if (lb > ub) throw new ModelError(`variable "${name}": lower bound ${lb} exceeds upper bound ${ub}`);
    if (type === "binary" && (lb < 0 || ub > 1)) {
      throw new ModelError(`variable "${name}": a binary must have bounds within [0, 1], got [${lb}, ${ub}]`);
    }
    if (isSemi(type) && !(lb >= 0 && Number.isFinite(lb) && Number.isFinite(ub))) {
      throw new ModelError(
        `variable "${name}": a ${type} variable needs 0 <= lb and a finite upper bound (it is 0 or in [lb, ub]), got [${lb}, ${ub}]`,
      );
    }
    const v: Variable = { index: this.vars.length, name, type, lb, ub };
    this.vars.push(v);
    this.varNames.set(name, v);
    return v;
  }

  /** Adds `Σ terms  op  rhs`. Repeated variables are summed. */
  addConstraint(name: string, terms: ReadonlyArray<Term>, op: RowOp, rhs: number): Row {
    if (!Number.isFinite(rhs)) throw new ModelError(`row "${name}": right-hand side must be finite, got ${rhs}`);
    const lb = op === "<=" ? -Infinity : rhs;
    const ub = op === ">=" ? Infinity : rhs;
    return this.addRange(name, terms, lb, ub);
  }

  /** Adds `lb ≤ Σ terms ≤ ub`. */
  addRange(name: string, terms: ReadonlyArray<Term>, lb: number, ub: number): Row {
    if (!isSafeName(name)) {
      throw new ModelError(
        `row name "${name}" is not safe for LP/MPS files: use letters, digits and _ . # only, not starting with a digit, '.', 'inf' or 'nan', and not an LP keyword such as "free" or "end"`,
      );
    }
    if (this.rowNames.has(name)) throw new ModelError(`row "${name}" is defined twice`);
    if (Number.isNaN(lb) || Number.isNaN(ub) || lb > ub) {
      throw new ModelError(`row "${name}": bounds [${lb}, ${ub}] are not a valid range`);
    }
    if (lb === -Infinity && ub === Infinity) throw new ModelError(`row "${name}" is free on both sides`);
    const row: Row = { index: this.rowList.length, name, terms: this.collect(terms, `row "${name}"`), lb, ub };
    this.rowList.push(row);
    this.rowNames.add(name);
    return row;
  }

  setObjective(sense: Sense, terms: ReadonlyArray<Term>, constant = 0): void {
    if (!Number.isFinite(constant)) throw new ModelError(`objective constant must be finite, got ${constant}`);
    this.obj = { sense, terms: this.collect(terms, "objective"), constant };
  }

  private collect(terms: ReadonlyArray<Term>, where: string): Array<{ index: number; coef: number }> {
    const sum = new Map<number, number>();
    for (const [v, coef] of terms) {
      if (this.vars[v.index] !== v) throw new ModelError(`${where}: variable "${v.name}" belongs to another model`);
      if (!Number.isFinite(coef)) throw new ModelError(`${where}: coefficient of "${v.name}" must be finite, got ${coef}`);
      sum.set(v.index, (sum.get(v.index) ?? 0) + coef);
    }
    return [...sum.entries()]
      .filter(([, c]) => c !== 0)
      .sort((a, b) => a[0] - b[0])
      .map(([index, coef]) => ({ index, coef }));
  }
}

/** Value of a linear expression at `values` (indexed by variable index). */
export function evaluate(
  terms: ReadonlyArray<{ readonly index: number; readonly coef: number }>,
  values: ArrayLike<number>,
): number {
  let s = 0;
  for (const t of terms) s += t.coef * (values[t.index] ?? NaN);
  return s;
}

/** Objective value (constant included) at `values`. */
export function objectiveValue(model: Model, values: ArrayLike<number>): number {
  return model.objective.constant + evaluate(model.objective.terms, values);
}
