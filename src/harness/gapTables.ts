/**
 * The optimality tables (docs/harness.md, "Gap tables"; docs/exact.md,
 * "Gaps"): per scenario and scheduler, how its measured decisions stand
 * against the exact JCT–cost front of their own states — proven, unproven
 * (with their bound gap) and outside-the-model decisions counted apart and
 * never averaged together — with the excesses and the weighted gap averaged
 * over proven decisions only; which outside-the-model reasons occurred; and
 * the exact solve times (wall time, machine-dependent).
 */
import type { DecisionMeasure, OutsideKind } from "../exact/decisionMeasure.js";
import type { Cell, Table } from "../report/table.js";
import { meanStdCell, meanStdOf } from "../report/meanStd.js";
import { DEFAULT_SHIFT_MS, shiftedGeoMean } from "./shiftedGeoMean.js";
import type { CellRecord, OkRecord } from "./results.js";
import { groupRecords, SCENARIO_HEADER, SCENARIO_KEYS, scenarioCells, type Grouped } from "./tables.js";

const ok = (r: CellRecord | undefined): r is OkRecord => r !== undefined && r.status === "ok";

/** Whether a record carries gap measurements of the current format (`version: 2`). */
function measured(r: CellRecord): r is OkRecord {
  return ok(r) && r.gaps !== null && r.gaps.version === 2;
}

/** Whether any record carries gap measurements (of the current format). */
export function hasGaps(records: readonly CellRecord[]): boolean {
  return records.some(measured);
}

/** Records with gap fields of an older format, which the tables do not read (they are re-run, not mixed in). */
export function staleGapRecords(records: readonly CellRecord[]): number {
  return records.filter((r) => ok(r) && r.gaps !== null && r.gaps.version !== 2).length;
}

/** The cells of (scenario, scheduler) that carry measurements. */
function gapCells(g: Grouped, sc: string, name: string): OkRecord[] {
  return g.seeds(sc).map((seed) => g.at(sc, name, seed)).filter((r): r is OkRecord => r !== undefined && measured(r));
}

/** The exact solver(s) that measured `cells`, e.g. "engine" (several joined by ", " when seeds differ). */
const solverOf = (cells: readonly OkRecord[]): string => [...new Set(cells.map((x) => x.gaps?.solver ?? "?"))].join(", ");

const decisionsOf = (cells: readonly OkRecord[]): DecisionMeasure[] => cells.flatMap((x) => x.gaps?.decisions ?? []);

/** Percent with 2 decimals, "n/a" for NaN, no "-0.00". */
function pct(x: number): string {
  return Number.isFinite(x) ? (100 * x).toFixed(2).replace(/^-(0\.0+)$/, "$1") : "n/a";
}

/** Largest value, NaN for none. */
const maxOf = (xs: readonly number[]): number => (xs.length > 0 ? Math.max(...xs) : Number.NaN);

/** `count/of`, or "n/a" when `of` is 0. */
/** `placeable/checked`, with the unproven answers named when there are any ("n/a" when nothing was checked). */
const placeableCell = (m: { readonly checked: number; readonly placeable: number; readonly unknown: number }): string =>
  m.checked === 0 ? "n/a" : m.unknown > 0 ? `${m.placeable}/${m.checked} (${m.unknown} unknown)` : `${m.placeable}/${m.checked}`;

/** Sums of a placeability measure over cells; null when no cell has it (older files). */
function sumPlaceable(ms: ReadonlyArray<{ readonly checked: number; readonly placeable: number; readonly unknown: number } | undefined>): { checked: number; placeable: number; unknown: number } | null {
  const present = ms.filter((m): m is NonNullable<typeof m> => m !== undefined);
  if (present.length === 0) return null;
  return present.reduce((a, m) => ({ checked: a.checked + m.checked, placeable: a.placeable + m.placeable, unknown: a.unknown + m.unknown }), { checked: 0, placeable: 0, unknown: 0 });
}

