import { describe, expect, it } from "vitest";
import { meanStdCell } from "../../src/report/meanStd.js";
import { pivotTable, selectColumns } from "../../src/report/tableOps.js";
import { toCsv, toLatex, toMarkdown, type Table } from "../../src/report/table.js";

const t: Table = {
  header: ["scenario", "scheduler", "JCT (h)", "runs"],
  keys: ["scenario", "scheduler", "jct", "runs"],
  rows: [
    ["s1", "a", meanStdCell([1, 2], { decimals: 2 }), 2],
    ["s1", "b", meanStdCell([4], { decimals: 2 }), 1],
    ["s2", "a", meanStdCell([], { decimals: 2 }), 0],
  ],
  align: ["left", "left", "right", "right"],
  caption: "T",
};

describe("mean ± std cells in the writers", () => {
  it('toMarkdown(table) shows "mean ± std", "mean ± n/a" for one value and "n/a" for none', () => {
    expect(toMarkdown(t)).toBe(
      "**T**\n\n| scenario | scheduler | JCT (h) | runs |\n| --- | --- | ---: | ---: |\n| s1 | a | 1.50 ± 0.71 | 2 |\n| s1 | b | 4.00 ± n/a | 1 |\n| s2 | a | n/a | 0 |\n",
    );
  });

  it("toCsv(table) writes mean and std as two numeric columns, empty where the std is undefined, no ±", () => {
    const csv = toCsv(t);
    expect(csv).toBe("scenario,scheduler,JCT (h) mean,JCT (h) std,runs\r\ns1,a,1.5,0.7071067811865476,2\r\ns1,b,4,,1\r\ns2,a,,,0\r\n");
    expect(csv).not.toMatch(/±/);
  });
});

describe("selectColumns / pivotTable", () => {
  it("selectColumns(table, keys) keeps and orders the chosen columns with their alignment", () => {
    const r = selectColumns(t, ["runs", "scheduler"]);
    expect(r.ok && r.table.header).toEqual(["runs", "scheduler"]);
    expect(r.ok && r.table.align).toEqual(["right", "left"]);
    expect(r.ok && r.table.rows[1]).toEqual([1, "b"]);
  });

  it("selectColumns(table, keys) with an unknown key lists the valid ones", () => {
    expect(selectColumns(t, ["jct", "cost"])).toEqual({ ok: false, message: "unknown column cost; valid columns: scenario, scheduler, jct, runs" });
  });

  it("pivotTable(table, { on, by }) gives one row per identity and a column group per value, empty where a pair is missing", () => {
    const r = pivotTable(t, { on: "scheduler", by: ["scenario"] });
    if (!r.ok) throw new Error(r.message);
    expect(r.table.header).toEqual(["scenario", "JCT (h)", "runs", "JCT (h)", "runs"]);
    expect(r.table.keys).toEqual(["scenario", "a.jct", "a.runs", "b.jct", "b.runs"]);
    expect(r.table.groups).toEqual([{ label: "", span: 1 }, { label: "a", span: 2 }, { label: "b", span: 2 }]);
    expect(r.table.rows.map((row) => row.length)).toEqual([5, 5]);
    expect(r.table.rows[1]?.slice(3)).toEqual(["", ""]);
    expect(toMarkdown(r.table).split("\n")[2]).toBe("| scenario | a: JCT (h) | a: runs | b: JCT (h) | b: runs |");
    const tex = toLatex(r.table);
    expect(tex).toContain(" & \\multicolumn{2}{c}{a} & \\multicolumn{2}{c}{b} \\\\\n\\cmidrule(lr){2-3} \\cmidrule(lr){4-5}\nscenario & JCT (h) & runs & JCT (h) & runs \\\\");
    expect(toCsv(r.table).split("\r\n")[0]).toBe("scenario,a: JCT (h) mean,a: JCT (h) std,a: runs,b: JCT (h) mean,b: JCT (h) std,b: runs");
  });

  it("pivotTable(table, { on, by }) refuses rows that the identity columns do not tell apart", () => {
    const r = pivotTable(t, { on: "scenario", by: [] });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toBe('rows are not unique per scenario (scenario "s1" appears twice); keep more identity columns (of: scheduler, jct, runs) or choose another table');
  });
});
