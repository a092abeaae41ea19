import { describe, expect, it } from "vitest";
import { nsfnet } from "../../src/cba/nsfnet.js";
import type { SimulationMetrics } from "../../src/cba/simulate.js";
import { runSweep, type CbaMethod, type SweepRun } from "../../src/cba/sweep.js";
import { claimsTable, sweepMetricsTable } from "../../src/cba/sweepReport.js";
import { verifySweepTables } from "../../src/cba/verifySweep.js";
import type { Table } from "../../src/report/table.js";
import { highs } from "../../src/lp/backends/highs.js";

function run(method: CbaMethod, loadErlang: number, seed: number, blockingRate: number, meanIterationTimeMs: number | null): SweepRun {
  const metrics: SimulationMetrics = {
    requests: 100, accepted: 100 - 100 * blockingRate, blocked: 100 * blockingRate, blockingRate,
    blockedByReason: { no_gpus: 100 * blockingRate, no_spectrum: 0, out_of_reach: 0, policy_error: 0 },
    meanIterationTimeMs, commBoundShare: 0.25 + seed / 10, spectrumUtilisation: 0.05 * seed,
  };
  const ilp = method === "ff" ? null : { requests: 100, noGpus: 0, shortcut: 90, solves: 10 * seed, optimal: 10, feasible: 0, infeasible: 0, fallbacks: seed, seedKept: 1, solveMs: 1000, maxCandidates: 500 };
  return { method, loadErlang, seed, metrics, verified: true, violations: 0, ilp, wallMs: 10 };
}

const runs: SweepRun[] = [
  run("cba", 10, 1, 0.1, 150), run("ff", 10, 1, 0.2, 200), run("oblivious", 10, 1, 0.1, 160),
  run("cba", 10, 2, 0.3, 150), run("ff", 10, 2, 0.3, 300), run("oblivious", 10, 2, 0.3, 170),
  run("cba", 5, 1, 0, 100), run("ff", 5, 1, 0, 100), run("oblivious", 5, 1, 0, null),
];
const metrics = sweepMetricsTable(runs);
const claims = claimsTable(runs);

/** `table` with cell (row, col) replaced. */
function withCell(table: Table, row: number, col: number, value: string | number): Table {
  return { ...table, rows: table.rows.map((r, i) => (i === row ? r.map((c, j) => (j === col ? value : c)) : r)) };
}

const cells = (t: { metrics?: Table; claims?: Table }, rs: readonly SweepRun[] = runs) => verifySweepTables(rs, t).violations.map((v) => `${v.kind}:${v.field}`);

