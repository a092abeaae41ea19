/**
 * A synchronous HiGHS solve for the small MILPs of this folder, so that a
 * synchronous caller (the simulator calling a scheduler) can solve one.
 *
 * The HiGHS-WASM module is synchronous once loaded; loading is async. Call
 * {@link loadExactSolver} once (await it) before any {@link solveSync}. The
 * runtime is the one held by `src/lp/backends/highsRuntime.ts` (shared with
 * the async `highs` backend in inline mode), and the run is the backend's own
 * (`runOn`: options, MIP start, the re-solve without presolve when presolve
 * says infeasible, disposal). The result goes through `finishResult`, so every
 * point is re-checked.
 */
import type { Model } from "../lp/model.js";
import { DEFAULT_SOLVE_OPTIONS, type SolveOptions, type SolveResult } from "../lp/result.js";
import { finishResult } from "../lp/check.js";
import { toHighsProblem } from "../lp/backends/highsProblem.js";
import { runOn, toSparseStart } from "../lp/backends/highsRun.js";
import { fromOutcome } from "../lp/backends/highs.js";
import { acquireHighs, currentHighs, discardHighs } from "../lp/backends/highsRuntime.js";

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

/**
 * Solves `model` with HiGHS on this thread, synchronously. Throws
 * {@link ExactSolverNotLoadedError} when {@link loadExactSolver} has not been
 * awaited; otherwise never throws: a HiGHS error or a WASM trap come back as
 * `termination: "other_error"` with the reason in `rawStatus`.
 */
export function solveSync(model: Model, options: SolveOptions = {}): SolveResult {
  const o = { ...DEFAULT_SOLVE_OPTIONS, ...options };
  const start = performance.now();
  requireExactSolver("solveSync");
  const runtime = currentHighs() as NonNullable<ReturnType<typeof currentHighs>>;
  try {
    const outcome = runOn(runtime, toHighsProblem(model), {
      timeLimitSec: Number.isFinite(o.timeLimitSec) ? o.timeLimitSec : null,
      mipRelGap: o.mipRelGap,
      presolve: o.presolve,
      solverOptions: {},
      reportIncumbents: false,
      start: toSparseStart(o.start),
    });
    return fromOutcome(model, outcome, performance.now() - start, o.feasibilityTol);
  } catch (e) {
    discardHighs(runtime); // runOn throws only on a WASM trap
    const why = `HiGHS aborted (runtime reloaded for the next solve): ${e instanceof Error ? e.message : String(e)}`;
    return finishResult("highs", model, { termination: "other_error", values: null, rawStatus: why, timeMs: performance.now() - start }, o.feasibilityTol);
  }
}
