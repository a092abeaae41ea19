import { describe, expect, it } from "vitest";
import { regionGraph, regionSequences } from "../../src/bace/regionGraph.js";
import { loadTopology } from "../../src/model/index.js";
import type { Topology } from "../../src/model/types.js";
import { link, region } from "./fixtures.js";

const line: Topology = {
  name: "line",
  regions: [region("A", 1), region("B", 1), region("C", 1)],
  links: [link("A", "B", 10, 1), link("B", "C", 10, 1)],
};

describe("regionGraph / regionSequences", () => {
  it("regionGraph(topology) has one node per region and one edge per link", () => {
    const g = regionGraph(line);
    expect(g.order).toBe(3);
    expect(g.size).toBe(2);
    expect(g.hasEdge("A <-> B")).toBe(true);
  });

  it("regionSequences(line, 3) lists simple paths, fewer regions first, in topology order", () => {
    expect(regionSequences(line, 3)).toEqual([
      ["A"],
      ["B"],
      ["C"],
      ["A", "B"],
      ["B", "A"],
      ["B", "C"],
      ["C", "B"],
      ["A", "B", "C"],
      ["C", "B", "A"],
    ]);
  });

  it("regionSequences(default topology, 3) has 6 + 6·5 + 6·5·4 = 156 paths (full mesh)", () => {
    const topology = loadTopology("instances/default/topology.json");
    const seqs = regionSequences(topology, 3);
    expect(seqs.length).toBe(156);
    expect(seqs.every((s) => new Set(s).size === s.length)).toBe(true);
  });
});
