/**
 * javascript-lp-solver backend (pure JavaScript simplex with branch and cut).
 *
 * Its JSON model has every variable `≥ 0`, rows as `{ min, max, equal }`, and
 * returns values as fields of the result object next to `feasible`, `result`,
 * `bounded` and `isIntegral`. Traps handled here and covered by
 * `test/lp/backend.jslp.test.ts`:
 * - a variable named `feasible` or `result` overwrites the status fields:
 *   columns are handed over as `c0, c1, …`, rows as `r0, …`, bounds as `b0, …`
 *   and mapped back by index;
 * - it assumes `x ≥ 0`: a variable with a finite lower bound is shifted
 *   (`x = lb + y`), one with only an upper bound is mirrored (`x = ub − y`),
 *   and a free one is marked `unrestricted` (splitting `x = y⁺ − y⁻` made
 *   branch and cut run forever on a free integer); upper bounds become rows;
 * - on timeout (or when branch and cut stops early) it returns the fractional
 *   LP relaxation marked `feasible` but not `isIntegral`: the result is
 *   classified `stopped` and the point is not returned (the checker would
 *   reject it: `readJslpResult` keeps it for that test);
 * - `bounded: false` on a MIP only says the relaxation is unbounded: a
 *   zero-objective MIP tells `unbounded` from `infeasible`.
 * - its presolve misreports the objective (a variable it fixes keeps its
 *   value but drops out of `result`): presolve is always off here, whatever
 *   `options.presolve` says, and `rawStatus` says so.
 * No dual bound; its `timeout` is checked only between branch-and-bound nodes
 * (it ran past 100 s under a 20 s limit on 87- and 302-column MILPs), so a
 * time-limited solve runs in a worker thread that is terminated at the limit
 * plus a grace (`jslpWorker.ts`); a terminated solve is `time_limit` with no point.
 */
import { solveRaw, type JslpModel, type JslpResult } from "./jslpSolver.js";
import { JslpWorkerSession, type JslpJobEnd } from "./jslpWorkerRun.js";
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

/** How a javascript-lp-solver result reads. */
export type JslpOutcome = "optimal" | "infeasible" | "unbounded" | "stopped";

/** Termination for each outcome; `stopped` becomes `time_limit` when the timeout has passed. */
const TERMINATION: Record<JslpOutcome, TerminationStatus> = {
  optimal: "optimal",
  infeasible: "infeasible",
  unbounded: "unbounded",
  stopped: "other_error",
};

/** Tolerance used when rounding integer bounds inwards. */
const INT_BOUND_TOL = 1e-9;

/** One column handed to the solver: `x[varIndex] += sign · column`. */
interface Column {
  /** Key in the solver's model: `c<k>`. */
  readonly key: string;
  /** Index of the model variable the column belongs to. */
  readonly varIndex: number;
  /** +1 for a shifted or free variable, −1 for a mirrored one. */
  readonly sign: 1 | -1;
}

/** The model in javascript-lp-solver's format plus how to map a result back. */
export interface JslpTranslation {
  /** The model as javascript-lp-solver takes it (options added at solve time). */
  readonly model: JslpModel;
  /** Columns handed over, in key order. */
  readonly columns: ReadonlyArray<Column>;
  /** `x = shift + Σ sign·column` per variable. */
  readonly shift: Float64Array;
  /** Objective constant after shifting (model constant included). */
  readonly objectiveOffset: number;
  /** Set when the model is infeasible before solving; says why. */
  readonly infeasibleReason: string | null;
}

