import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_GAP_SETTINGS } from "../../src/harness/config.js";
import { latestById, openResults, parseResults, readResults, type CellRecord } from "../../src/harness/results.js";

const spec = { topology: "t.json", workload: { kind: "generated", jobs: 5 }, bandwidthScale: 1, load: 1, scheduler: "bace", seed: 1, gaps: DEFAULT_GAP_SETTINGS } as const;
const err = (id: string, error: string): CellRecord => ({ id, status: "error", spec, error, wallMs: 1 });

describe("results.jsonl", () => {
  it("parseResults(text) ignores a truncated last line and reports where complete lines end", () => {
    const full = JSON.stringify(err("a", "x")) + "\n";
    const text = full + JSON.stringify(err("b", "y")).slice(0, 20);
    const r = parseResults(text);
    expect(r.records.map((x) => x.id)).toEqual(["a"]);
    expect(r.ignoredLines).toBe(1);
    expect(r.validBytes).toBe(Buffer.byteLength(full));
  });

  it("parseResults(text) skips complete lines that are not records", () => {
    const r = parseResults(`{"id":1}\nnot json\n${JSON.stringify(err("a", "x"))}\n`);
    expect(r.records).toHaveLength(1);
    expect(r.ignoredLines).toBe(2);
  });

  it("openResults(file, validBytes) cuts a truncated tail so the next append is a whole line", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "geopipe-results-"));
    const file = path.join(dir, "results.jsonl");
    writeFileSync(file, JSON.stringify(err("a", "x")) + "\n" + '{"id":"b","sta');
    const before = readResults(file);
    const w = openResults(file, before.validBytes);
    w.append(err("c", "z"));
    w.close();
    const after = readResults(file);
    expect(after.ignoredLines).toBe(0);
    expect(after.records.map((x) => x.id)).toEqual(["a", "c"]);
    expect(readFileSync(file, "utf8").endsWith("\n")).toBe(true);
  });

  it("latestById(records) keeps the last record of each id", () => {
    const m = latestById([err("a", "first"), err("b", "b"), err("a", "second")]);
    const a = m.get("a");
    expect(a?.status === "error" ? a.error : "").toBe("second");
    expect(m.size).toBe(2);
  });
});
