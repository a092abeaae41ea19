/**
 * Optimal schedule by MILP (HiGHS by default). The greedy schedule gives the
 * upper bound H (makespan ≤ H, and big-M = H); the solver's point is decoded
 * into per-stage op orders and per-link send orders, which are then re-timed
 * as early as possible by the shared executor. Re-timing never lengthens a
 * feasible schedule with those orders (each time is a longest path in the
 * order graph) and keeps the memory limit (the in-flight count at a forward's
 * start depends only on the stage's op order), and it removes the solver's
 * tolerance, so the result passes {@link verifySchedule} exactly.
 */
import { highs } from "../lp/backends/highs.js";
import { DEFAULT_SOLVE_OPTIONS, valueOf, type Backend, type SolveResult, type TerminationStatus } from "../lp/result.js";
import { makespanLowerBound } from "./bounds.js";
import { fixedOrderPolicy, runPipeline } from "./engine.js";
import { greedy } from "./greedy.js";
import { stageCount, type PipelineInstance } from "./instance.js";
import { buildScheduleMilp, type ScheduleMilp } from "./milpModel.js";
import { makespanSec, type Direction, type OpRef, type Schedule } from "./schedule.js";

/** Options of {@link milp}; all optional. */
export interface MilpOptions {
  /** Wall-clock limit of the solve in s. Default `Infinity`. */
  readonly timeLimitSec?: number;
  /** Relative gap at which to stop. Default 0. */
  readonly mipRelGap?: number;
  /** Impose in-order processing (faster, a restriction). Default false. */
  readonly inOrder?: boolean;
  /** Solver. Default HiGHS. */
  readonly backend?: Backend;
  /**
   * Slack on the model's ceiling: makespan ≤ (1 + slack)·greedy, also the
   * big-M. 0 is the tightest model; a little slack lets the solver find
   * incumbents more easily when greedy is optimal or nearly so. Default 0.
   */
  readonly ceilingSlack?: number;
  /**
   * Hand the greedy schedule to the solver as a MIP start. It gives an
   * incumbent at once (S 8, M 8: a point within 1 s where none came in 10 s),
   * but on this model HiGHS 1.15 then claimed "optimal" at the greedy
   * makespan on 2 of 6 measured cells where a shorter schedule exists
   * (docs/crosspipe.md), so it is off unless asked for. Default false.
   */
  readonly greedyStart?: boolean;
}

/** Defaults of {@link MilpOptions}. */
export const DEFAULT_MILP_OPTIONS: Required<MilpOptions> = {
  timeLimitSec: Infinity,
  mipRelGap: 0,
  inOrder: false,
  backend: highs,
  ceilingSlack: 0,
  greedyStart: false,
};

/**
 * - `optimal`: proven optimal (within `mipRelGap`);
 * - `time_limit`: the solver's incumbent, with bound and gap;
 * - `no_incumbent`: the solver returned no point; the schedule is the greedy one;
 * - `decode_failed`: the point could not be turned into a schedule (a bug); the schedule is the greedy one.
 */
export type MilpStatus = "optimal" | "time_limit" | "no_incumbent" | "decode_failed";

/** Outcome of {@link milp}. */
export interface MilpOutcome {
  /** See {@link MilpStatus}. */
  readonly status: MilpStatus;
  /** The decoded schedule (or the greedy one, see `status`). */
  readonly schedule: Schedule;
  /** Makespan of `schedule`, s. */
  readonly makespanSec: number;
  /** Proven lower bound on the optimal makespan, s: the solver's bound, or at least {@link makespanLowerBound}. */
  readonly lowerBoundSec: number;
  /** `(makespan − lowerBound) / makespan`. */
  readonly gap: number;
  /** Makespan of the greedy schedule used as upper bound and big-M, s. */
  readonly greedyMakespanSec: number;
  /** The solver's termination status. */
  readonly termination: TerminationStatus;
  /** Size of the model. */
  readonly size: { readonly variables: number; readonly binaries: number; readonly rows: number };
  /** Solve wall time, ms, retries included (0 when no solve was needed). */
  readonly solveMs: number;
  /** Whether the solver ran; false when greedy already meets {@link makespanLowerBound} (optimal without a solve). */
  readonly solved: boolean;
  /** Whether a solve claimed infeasibility (impossible: greedy is feasible) and was repeated without presolve, here or inside the backend (`SolveResult.presolveRetried`). */
  readonly retriedWithoutPresolve: boolean;
}

