/**
 * A synchronous HiGHS solve for the small MILPs of this folder, so that a
 * synchronous caller (the simulator calling a scheduler) can solve one.
 *
 * The HiGHS-WASM module is synchronous once loaded; loading is async. Call
 * {@link loadExactSolver} once (await it) before any {@link solveSync}. The
 * runtime is the one held by `src/lp/backends/highsRuntime.ts` (shared with
 * the async `highs` backend in inline mode), used without editing that module.
 * The result goes through `finishResult`, so every point is re-checked.
 */
import type { Model } from "../lp/model.js";
import { DEFAULT_SOLVE_OPTIONS, type SolveOptions, type SolveResult } from "../lp/result.js";
import { finishResult } from "../lp/check.js";
import { toHighsProblem } from "../lp/backends/highsProblem.js";
import { applyStart, toModelData, toSparseStart } from "../lp/backends/highsRun.js";
import { acquireHighs, currentHighs, discardHighs, isWasmAbort } from "../lp/backends/highsRuntime.js";
import { highsTermination } from "../lp/backends/highsStatus.js";

/** HiGHS `primal_solution_status` meaning "feasible point available". */
const PRIMAL_FEASIBLE = 2;

/** Loads the HiGHS runtime of this thread so that {@link solveSync} can run. */
export async function loadExactSolver(): Promise<void> {
  await acquireHighs();
}

/**
 * Thrown when an exact solve is asked for before {@link loadExactSolver} has
 * loaded HiGHS in this thread: a call-order mistake in the caller's code, not
 * a solver outcome, so it is not folded into a `no_solution` status.
 */
export class ExactSolverNotLoadedError extends Error {
  override readonly name = "ExactSolverNotLoadedError";
}

/** Throws {@link ExactSolverNotLoadedError} naming `caller` unless HiGHS is loaded in this thread. */
export function requireExactSolver(caller: string): void {
  if (currentHighs() !== null) return;
  throw new ExactSolverNotLoadedError(
    `${caller}: the exact solver (HiGHS) is not loaded in this thread; call \`await exact.loadExactSolver()\` once before it ` +
      "(loading is async; the exact entry points are synchronous after it)",
  );
}

/** Whether {@link solveSync} can run now (the runtime is loaded). */
export function exactSolverReady(): boolean {
  return currentHighs() !== null;
}

function finite(x: unknown): number | null {
  return typeof x === "number" && Number.isFinite(x) ? x : null;
}

/**
 * Solves `model` with HiGHS on this thread, synchronously. Throws
 * {@link ExactSolverNotLoadedError} when {@link loadExactSolver} has not been
 * awaited; otherwise never throws: a HiGHS error or a WASM trap come back as
 * `termination: "other_error"` with the reason in `rawStatus`.
 */
export function solveSync(model: Model, options: SolveOptions = {}): SolveResult {
  const o = { ...DEFAULT_SOLVE_OPTIONS, ...options };
  const start = performance.now();
  const fail = (why: string): SolveResult =>
    finishResult("highs", model, { termination: "other_error", values: null, rawStatus: why, timeMs: performance.now() - start }, o.feasibilityTol);
  requireExactSolver("solveSync");
  const runtime = currentHighs() as NonNullable<ReturnType<typeof currentHighs>>;
  const problem = toHighsProblem(model);
  let hm: ReturnType<typeof runtime.createModel> | null = null;
  try {
    hm = runtime.createModel(toModelData(runtime, problem));
    hm.options.set({
      output_flag: false,
      mip_rel_gap: o.mipRelGap,
      presolve: o.presolve ? "on" : "off",
      ...(Number.isFinite(o.timeLimitSec) ? { time_limit: o.timeLimitSec } : {}),
    });
    if (problem.integrality !== null) applyStart(hm, toSparseStart(o.start));
    const code: number = hm.run().modelStatus;
    const feasible = Number(hm.info.get("primal_solution_status")) === PRIMAL_FEASIBLE;
    const values = feasible ? hm.getSolution().colValue : null;
    const objective = values === null ? null : hm.getObjectiveValue();
    const bound = problem.integrality === null ? null : finite(hm.info.get("mip_dual_bound"));
    const { termination, rawStatus } = highsTermination(code);
    return finishResult(
      "highs",
      model,
      { termination, values, ...(objective === null ? {} : { reportedObjective: objective }), bound, rawStatus, timeMs: performance.now() - start },
      o.feasibilityTol,
    );
  } catch (e) {
    if (isWasmAbort(e)) discardHighs(runtime);
    return fail(`HiGHS failed: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    try {
      hm?.dispose();
    } catch {
      // a trapped runtime's model may fail to dispose; the runtime was dropped
    }
  }
}
