import { describe, expect, it } from "vitest";
import type { SimulationMetrics } from "../../src/cba/simulate.js";
import type { CbaMethod, SweepRun } from "../../src/cba/sweep.js";
import { claimsTable, sweepMetricsTable, sweepPlots, sweepRunsTable } from "../../src/cba/sweepReport.js";
import { toCsv } from "../../src/report/table.js";

function run(method: CbaMethod, loadErlang: number, seed: number, blockingRate: number, meanIterationTimeMs: number | null): SweepRun {
  const metrics: SimulationMetrics = {
    requests: 100, accepted: 100 - 100 * blockingRate, blocked: 100 * blockingRate, blockingRate,
    blockedByReason: { no_gpus: 100 * blockingRate, no_spectrum: 0, out_of_reach: 0, policy_error: 0 },
    meanIterationTimeMs, commBoundShare: 0.5, spectrumUtilisation: 0.05,
  };
  const ilp = method === "ff" ? null : { requests: 100, noGpus: 0, shortcut: 90, solves: 10, optimal: 10, feasible: 0, infeasible: 0, fallbacks: 0, seedKept: 0, solveMs: 1000, maxCandidates: 500 };
  return { method, loadErlang, seed, metrics, verified: true, violations: 0, ilp, wallMs: 10 };
}

const runs: SweepRun[] = [
  run("cba", 10, 1, 0.1, 150), run("ff", 10, 1, 0.2, 200), run("oblivious", 10, 1, 0.1, 160),
  run("cba", 10, 2, 0.3, 150), run("ff", 10, 2, 0.3, 300), run("oblivious", 10, 2, 0.3, 170),
  run("cba", 5, 1, 0, 100), run("ff", 5, 1, 0, 100), run("oblivious", 5, 1, 0, null),
];

describe("sweep report", () => {
  it("sweepMetricsTable(runs) has one row per (load, method), loads ascending, with mean ± std over seeds", () => {
    const t = sweepMetricsTable(runs);
    expect(t.rows.map((r) => `${r[0]}/${r[1]}`)).toEqual(["5/cba", "5/ff", "5/oblivious", "10/cba", "10/ff", "10/oblivious"]);
    const ff10 = t.rows[4]!;
    expect(ff10[2]).toBe(2);
    expect(ff10[3]).toBe("25.0 ± 7.1"); // blocking 20 % and 30 %
    expect(ff10[4]).toBe("250.0 ± 70.7");
    expect(ff10[8]).toBe("–");
    expect(t.rows[3]![9]).toBe("100"); // 2000 ms over 20 solves
    expect(t.rows[2]![4]).toBe("n/a"); // no admitted request → no iteration time
  });

  it("claimsTable(runs) gives per-seed paired relative changes beside the paper's claims", () => {
    const t = claimsTable(runs);
    expect(t.rows[0]).toEqual(["paper (abstract)", "–", "-31.25", "-13.2", "–"]);
    const vsFf10 = t.rows.find((r) => r[0] === "cba vs ff" && r[1] === "10")!;
    expect(vsFf10[2]).toBe("-37.5 ± 17.7"); // −25 % and −50 %
    expect(vsFf10[3]).toBe("-25.0 ± 35.4"); // −50 % and 0 %
    expect(vsFf10[4]).toBe("-5.0 ± 7.1"); // −10 and 0 points
    const vsFf5 = t.rows.find((r) => r[0] === "cba vs ff" && r[1] === "5")!;
    expect(vsFf5[3]).toBe("n/a"); // the baseline blocked nothing: no relative change
  });

  it("sweepRunsTable(runs) writes one CSV line per run plus the header", () => {
    expect(toCsv(sweepRunsTable(runs)).trimEnd().split("\r\n")).toHaveLength(runs.length + 1);
  });

  it("sweepPlots(runs) draws one series per method and is deterministic", () => {
    const a = sweepPlots(runs);
    expect(a.blockingSvg.match(/<polyline/g)?.length).toBe(3);
    expect(a.iterationSvg).toContain("per-iteration time (ms)");
    expect(sweepPlots([...runs].reverse())).toEqual(a);
  });
});