/**
 * The gap table: per scenario and scheduler, over the measured decisions of
 * all seeds: how many, how many proven, unproven (and the largest bound gap
 * among them, %), outside the model; among proven decisions the share on the
 * exact front, the cost excess at the heuristic's own time, the time excess
 * at its own cost and the weighted gap (α of the config), each mean and max
 * in %; the share of multi-stage decisions whose state had a feasible
 * cross-region path; how many proven decisions' weighted optimum spans ≥ 4
 * regions (a path BACE-Pipe's default `maxRegions = 3` never lists); and the
 * waiting jobs the exact model could have started at the checked decisions;
 * and the jobs the scheduler refused at arrival as never placeable that the
 * exact model places on the empty cluster (unproven answers named apart).
 * When the offline bound was run, the schedule's gap to it (over the seeds it
 * covers) and how many seeds it covers.
 */
export function gapTable(records: readonly CellRecord[]): Table {
  const g = groupRecords(records);
  const rows: Cell[][] = [];
  for (const sc of g.scenarios)
    for (const name of g.schedulers) {
      const cells = gapCells(g, sc.key, name);
      if (cells.length === 0) continue;
      const all = decisionsOf(cells);
      const proven = all.filter((d) => d.status === "proven");
      const unproven = all.filter((d) => d.status === "unproven");
      const outside = all.filter((d) => d.status === "outside");
      const multi = all.filter((d) => d.stages >= 2 && d.crossRegionFeasible !== null);
      const excess = (f: (d: DecisionMeasure) => number | null): number[] => proven.map(f).filter((x): x is number => x !== null);
      const cost = excess((d) => d.costExcessAtTime);
      const time = excess((d) => d.timeExcessAtCost);
      const weighted = excess((d) => d.weightedGap);
      const waiting = sumPlaceable(cells.map((x) => x.gaps?.waiting));
      const rejected = sumPlaceable(cells.map((x) => x.gaps?.rejected));
      const schedules = cells.flatMap((x) => (x.gaps?.schedule == null ? [] : [x.gaps.schedule]));
      const covered = schedules.filter((s) => s.covered && s.gap !== null).map((s) => s.gap as number);
      rows.push([
        ...scenarioCells(sc),
        name,
        solverOf(cells),
        all.length,
        proven.length,
        unproven.length === 0 ? "0" : `${unproven.length} (${pct(maxOf(unproven.map((d) => d.boundGap ?? Number.POSITIVE_INFINITY)))})`,
        outside.length,
        proven.length > 0 ? ((100 * proven.filter((d) => d.onFront === true).length) / proven.length).toFixed(1) : "n/a",
        pct(meanStdOf(cost).mean),
        pct(maxOf(cost)),
        pct(meanStdOf(time).mean),
        pct(maxOf(time)),
        pct(meanStdOf(weighted).mean),
        pct(maxOf(weighted)),
        multi.length > 0 ? ((100 * multi.filter((d) => d.crossRegionFeasible === true).length) / multi.length).toFixed(1) : "n/a",
        proven.filter((d) => (d.optimumRegions ?? 0) >= 4).length,
        waiting === null ? "n/a" : placeableCell(waiting),
        rejected === null ? "n/a" : placeableCell(rejected),
        meanStdCell(covered, { scale: 100, decimals: 2, empty: "n/a" }),
        schedules.length > 0 ? `${covered.length}/${schedules.length}` : "n/a",
      ]);
    }
  const header = [
    ...SCENARIO_HEADER,
    "scheduler",
    "exact solver",
    "decisions",
    "proven",
    "unproven (max bound gap %)",
    "outside model",
    "on front %",
    "cost excess at own time % mean",
    "cost excess at own time % max",
    "time excess at own cost % mean",
    "time excess at own cost % max",
    "weighted gap % mean",
    "weighted gap % max",
    "cross-region feasible % (multi-stage)",
    "optima on ≥ 4 regions",
    "waiting jobs placeable",
    "refused jobs placeable",
    "offline gap %",
    "bound covers",
  ];
  const keys = [
    ...SCENARIO_KEYS,
    "scheduler",
    "solver",
    "decisions",
    "proven",
    "unproven",
    "outside",
    "onFrontPct",
    "costExcessMeanPct",
    "costExcessMaxPct",
    "timeExcessMeanPct",
    "timeExcessMaxPct",
    "weightedGapMeanPct",
    "weightedGapMaxPct",
    "crossFeasiblePct",
    "optimaOver3Regions",
    "waitingPlaceable",
    "refusedPlaceable",
    "offlineGapPct",
    "boundCovers",
  ];
  const align: Array<"left" | "right"> = [...SCENARIO_HEADER.map((_, i) => (i < 2 ? ("left" as const) : ("right" as const))), "left", "left", ...header.slice(SCENARIO_HEADER.length + 2).map(() => "right" as const)];
  const offline = records.some((r) => measured(r) && r.gaps?.schedule != null);
  const caption =
    "Each scheduler's placement decisions against the exact JCT–cost front of their own states: excesses and weighted gap over proven decisions only (unproven and outside-the-model decisions counted apart)";
  const cut = offline ? header.length : header.length - 2;
  return {
    header: header.slice(0, cut),
    keys: keys.slice(0, cut),
    rows: rows.map((r) => r.slice(0, cut)),
    align: align.slice(0, cut),
    caption: offline ? `${caption}, and of the schedule of the first jobs against the offline bound on mean JCT` : caption,
    label: "tab:gaps",
  };
}

