import { describe, expect, it } from "vitest";
import { evaluatePlacementOrThrow } from "../../src/cost/evaluate.js";
import { EXAMPLE_JOB, EXAMPLE_PATH, EXAMPLE_TOPOLOGY, GPT3_13B } from "../cost/fixtures.js";
import { TINY, toyJob, toyRegion, usd } from "./fixtures.js";

describe("evaluatePlacement(..., { linkBandwidthGbps })", () => {
  it("evaluatePlacement(..., { linkBandwidthGbps: the hop's cap }) equals the default evaluation (the job alone)", () => {
    const plain = evaluatePlacementOrThrow(EXAMPLE_TOPOLOGY, GPT3_13B, EXAMPLE_JOB, EXAMPLE_PATH);
    const same = evaluatePlacementOrThrow(EXAMPLE_TOPOLOGY, GPT3_13B, EXAMPLE_JOB, EXAMPLE_PATH, { linkBandwidthGbps: new Map([["A <-> B", 4.4]]) });
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
    expect(half.linkDemands).toEqual(plain.linkDemands); // demand and cap do not depend on the share
  });

  it("evaluatePlacement(..., { linkBandwidthGbps }) splits a link among the job's hops in proportion to their caps", () => {
    // A, B, A: two hops over A–B (4 layers over 3 stages: 2, 1, 1 → t_k 6, 3, 3 s; demands 16/6 and 16/3 e-9 Gbit/s);
    // both hops have the same cap (one node pair, the whole 1 Gbit/s link), so each gets half of the 24e-9 given
    const topology = { name: "t", regions: [toyRegion("A", 4, usd(0.1)), toyRegion("B", 4, usd(0.1))], links: [{ a: "A", b: "B", bandwidthGbps: 1, latencyMs: 0 }] };
    const job = toyJob("j", 0, { stages: 3 });
    const r = evaluatePlacementOrThrow(topology, TINY, job, ["A", "B", "A"], { linkBandwidthGbps: new Map([["A <-> B", 24e-9]]) });
    expect(r.stages[0]?.demandGbps).toBeCloseTo(16e-9 / 6, 20);
    expect(r.stages[1]?.demandGbps).toBeCloseTo(16e-9 / 3, 20);
    expect(r.stages[0]?.bandwidthGbps).toBeCloseTo(12e-9, 20);
    expect(r.stages[1]?.bandwidthGbps).toBeCloseTo(12e-9, 20);
    // each hop 2·16 bit / 12 bit/s
    expect(r.stages[0]?.hopSec).toBeCloseTo(32 / 12, 9);
    expect(r.stages[1]?.hopSec).toBeCloseTo(32 / 12, 9);
  });
});
