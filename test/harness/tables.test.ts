import { describe, expect, it } from "vitest";
import { DEFAULT_GAP_SETTINGS } from "../../src/harness/config.js";
import type { CellRecord, OkRecord } from "../../src/harness/results.js";
import { shiftedGeoMean } from "../../src/harness/shiftedGeoMean.js";
import { gapOutsideTable, gapTable, gapTimingTable, hasGaps, staleGapRecords } from "../../src/harness/gapTables.js";
import { ablationTable, mainTable } from "../../src/harness/tables.js";
import type { DecisionMeasure } from "../../src/exact/decisionMeasure.js";
import { cdfPoints } from "../../src/harness/plots.js";
import { formatMeanStd } from "../../src/report/meanStd.js";
import { isMeanStdCell, type Cell } from "../../src/report/table.js";

/** A cell as the Markdown writer shows it. */
const text = (c: Cell | undefined): string | number | undefined => (isMeanStdCell(c) ? formatMeanStd(c) : c);

function rec(scheduler: string, seed: number, jctH: number, costUsd: number, gaps: OkRecord["gaps"] = null): OkRecord {
  return {
    id: `${scheduler}-${seed}`,
    status: "ok",
    spec: { topology: "../instances/t.json", workload: { kind: "generated", jobs: 5 }, bandwidthScale: 1, load: 1, scheduler, seed, gaps: DEFAULT_GAP_SETTINGS },
    metrics: { jobs: 5, finished: 5, unschedulable: 0, policyErrors: 0, meanJctSec: jctH * 3600, p95JctSec: null, totalCostUsd: costUsd, totalEnergyKwh: 1, makespanSec: 1 },
    jctsSec: [jctH * 3600],
    gaps,
    gapError: null,
    wallMs: 123,
  };
}

const records: CellRecord[] = [
  rec("bace", 1, 1, 50), rec("bace", 2, 1, 60),
  rec("delay-first", 1, 2, 100), rec("delay-first", 2, 4, 100),
  rec("bace-no-costmin", 1, 1.5, 50), rec("bace-no-costmin", 2, 1.5, 90),
];

