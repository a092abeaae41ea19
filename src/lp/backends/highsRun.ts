/**
 * One HiGHS solve of a {@link HighsProblem} on the held runtime: create the
 * model from arrays, set options, run (reporting improving MIP incumbents),
 * read status, point and bound, and always dispose the model.
 *
 * Used inline (main thread), inside the solver worker and by the synchronous
 * `solveSync` of src/exact; it never throws: failures come back as a
 * {@link RunOutcome}. When the runtime traps, it is dropped from the holder so
 * the next solve loads a fresh one.
 *
 * HiGHS 1.15's presolve sometimes declares a feasible MILP infeasible (about 1
 * in 500 of the cost-under-cap placement MILPs whose time cap admits only the
 * fastest path; test/fixtures/lp/presolve-false-infeasible.mps is one). So an
 * "infeasible" or "infeasible or unbounded" answer with presolve on is checked
 * by a second solve without presolve ({@link withPresolveRetry}), and the
 * outcome says so (`presolveRetried`).
 */
import type { Highs, Model as HighsModel, ModelData } from "highs";
import type { MipStart } from "../result.js";
import type { HighsProblem } from "./highsProblem.js";
import { acquireHighs, discardHighs, isWasmAbort } from "./highsRuntime.js";

/** Solver settings of one run, already merged with defaults. */
export interface RunSettings {
  /** HiGHS `time_limit` in seconds; null to pass none. */
  readonly timeLimitSec: number | null;
  /** HiGHS `mip_rel_gap`. */
  readonly mipRelGap: number;
  /** HiGHS `presolve` "on" (true) or "off" (false). */
  readonly presolve: boolean;
  /** Extra HiGHS options, set before the mapped ones above (which win on a clash). */
  readonly solverOptions: Readonly<Record<string, string | number | boolean>>;
  /** Report improving MIP incumbents through the callback. */
  readonly reportIncumbents: boolean;
  /** A (partial) MIP start as column indices and values; null for none. Ignored for LPs. */
  readonly start: SparseStart | null;
  /** Test hook: provoke a genuine WASM abort in the live runtime before the run. */
  readonly injectAbort?: boolean;
}

/** Column values of a MIP start: `values[i]` for column `indices[i]`. */
export interface SparseStart {
  readonly indices: readonly number[];
  readonly values: readonly number[];
}

/** `start` as HiGHS column indices and values (null for none or an empty start). */
export function toSparseStart(start: MipStart | null): SparseStart | null {
  if (start === null || start.length === 0) return null;
  return { indices: start.map(([v]) => v.index), values: start.map(([, x]) => x) };
}

/**
 * Hands `start` to a created HiGHS model of a MIP. HiGHS checks the start
 * itself (a partial one is completed, an infeasible one dropped); a start it
 * refuses outright is not an error of the solve, so only a trap propagates.
 */
export function applyStart(model: HighsModel, start: SparseStart | null): void {
  if (start === null) return;
  try {
    model.setSolution({ indices: Int32Array.from(start.indices), values: Float64Array.from(start.values) });
  } catch (e) {
    if (isWasmAbort(e)) throw e;
  }
}

/** An improving MIP solution seen during the run. */
export interface Incumbent {
  /** Values by column, in model order. */
  readonly values: Float64Array;
  /** Objective HiGHS reports for it (constant included). */
  readonly objective: number;
  /** MIP dual bound at that moment; null when not given. */
  readonly bound: number | null;
}

/** What one run produced. */
export interface RunOutcome {
  /** HiGHS model status code; null when the call failed before a status existed. */
  readonly statusCode: number | null;
  /** Column values when HiGHS reports a feasible primal solution; else null. */
  readonly values: Float64Array | null;
  /** Objective HiGHS reports (constant included); null without values. */
  readonly objective: number | null;
  /** MIP dual bound (`mip_dual_bound`); null for LPs or when not finite. */
  readonly bound: number | null;
  /** True when the runtime trapped (WASM abort) and was dropped. */
  readonly aborted: boolean;
  /** Error text when the call failed; null otherwise. */
  readonly error: string | null;
  /** True when presolve said infeasible and this outcome is the re-solve without presolve. */
  readonly presolveRetried: boolean;
}

/** HiGHS model status codes after which a presolved solve is repeated without presolve: infeasible, unbounded-or-infeasible. */
export const PRESOLVE_RETRY_STATUSES: ReadonlySet<number> = new Set([8, 9]);

/**
 * Runs `attempt` with `settings`; when presolve was on and the status is in
 * {@link PRESOLVE_RETRY_STATUSES}, runs it again with presolve off (and the
 * time limit minus `elapsedSec()`, when there is a limit and time is left) and
 * returns that second outcome marked `presolveRetried`.
 */
export function withPresolveRetry(
  settings: RunSettings,
  attempt: (settings: RunSettings) => Omit<RunOutcome, "presolveRetried">,
  elapsedSec: () => number,
): RunOutcome {
  const first = attempt(settings);
  if (!settings.presolve || first.statusCode === null || !PRESOLVE_RETRY_STATUSES.has(first.statusCode)) {
    return { ...first, presolveRetried: false };
  }
  const remainingSec = settings.timeLimitSec === null ? null : settings.timeLimitSec - elapsedSec();
  if (remainingSec !== null && remainingSec <= 0) return { ...first, presolveRetried: false };
  return { ...attempt({ ...settings, presolve: false, timeLimitSec: remainingSec }), presolveRetried: true };
}

