import { describe, expect, it } from "vitest";
import { evaluatePlacementOrThrow } from "../../src/cost/evaluate.js";
import { EXAMPLE_JOB, EXAMPLE_PATH, EXAMPLE_TOPOLOGY, GPT3_13B } from "../cost/fixtures.js";
import { TINY, toyJob, toyRegion, usd } from "./fixtures.js";

describe("evaluatePlacement(..., { linkBandwidthGbps })", () => {
  it("evaluatePlacement(..., { linkBandwidthGbps: capacity }) equals the default evaluation", () => {
    const plain = evaluatePlacementOrThrow(EXAMPLE_TOPOLOGY, GPT3_13B, EXAMPLE_JOB, EXAMPLE_PATH);
    const same = evaluatePlacementOrThrow(EXAMPLE_TOPOLOGY, GPT3_13B, EXAMPLE_JOB, EXAMPLE_PATH, { linkBandwidthGbps: new Map([["A <-> B", 5]]) });
    expect(same).toEqual(plain);
  });

  it("evaluatePlacement(..., { linkBandwidthGbps }) times the inter-region hop with the given bandwidth", () => {
    const plain = evaluatePlacementOrThrow(EXAMPLE_TOPOLOGY, GPT3_13B, EXAMPLE_JOB, EXAMPLE_PATH);
    const half = evaluatePlacementOrThrow(EXAMPLE_TOPOLOGY, GPT3_13B, EXAMPLE_JOB, EXAMPLE_PATH, { linkBandwidthGbps: new Map([["A <-> B", 2.5]]) });
    const bits = plain.activationBytes * 8;
    expect(half.stages[1]?.hopSec).toBeCloseTo(2 * (0.035 + bits / 2.5e9), 12);
    expect(half.stages[0]?.hopSec).toBe(plain.stages[0]?.hopSec); // intra-region hop unchanged
    expect(half.iterationSec).toBeGreaterThan(plain.iterationSec);
    expect(half.costUsd).toBeGreaterThan(plain.costUsd);
    expect(half.linkDemands).toEqual(plain.linkDemands); // demand does not depend on the share
  });

  it("evaluatePlacement(..., { linkBandwidthGbps }) splits a link among the job's hops in proportion to their demands", () => {
    // A, B, A: two hops over A–B with equal demand 16 bit / 1 s = 16e-9 Gbit/s each (4 layers over 3 stages: 2, 1, 1 → t_f 2, 1, 1 s)
    const topology = { name: "t", regions: [toyRegion("A", 4, usd(0.1)), toyRegion("B", 4, usd(0.1))], links: [{ a: "A", b: "B", bandwidthGbps: 1, latencyMs: 0 }] };
    const job = toyJob("j", 0, { stages: 3 });
    const r = evaluatePlacementOrThrow(topology, TINY, job, ["A", "B", "A"], { linkBandwidthGbps: new Map([["A <-> B", 24e-9]]) });
    // demands 8e-9 (t_f = 2 s) and 16e-9 (t_f = 1 s): shares 8e-9 and 16e-9, each hop 2·16/(share·1e9) s = 4 s and 2 s
    expect(r.stages[0]?.demandGbps).toBeCloseTo(8e-9, 20);
    expect(r.stages[1]?.demandGbps).toBeCloseTo(16e-9, 20);
    expect(r.stages[0]?.hopSec).toBeCloseTo(4, 9);
    expect(r.stages[1]?.hopSec).toBeCloseTo(2, 9);
  });
});