const KINDS: readonly OutsideKind[] = ["below-demand", "link-split", "hourly-prices", "gpus"];

/** Per scenario and scheduler with decisions outside the model: how many of each kind (docs/exact.md, "Gaps"). */
export function gapOutsideTable(records: readonly CellRecord[]): Table {
  const g = groupRecords(records);
  const rows: Cell[][] = [];
  for (const sc of g.scenarios)
    for (const name of g.schedulers) {
      const outside = decisionsOf(gapCells(g, sc.key, name)).filter((d) => d.status === "outside");
      if (outside.length === 0) continue;
      rows.push([...scenarioCells(sc), name, outside.length, ...KINDS.map((k) => outside.filter((d) => d.outsideKind === k).length)]);
    }
  return {
    header: [...SCENARIO_HEADER, "scheduler", "outside model", "hop below its demand", "two hops split a link", "hourly prices (model averages)", "GPUs not free"],
    keys: [...SCENARIO_KEYS, "scheduler", "outside", "belowDemand", "linkSplit", "hourlyPrices", "gpusNotFree"],
    rows,
    align: ["left", "left", "right", "right", "left", "right", "right", "right", "right", "right"],
    caption: "Decisions outside the exact model, by reason (they have no gap)",
    label: "tab:gap-outside",
  };
}

/** Exact solve time of the measurements per scenario and scheduler: shifted geometric mean (shift 10 ms) and max, ms, per decision and for the offline bound (machine-dependent). */
export function gapTimingTable(records: readonly CellRecord[]): Table {
  const g = groupRecords(records);
  const rows: Array<Array<string | number>> = [];
  const sgm = (xs: readonly number[]): string => (xs.length > 0 ? shiftedGeoMean(xs, DEFAULT_SHIFT_MS).toFixed(1) : "n/a");
  const max = (xs: readonly number[]): string => (xs.length > 0 ? Math.max(...xs).toFixed(1) : "n/a");
  for (const sc of g.scenarios)
    for (const name of g.schedulers) {
      const cells = gapCells(g, sc.key, name);
      const solve = decisionsOf(cells).map((d) => d.solveMs);
      const offline = cells.flatMap((x) => (x.gaps?.schedule == null ? [] : [x.gaps.schedule.solveMs]));
      if (solve.length === 0 && offline.length === 0) continue;
      rows.push([...scenarioCells(sc), name, solverOf(cells), solve.length, sgm(solve), max(solve), offline.length, sgm(offline), max(offline)]);
    }
  return {
    header: [...SCENARIO_HEADER, "scheduler", "exact solver", "decisions", `solve time sgm (ms, shift ${DEFAULT_SHIFT_MS})`, "max solve time (ms)", "offline solves", "offline sgm (ms)", "offline max (ms)"],
    keys: [...SCENARIO_KEYS, "scheduler", "solver", "decisions", "solveSgmMs", "solveMaxMs", "offlineSolves", "offlineSgmMs", "offlineMaxMs"],
    rows,
    align: ["left", "left", "right", "right", "left", "left", "right", "right", "right", "right", "right", "right"],
    caption: "Exact solve time of the gap measurements per decision (machine-dependent)",
    label: "tab:gap-timing",
  };
}
