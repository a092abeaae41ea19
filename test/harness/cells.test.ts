import { describe, expect, it } from "vitest";
import { canonicalJson, cellId, expandCells } from "../../src/harness/cells.js";
import { parseHarnessConfig, type HarnessConfig } from "../../src/harness/config.js";

function config(extra: object = {}): HarnessConfig {
  const r = parseHarnessConfig(
    {
      name: "grid",
      topologies: ["a.json", "b.json"],
      workloads: [{ kind: "generated", jobs: 10 }, { kind: "file", path: "w.json" }],
      schedulers: ["bace", "fifo", "sjf"],
      seeds: [1, 2],
      scenarios: { bandwidthScale: [1, 0.5], load: [0.5, 1, 2] },
      ...extra,
    },
    "grid.json",
    "/",
  );
  if (!r.ok) throw new Error("bad test config");
  return r.config;
}

describe("expandCells", () => {
  it("expandCells(config) gives topology × workload × scenario × scheduler × seed cells with distinct ids", () => {
    const cells = expandCells(config());
    expect(cells).toHaveLength(2 * 2 * 2 * 3 * 3 * 2);
    expect(new Set(cells.map((c) => c.id)).size).toBe(cells.length);
  });

  it("expandCells(config) ids are stable across calls and do not depend on key order", () => {
    const a = expandCells(config()).map((c) => c.id);
    const b = expandCells(config()).map((c) => c.id);
    expect(a).toEqual(b);
    const spec = expandCells(config())[0]!.spec;
    const reordered = Object.fromEntries(Object.entries(spec).reverse()) as typeof spec;
    expect(cellId(reordered)).toBe(cellId(spec));
  });

  it("cellId(spec) ignores disabled gap settings but not enabled ones", () => {
    const off = expandCells(config({ gaps: { enabled: false, timeLimitSec: 3 } }))[0]!;
    const off2 = expandCells(config())[0]!;
    const on = expandCells(config({ gaps: { enabled: true } }))[0]!;
    expect(off.id).toBe(off2.id);
    expect(on.id).not.toBe(off.id);
  });

  it("canonicalJson(value) sorts keys at every level and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: undefined } })).toBe('{"a":{"d":[2,{"e":0,"f":1}]},"b":1}');
  });
});
