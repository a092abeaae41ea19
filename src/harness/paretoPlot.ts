/**
 * The JCT–cost trade-off of one job on the empty cluster: the ε-constraint
 * Pareto front of iteration time against electricity cost from the placement
 * MILP (src/exact/pareto.ts), with the point each heuristic picks for the same
 * job in the same view. HiGHS is loaded on first use.
 */
import type { Job, LlmModel, Topology } from "../model/types.js";
import { svgLinePlot, type LineSeries } from "../report/svgLinePlot.js";
import { getScheduler } from "../schedulers.js";
import { emptyView } from "../sim/simulate.js";

/** Options of {@link paretoPlot}. */
export interface ParetoPlotOptions {
  /** ε grid points of the front; default 8. */
  readonly points?: number;
  /** HiGHS time limit per solve, s; default 10. */
  readonly timeLimitSec?: number;
}

/** Defaults of {@link ParetoPlotOptions}. */
export const DEFAULT_PARETO_PLOT_OPTIONS: Required<ParetoPlotOptions> = { points: 8, timeLimitSec: 10 };

/** A heuristic's placement of the job, re-evaluated by the cost model; null fields when it placed nothing. */
export interface HeuristicPoint {
  /** Scheduler name. */
  readonly scheduler: string;
  /** Iteration time, s; null when the scheduler did not place the job. */
  readonly iterationSec: number | null;
  /** Electricity cost of the whole run, USD; null when not placed. */
  readonly costUsd: number | null;
}

/** The plot, or why there is none. */
export type ParetoPlotOutcome =
  | { readonly status: "ok"; readonly svg: string; readonly front: ReadonlyArray<readonly [iterationSec: number, costUsd: number]>; readonly heuristics: readonly HeuristicPoint[] }
  | { readonly status: "no_front"; readonly reason: string };

/** Front (duplicates removed) and heuristic points of `job` alone on the empty `topology`. */
export async function paretoPlot(
  topology: Topology,
  models: ReadonlyMap<string, LlmModel>,
  job: Job,
  schedulers: readonly string[],
  options: ParetoPlotOptions = {},
): Promise<ParetoPlotOutcome> {
  const o = { ...DEFAULT_PARETO_PLOT_OPTIONS, ...options };
  const { loadExactSolver } = await import("../exact/solveSync.js");
  const { paretoFront } = await import("../exact/pareto.js");
  const { evaluateInView } = await import("../exact/evaluate.js");
  await loadExactSolver();
  const arrived: Job = { ...job, arrivalSec: 0 };
  const view = emptyView({ topology, models, jobs: [arrived] });
  const front = paretoFront(view, arrived, { points: o.points, timeLimitSec: o.timeLimitSec });
  if (front.status !== "ok") return { status: "no_front", reason: front.reason };
  const heuristics: HeuristicPoint[] = schedulers.map((name) => {
    const start = getScheduler(name).decide(view, [{ job: arrived, waitedSec: 0 }]).start.find((p) => p.jobId === arrived.id);
    const ev = start === undefined ? null : evaluateInView(view, arrived, start.path);
    return { scheduler: name, iterationSec: ev?.breakdown.iterationSec ?? null, costUsd: ev?.breakdown.costUsd ?? null };
  });
  const seen = new Set<string>();
  const frontPts = front.points
    .map((p) => [p.iterationSec, p.costUsd] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .filter(([t, c]) => {
      const key = `${t.toPrecision(9)},${c.toPrecision(9)}`;
      return !seen.has(key) && seen.add(key) !== undefined;
    });
  const series: LineSeries[] = [
    { name: "MILP front", points: frontPts },
    ...heuristics.flatMap((h) => (h.iterationSec === null || h.costUsd === null ? [] : [{ name: h.scheduler, points: [[h.iterationSec, h.costUsd] as const] }])),
  ];
  const svg = svgLinePlot({ title: `Iteration time vs cost — job ${job.id} (${job.model}) on the empty cluster`, xLabel: "iteration time (s)", yLabel: "electricity cost (USD)", series, yFromZero: false });
  return { status: "ok", svg, front: frontPts, heuristics };
}
