import { describe, expect, it } from "vitest";
import { evaluatePlacementOrThrow } from "../../src/cost/evaluate.js";
import { grantLinks } from "../../src/cost/grant.js";
import { EXAMPLE_JOB, EXAMPLE_TOPOLOGY, GPT3_13B } from "./fixtures.js";

// Worked example: each cross-region hop has demand 4.0625 Gbit/s and cap 4.4 (one node pair).
const oneHop = evaluatePlacementOrThrow(EXAMPLE_TOPOLOGY, GPT3_13B, EXAMPLE_JOB, ["A", "A", "B", "B"]);
const twoHops = evaluatePlacementOrThrow(EXAMPLE_TOPOLOGY, GPT3_13B, EXAMPLE_JOB, ["A", "B", "A", "A"]);

describe("grantLinks", () => {
  it("grantLinks(alone, residual) grants min(Σ caps, residual) per link", () => {
    expect(grantLinks(oneHop, () => 40).grantedGbps.get("A <-> B")).toBe(4.4);
    expect(grantLinks(oneHop, () => 3).grantedGbps.get("A <-> B")).toBe(3);
    expect(grantLinks(oneHop, () => -1).grantedGbps.get("A <-> B")).toBe(0);
    expect(grantLinks(twoHops, () => 40).grantedGbps.get("A <-> B")).toBeCloseTo(8.8, 12);
  });

  it("grantLinks(alone, residual) reports the hop furthest below its demand", () => {
    const full = grantLinks(oneHop, () => 40);
    expect(full.minShareOfDemand).toBeCloseTo(4.4 / 4.0625, 12);
    expect(full.worst).toEqual({ key: "A <-> B", stage: 1, shareGbps: 4.4, demandGbps: 4.0625 });
    // two hops share 6 Gbit/s: 3 each, 3 / 4.0625 of the demand
    const tight = grantLinks(twoHops, () => 6);
    expect(tight.minShareOfDemand).toBeCloseTo(3 / 4.0625, 12);
    expect(tight.worst?.stage).toBe(0);
  });

  it("grantLinks(one-region path) grants nothing and has no worst hop", () => {
    const local = evaluatePlacementOrThrow(EXAMPLE_TOPOLOGY, GPT3_13B, EXAMPLE_JOB, ["A", "A", "A", "A"]);
    const g = grantLinks(local, () => 0);
    expect(g.grantedGbps.size).toBe(0);
    expect(g.worst).toBeNull();
    expect(g.minShareOfDemand).toBe(Infinity);
  });
});
