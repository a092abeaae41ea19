/**
 * GLPK backend on glpk.js 5 (GLPK 5.0 compiled to WebAssembly).
 *
 * glpk.js takes a JSON problem; its Node entry (`glpk.js/node`) is created
 * asynchronously once and then solves synchronously. Known traps, each
 * handled here and covered by `test/lp/backend.glpk.test.ts`:
 * - a presolved LP that is infeasible or unbounded comes back `GLP_UNDEF`
 *   (the presolver does not classify it): re-solve without presolve;
 * - an unbounded MIP comes back `GLP_UNDEF` with all zeros: solve the LP
 *   relaxation without presolve, then a zero-objective MIP to tell
 *   `unbounded` from `infeasible`;
 * - `presol: false` on a MIP returns `GLP_UNDEF` with all zeros (glpk.js calls
 *   `glp_intopt` without solving the relaxation first): presolve is kept on
 *   for MIPs and `rawStatus` says so;
 * - `tmlim: Infinity` becomes a zero time limit (the value is truncated to a
 *   C int): a limit is passed only when finite;
 * - a binary listed in `binaries` has its bounds reset to [0, 1], so a fixed
 *   binary is lost: binaries go in `generals` with their own bounds;
 * - an integer column with a fractional bound makes `glp_intopt` fail: integer
 *   bounds are rounded inwards first.
 * There is no objective constant in the JSON format; it is added back here.
 */
import GLPK, { type LP, type Options } from "glpk.js/node";
import { finishResult } from "../check.js";
import { refuseSemiVariables } from "../unsupported.js";
import { isIntegral, type Model } from "../model.js";
import {
  DEFAULT_SOLVE_OPTIONS,
  type Backend,
  type SolveOptions,
  type SolveResult,
  type TerminationStatus,
} from "../result.js";

type GlpkInstance = Awaited<ReturnType<typeof GLPK>>;

/** GLPK solution statuses by name. */
export type GlpkStatus = "GLP_UNDEF" | "GLP_FEAS" | "GLP_INFEAS" | "GLP_NOFEAS" | "GLP_OPT" | "GLP_UNBND";

/** What each GLPK status means before any follow-up solve; refined in {@link glpk}. */
const TERMINATION: Record<GlpkStatus, TerminationStatus> = {
  GLP_OPT: "optimal",
  // A feasible point without proof: the MIP gap or the time limit stopped it.
  GLP_FEAS: "time_limit",
  // Simplex stopped before reaching feasibility: only under a limit.
  GLP_INFEAS: "time_limit",
  GLP_NOFEAS: "infeasible",
  GLP_UNBND: "unbounded",
  // Presolver gave up, or the MIP could not start: diagnosed by follow-up solves.
  GLP_UNDEF: "other_error",
};

/** Whether GLPK's values for a status are a point worth handing to the checker. */
const HAS_POINT: Record<GlpkStatus, boolean> = {
  GLP_OPT: true,
  GLP_FEAS: true,
  GLP_INFEAS: true,
  GLP_NOFEAS: false,
  GLP_UNBND: false,
  GLP_UNDEF: false,
};

const STATUS_NAMES: ReadonlyArray<GlpkStatus> = ["GLP_UNDEF", "GLP_FEAS", "GLP_INFEAS", "GLP_NOFEAS", "GLP_OPT", "GLP_UNBND"];

/** Largest time limit in seconds glpk.js can pass on (it multiplies by 1000 into a C int). */
const MAX_TMLIM_SEC = 2_000_000;

/** Tolerance used when rounding integer bounds inwards. */
const INT_BOUND_TOL = 1e-9;

let instance: Promise<GlpkInstance> | null = null;

function glpkInstance(): Promise<GlpkInstance> {
  instance ??= GLPK();
  return instance;
}

function statusName(g: GlpkInstance, code: number): GlpkStatus | null {
  return STATUS_NAMES.find((name) => g[name] === code) ?? null;
}

/** Bounds as GLPK sees them: integer columns rounded inwards. */
function columnBounds(model: Model): Array<{ lb: number; ub: number }> {
  return model.variables.map((v) =>
    !isIntegral(v.type)
      ? { lb: v.lb, ub: v.ub }
      : { lb: Math.ceil(v.lb - INT_BOUND_TOL), ub: Math.floor(v.ub + INT_BOUND_TOL) },
  );
}