/** Translates `model`; `noObjective` drops the objective (a feasibility problem). */
export function toJslp(model: Model, noObjective = false): JslpTranslation {
  const n = model.variables.length;
  const shift = new Float64Array(n);
  const columns: Column[] = [];
  const coefs = new Map<string, Record<string, number>>();
  const constraints: Record<string, { min?: number; max?: number; equal?: number }> = {};
  const ints: Record<string, 1> = {};
  const unrestricted: Record<string, 1> = {};
  let infeasibleReason: string | null = null;
  const byVar: Column[][] = model.variables.map(() => []);

  for (const v of model.variables) {
    const integer = isIntegral(v.type);
    const lb = integer ? Math.ceil(v.lb - INT_BOUND_TOL) : v.lb;
    const ub = integer ? Math.floor(v.ub + INT_BOUND_TOL) : v.ub;
    if (lb > ub) infeasibleReason ??= `integer variable ${v.name} has no integer value in [${v.lb}, ${v.ub}]`;
    const add = (key: string, sign: 1 | -1): string => {
      const c: Column = { key, varIndex: v.index, sign };
      columns.push(c);
      byVar[v.index]?.push(c);
      coefs.set(key, {});
      if (integer) ints[key] = 1;
      return key;
    };
    if (lb > -Infinity) {
      shift[v.index] = lb;
      const key = add(`c${columns.length}`, 1);
      if (ub < Infinity) {
        constraints[`b${v.index}`] = { max: ub - lb };
        (coefs.get(key) as Record<string, number>)[`b${v.index}`] = 1;
      }
    } else if (ub < Infinity) {
      shift[v.index] = ub;
      add(`c${columns.length}`, -1);
    } else {
      // Free: the solver's own `unrestricted` flag. Splitting x = y⁺ − y⁻ is
      // not an option for integers: branch and cut never ends on y⁺, y⁻.
      unrestricted[add(`c${columns.length}`, 1)] = 1;
    }
  }

  const place = (rowKey: string, terms: ReadonlyArray<{ readonly index: number; readonly coef: number }>): number => {
    let offset = 0;
    for (const t of terms) {
      offset += t.coef * (shift[t.index] ?? 0);
      for (const c of byVar[t.index] ?? []) {
        const entry = coefs.get(c.key) as Record<string, number>;
        entry[rowKey] = (entry[rowKey] ?? 0) + c.sign * t.coef;
      }
    }
    return offset;
  };

  for (const row of model.rows) {
    const key = `r${row.index}`;
    if (row.terms.length === 0) {
      if (row.lb > 0 || row.ub < 0) infeasibleReason ??= `row ${row.name} has no terms and excludes 0`;
      continue;
    }
    const offset = place(key, row.terms);
    const lb = row.lb - offset;
    const ub = row.ub - offset;
    constraints[key] = lb === ub ? { equal: lb } : { ...(lb > -Infinity ? { min: lb } : {}), ...(ub < Infinity ? { max: ub } : {}) };
  }
  const objectiveOffset = model.objective.constant + (noObjective ? 0 : place("objective", model.objective.terms));

  return {
    model: {
      optimize: "objective",
      opType: model.objective.sense,
      constraints,
      variables: Object.fromEntries(coefs),
      ints,
      unrestricted,
    },
    columns,
    shift,
    objectiveOffset: noObjective ? 0 : objectiveOffset,
    infeasibleReason,
  };
}

/**
 * Termination of a jslp solve. A MIP whose search ran into the timeout is
 * `time_limit` even when the point it returns is integral: branch and bound
 * stopped early, so the point is an incumbent, not a proven optimum (seen:
 * 210.03 reported after 61 s against a 60 s limit where the optimum is 190.26).
 * An "infeasible" after the timeout is `time_limit` too: on the feasible MIP
 * egout, a 1 s or 3 s timeout came back `feasible: false`.
 */
export function jslpTermination(
  outcome: JslpOutcome,
  isMip: boolean,
  elapsedMs: number,
  timeoutMs: number | undefined,
): TerminationStatus {
  const timedOut = timeoutMs !== undefined && elapsedMs >= timeoutMs;
  if (timedOut && (outcome === "stopped" || (isMip && outcome !== "unbounded"))) return "time_limit";
  return TERMINATION[outcome];
}

