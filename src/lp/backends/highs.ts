/**
 * HiGHS backend on the `highs` npm package (HiGHS 1.15 compiled to WebAssembly).
 *
 * - The model goes to HiGHS as arrays (`ModelData`: costs, bounds, CSR
 *   matrix, integrality, sense, offset), never as LP text.
 * - Every HiGHS model created is disposed, also when the run throws.
 * - A WASM trap drops the loaded runtime; the next solve loads a fresh one
 *   and the trapped solve reports `other_error` with the message in `rawStatus`.
 * - Solves with a finite `timeLimitSec` run in a persistent worker thread
 *   (mode `"auto"`), which reports every improving MIP incumbent. HiGHS does
 *   not always honour `time_limit` in a MIP; if the worker has not answered
 *   `graceSec` after the limit, it is terminated and the last incumbent is
 *   returned (checked) as `time_limit`. Without a limit, solves run inline.
 * - Call {@link shutdownHighs} before a process (test, CLI) wants to exit
 *   with a worker still alive; an idle worker does not hold the process open.
 */
import { finishResult } from "../check.js";
import type { Model } from "../model.js";
import { DEFAULT_SOLVE_OPTIONS, type Backend, type SolveOptions, type SolveResult } from "../result.js";
import { toHighsProblem } from "./highsProblem.js";
import { runOnHeldRuntime, toSparseStart, type RunOutcome, type RunSettings } from "./highsRun.js";
import { highsRuntimeStats } from "./highsRuntime.js";
import { highsTermination } from "./highsStatus.js";
import { HighsWorkerClient, locateWorkerScript, type WorkerJobResult } from "./highsWorkerClient.js";

/** Where solves run. */
export type HighsMode = "auto" | "inline" | "worker";

/** Options of {@link createHighsBackend}. All optional; defaults in {@link DEFAULT_HIGHS_BACKEND_OPTIONS}. */
export interface HighsBackendOptions {
  /** `"auto"`: worker when `timeLimitSec` is finite, inline otherwise; `"inline"`: always on this thread; `"worker"`: always in the worker. Default `"auto"`. */
  readonly mode?: HighsMode;
  /** Seconds after `timeLimitSec` before a silent worker is terminated. Default 1. */
  readonly graceSec?: number;
  /** Pass the time limit to HiGHS as `time_limit`. Default true; false leaves stopping to the worker timer (tests that path). */
  readonly solverTimeLimit?: boolean;
  /**
   * Extra HiGHS options by their HiGHS names, e.g. `{ mip_heuristic_run_feasibility_jump: false }`
   * (that heuristic costs tens of ms even on a 5-variable MIP in this build). The options above
   * (`output_flag`, `time_limit`, `mip_rel_gap`, `presolve`) always win. Default none.
   */
  readonly solverOptions?: Readonly<Record<string, string | number | boolean>>;
  /** Test hook: called with the 0-based solve count; when it returns true, that solve provokes a real WASM abort in its runtime before running. Default: never. */
  readonly injectAbort?: ((solveIndex: number) => boolean) | null;
}

/** Defaults of {@link HighsBackendOptions}. */
export const DEFAULT_HIGHS_BACKEND_OPTIONS: Required<HighsBackendOptions> = {
  mode: "auto",
  graceSec: 1,
  solverTimeLimit: true,
  solverOptions: {},
  injectAbort: null,
};

let sharedClient: HighsWorkerClient | null | undefined;

/** The process-wide worker client; null when no worker script can be started. */
function workerClient(): HighsWorkerClient | null {
  if (sharedClient === undefined) {
    const script = locateWorkerScript();
    sharedClient = script === null ? null : new HighsWorkerClient(script);
  }
  return sharedClient;
}

/**
 * Terminates the solver worker, if one is running, so the process can exit.
 * A solve in flight in the worker ends as `other_error`; the next worker solve
 * spawns a new worker. Inline solves are not affected.
 */
export async function shutdownHighs(): Promise<void> {
  if (sharedClient) await sharedClient.shutdown();
}

/** Counters for diagnostics and tests. */
export interface HighsBackendStats {
  /** HiGHS runtimes loaded on this thread (more than 1 means reloads after traps). */
  readonly inlineLoads: number;
  /** Linear-memory size in bytes of this thread's runtime; null before the first inline solve. */
  readonly inlineHeapBytes: number | null;
  /** Solver workers spawned so far (more than 1 means kills or crashes). */
  readonly workerSpawns: number;
}

/** Load, heap and spawn counters of the HiGHS backend in this process. */
export function highsBackendStats(): HighsBackendStats {
  const s = highsRuntimeStats();
  return { inlineLoads: s.loads, inlineHeapBytes: s.heapBytes, workerSpawns: sharedClient ? sharedClient.spawned : 0 };
}