function boundType(g: GlpkInstance, lb: number, ub: number): { type: number; lb: number; ub: number } {
  const hasLb = lb > -Infinity;
  const hasUb = ub < Infinity;
  if (hasLb && hasUb) return { type: lb === ub ? g.GLP_FX : g.GLP_DB, lb, ub };
  if (hasLb) return { type: g.GLP_LO, lb, ub: 0 };
  if (hasUb) return { type: g.GLP_UP, lb: 0, ub };
  return { type: g.GLP_FR, lb: 0, ub: 0 };
}

/** Which variant of the model to hand over. */
interface Variant {
  /** Drop integrality (LP relaxation). */
  readonly relax: boolean;
  /** Zero objective (a feasibility problem). */
  readonly noObjective: boolean;
}

/** The model as glpk.js's JSON problem; columns `v<i>`, rows `r<i>`, so names map back by index. */
function toGlpk(g: GlpkInstance, model: Model, bounds: ReadonlyArray<{ lb: number; ub: number }>, variant: Variant): LP {
  const col = (index: number): string => `v${index}`;
  return {
    name: "geopipe",
    objective: {
      direction: model.objective.sense === "max" ? g.GLP_MAX : g.GLP_MIN,
      name: "obj",
      vars: variant.noObjective ? [] : model.objective.terms.map((t) => ({ name: col(t.index), coef: t.coef })),
    },
    subjectTo: model.rows.map((row) => ({
      name: `r${row.index}`,
      vars: row.terms.map((t) => ({ name: col(t.index), coef: t.coef })),
      bnds: boundType(g, row.lb, row.ub),
    })),
    // Every column is listed here, so a variable used nowhere still exists.
    bounds: model.variables.map((v) => {
      const b = bounds[v.index] ?? { lb: v.lb, ub: v.ub };
      return { name: col(v.index), ...boundType(g, b.lb, b.ub) };
    }),
    generals: variant.relax ? [] : model.variables.filter((v) => isIntegral(v.type)).map((v) => col(v.index)),
  };
}

interface Run {
  readonly status: GlpkStatus | null;
  readonly code: number;
  readonly z: number;
  readonly values: Float64Array;
}

function run(g: GlpkInstance, model: Model, lp: LP, options: Options): Run {
  const out = g.solve(lp, options).result;
  const values = new Float64Array(model.variables.length);
  for (const v of model.variables) values[v.index] = out.vars[`v${v.index}`] ?? NaN;
  return { status: statusName(g, out.status), code: out.status, z: out.z, values };
}

function glpkOptions(presol: boolean, mipRelGap: number, remainingSec: number): Options {
  const options: Options = { msglev: 0, presol, mipgap: mipRelGap };
  if (Number.isFinite(remainingSec)) options.tmlim = Math.min(Math.max(remainingSec, 0), MAX_TMLIM_SEC);
  return options;
}

interface Outcome {
  readonly termination: TerminationStatus;
  readonly point: Run | null;
  readonly notes: ReadonlyArray<string>;
}