describe("harness tables", () => {
  it("mainTable(records) reduction is (baseline − bace)/baseline per seed, then mean ± std", () => {
    const t = mainTable(records);
    const row = t.rows.find((r) => r[4] === "delay-first")!;
    // JCT: seed 1 (2 − 1)/2 = 50 %, seed 2 (4 − 1)/4 = 75 % → 62.5 ± 17.7
    expect(text(row[8])).toBe("62.5 ± 17.7");
    // cost: 50 %, 40 % → 45.0 ± 7.1
    expect(text(row[9])).toBe("45.0 ± 7.1");
    expect(t.rows.find((r) => r[4] === "bace")![8]).toBe("—");
    expect(row[0]).toBe("instances/t");
  });

  it("mainTable(records) does not depend on record order", () => {
    expect(mainTable([...records].reverse())).toEqual(mainTable(records));
  });

  it("ablationTable(records) change is (ablation − bace)/bace per seed", () => {
    const row = ablationTable(records).rows[0]!;
    expect(row[4]).toBe("bace-no-costmin");
    expect(text(row[5])).toBe("50.0 ± 0.0");
    expect(text(row[6])).toBe("25.0 ± 35.4"); // 0 % and +50 %
  });

  /** A measured decision: proven on the front unless overridden. */
  const dm = (o: Partial<DecisionMeasure> = {}): DecisionMeasure => ({
    jobId: "j",
    timeSec: 0,
    stages: 4,
    regions: 1,
    heuristic: { iterationSec: 1, costUsd: 1, weighted: 1 },
    status: "proven",
    outsideReason: null,
    outsideKind: null,
    costExcessAtTime: 0,
    timeExcessAtCost: 0,
    weightedGap: 0,
    onFront: true,
    boundGap: null,
    optimumRegions: 1,
    crossRegionFeasible: true,
    solveMs: 10,
    ...o,
  });
  const unmeasured = { costExcessAtTime: null, timeExcessAtCost: null, weightedGap: null, onFront: null } as const;
  const gaps = (
    decisions: DecisionMeasure[],
    waiting = { events: 1, checked: 4, placeable: 1, unknown: 0 },
    schedule: NonNullable<OkRecord["gaps"]>["schedule"] = null,
    rejected: NonNullable<OkRecord["gaps"]>["rejected"] = { checked: 3, placeable: 2, unknown: 1 },
  ): OkRecord["gaps"] => ({ version: 2, solver: "milp", decisions, waiting, rejected, schedule });

  it("gapTable(records) counts proven, unproven and outside decisions apart and averages excesses over proven ones only", () => {
    const g = gaps([
      dm({ costExcessAtTime: 0.1, timeExcessAtCost: 0.2, weightedGap: 0.3, onFront: false, solveMs: 30 }),
      dm({ weightedGap: 0.1, stages: 1, crossRegionFeasible: null, optimumRegions: 4 }),
      dm({ status: "unproven", ...unmeasured, boundGap: 0.25, crossRegionFeasible: false, solveMs: 70 }),
      dm({ status: "outside", ...unmeasured, outsideKind: "below-demand", outsideReason: "a hop gets 1 of its 2 Gbit/s demand", costExcessAtTime: null }),
    ]);
    const t = gapTable([rec("bace", 1, 1, 1, g), rec("fifo", 1, 1, 1)]);
    expect(t.rows).toHaveLength(1);
    expect(t.header).not.toContain("offline gap %"); // no offline bound measured: its columns are left out
    // 4 decisions: 2 proven (1 on the front), 1 unproven at a 25 % bound gap, 1 outside;
    // excess means over the 2 proven: cost (10 + 0)/2, time (20 + 0)/2, weighted (30 + 10)/2;
    // cross-region feasible: 2 of the 3 multi-stage decisions with an answer; one optimum on 4 regions; 1 of 4 waiting jobs placeable;
    // 2 of 3 refused jobs placeable, 1 not proven either way
    expect(t.rows[0]!.slice(4)).toEqual(["bace", "milp", 4, 2, "1 (25.00)", 1, "50.0", "5.00", "10.00", "10.00", "20.00", "20.00", "30.00", "66.7", 1, "1/4", "2/3 (1 unknown)"]);
    const outside = gapOutsideTable([rec("bace", 1, 1, 1, g)]);
    expect(outside.rows[0]!.slice(4)).toEqual(["bace", 1, 1, 0, 0, 0]);
    const timing = gapTimingTable([rec("bace", 1, 1, 1, g)]);
    expect(timing.rows[0]!.slice(4)).toEqual(["bace", "milp", 4, (Math.pow(20 * 40 * 80 * 20, 1 / 4) - 10).toFixed(1), "70.0", 0, "n/a", "n/a"]);
  });

  it("gapTable(records) sums refused jobs over seeds and says n/a for files written before they were measured", () => {
    const a = rec("bace", 1, 1, 1, gaps([dm()], undefined, null, { checked: 2, placeable: 2, unknown: 0 }));
    const b = rec("bace", 2, 1, 1, gaps([dm()], undefined, null, { checked: 5, placeable: 1, unknown: 0 }));
    const { rejected: _dropped, ...older } = gaps([dm()]) as NonNullable<OkRecord["gaps"]>;
    const c = rec("fifo", 1, 1, 1, older);
    const t = gapTable([a, b, c]);
    const col = t.keys!.indexOf("refusedPlaceable");
    expect(t.rows.map((r) => r[col])).toEqual(["3/7", "n/a"]);
  });

  it("gapTable(records) averages the offline-bound gap over the seeds the bound covers only", () => {
    const sched = (gap: number, covered: boolean, solveMs: number) =>
      ({ jobs: 8, status: "optimal", heuristicMeanJctSec: 100, boundMeanJctSec: 100 * (1 - gap), gap, covered, solveMs }) as const;
    const at = (seed: number, gap: number, covered: boolean) => rec("bace", seed, 1, 1, gaps([dm()], undefined, sched(gap, covered, 10 * seed)));
    const t = gapTable([at(1, 0.1, true), at(2, 0.3, true), at(3, 0.9, false)]);
    // mean of 10 % and 30 % (std 14.14); seed 3 is not covered and left out
    expect(t.rows[0]!.slice(-2).map(text)).toEqual(["20.00 ± 14.14", "2/3"]);
    const timing = gapTimingTable([at(1, 0.1, true), at(2, 0.3, true), at(3, 0.9, false)]);
    expect(timing.rows[0]!.slice(9)).toEqual([3, (Math.cbrt(20 * 30 * 40) - 10).toFixed(1), "30.0"]);
  });

  it("gapTable(records) ignores gap fields of an older format and says how many there are", () => {
    const old = { gap: [0.5], proven: [true], solveMs: [10] } as unknown as OkRecord["gaps"];
    const rs = [rec("bace", 1, 1, 1, old)];
    expect(hasGaps(rs)).toBe(false);
    expect(staleGapRecords(rs)).toBe(1);
    expect(gapTable(rs).rows).toEqual([]);
  });

  it("shiftedGeoMean(values, 10) is exp(mean ln(x + 10)) − 10", () => {
    expect(shiftedGeoMean([0, 0])).toBeCloseTo(0, 12);
    expect(shiftedGeoMean([10, 30, 70])).toBeCloseTo(Math.cbrt(20 * 40 * 80) - 10, 9);
    expect(shiftedGeoMean([])).toBeNaN();
  });

  it("cdfPoints(sorted, k) ends at (max, 1) and is non-decreasing", () => {
    const pts = cdfPoints([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4);
    expect(pts).toHaveLength(4);
    expect(pts[pts.length - 1]).toEqual([10, 1]);
    for (let i = 1; i < pts.length; i++) expect(pts[i]![1]).toBeGreaterThan(pts[i - 1]![1]);
  });
});