describe("verifySweepTables re-derives the sweep's aggregates from its runs", () => {
  it("verifySweepTables(runs, tables) accepts the tables sweepReport prints", () => {
    expect(verifySweepTables(runs, { metrics, claims }).violations).toEqual([]);
  });

  it("rejects an altered aggregate in the metrics table: blocked requests, iteration time, spectrum, comm-bound, seeds, verified, ILP work", () => {
    const ff10 = metrics.rows.findIndex((r) => r[0] === 10 && r[1] === "ff");
    expect(metrics.rows[ff10]![3]).toBe("25.0 ± 7.1");
    expect(cells({ metrics: withCell(metrics, ff10, 3, "24.0 ± 7.1") })).toEqual(["table_cell:blocking %"]);
    expect(cells({ metrics: withCell(metrics, ff10, 3, "25.0 ± 3.5") })).toEqual(["table_cell:blocking %"]);
    expect(cells({ metrics: withCell(metrics, ff10, 4, "125.0 ± 70.7") })).toEqual(["table_cell:iteration ms"]);
    expect(cells({ metrics: withCell(metrics, ff10, 5, "1.50 ± 3.54") })).toEqual(["table_cell:spectrum use %"]);
    expect(cells({ metrics: withCell(metrics, ff10, 6, "0.0 ± 7.1") })).toEqual(["table_cell:comm-bound %"]);
    expect(cells({ metrics: withCell(metrics, ff10, 2, 3) })).toEqual(["table_cell:seeds"]);
    expect(cells({ metrics: withCell(metrics, ff10 - 1, 8, "10.0") })).toEqual(["table_cell:ILP solves/run"]);
    expect(cells({ metrics: withCell(metrics, ff10 - 1, 9, "50") })).toEqual(["table_cell:ms/solve"]);
    expect(metrics.rows[ff10 - 1]![10]).toBe("2.5"); // (1 + 1) + (2 + 1) first-fit answers over 2 runs
    expect(cells({ metrics: withCell(metrics, ff10 - 1, 10, "0.0") })).toEqual(["table_cell:first-fit answers/run"]);
    const unverified = runs.map((r, i) => (i === 1 ? { ...r, verified: false } : r));
    expect(cells({ metrics }, unverified)).toEqual(["table_cell:verified"]);
  });

  it("accepts a value within half a unit of its last digit, and rejects one beyond", () => {
    const cba10 = metrics.rows.findIndex((r) => r[0] === 10 && r[1] === "cba"); // blocking 10 % and 30 %: 20.0 ± 14.1421…
    expect(cells({ metrics: withCell(metrics, cba10, 3, "20 ± 14") })).toEqual([]);
    expect(cells({ metrics: withCell(metrics, cba10, 3, "20.00 ± 14.14") })).toEqual([]);
    expect(cells({ metrics: withCell(metrics, cba10, 3, "20.00 ± 14.15") })).toEqual(["table_cell:blocking %"]);
  });

  it("accepts one seed's std as n/a (undefined) and rejects a number there", () => {
    const one = runs.filter((r) => r.seed === 1);
    const t = sweepMetricsTable(one);
    const ff10 = t.rows.findIndex((r) => r[0] === 10 && r[1] === "ff");
    expect(t.rows[ff10]![3]).toBe("20.0 ± n/a");
    expect(cells({ metrics: t, claims: claimsTable(one) }, one)).toEqual([]);
    expect(cells({ metrics: withCell(t, ff10, 3, "20.0 ± 0.0") }, one)).toEqual(["table_cell:blocking %"]);
  });

  it("rejects a missing, repeated or invented row, and a changed header", () => {
    expect(cells({ metrics: { ...metrics, rows: metrics.rows.slice(1) } })).toEqual(["table_cell:metrics"]);
    expect(cells({ metrics: { ...metrics, rows: [...metrics.rows, metrics.rows[0]!] } })).toEqual(["table_cell:metrics"]);
    expect(cells({ metrics: withCell(metrics, 0, 0, 7) })).toEqual(["table_cell:metrics"]);
    expect(cells({ metrics: { ...metrics, header: metrics.header.map((h) => (h === "blocking %" ? "accepted %" : h)) } })).toEqual(["table_cell:metrics"]);
  });

  it("rejects an altered claims cell (iteration time, blocked requests, points) and an altered paper row", () => {
    const vsFf10 = claims.rows.findIndex((r) => r[0] === "cba vs ff" && r[1] === "10");
    expect(claims.rows[vsFf10]![2]).toBe("-37.5 ± 17.7");
    expect(cells({ claims: withCell(claims, vsFf10, 2, "-31.2 ± 17.7") })).toEqual(["table_cell:Δ iteration time %"]);
    expect(cells({ claims: withCell(claims, vsFf10, 3, "-13.2 ± 35.4") })).toEqual(["table_cell:Δ blocking % (relative)"]);
    expect(cells({ claims: withCell(claims, vsFf10, 4, "-5.0 ± 0.0") })).toEqual(["table_cell:Δ blocking (points)"]);
    expect(cells({ claims: withCell(claims, 0, 2, "-41.25") })).toEqual(["table_cell:paper (abstract)"]);
    expect(cells({ claims: { ...claims, rows: claims.rows.filter((_, i) => i !== vsFf10) } })).toEqual(["table_cell:claims"]);
  });

  it("accepts the tables of a real first-fit sweep, whose runs verifyRun checked against their records", async () => {
    const real = await runSweep(nsfnet(), highs, { loadsErlang: [8, 16], seeds: [1, 2], methods: ["ff"], requests: 40 });
    expect(real.every((r) => r.verified)).toBe(true);
    expect(verifySweepTables(real, { metrics: sweepMetricsTable(real), claims: claimsTable(real) }).violations).toEqual([]);
  });
});
