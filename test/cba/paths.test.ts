import { allSimplePaths } from "graphology-simple-path";
import { describe, expect, it } from "vitest";
import { buildNetwork, fibreBetween, type OpticalNetwork } from "../../src/cba/network.js";
import { nsfnet } from "../../src/cba/nsfnet.js";
import { kShortestPaths, pathLatencyMs } from "../../src/cba/paths.js";

const net = nsfnet();

function lengthOf(network: OpticalNetwork, nodes: readonly string[]): number {
  let km = 0;
  for (let i = 0; i + 1 < nodes.length; i++) km += fibreBetween(network, nodes[i] as string, nodes[i + 1] as string)?.lengthKm ?? NaN;
  return km;
}

describe("kShortestPaths", () => {
  it("kShortestPaths(nsfnet, s, t, 3) are sorted, loop-free, real and the 3 shortest of all simple paths", () => {
    for (const s of net.nodes) {
      for (const t of net.nodes) {
        if (s === t) continue;
        const paths = kShortestPaths(net, s, t, 3);
        expect(paths).toHaveLength(3);
        const brute = allSimplePaths(net.graph, s, t).map((p) => lengthOf(net, p)).sort((a, b) => a - b);
        expect(paths.map((p) => p.lengthKm)).toEqual(brute.slice(0, 3));
        for (let i = 0; i < paths.length; i++) {
          const p = paths[i]!;
          expect(p.nodes[0]).toBe(s);
          expect(p.nodes[p.nodes.length - 1]).toBe(t);
          expect(new Set(p.nodes).size).toBe(p.nodes.length);
          expect(p.fibreIds).toEqual(p.nodes.slice(1).map((n, j) => fibreBetween(net, p.nodes[j]!, n)!.id));
          expect(p.lengthKm).toBe(lengthOf(net, p.nodes));
          if (i > 0) expect(p.lengthKm).toBeGreaterThanOrEqual(paths[i - 1]!.lengthKm);
        }
        expect(new Set(paths.map((p) => p.nodes.join("-"))).size).toBe(3);
      }
    }
  });

  it("kShortestPaths(nsfnet, '1', '14', 2) is 1-8-9-13-14 (3600 km) then 1-8-9-12-14 (3750 km)", () => {
    const paths = kShortestPaths(net, "1", "14", 2);
    expect(paths.map((p) => [p.nodes.join("-"), p.lengthKm])).toEqual([
      ["1-8-9-13-14", 3600],
      ["1-8-9-12-14", 3750],
    ]);
  });

  it("kShortestPaths caches: the same call returns the same array", () => {
    expect(kShortestPaths(net, "3", "12", 3)).toBe(kShortestPaths(net, "3", "12", 3));
  });

  it("kShortestPaths returns fewer paths when fewer exist, and none for s = t", () => {
    const built = buildNetwork({ name: "line", nodes: ["a", "b", "c"], fibres: [["a", "b", 1], ["b", "c", 2]], datacenters: [] });
    if (built.status !== "ok") throw new Error("bad fixture");
    expect(kShortestPaths(built.network, "a", "c", 3).map((p) => p.nodes)).toEqual([["a", "b", "c"]]);
    expect(kShortestPaths(built.network, "a", "a", 3)).toEqual([]);
  });

  it("pathLatencyMs(lengthKm) is 5 µs per km", () => {
    expect(pathLatencyMs(1000)).toBe(5);
    expect(pathLatencyMs(150)).toBeCloseTo(0.75, 12);
  });
});
