/**
 * Tables and plots of a load sweep ({@link runSweep}), through the generic
 * writers of src/report: a metrics table (mean ± std over seeds), a per-run
 * table, a comparison against the CBA abstract's claims, and SVG line plots
 * of blocking rate and per-iteration time against offered load.
 */
import { meanStd, meanStdOf } from "../report/meanStd.js";
import { svgLinePlot } from "../report/svgLinePlot.js";
import type { Table } from "../report/table.js";
import { CBA_METHODS, type CbaMethod, type SweepRun } from "./sweep.js";

/** The abstract's claims: CBA against baselines, relative change. */
export const PAPER_CLAIMS = { iterationTimePct: -31.25, blockedPct: -13.2 } as const;

function loadsOf(runs: readonly SweepRun[]): number[] {
  return [...new Set(runs.map((r) => r.loadErlang))].sort((a, b) => a - b);
}

function methodsOf(runs: readonly SweepRun[]): CbaMethod[] {
  return CBA_METHODS.filter((m) => runs.some((r) => r.method === m));
}

function pick(runs: readonly SweepRun[], load: number, method: CbaMethod): SweepRun[] {
  return runs.filter((r) => r.loadErlang === load && r.method === method).sort((a, b) => a.seed - b.seed);
}

const finite = (xs: ReadonlyArray<number | null>): number[] => xs.filter((x): x is number => x !== null && Number.isFinite(x));

/**
 * Mean ± std over seeds per (load, method): blocking, iteration time, spectrum
 * use, comm-bound share, verifier, ILP work, and how often the ILP policy
 * answered with first fit's decision because a time-limited solve had no
 * point or a worse one ("first-fit answers/run").
 */
export function sweepMetricsTable(runs: readonly SweepRun[]): Table {
  const rows: (string | number)[][] = [];
  for (const load of loadsOf(runs)) for (const method of methodsOf(runs)) {
    const rs = pick(runs, load, method);
    const solves = rs.map((r) => r.ilp?.solves ?? 0).reduce((a, b) => a + b, 0);
    const solveMs = rs.map((r) => r.ilp?.solveMs ?? 0).reduce((a, b) => a + b, 0);
    const ffAnswers = rs.map((r) => (r.ilp?.fallbacks ?? 0) + (r.ilp?.seedKept ?? 0)).reduce((a, b) => a + b, 0);
    rows.push([
      load,
      method,
      rs.length,
      meanStd(rs.map((r) => r.metrics.blockingRate), { scale: 100 }),
      meanStd(finite(rs.map((r) => r.metrics.meanIterationTimeMs))),
      meanStd(rs.map((r) => r.metrics.spectrumUtilisation), { scale: 100, decimals: 2 }),
      meanStd(rs.map((r) => r.metrics.commBoundShare), { scale: 100 }),
      `${rs.filter((r) => r.verified).length}/${rs.length}`,
      method === "ff" ? "–" : (solves / Math.max(1, rs.length)).toFixed(1),
      method === "ff" || solves === 0 ? "–" : (solveMs / solves).toFixed(0),
      method === "ff" ? "–" : (ffAnswers / Math.max(1, rs.length)).toFixed(1),
    ]);
  }
  return {
    header: ["load (Erl)", "method", "seeds", "blocking %", "iteration ms", "spectrum use %", "comm-bound %", "verified", "ILP solves/run", "ms/solve", "first-fit answers/run"],
    rows,
    align: ["right", "left", "right", "right", "right", "right", "right", "right", "right", "right", "right"],
    caption: "CBA load sweep: mean ± std over seeds",
    label: "tab:cba-sweep",
  };
}

