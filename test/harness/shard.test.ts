import path from "node:path";
import { describe, expect, it } from "vitest";
import { expandCells } from "../../src/harness/cells.js";
import { parseHarnessConfig } from "../../src/harness/config.js";
import { parseShard, shardCells, shardResultsName } from "../../src/harness/shard.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

function grid(): ReturnType<typeof expandCells> {
  const r = parseHarnessConfig(
    { name: "g", topologies: ["t.json"], workloads: [{ kind: "generated", jobs: 5 }], schedulers: ["bace", "delay-first", "cost-first", "fifo"], seeds: [1, 2, 3], scenarios: { load: [0.5, 1] } },
    "g.json",
    ROOT,
  );
  if (!r.ok) throw new Error("bad config");
  return expandCells(r.config);
}

describe("shards", () => {
  it("parseShard(K/N) accepts 1 ≤ K ≤ N and rejects anything else with the form to use", () => {
    expect(parseShard("2/4")).toEqual({ ok: true, shard: { index: 2, count: 4 } });
    expect(parseShard(" 1/1 ")).toEqual({ ok: true, shard: { index: 1, count: 1 } });
    for (const bad of ["0/4", "5/4", "2", "2/0", "a/b", "-1/3", "1.5/3", "2/4/6"]) {
      const r = parseShard(bad);
      expect(r.ok, bad).toBe(false);
      expect(r.ok ? "" : r.message).toMatch(new RegExp(`expected K/N .* got "${bad.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}"$`));
    }
  });

  it("shardCells(cells, K/N) over K = 1…N: disjoint slices that cover the grid, sizes within one, each in grid order", () => {
    const cells = grid();
    for (const n of [1, 2, 3, 5, 24, 30]) {
      const slices = Array.from({ length: n }, (_, k) => shardCells(cells, { index: k + 1, count: n }));
      const ids = slices.flat().map((c) => c.id);
      expect(ids).toHaveLength(cells.length);
      expect(new Set(ids)).toEqual(new Set(cells.map((c) => c.id)));
      const sizes = slices.map((s) => s.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      for (const s of slices) {
        const order = s.map((c) => cells.indexOf(c));
        expect(order).toEqual([...order].sort((a, b) => a - b));
      }
    }
  });

  it("shardCells(cells, K/N) is the same on every call and mixes schedulers (slices are by cell id, not grid position)", () => {
    const cells = grid();
    const a = shardCells(cells, { index: 1, count: 4 });
    expect(shardCells([...cells].reverse(), { index: 1, count: 4 }).map((c) => c.id).sort()).toEqual(a.map((c) => c.id).sort());
    expect(new Set(a.map((c) => c.spec.scheduler)).size).toBeGreaterThan(1);
    expect(shardResultsName({ index: 3, count: 8 })).toBe("results-3-of-8.jsonl");
  });
});