/** Reads a raw result: which outcome, and values in model space. */
export function readJslpResult(
  model: Model,
  t: JslpTranslation,
  raw: JslpResult,
): { readonly outcome: JslpOutcome; readonly values: Float64Array | null; readonly objective: number } {
  const values = Float64Array.from(t.shift);
  for (const c of t.columns) {
    const y = raw[c.key];
    values[c.varIndex] = (values[c.varIndex] ?? 0) + c.sign * (typeof y === "number" ? y : 0);
  }
  const objective = raw.result + t.objectiveOffset;
  if (raw.feasible !== true) return { outcome: "infeasible", values: null, objective };
  if (raw.bounded === false) return { outcome: "unbounded", values: null, objective };
  if (model.isMip && raw.isIntegral !== true) return { outcome: "stopped", values, objective };
  return { outcome: "optimal", values, objective };
}

/** Where solves run. */
export type JslpMode = "auto" | "inline" | "worker";

/** Options of {@link createJslpBackend}. All optional; defaults in {@link DEFAULT_JSLP_BACKEND_OPTIONS}. */
export interface JslpBackendOptions {
  /** `"auto"`: a worker thread when `timeLimitSec` is finite, inline otherwise; `"inline"`: always on this thread (a limit is then only the solver's own, unreliable `timeout`); `"worker"`: always in a worker. Default `"auto"`. */
  readonly mode?: JslpMode;
  /** Seconds after `timeLimitSec` before a worker still solving is terminated. Default 1. */
  readonly graceSec?: number;
  /** Pass the limit to the solver as its own `timeout`. Default true; false leaves stopping to the worker timer (tests that path). */
  readonly solverTimeout?: boolean;
}

/** Defaults of {@link JslpBackendOptions}. */
export const DEFAULT_JSLP_BACKEND_OPTIONS: Required<JslpBackendOptions> = { mode: "auto", graceSec: 1, solverTimeout: true };

/** One raw solve, inline or in the worker: the result and the solver's own elapsed time, or why there is none. */
type RawRun = (jsModel: JslpModel, options: JslpModel["options"], hardLimitMs: number | null) => Promise<JslpJobEnd>;

const inlineRun: RawRun = async (jsModel, options) => {
  const t0 = performance.now();
  try {
    const raw = solveRaw(jsModel, options);
    return { kind: "done", raw, elapsedMs: performance.now() - t0 };
  } catch (error) {
    return { kind: "failed", reason: `javascript-lp-solver threw: ${error instanceof Error ? error.message : String(error)}` };
  }
};

