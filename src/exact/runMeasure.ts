/**
 * The decisions of one recorded run measured against the exact front
 * (docs/exact.md, "Gaps"): `maxDecisions` placements evenly spaced over the
 * run (`measureDecision`), and, at `maxWaitEvents` decisions evenly spaced
 * over those that left jobs waiting, how many of the waiting jobs the exact
 * model could have started right then in the state the decision left (jobs
 * the heuristic did not place but could have); and, for every job the
 * heuristic refused at arrival as never placeable (at most `maxRefused`,
 * evenly spaced), whether the exact model can place it on the empty cluster
 * (jobs its search space cannot reach).
 */
import { feasibilityKey } from "../bace/profile.js";
import type { Job } from "../model/types.js";
import type { ClusterView } from "../sim/types.js";
import { measureDecision, type DecisionMeasure, type MeasureOptions } from "./decisionMeasure.js";
import { evenlySpaced, type RecordedRun } from "./gaps.js";
import { engineMeasureSolver } from "./engineMeasureSolver.js";
import { milpMeasureSolver, type MeasureSolver } from "./measureSolver.js";
import { loadExactSolver } from "./solveSync.js";

/** Options of {@link measureRun}; all optional, defaults in {@link DEFAULT_RUN_MEASURE_OPTIONS}. */
export interface RunMeasureOptions extends MeasureOptions {
  /** Placements measured, evenly spaced over the run. Default 8. */
  readonly maxDecisions?: number;
  /** Decisions with waiting jobs checked, evenly spaced. Default 8. */
  readonly maxWaitEvents?: number;
  /** Jobs refused at arrival asked of the exact model, evenly spaced over the refusals. Default 8. */
  readonly maxRefused?: number;
  /** Exact solver; when given, `solverName` and `timeLimitSec` are not used. Default the one `solverName` names. */
  readonly solver?: MeasureSolver;
  /** The exact solver by name: the combinatorial engine (`"engine"`) or the placement MILP (`"milp"`). Default "engine". */
  readonly solverName?: MeasureSolverName;
  /** Time limit per question (MILP) or per engine solve (engine), s. Default 10. */
  readonly timeLimitSec?: number;
}

/** The exact solvers a measurement can name. */
export const MEASURE_SOLVER_NAMES = ["engine", "milp"] as const;

/** One of {@link MEASURE_SOLVER_NAMES}. */
export type MeasureSolverName = (typeof MEASURE_SOLVER_NAMES)[number];

/** Defaults of {@link RunMeasureOptions} (the solver is built from `solverName` and `timeLimitSec`). */
export const DEFAULT_RUN_MEASURE_OPTIONS: Required<Omit<RunMeasureOptions, "solver">> = { alpha: 0.5, maxDecisions: 8, maxWaitEvents: 8, maxRefused: 8, solverName: "engine", timeLimitSec: 10 };

/** The exact solver `name` with a limit of `timeLimitSec` per solve (the MILP needs HiGHS loaded: `loadExactSolver`). */
export function measureSolverNamed(name: MeasureSolverName, timeLimitSec: number): MeasureSolver {
  return name === "milp" ? milpMeasureSolver(timeLimitSec) : engineMeasureSolver({ timeLimitSec });
}

/** Waiting jobs the exact model could have started. */
export interface WaitingMeasure {
  /** Decisions checked. */
  readonly events: number;
  /** Waiting jobs at those decisions. */
  readonly checked: number;
  /** Of them, jobs the exact model could start in the state the decision left. */
  readonly placeable: number;
  /** Of them, jobs whose answer was not proven either way within the limit. */
  readonly unknown: number;
}

/** Jobs the heuristic refused at arrival as never placeable, asked of the exact model on the empty cluster. */
export interface RejectedMeasure {
  /** Refused jobs asked (at most `maxRefused` of them). */
  readonly checked: number;
  /** Of them, jobs the exact model can place on the empty cluster. */
  readonly placeable: number;
  /** Of them, jobs whose answer was not proven either way within the limit. */
  readonly unknown: number;
}

/** A run's measurements. */
export interface RunMeasure {
  /** Name of the exact solver. */
  readonly solver: string;
  /** The measured decisions, in run order. */
  readonly decisions: readonly DecisionMeasure[];
  /** Waiting jobs the exact model could have started. */
  readonly waiting: WaitingMeasure;
  /** Jobs refused at arrival that the exact model can place. */
  readonly rejected: RejectedMeasure;
}

type Placeable = "yes" | "no" | "unknown";

/** Whether the exact model can start `job` in `view` (fastest path, any cost), memoised per job shape in `memo`. */
function placeableIn(solver: MeasureSolver, view: Readonly<ClusterView>, job: Job, memo: Map<string, Placeable>): Placeable {
  const key = feasibilityKey(job);
  let answer = memo.get(key);
  if (answer === undefined) {
    const a = solver.solve(view, job, { kind: "time", maxCostUsd: Number.POSITIVE_INFINITY });
    answer = a.path !== null ? "yes" : a.status === "infeasible" ? "no" : "unknown";
    memo.set(key, answer);
  }
  return answer;
}

/** Measures `run` (see the module comment). Loads HiGHS itself (once per process; the MILP solver needs it). */
export async function measureRun(run: RecordedRun, options: RunMeasureOptions = {}): Promise<RunMeasure> {
  const o = { ...DEFAULT_RUN_MEASURE_OPTIONS, ...options };
  await loadExactSolver();
  const solver = options.solver ?? measureSolverNamed(o.solverName, o.timeLimitSec);
  const decisions: DecisionMeasure[] = [];
  for (const i of evenlySpaced(run.captured.length, o.maxDecisions)) {
    const c = run.captured[i];
    if (c === undefined) continue;
    const m = measureDecision(c.view, c.job, c.path, solver, { alpha: o.alpha });
    if (m !== null) decisions.push(m);
  }
  let checked = 0;
  let placeable = 0;
  let unknown = 0;
  const events = evenlySpaced(run.waits.length, o.maxWaitEvents);
  for (const i of events) {
    const w = run.waits[i];
    if (w === undefined) continue;
    const byShape = new Map<string, Placeable>();
    for (const job of w.jobs) {
      if (!w.view.models.has(job.model)) continue;
      const answer = placeableIn(solver, w.view, job, byShape);
      checked++;
      if (answer === "yes") placeable++;
      if (answer === "unknown") unknown++;
    }
  }
  const rejected = { checked: 0, placeable: 0, unknown: 0 };
  const onEmpty = new Map<string, Placeable>();
  for (const i of evenlySpaced(run.rejected.length, o.maxRefused)) {
    const r = run.rejected[i];
    if (r === undefined || !r.view.models.has(r.job.model)) continue;
    const answer = placeableIn(solver, r.view, r.job, onEmpty);
    rejected.checked++;
    if (answer === "yes") rejected.placeable++;
    if (answer === "unknown") rejected.unknown++;
  }
  return { solver: solver.name, decisions, waiting: { events: events.length, checked, placeable, unknown }, rejected };
}