/** LP text the HiGHS LP reader cannot parse; reading it aborts the runtime (used by the test hook only). */
const ABORTING_LP = "Maximize\n obj: x\nSubject To\n c1: x <=\nEnd\n";

/** HiGHS `primal_solution_status` value meaning "feasible point available". */
const PRIMAL_FEASIBLE = 2;

/** Makes `runtime` trap the way a native abort does (test hook). */
function provokeAbort(runtime: Highs): void {
  const m = runtime.createModel({ format: "lp", data: ABORTING_LP });
  m.dispose(); // not reached when the reader aborts, as it does in highs 1.15
  throw new Error("test hook: the aborting LP text did not abort HiGHS (package behaviour changed)");
}

/** The `ModelData` HiGHS takes for `p`, with `runtime`'s sense constants. */
export function toModelData(runtime: Highs, p: HighsProblem): ModelData {
  const sense = runtime.constants.objectiveSense;
  return {
    numCols: p.numCols,
    numRows: p.numRows,
    sense: p.maximize ? sense.maximize : sense.minimize,
    offset: p.offset,
    colCost: p.colCost,
    colLower: p.colLower,
    colUpper: p.colUpper,
    rowLower: p.rowLower,
    rowUpper: p.rowUpper,
    matrix: { format: "csr", numRows: p.numRows, numCols: p.numCols, starts: p.starts, indices: p.indices, values: p.values },
    ...(p.integrality === null ? {} : { integrality: p.integrality }),
  };
}

function finiteOrNull(x: unknown): number | null {
  return typeof x === "number" && Number.isFinite(x) ? x : null;
}

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/**
 * Runs `problem` on `runtime`, re-solving without presolve when presolve says
 * infeasible ({@link withPresolveRetry}); throws only what the caller must
 * handle (a trap).
 */
export function runOn(
  runtime: Highs,
  problem: HighsProblem,
  settings: RunSettings,
  onIncumbent?: (incumbent: Incumbent) => void,
): RunOutcome {
  if (settings.injectAbort === true) provokeAbort(runtime);
  const start = performance.now();
  return withPresolveRetry(settings, (s) => runOnce(runtime, problem, s, onIncumbent), () => (performance.now() - start) / 1000);
}

/** One HiGHS run of `problem` with exactly `settings`. */
function runOnce(
  runtime: Highs,
  problem: HighsProblem,
  settings: RunSettings,
  onIncumbent?: (incumbent: Incumbent) => void,
): Omit<RunOutcome, "presolveRetried"> {
  let model: HighsModel | null = null;
  try {
    model = runtime.createModel(toModelData(runtime, problem));
    model.options.set({
      ...settings.solverOptions,
      output_flag: false,
      mip_rel_gap: settings.mipRelGap,
      presolve: settings.presolve ? "on" : "off",
      ...(settings.timeLimitSec === null ? {} : { time_limit: settings.timeLimitSec }),
    });
    const isMip = problem.integrality !== null;
    if (isMip) applyStart(model, settings.start);
    const callbacks =
      isMip && settings.reportIncumbents && onIncumbent !== undefined
        ? {
            [runtime.constants.callbackType.mipImprovingSolution]: (event: {
              readonly data: { readonly mip_solution?: Float64Array; readonly objective_function_value?: number; readonly mip_dual_bound?: number };
            }): undefined => {
              const values = event.data.mip_solution;
              const objective = event.data.objective_function_value;
              if (values === undefined || objective === undefined) return undefined;
              onIncumbent({ values: Float64Array.from(values), objective, bound: finiteOrNull(event.data.mip_dual_bound) });
              return undefined;
            },
          }
        : undefined;
    const statusCode: number = model.run(callbacks).modelStatus;
    const feasible = Number(model.info.get("primal_solution_status")) === PRIMAL_FEASIBLE;
    const values = feasible ? model.getSolution().colValue : null;
    return {
      statusCode,
      values,
      objective: values === null ? null : model.getObjectiveValue(),
      bound: isMip ? finiteOrNull(model.info.get("mip_dual_bound")) : null,
      aborted: false,
      error: null,
    };
  } catch (e) {
    if (isWasmAbort(e)) throw e;
    return { statusCode: null, values: null, objective: null, bound: null, aborted: false, error: errorText(e) };
  } finally {
    try {
      model?.dispose();
    } catch {
      // a model of a trapped runtime may fail to dispose; the runtime is dropped anyway
    }
  }
}

/**
 * Solves `problem` on this thread's held runtime. A trap drops the runtime
 * (the next call loads a fresh one) and is reported with `aborted: true`.
 */
export async function runOnHeldRuntime(
  problem: HighsProblem,
  settings: RunSettings,
  onIncumbent?: (incumbent: Incumbent) => void,
): Promise<RunOutcome> {
  let runtime: Highs;
  try {
    runtime = await acquireHighs();
  } catch (e) {
    return { statusCode: null, values: null, objective: null, bound: null, aborted: false, error: `loading HiGHS failed: ${errorText(e)}`, presolveRetried: false };
  }
  try {
    return runOn(runtime, problem, settings, onIncumbent);
  } catch (e) {
    discardHighs(runtime);
    return { statusCode: null, values: null, objective: null, bound: null, aborted: true, error: errorText(e), presolveRetried: false };
  }
}