async function solveJslp(model: Model, options: SolveOptions, cfg: Required<JslpBackendOptions>): Promise<SolveResult> {
  refuseSemiVariables("jslp", model);
  const opts = { ...DEFAULT_SOLVE_OPTIONS, ...options };
  if (!(opts.timeLimitSec >= 0)) throw new RangeError(`jslp: options.timeLimitSec must be ≥ 0 seconds or Infinity, got ${opts.timeLimitSec}`);
  const start = performance.now();
  const limited = Number.isFinite(opts.timeLimitSec);
  const timeoutMs = limited ? Math.max(1, opts.timeLimitSec * 1000) : undefined;
  const jsOptions: JslpModel["options"] = {
    tolerance: opts.mipRelGap,
    // Never its presolve: with it on, a variable it fixes keeps its value but
    // drops out of `result` (x ∈ {0,1}, −x ≤ −1, min −x gave x = 1, result 0).
    presolve: false,
    ...(timeoutMs !== undefined && cfg.solverTimeout ? { timeout: timeoutMs } : {}),
  };
  const finish = (termination: TerminationStatus, values: Float64Array | null, rawStatus: string, objective?: number): SolveResult =>
    finishResult(
      "jslp",
      model,
      {
        termination,
        values,
        ...(values && objective !== undefined ? { reportedObjective: objective } : {}),
        rawStatus,
        timeMs: performance.now() - start,
      },
      opts.feasibilityTol,
    );

  const t = toJslp(model);
  if (t.infeasibleReason !== null) return finish("infeasible", null, t.infeasibleReason);
  let run: RawRun = inlineRun;
  let session: JslpWorkerSession | null = null;
  let note = "";
  if (cfg.mode === "worker" || (cfg.mode === "auto" && limited)) {
    const started = await JslpWorkerSession.start();
    if (typeof started === "string") note = ` (worker unavailable: solved inline; ${started})`;
    else {
      session = started;
      run = (m, o, limitMs) => started.run(m, o, limitMs);
    }
  }
  // The hard limit counts from when the ready worker gets the job; each job gets what is left.
  const hardLimitMs = (): number | null => (limited ? (opts.timeLimitSec + cfg.graceSec) * 1000 - (performance.now() - start) : null);
  try {
    const first = await run(t.model, jsOptions, hardLimitMs());
    if (first.kind === "killed") {
      return finish("time_limit", null, `worker terminated ${opts.timeLimitSec + cfg.graceSec} s into the solve (time limit + grace; javascript-lp-solver had not stopped); it reports no incumbent`);
    }
    if (first.kind === "failed") return finish("other_error", null, first.reason + note);
    const { raw } = first;
    const read = readJslpResult(model, t, raw);
    const rawStatus = `feasible=${raw.feasible} bounded=${raw.bounded} isIntegral=${raw.isIntegral ?? false}; presolve off${note}`;
    const termination = jslpTermination(read.outcome, model.isMip, first.elapsedMs, timeoutMs);
    if (read.outcome === "unbounded" && model.isMip && termination !== "time_limit") {
      // Only the relaxation is known unbounded: look for any integer point.
      const f = toJslp(model, true);
      const second = await run(f.model, jsOptions, hardLimitMs());
      if (second.kind !== "done") return finish(second.kind === "killed" ? "time_limit" : "other_error", null, `${rawStatus}; zero-objective MIP: ${second.kind === "killed" ? "stopped at the time limit" : second.reason}`);
      const feas = readJslpResult(model, f, second.raw);
      const found: TerminationStatus = feas.outcome === "optimal" ? "unbounded" : feas.outcome === "infeasible" ? "infeasible" : "infeasible_or_unbounded";
      return finish(found, null, `${rawStatus}; zero-objective MIP: ${feas.outcome}`);
    }
    // "stopped": its LP relaxation, which it does not claim is integral; not a MIP point to pass on.
    const point = read.outcome === "stopped" || (termination === "time_limit" && read.outcome === "infeasible") ? null : read.values;
    return finish(termination, point, `${rawStatus} (${read.outcome}${point === null && read.outcome === "stopped" ? ": fractional relaxation not returned" : ""})`, read.objective);
  } finally {
    await session?.close();
  }
}

/**
 * A javascript-lp-solver backend; see {@link JslpBackendOptions}. With a finite
 * `timeLimitSec` the solve runs in a worker thread that is terminated at the
 * limit plus `graceSec`, so the limit holds even where the solver's own
 * `timeout` (checked only between branch-and-bound nodes) does not.
 */
export function createJslpBackend(options: JslpBackendOptions = {}): Backend {
  const cfg = { ...DEFAULT_JSLP_BACKEND_OPTIONS, ...options };
  if (!(cfg.graceSec >= 0) || !Number.isFinite(cfg.graceSec)) {
    throw new RangeError(`jslp: createJslpBackend options.graceSec must be a finite number ≥ 0, got ${cfg.graceSec}`);
  }
  return {
    name: "jslp",
    limits: { dualBound: false, timeLimit: true, mipStart: false },
    solve: (model, solveOptions = {}) => solveJslp(model, solveOptions, cfg),
  };
}

/** javascript-lp-solver (mode `"auto"`, grace 1 s). No MIP dual bound; time limits enforced by a worker thread. */
export const jslp: Backend = createJslpBackend();
