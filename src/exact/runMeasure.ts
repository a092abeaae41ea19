/**
 * The decisions of one recorded run measured against the exact front
 * (docs/exact.md, "Gaps"): `maxDecisions` placements evenly spaced over the
 * run (`measureDecision`), and, at `maxWaitEvents` decisions evenly spaced
 * over those that left jobs waiting, how many of the waiting jobs the exact
 * model could have started right then in the state the decision left (jobs
 * the heuristic did not place but could have).
 */
import { feasibilityKey } from "../bace/profile.js";
import { measureDecision, type DecisionMeasure, type MeasureOptions } from "./decisionMeasure.js";
import { evenlySpaced, type RecordedRun } from "./gaps.js";
import { milpMeasureSolver, type MeasureSolver } from "./measureSolver.js";
import { loadExactSolver } from "./solveSync.js";

/** Options of {@link measureRun}; all optional, defaults in {@link DEFAULT_RUN_MEASURE_OPTIONS}. */
export interface RunMeasureOptions extends MeasureOptions {
  /** Placements measured, evenly spaced over the run. Default 8. */
  readonly maxDecisions?: number;
  /** Decisions with waiting jobs checked, evenly spaced. Default 8. */
  readonly maxWaitEvents?: number;
  /** Exact solver. Default the placement MILP with `timeLimitSec` per question. */
  readonly solver?: MeasureSolver;
  /** Time limit per question of the default MILP solver, s. Default 10. */
  readonly timeLimitSec?: number;
}

/** Defaults of {@link RunMeasureOptions} (the solver is built from `timeLimitSec`). */
export const DEFAULT_RUN_MEASURE_OPTIONS: Required<Omit<RunMeasureOptions, "solver">> = { alpha: 0.5, maxDecisions: 8, maxWaitEvents: 8, timeLimitSec: 10 };

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

/** A run's measurements. */
export interface RunMeasure {
  /** Name of the exact solver. */
  readonly solver: string;
  /** The measured decisions, in run order. */
  readonly decisions: readonly DecisionMeasure[];
  /** Waiting jobs the exact model could have started. */
  readonly waiting: WaitingMeasure;
}

/** Measures `run` (see the module comment). Loads HiGHS itself. */
export async function measureRun(run: RecordedRun, options: RunMeasureOptions = {}): Promise<RunMeasure> {
  const o = { ...DEFAULT_RUN_MEASURE_OPTIONS, ...options };
  await loadExactSolver();
  const solver = options.solver ?? milpMeasureSolver(o.timeLimitSec);
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
    const byShape = new Map<string, "yes" | "no" | "unknown">();
    for (const job of w.jobs) {
      if (!w.view.models.has(job.model)) continue;
      const key = feasibilityKey(job);
      let answer = byShape.get(key);
      if (answer === undefined) {
        const a = solver.solve(w.view, job, { kind: "time", maxCostUsd: Number.POSITIVE_INFINITY });
        answer = a.path !== null ? "yes" : a.status === "infeasible" ? "no" : "unknown";
        byShape.set(key, answer);
      }
      checked++;
      if (answer === "yes") placeable++;
      if (answer === "unknown") unknown++;
    }
  }
  return { solver: solver.name, decisions, waiting: { events: events.length, checked, placeable, unknown } };
}
