import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvError, parseCsv, parseCsvRows } from "../../src/model/csv.js";

/** RFC 4180 writer used to check the parser: quote every field that needs it. */
function toCsv(rows: readonly (readonly string[])[], eol: string): string {
  return rows.map((r) => r.map((f) => (/[",\r\n]/.test(f) || f === "" ? `"${f.replace(/"/g, '""')}"` : f)).join(",")).join(eol);
}

describe("parseCsvRows(text)", () => {
  it("parseCsvRows(text) reads quoted commas, doubled quotes and line breaks inside quotes", () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\nlines"\n1,,3';
    expect(parseCsvRows(text)).toEqual([["a", "b", "c"], ["x, y", 'say "hi"', "two\nlines"], ["1", "", "3"]]);
  });

  it("parseCsvRows(text) ignores a BOM and a final line break", () => {
    expect(parseCsvRows("\uFEFFa,b\n1,2\n")).toEqual([["a", "b"], ["1", "2"]]);
  });

  it("parseCsvRows(text) rejects an unterminated quote and a stray quote", () => {
    expect(() => parseCsvRows('a\n"open')).toThrow(CsvError);
    expect(() => parseCsvRows('a"b,c')).toThrow(/quote inside an unquoted field/);
  });

  it("parseCsvRows(toCsv(rows)) returns the rows for any table of strings", () => {
    const row = fc.array(fc.string({ unit: fc.constantFrom("a", "é", " ", ",", '"', "\n", "\r"), maxLength: 8 }), { minLength: 2, maxLength: 2 });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 6 }), fc.constantFrom("\n", "\r\n"), (rows, eol) => {
        expect(parseCsvRows(toCsv(rows, eol))).toEqual(rows);
      }),
      { numRuns: 200 },
    );
  });
});

describe("parseCsv(text)", () => {
  it("parseCsv(text) keys records by header and rejects ragged rows", () => {
    expect(parseCsv("src,dst\naws:a,aws:b\n").records).toEqual([{ src: "aws:a", dst: "aws:b" }]);
    expect(() => parseCsv("a,b\n1\n")).toThrow(/row 2: 1 fields, header has 2/);
  });

  it("parseCsv(text) ignores blank lines at the end (LF or CRLF), but not a blank line inside", () => {
    expect(parseCsv("a,b\r\n1,2\r\n\r\n").records).toEqual([{ a: "1", b: "2" }]);
    expect(parseCsv("a,b\n1,2\n\n\n").records).toEqual([{ a: "1", b: "2" }]);
    expect(() => parseCsv("a,b\n\n1,2\n")).toThrow(/row 2: 1 fields, header has 2/);
  });
});
