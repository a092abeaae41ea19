/**
 * Runs every schedule builder on one instance and summarises each result
 * (the input of a future CLI command or benchmark). Every schedule is checked
 * by {@link verifySchedule}; violations are reported, not hidden.
 */
import { gpipe } from "./gpipe.js";
import { greedy, greedyRule, GREEDY_RULES } from "./greedy.js";
import type { PipelineInstance } from "./instance.js";
import { milp, type MilpOptions, type MilpOutcome } from "./milp.js";
import { oneFOneB } from "./oneFOneB.js";
import type { Schedule } from "./schedule.js";
import { scheduleStats, type ScheduleStats } from "./stats.js";
import { verifySchedule } from "./verify.js";

/** One row of a comparison. */
export interface ComparisonRow {
  /** Algorithm: `gpipe`, `1f1b`, `greedy(<rule>)`, `greedy` (best of all heuristics), `milp`. */
  readonly algorithm: string;
  /** The schedule produced. */
  readonly schedule: Schedule;
  /** Its figures. */
  readonly stats: ScheduleStats;
  /** Number of verifier violations (0 for a valid schedule). */
  readonly violations: number;
}

/** Options of {@link compareSchedules}. */
export interface CompareOptions {
  /** MILP options, or `false` to skip the MILP. Default `{}` (HiGHS, no time limit). */
  readonly milp?: MilpOptions | false;
}

/** Defaults of {@link CompareOptions}. */
export const DEFAULT_COMPARE_OPTIONS: Required<CompareOptions> = { milp: {} };

/** Rows for GPipe, 1F1B, each greedy rule, greedy, and the MILP (unless skipped), plus the MILP outcome. */
export async function compareSchedules(
  inst: PipelineInstance,
  options: CompareOptions = {},
): Promise<{ readonly rows: readonly ComparisonRow[]; readonly milp: MilpOutcome | null }> {
  const o = { ...DEFAULT_COMPARE_OPTIONS, ...options };
  const row = (algorithm: string, schedule: Schedule): ComparisonRow => ({
    algorithm,
    schedule,
    stats: scheduleStats(inst, schedule),
    violations: verifySchedule(inst, schedule).length,
  });
  const rows = [
    row("gpipe", gpipe(inst)),
    row("1f1b", oneFOneB(inst)),
    ...GREEDY_RULES.map((r) => row(`greedy(${r})`, greedyRule(inst, r))),
    row("greedy", greedy(inst)),
  ];
  if (o.milp === false) return { rows, milp: null };
  const outcome = await milp(inst, o.milp);
  return { rows: [...rows, row("milp", outcome.schedule)], milp: outcome };
}
