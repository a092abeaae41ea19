import { describe, expect, it } from "vitest";
import { columnAlignments, csvField, escapeLatex, formatNumber, toCsv, toLatex, toMarkdown, type Table } from "../../src/report/table.js";

const tiny: Table = { header: ["method", "blocking %", "T (ms)"], rows: [["cba", 12.345678, 200], ["ff", 15, 250.5]], caption: "Tiny" };

describe("table writers", () => {
  it("toMarkdown(table) writes a caption, right-aligns numeric columns and formats numbers", () => {
    expect(toMarkdown(tiny)).toBe(
      "**Tiny**\n\n| method | blocking % | T (ms) |\n| --- | ---: | ---: |\n| cba | 12.35 | 200 |\n| ff | 15 | 250.5 |\n",
    );
  });

  it("toMarkdown(table) escapes pipes and pads short rows", () => {
    expect(toMarkdown({ header: ["a", "b"], rows: [["x|y"]] })).toBe("| a | b |\n| --- | --- |\n| x\\|y |  |\n");
  });

  it("toLatex(table) writes a booktabs tabular with escaped cells", () => {
    const t: Table = { header: ["name_x", "100 %"], rows: [["a & b #1", "1.0 ± 0.1"]], caption: "50% _done_", label: "tab:x", align: ["left", "center"] };
    expect(toLatex(t)).toBe(
      [
        "\\begin{table}[ht]",
        "\\centering",
        "\\caption{50\\% \\_done\\_}",
        "\\label{tab:x}",
        "\\begin{tabular}{lc}",
        "\\toprule",
        "name\\_x & 100 \\% \\\\",
        "\\midrule",
        "a \\& b \\#1 & 1.0 $\\pm$ 0.1 \\\\",
        "\\bottomrule",
        "\\end{tabular}",
        "\\end{table}",
        "",
      ].join("\n"),
    );
  });

  it("escapeLatex(s) escapes every special character and nothing else", () => {
    expect(escapeLatex("\\ & % _ # $ { } ~ ^ plain")).toBe("\\textbackslash{} \\& \\% \\_ \\# \\$ \\{ \\} \\textasciitilde{} \\textasciicircum{} plain");
  });

  it("toCsv(table) quotes per RFC 4180, uses CRLF and keeps full precision", () => {
    const t: Table = { header: ["k", "v"], rows: [["a,b", 0.123456789], ['say "hi"', 2], ["two\nlines", -1]] };
    expect(toCsv(t)).toBe('k,v\r\n"a,b",0.123456789\r\n"say ""hi""",2\r\n"two\nlines",-1\r\n');
  });

  it("csvField(s) leaves plain fields alone", () => {
    expect(csvField("plain text")).toBe("plain text");
    expect(csvField("")).toBe("");
    expect(csvField("x\r")).toBe('"x\r"');
  });

  it("columnAlignments(table) prefers explicit alignment and infers the rest", () => {
    expect(columnAlignments({ header: ["a", "b", "c"], rows: [["x", 1, 2]], align: [undefined as never, "center"] })).toEqual(["left", "center", "right"]);
  });

  it("formatNumber(x) keeps integers, rounds to significant digits and uses exponents at the extremes", () => {
    expect(formatNumber(42)).toBe("42");
    expect(formatNumber(3.14159)).toBe("3.142");
    expect(formatNumber(0.000123456)).toBe("1.235e-4");
    expect(formatNumber(NaN)).toBe("NaN");
    expect(formatNumber(2.5, 1)).toBe("3");
  });
});