/** Tells apart what a `GLP_UNDEF` hides, with follow-up solves. */
function diagnoseUndefined(
  g: GlpkInstance,
  model: Model,
  bounds: ReadonlyArray<{ lb: number; ub: number }>,
  presolved: boolean,
  mipRelGap: number,
  remainingSec: () => number,
): Outcome {
  const timedOut = (): boolean => remainingSec() <= 0;
  if (timedOut()) return { termination: "time_limit", point: null, notes: ["time limit reached"] };
  if (!model.isMip) {
    if (!presolved) return { termination: "other_error", point: null, notes: [] };
    const again = run(g, model, toGlpk(g, model, bounds, { relax: false, noObjective: false }), glpkOptions(false, 0, remainingSec()));
    const name = again.status ?? "GLP_UNDEF";
    return {
      termination: name === "GLP_UNDEF" && timedOut() ? "time_limit" : TERMINATION[name],
      point: HAS_POINT[name] ? again : null,
      notes: [`re-solved without presolve: ${name}`],
    };
  }
  const relaxed = run(g, model, toGlpk(g, model, bounds, { relax: true, noObjective: false }), glpkOptions(false, 0, remainingSec()));
  const notes = [`LP relaxation without presolve: ${relaxed.status ?? relaxed.code}`];
  if (relaxed.status === "GLP_NOFEAS") return { termination: "infeasible", point: null, notes };
  if (relaxed.status === "GLP_UNBND") {
    // Relaxation unbounded: the MIP is unbounded if it has any integer point.
    const feas = run(g, model, toGlpk(g, model, bounds, { relax: false, noObjective: true }), glpkOptions(true, mipRelGap, remainingSec()));
    notes.push(`zero-objective MIP: ${feas.status ?? feas.code}`);
    if (feas.status === "GLP_OPT" || feas.status === "GLP_FEAS") return { termination: "unbounded", point: null, notes };
    if (feas.status === "GLP_NOFEAS") return { termination: "infeasible", point: null, notes };
    return { termination: "infeasible_or_unbounded", point: null, notes };
  }
  return { termination: timedOut() ? "time_limit" : "other_error", point: null, notes };
}

async function solveGlpk(model: Model, options: SolveOptions = {}): Promise<SolveResult> {
  refuseSemiVariables("glpk", model);
  const opts = { ...DEFAULT_SOLVE_OPTIONS, ...options };
  const start = performance.now();
  const elapsedSec = (): number => (performance.now() - start) / 1000;
  const remainingSec = (): number => opts.timeLimitSec - elapsedSec();
  const finish = (termination: TerminationStatus, point: Run | null, rawStatus: string, bound: number | null = null): SolveResult =>
    finishResult(
      "glpk",
      model,
      {
        termination,
        values: point?.values ?? null,
        ...(point ? { reportedObjective: point.z + model.objective.constant } : {}),
        bound,
        rawStatus,
        timeMs: performance.now() - start,
      },
      opts.feasibilityTol,
    );

  const bounds = columnBounds(model);
  const empty = model.variables.find((v) => (bounds[v.index]?.lb ?? 0) > (bounds[v.index]?.ub ?? 0));
  if (empty) return finish("infeasible", null, `integer variable ${empty.name} has no integer value in [${empty.lb}, ${empty.ub}]`);

  try {
    const g = await glpkInstance();
    const notes: string[] = [];
    const presol = model.isMip ? true : opts.presolve;
    if (model.isMip && !opts.presolve) {
      notes.push("presolve kept on: glpk.js runs a MIP without presolve from no LP basis and returns all zeros");
    }
    const first = run(g, model, toGlpk(g, model, bounds, { relax: false, noObjective: false }), glpkOptions(presol, opts.mipRelGap, remainingSec()));
    if (first.status === null) return finish("other_error", null, `unknown GLPK status ${first.code}`);
    let termination = TERMINATION[first.status];
    let point = HAS_POINT[first.status] ? first : null;
    if (first.status === "GLP_UNDEF") {
      const d = diagnoseUndefined(g, model, bounds, presol, opts.mipRelGap, remainingSec);
      termination = d.termination;
      point = d.point;
      notes.push(...d.notes);
    } else if (first.status === "GLP_FEAS" && model.isMip && opts.mipRelGap > 0 && remainingSec() > 0) {
      termination = "optimal"; // stopped at the requested gap, as HiGHS reports it
      notes.push(`within mipgap ${opts.mipRelGap}`);
    }
    // A MIP proven optimal with zero gap has its bound at the objective.
    const bound =
      model.isMip && first.status === "GLP_OPT" && opts.mipRelGap === 0 ? first.z + model.objective.constant : null;
    return finish(termination, point, [first.status, ...notes].join("; "), bound);
  } catch (error) {
    return finish("other_error", null, `glpk.js threw: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** GLPK (glpk.js, WebAssembly). No MIP dual bound under a limit; honours time limits (`tmlim`). */
export const glpk: Backend = {
  name: "glpk",
  limits: { dualBound: false, timeLimit: true, mipStart: false },
  solve: solveGlpk,
};