/** Per-stage op orders and per-link send orders read from the solver's start times. */
function decode(
  inst: PipelineInstance,
  milp: ScheduleMilp,
  result: SolveResult,
): { sequences: OpRef[][]; links: Map<string, number[]> } {
  const S = stageCount(inst);
  const M = inst.microBatches;
  const sequences = Array.from({ length: S }, (_, stage) => {
    const ops: Array<{ op: OpRef; t: number }> = [];
    for (let m = 0; m < M; m++) {
      for (const kind of ["F", "B"] as const) {
        ops.push({ op: { kind, stage, microBatch: m }, t: valueOf(result, milp.opStart(kind, stage, m)) });
      }
    }
    // Ties (within tolerance) keep F before its own B, then index order.
    ops.sort((a, b) => a.t - b.t || (a.op.kind === b.op.kind ? 0 : a.op.kind === "F" ? -1 : 1) || a.op.microBatch - b.op.microBatch);
    return ops.map((o) => o.op);
  });
  const links = new Map<string, number[]>();
  for (let h = 0; h < S - 1; h++) {
    for (const dir of ["forward", "backward"] as const) {
      const order = Array.from({ length: M }, (_, m) => ({ m, t: valueOf(result, milp.transferStart(h, dir, m)) }));
      order.sort((a, b) => a.t - b.t || a.m - b.m);
      links.set(`${h}${dir}`, order.map((o) => o.m));
    }
  }
  return { sequences, links };
}

/** Minimum-makespan schedule by MILP; see {@link MilpOutcome}. Expects a valid instance. */
export async function milp(inst: PipelineInstance, options: MilpOptions = {}): Promise<MilpOutcome> {
  const o = { ...DEFAULT_MILP_OPTIONS, ...options };
  const start = greedy(inst);
  const H = makespanSec(start);
  const trivialLb = makespanLowerBound(inst);
  const built = buildScheduleMilp(inst, H * (1 + o.ceilingSlack), { inOrder: o.inOrder });
  const size = {
    variables: built.model.variables.length,
    binaries: built.model.variables.filter((v) => v.type === "binary").length,
    rows: built.model.rows.length,
  };
  if (H <= trivialLb * (1 + 1e-12)) {
    // Greedy meets a proven lower bound: optimal, and the solver would only have to rediscover it.
    return {
      status: "optimal",
      schedule: start,
      makespanSec: H,
      lowerBoundSec: H,
      gap: 0,
      greedyMakespanSec: H,
      termination: "optimal",
      size,
      solveMs: 0,
      solved: false,
      retriedWithoutPresolve: false,
    };
  }
  const U = built.unitSec;
  const began = performance.now();
  // Opt-in: the greedy schedule as a MIP start (see greedyStart for why it is off by default).
  const mipStart = o.greedyStart ? built.startFrom(start) : null;
  let result = await o.backend.solve(built.model, {
    ...DEFAULT_SOLVE_OPTIONS,
    timeLimitSec: o.timeLimitSec,
    mipRelGap: o.mipRelGap,
    start: mipStart,
  });
  let retried = false;
  if (result.termination === "infeasible" || result.termination === "infeasible_or_unbounded") {
    // The greedy schedule is feasible, so "infeasible" is numerical: HiGHS presolve
    // has been seen to reject this tight model (makespan ≤ greedy). Retry once without presolve.
    retried = true;
    const left = o.timeLimitSec - (performance.now() - began) / 1000;
    result = await o.backend.solve(built.model, {
      ...DEFAULT_SOLVE_OPTIONS,
      timeLimitSec: Math.max(left, 0.1),
      mipRelGap: o.mipRelGap,
      presolve: false,
      start: mipStart,
    });
  }
  const solveMs = performance.now() - began;
  const solverLb =
    result.bound !== null ? result.bound * U : result.termination === "optimal" && result.objective !== null ? result.objective * U : -Infinity;
  const fallback = (status: MilpStatus): MilpOutcome => {
    // No usable point: keep greedy; the solver's bound still counts (capped at H).
    const lowerBoundSec = Math.max(trivialLb, Math.min(solverLb, H));
    return {
      status,
      schedule: start,
      makespanSec: H,
      lowerBoundSec,
      gap: (H - lowerBoundSec) / H,
      greedyMakespanSec: H,
      termination: result.termination,
      size,
      solveMs,
      solved: true,
      retriedWithoutPresolve: retried || result.presolveRetried,
    };
  };
  if (result.primal !== "feasible_point") return fallback("no_incumbent");
  const { sequences, links } = decode(inst, built, result);
  const run = runPipeline(inst, o.inOrder ? "milp(in-order)" : "milp", fixedOrderPolicy(sequences), {
    kind: "fixed",
    order: (hop: number, dir: Direction) => links.get(`${hop}${dir}`) ?? [],
  });
  if (run.status !== "ok") return fallback("decode_failed");
  // Keep the greedy schedule if re-timing somehow came out longer (it should not).
  const schedule = makespanSec(run.schedule) <= H ? run.schedule : start;
  const span = makespanSec(schedule);
  const lowerBoundSec = Math.min(span, Math.max(trivialLb, solverLb));
  return {
    status: result.termination === "optimal" ? "optimal" : "time_limit",
    schedule,
    makespanSec: span,
    lowerBoundSec,
    gap: span > 0 ? (span - lowerBoundSec) / span : 0,
    greedyMakespanSec: H,
    termination: result.termination,
    size,
    solveMs,
    solved: true,
    retriedWithoutPresolve: retried || result.presolveRetried,
  };
}
