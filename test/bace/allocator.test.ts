import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateCostMin } from "../../src/bace/allocator.js";
import { evaluateCandidate } from "../../src/bace/candidate.js";
import { enumerateCandidates } from "../../src/bace/pathfinder.js";
import { jobProfile } from "../../src/bace/profile.js";
import type { Topology } from "../../src/model/types.js";
import { jobArb, viewArb } from "./arbitraries.js";
import { constant, job, link, region, T2, TOY, view } from "./fixtures.js";

describe("allocateCostMin", () => {
  it("allocateCostMin(view, profile, []) is null", () => {
    const topology: Topology = { name: "a", regions: [region("A", 1)], links: [] };
    expect(allocateCostMin(view(topology), jobProfile(topology, TOY, job("x", 1)), [])).toBeNull();
  });

  it("allocateCostMin(...) picks the cheapest candidate within the tolerance and nothing cheaper is within it", () => {
    fc.assert(
      fc.property(viewArb, jobArb("a"), fc.double({ min: 0, max: 0.5, noNaN: true }), (v, j, tol) => {
        const profile = jobProfile(v.topology, TOY, j);
        const candidates = [...enumerateCandidates(v, profile)];
        const chosen = allocateCostMin(v, profile, candidates, { timeTolerance: tol });
        if (candidates.length === 0) {
          expect(chosen).toBeNull();
          return;
        }
        if (chosen === null) throw new Error("expected a choice");
        const best = Math.min(...candidates.map((c) => c.iterationSec));
        expect(chosen.bestIterationSec).toBe(best);
        expect(chosen.candidate.iterationSec).toBeLessThanOrEqual(best * (1 + tol));
        for (const c of candidates) {
          if (c.iterationSec > best * (1 + tol)) continue;
          expect(evaluateCandidate(v, profile, c)!.costUsd).toBeGreaterThanOrEqual(chosen.breakdown.costUsd);
        }
      }),
      { numRuns: 120 },
    );
  });

  it("allocateCostMin(..., { timeTolerance }) trades time for price only within the tolerance", () => {
    // F (T2 GPUs, 0.30 USD/kWh) vs S (T1, 0.05 USD/kWh), 2 GPUs each, a 2-stage job, M = 1, in one region:
    // F: t_k = 3 ms, T = 0.006 + 0.004 = 0.010 s; S: t_k = 6 ms, T = 0.012 + 0.004 = 0.016 s (+60 %).
    const topology: Topology = {
      name: "fs",
      regions: [region("F", 2, { gpu: T2, price: constant(0.3) }), region("S", 2, { price: constant(0.05) })],
      links: [link("F", "S", 1, 50)],
    };
    const v = view(topology);
    const profile = jobProfile(topology, TOY, job("t", 2));
    const candidates = [...enumerateCandidates(v, profile)];
    expect(allocateCostMin(v, profile, candidates, { timeTolerance: 0.1 })!.candidate.path).toEqual(["F", "F"]);
    expect(allocateCostMin(v, profile, candidates, { timeTolerance: 0.7 })!.candidate.path).toEqual(["S", "S"]);
  });
});
