import { describe, expect, it } from "vitest";
import { DEFAULT_GAP_SETTINGS } from "../../src/harness/config.js";
import { mergeResults, recordContent } from "../../src/harness/merge.js";
import type { CellRecord, OkRecord, ReadResults } from "../../src/harness/results.js";

const spec = (seed: number) => ({ topology: "t.json", workload: { kind: "generated" as const, jobs: 5 }, bandwidthScale: 1, load: 1, scheduler: "bace", seed, gaps: DEFAULT_GAP_SETTINGS });

function ok(id: string, seed: number, meanJctSec: number, wallMs = 10): OkRecord {
  return {
    id,
    status: "ok",
    spec: spec(seed),
    metrics: { jobs: 5, finished: 5, unschedulable: 0, policyErrors: 0, meanJctSec, p95JctSec: meanJctSec, totalCostUsd: 1, totalEnergyKwh: 2, makespanSec: 100 },
    jctsSec: [meanJctSec],
    gaps: {
      version: 2,
      solver: "milp",
      decisions: [],
      waiting: { events: 0, checked: 0, placeable: 0, unknown: 0 },
      schedule: { jobs: 2, status: "optimal", heuristicMeanJctSec: 5, boundMeanJctSec: 4, gap: 0.2, covered: true, solveMs: wallMs },
    },
    gapError: null,
    wallMs,
  };
}
const err = (id: string, seed: number): CellRecord => ({ id, status: "error", spec: spec(seed), error: "WorkerCrash: out of memory", wallMs: 5 });
const file = (records: CellRecord[]): ReadResults => ({ records, ignoredLines: 0, validBytes: 0 });

describe("mergeResults", () => {
  it("recordContent(r) ignores wall and MILP solve times and nothing else", () => {
    expect(recordContent(ok("a", 1, 50, 10))).toBe(recordContent(ok("a", 1, 50, 999)));
    expect(recordContent(ok("a", 1, 50))).not.toBe(recordContent(ok("a", 1, 51)));
  });

  it("mergeResults(files) keeps one record per cell in first-seen order and counts duplicates", () => {
    const m = mergeResults([
      { file: "a.jsonl", results: file([ok("c1", 1, 50), ok("c2", 2, 60)]) },
      { file: "b.jsonl", results: file([ok("c3", 3, 70), ok("c1", 1, 50, 77)]) },
    ]);
    expect(m.records.map((r) => r.id)).toEqual(["c1", "c2", "c3"]);
    expect(m.records[0]?.wallMs).toBe(10);
    expect(m.duplicates).toBe(1);
    expect(m.conflicts).toEqual([]);
  });

  it("mergeResults(files) takes the latest record of a cell within a file, and a finished record over a failed one across files", () => {
    const m = mergeResults([
      { file: "a.jsonl", results: file([err("c1", 1), ok("c2", 2, 60)]) },
      { file: "b.jsonl", results: file([err("c2", 2), ok("c1", 1, 50), err("c3", 3), ok("c3", 3, 70)]) },
    ]);
    expect(m.records.map((r) => [r.id, r.status])).toEqual([["c1", "ok"], ["c2", "ok"], ["c3", "ok"]]);
    expect(m.recovered).toBe(2);
    expect(m.duplicates).toBe(2);
  });

  it("mergeResults(files) reports two finished records of a cell with different content as a conflict naming the files", () => {
    const m = mergeResults([
      { file: "a.jsonl", results: file([ok("c1", 1, 50)]) },
      { file: "b.jsonl", results: file([ok("c1", 1, 50)]) },
      { file: "c.jsonl", results: file([ok("c1", 1, 52)]) },
    ]);
    expect(m.conflicts).toHaveLength(1);
    expect(m.conflicts[0]?.id).toBe("c1");
    expect(m.conflicts[0]?.files).toEqual(["a.jsonl", "c.jsonl"]);
  });
});