/** One row per run, full precision (for CSV). */
export function sweepRunsTable(runs: readonly SweepRun[]): Table {
  return {
    header: ["load_erlang", "method", "seed", "requests", "accepted", "blocking_rate", "blocked_no_gpus", "blocked_no_spectrum", "blocked_out_of_reach", "blocked_policy_error", "mean_iteration_ms", "spectrum_utilisation", "comm_bound_share", "verified", "violations", "ilp_solves", "ilp_shortcut", "ilp_fallbacks", "ilp_seed_kept", "ilp_time_limited", "ilp_solve_ms", "ilp_max_candidates", "wall_ms"],
    rows: runs.map((r) => [
      r.loadErlang, r.method, r.seed, r.metrics.requests, r.metrics.accepted, r.metrics.blockingRate,
      r.metrics.blockedByReason.no_gpus, r.metrics.blockedByReason.no_spectrum, r.metrics.blockedByReason.out_of_reach, r.metrics.blockedByReason.policy_error,
      r.metrics.meanIterationTimeMs ?? "", r.metrics.spectrumUtilisation, r.metrics.commBoundShare, r.verified ? "yes" : "no", r.violations,
      r.ilp?.solves ?? "", r.ilp?.shortcut ?? "", r.ilp?.fallbacks ?? "", r.ilp?.seedKept ?? "", r.ilp?.feasible ?? "", r.ilp === null ? "" : Math.round(r.ilp.solveMs), r.ilp?.maxCandidates ?? "",
      Math.round(r.wallMs),
    ]),
    caption: "CBA load sweep: every run",
  };
}

/** Per-seed paired relative change of `cba` against each baseline, beside the abstract's claims. */
export function claimsTable(runs: readonly SweepRun[]): Table {
  const rows: string[][] = [];
  for (const base of methodsOf(runs).filter((m) => m !== "cba")) {
    for (const load of loadsOf(runs)) {
      const cba = pick(runs, load, "cba");
      const other = pick(runs, load, base);
      const dT: number[] = [];
      const dB: number[] = [];
      const dPp: number[] = [];
      for (const c of cba) {
        const b = other.find((r) => r.seed === c.seed);
        if (b === undefined) continue;
        const tc = c.metrics.meanIterationTimeMs;
        const tb = b.metrics.meanIterationTimeMs;
        if (tc !== null && tb !== null && tb > 0) dT.push((tc - tb) / tb);
        if (b.metrics.blockingRate > 0) dB.push((c.metrics.blockingRate - b.metrics.blockingRate) / b.metrics.blockingRate);
        dPp.push(c.metrics.blockingRate - b.metrics.blockingRate);
      }
      rows.push([`cba vs ${base}`, String(load), meanStd(dT, { scale: 100 }), meanStd(dB, { scale: 100 }), meanStd(dPp, { scale: 100 })]);
    }
  }
  return {
    header: ["comparison", "load (Erl)", "Δ iteration time %", "Δ blocking % (relative)", "Δ blocking (points)"],
    rows: [["paper (abstract)", "–", PAPER_CLAIMS.iterationTimePct.toFixed(2), PAPER_CLAIMS.blockedPct.toFixed(1), "–"], ...rows],
    align: ["left", "right", "right", "right", "right"],
    caption: "CBA against baselines: per-seed relative change (mean ± std), negative is better",
    label: "tab:cba-claims",
  };
}

function seriesOf(runs: readonly SweepRun[], value: (r: SweepRun) => number | null, scale: number) {
  return methodsOf(runs).map((method) => ({
    name: method,
    points: loadsOf(runs).map((load): readonly [number, number, number] => {
      const s = meanStdOf(finite(pick(runs, load, method).map(value)));
      return [load, s.mean * scale, s.std * scale];
    }),
  }));
}

/** SVG line plots (mean ± std over seeds) of blocking rate and per-iteration time against offered load. */
export function sweepPlots(runs: readonly SweepRun[]): { readonly blockingSvg: string; readonly iterationSvg: string } {
  return {
    blockingSvg: svgLinePlot({
      title: "CBA: blocking rate against offered load",
      xLabel: "offered load (Erlang)",
      yLabel: "blocked requests (%)",
      series: seriesOf(runs, (r) => r.metrics.blockingRate, 100),
    }),
    iterationSvg: svgLinePlot({
      title: "CBA: mean per-iteration time against offered load",
      xLabel: "offered load (Erlang)",
      yLabel: "per-iteration time (ms)",
      series: seriesOf(runs, (r) => r.metrics.meanIterationTimeMs, 1),
    }),
  };
}
