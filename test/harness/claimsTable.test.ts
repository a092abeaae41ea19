import { describe, expect, it } from "vitest";
import { okRecord } from "../helpers/records.js";
import { BACE_PAPER_CLAIMS, claimsSummaryTable, claimsTable, claimVerdict, hasClaims, type PaperClaim } from "../../src/harness/claimsTable.js";
import type { CellRecord } from "../../src/harness/results.js";
import { reportTables } from "../../src/harness/report.js";
import { formatMeanStd } from "../../src/report/meanStd.js";
import { isMeanStdCell, type Cell } from "../../src/report/table.js";

const rec = okRecord;

const text = (c: Cell | undefined): string | number | undefined => (isMeanStdCell(c) ? formatMeanStd(c) : c);

// load 1: bace 1 h / 100 USD; delay-first 2 h (JCT −50 %) / 125 USD (cost −20 %); no-pathfinder 1.5 h (+50 %) / 90 USD (−10 %)
// load 2: bace 2 h / 100 USD; delay-first 2.2 h (−9.1 %) / 90 USD (cost: bace dearer, −11.1 %)
const records: CellRecord[] = [1, 2].flatMap((seed) => [
  rec("bace", seed, 1, 1, 100),
  rec("delay-first", seed, 1, 2, 125),
  rec("bace-no-pathfinder", seed, 1, 1.5, 90),
  rec("bace", seed, 2, 2, 100),
  rec("delay-first", seed, 2, 2.2, 90),
  rec("bace-no-pathfinder", seed, 2, 2, 100),
]);

const range: PaperClaim = { label: "r", other: "x", metric: "jct", direction: "reduction", lowPct: 10, highPct: 20 };
const point: PaperClaim = { ...range, lowPct: 50, highPct: 50 };

describe("claims tables", () => {
  it("claimVerdict: a range holds the mean; a single figure must lie within mean ± std; a negative mean is reversed", () => {
    expect(claimVerdict(range, [15, 16])).toBe("in range");
    expect(claimVerdict(range, [25, 26])).toBe("above range");
    expect(claimVerdict(range, [5, 6])).toBe("below range");
    expect(claimVerdict(range, [-1, -2])).toBe("reversed");
    expect(claimVerdict(range, [])).toBe("n/a");
    expect(claimVerdict(point, [40, 60])).toBe("in range"); // 50 ± 14.1
    expect(claimVerdict(point, [40, 41])).toBe("below range");
    expect(claimVerdict(point, [50])).toBe("in range"); // one seed: std undefined, taken as 0
    expect(claimVerdict(point, [51])).toBe("above range");
  });

  it("claimsTable(records) gives the paired changes of the main and ablation tables and their verdicts, only for claims whose schedulers ran", () => {
    const t = claimsTable(records);
    const at = (load: number, label: string) => t.rows.find((r) => r[3] === String(load) && r[4] === label)!;
    expect(t.rows).toHaveLength(8); // 2 scenarios × 4 claims (cost-first did not run)
    expect(new Set(t.rows.map((r) => r[4]))).toEqual(new Set(["JCT vs delay-first", "cost vs delay-first", "no pathfinder: JCT", "no pathfinder: cost"]));
    expect(text(at(1, "JCT vs delay-first")[6])).toBe("50.0 ± 0.0");
    expect(at(1, "JCT vs delay-first")[7]).toBe("in range");
    expect(at(1, "cost vs delay-first")[7]).toBe("in range"); // 20 %
    expect(at(1, "no pathfinder: JCT")[7]).toBe("below range"); // +50 % ± 0 against 52.5
    expect(at(1, "no pathfinder: cost")[7]).toBe("reversed"); // −10 %
    expect(at(2, "JCT vs delay-first")[7]).toBe("below range"); // 9.1 %
    expect(text(at(2, "cost vs delay-first")[6])).toBe("-11.1 ± 0.0");
    expect(at(2, "cost vs delay-first")[7]).toBe("reversed");
  });

  it("claimsSummaryTable(records) counts scenarios per verdict and names those that reverse a claim", () => {
    const s = claimsSummaryTable(records);
    const cost = s.rows.find((r) => r[0] === "cost vs delay-first")!;
    expect(cost.slice(1, 7)).toEqual(["12.6…30.6", "2", "1", "0", "0", "1"]);
    expect(cost[7]).toBe("instances/t gen(jobs=5) bw 1 load 2");
    expect(s.rows.find((r) => r[0] === "JCT vs delay-first")![7]).toBe("—");
  });

  it("reportTables includes the claims tables only when bace and a claimed baseline or ablation ran", () => {
    expect(reportTables(records).map(([n]) => n)).toContain("claims-summary");
    const onlyFifo = records.filter((r) => r.spec.scheduler === "bace").concat(records.filter((r) => r.spec.scheduler === "bace").map((r) => ({ ...r, id: `f-${r.id}`, spec: { ...r.spec, scheduler: "fifo" } })));
    expect(hasClaims(onlyFifo)).toBe(false);
    expect(reportTables(onlyFifo).map(([n]) => n)).not.toContain("claims");
    expect(BACE_PAPER_CLAIMS.map((c) => c.other)).toEqual(["delay-first", "cost-first", "delay-first", "cost-first", "bace-no-pathfinder", "bace-no-pathfinder"]);
  });
});