function checkOptions(o: Required<SolveOptions>, graceSec: number): void {
  if (!(o.timeLimitSec >= 0)) {
    throw new RangeError(`highs: options.timeLimitSec must be ≥ 0 seconds or Infinity, got ${o.timeLimitSec}`);
  }
  if (!(o.mipRelGap >= 0) || !Number.isFinite(o.mipRelGap)) {
    throw new RangeError(`highs: options.mipRelGap must be a finite number ≥ 0 (0 = exact), got ${o.mipRelGap}`);
  }
  if (!(graceSec >= 0) || !Number.isFinite(graceSec)) {
    throw new RangeError(`highs: createHighsBackend options.graceSec must be a finite number ≥ 0, got ${graceSec}`);
  }
}

/** Note added to `rawStatus` when the result is a re-solve without presolve. */
export const PRESOLVE_RETRY_NOTE = "; presolve said infeasible, re-solved without presolve";

/** Builds the result of an answered run (inline, in the worker, or from `solveSync`). */
export function fromOutcome(model: Model, outcome: RunOutcome, timeMs: number, tol: number, note = ""): SolveResult {
  if (outcome.statusCode === null) {
    const what = outcome.aborted ? "HiGHS aborted (runtime reloaded for the next solve)" : "HiGHS failed";
    return finishResult("highs", model, { termination: "other_error", values: null, rawStatus: `${what}: ${outcome.error ?? "unknown error"}${note}`, timeMs }, tol);
  }
  const { termination, rawStatus } = highsTermination(outcome.statusCode);
  return finishResult(
    "highs",
    model,
    {
      termination,
      values: outcome.values,
      ...(outcome.objective === null ? {} : { reportedObjective: outcome.objective }),
      bound: outcome.bound,
      rawStatus: rawStatus + (outcome.presolveRetried ? PRESOLVE_RETRY_NOTE : "") + note,
      timeMs,
      presolveRetried: outcome.presolveRetried,
    },
    tol,
  );
}

/** Builds the result of a worker job that did not answer (killed or crashed). */
function fromSilentJob(model: Model, job: WorkerJobResult, limitSec: number, timeMs: number, tol: number): SolveResult {
  const inc = job.lastIncumbent;
  const rawStatus = job.killed
    ? `worker terminated ${limitSec} s into the solve (time limit + grace; HiGHS had not stopped); ${inc === null ? "no incumbent" : "last incumbent returned"}`
    : `${job.crashed ?? "HiGHS worker failed"}; ${inc === null ? "no incumbent" : "last incumbent returned"}`;
  return finishResult(
    "highs",
    model,
    {
      termination: job.killed ? "time_limit" : "other_error",
      values: inc === null ? null : inc.values,
      ...(inc === null ? {} : { reportedObjective: inc.objective }),
      bound: inc?.bound ?? null,
      rawStatus,
      timeMs,
    },
    tol,
  );
}

/** A HiGHS backend with its own mode and grace; see {@link HighsBackendOptions}. */
export function createHighsBackend(options: HighsBackendOptions = {}): Backend {
  const cfg = { ...DEFAULT_HIGHS_BACKEND_OPTIONS, ...options };
  let solveCount = 0;
  return {
    name: "highs",
    limits: { dualBound: true, timeLimit: true, mipStart: true },
    async solve(model: Model, solveOptions: SolveOptions = {}): Promise<SolveResult> {
      const o = { ...DEFAULT_SOLVE_OPTIONS, ...solveOptions };
      checkOptions(o, cfg.graceSec);
      const start = performance.now();
      const timeLimited = Number.isFinite(o.timeLimitSec);
      const client = cfg.mode === "inline" || (cfg.mode === "auto" && !timeLimited) ? null : workerClient();
      const settings: RunSettings = {
        timeLimitSec: timeLimited && cfg.solverTimeLimit ? o.timeLimitSec : null,
        mipRelGap: o.mipRelGap,
        presolve: o.presolve,
        solverOptions: cfg.solverOptions,
        reportIncumbents: client !== null,
        start: toSparseStart(o.start),
        injectAbort: cfg.injectAbort !== null && cfg.injectAbort(solveCount),
      };
      solveCount++;
      const problem = toHighsProblem(model);
      if (client === null) {
        const note = cfg.mode === "inline" || !timeLimited ? "" : " (worker unavailable: solved inline)";
        const outcome = await runOnHeldRuntime(problem, settings);
        return fromOutcome(model, outcome, performance.now() - start, o.feasibilityTol, note);
      }
      const limitSec = o.timeLimitSec + cfg.graceSec;
      const job = await client.solve(problem, settings, timeLimited ? limitSec * 1000 : null);
      const timeMs = performance.now() - start;
      if (job.outcome !== null) return fromOutcome(model, job.outcome, timeMs, o.feasibilityTol);
      return fromSilentJob(model, job, limitSec, timeMs, o.feasibilityTol);
    },
  };
}

/** The default HiGHS backend (mode `"auto"`, grace 1 s). */
export const highs: Backend = createHighsBackend();
