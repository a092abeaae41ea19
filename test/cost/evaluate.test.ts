import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CostModelError } from "../../src/cost/errors.js";
import { evaluatePlacement, evaluatePlacementOrThrow, jobDemandGbps } from "../../src/cost/evaluate.js";
import type { Price, Topology } from "../../src/model/types.js";
import { constant, EXAMPLE_JOB, EXAMPLE_PATH, EXAMPLE_TOPOLOGY, GPT3_13B, region } from "./fixtures.js";

function errorOf(result: ReturnType<typeof evaluatePlacement>) {
  if (result.ok) throw new Error("expected an error value");
  return result.error;
}

describe("evaluatePlacement errors", () => {
  it("evaluatePlacement(..., path of the wrong length) is a path_length error", () => {
    const e = errorOf(evaluatePlacement(EXAMPLE_TOPOLOGY, GPT3_13B, EXAMPLE_JOB, ["A", "A", "B"]));
    expect(e).toMatchObject({ kind: "path_length", expected: 4, actual: 3 });
    expect(e.message).toContain("job.stages = 4");
  });

  it("evaluatePlacement(..., path with an unknown region) names the index and the known regions", () => {
    const e = errorOf(evaluatePlacement(EXAMPLE_TOPOLOGY, GPT3_13B, EXAMPLE_JOB, ["A", "A", "Z", "B"]));
    expect(e).toMatchObject({ kind: "unknown_region", stage: 2, regionId: "Z" });
    expect(e.message).toContain('path[2] = "Z"');
    expect(e.message).toContain("A, B");
  });

  it("evaluatePlacement(..., hop without a link) is a no_link error naming the pair", () => {
    const topology: Topology = { ...EXAMPLE_TOPOLOGY, links: [] };
    const e = errorOf(evaluatePlacement(topology, GPT3_13B, EXAMPLE_JOB, EXAMPLE_PATH));
    expect(e).toMatchObject({ kind: "no_link", stage: 1, from: "A", to: "B" });
    expect(e.message).toContain("path[1] -> path[2]");
  });

  it("evaluatePlacement(topology, other model, job, path) is a model_mismatch error", () => {
    const e = errorOf(evaluatePlacement(EXAMPLE_TOPOLOGY, { ...GPT3_13B, name: "other" }, EXAMPLE_JOB, EXAMPLE_PATH));
    expect(e).toMatchObject({ kind: "model_mismatch", jobModel: "gpt3-13b", modelName: "other" });
  });

  it("evaluatePlacement(..., job with more stages than layers) is an invalid_job error on stages", () => {
    const job = { ...EXAMPLE_JOB, stages: 41 };
    const e = errorOf(evaluatePlacement(EXAMPLE_TOPOLOGY, GPT3_13B, job, Array(41).fill("A")));
    expect(e).toMatchObject({ kind: "invalid_job", field: "stages" });
    expect(e.message).toContain("[1, 40]");
  });

  it("evaluatePlacement(..., region with an empty hourly series) is an invalid_price error", () => {
    const topology: Topology = {
      ...EXAMPLE_TOPOLOGY,
      regions: [region("A", 1.2, { kind: "hourly", usdPerKwh: [] }), region("B", 1.1, constant(0.1))],
    };
    const e = errorOf(evaluatePlacement(topology, GPT3_13B, EXAMPLE_JOB, EXAMPLE_PATH));
    expect(e).toMatchObject({ kind: "invalid_price", regionId: "A" });
  });

  it("evaluatePlacementOrThrow(...) throws CostModelError carrying the error value", () => {
    let caught: unknown;
    try {
      evaluatePlacementOrThrow(EXAMPLE_TOPOLOGY, GPT3_13B, EXAMPLE_JOB, ["A"]);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(CostModelError);
    expect((caught as CostModelError).error.kind).toBe("path_length");
  });
});

describe("evaluatePlacement breakdown", () => {
  it("evaluatePlacement(...) splits 40 layers over 3 stages as 14, 13, 13 and the 14-layer stage is the bottleneck", () => {
    const job = { ...EXAMPLE_JOB, stages: 3 };
    const r = evaluatePlacementOrThrow(EXAMPLE_TOPOLOGY, GPT3_13B, job, ["A", "A", "A"]);
    expect(r.stages.map((s) => s.layers)).toEqual([14, 13, 13]);
    expect(r.bottleneckStage).toBe(0);
    // t_f per layer = 1,374,389,534,720 / 9.984e14 = 0.00137659208205 s; stage 0: 14 layers
    expect(r.stages[0]?.forwardSec).toBeCloseTo(14 * 0.001376592082051282, 12);
    expect(r.gpusByRegion).toEqual({ A: 24 });
    expect(r.linkDemands).toEqual([]);
    expect(r.bandwidthFeasible).toBe(true);
  });

  it("evaluatePlacement(...) computes each stage on its own region's GPU", () => {
    const fast = { name: "fast", peakTflopsBf16: 624, powerW: 700, memoryGb: 80 };
    const topology: Topology = {
      ...EXAMPLE_TOPOLOGY,
      regions: [region("A", 1.2, constant(0.05)), region("B", 1.1, constant(0.12), { gpu: fast })],
    };
    const r = evaluatePlacementOrThrow(topology, GPT3_13B, EXAMPLE_JOB, EXAMPLE_PATH);
    // twice the peak → half the time; 8·700·1.1 = 6160 W per stage in B
    expect(r.stages[2]?.forwardSec).toBeCloseTo((r.stages[0]?.forwardSec ?? 0) / 2, 15);
    expect(r.stages[3]?.powerW).toBeCloseTo(6160, 9);
    // a faster sender needs more bandwidth: demand doubles
    expect(r.stages[2]?.demandGbps).toBeCloseTo(2 * (r.stages[0]?.demandGbps ?? 0), 9);
  });

  it("evaluatePlacement(...) sums two hops of one job over the same link (A → B → A)", () => {
    const r = evaluatePlacementOrThrow(EXAMPLE_TOPOLOGY, GPT3_13B, EXAMPLE_JOB, ["A", "B", "A", "A"]);
    // each hop: A·8/t_k = 167,772,160 bit / 0.0412977625 s = 4.0625 Gbit/s; two hops → 8.125;
    // each hop's cap is one node pair, 4.4 Gbit/s; two → 8.8, under the 40 Gbit/s aggregate
    expect(r.linkDemands).toHaveLength(1);
    expect(r.linkDemands[0]?.key).toBe("A <-> B");
    expect(r.linkDemands[0]?.hops).toEqual([0, 1]);
    expect(r.linkDemands[0]?.demandGbps).toBeCloseTo(8.125, 9);
    expect(r.linkDemands[0]?.capGbps).toBeCloseTo(8.8, 9);
    expect(r.stages.map((s) => s.bandwidthGbps)).toEqual([4.4, 4.4, 200, 0]);
    expect(r.bandwidthFeasible).toBe(true);
    const demands = jobDemandGbps(EXAMPLE_TOPOLOGY, GPT3_13B, EXAMPLE_JOB, ["A", "B", "A", "A"]);
    expect(demands.ok && demands.value).toEqual(r.linkDemands);
  });

  it("evaluatePlacement(...) splits a tight aggregate among the job's hops on the link (A → B → A on 6 Gbit/s)", () => {
    const tight: Topology = { ...EXAMPLE_TOPOLOGY, links: [{ a: "A", b: "B", bandwidthGbps: 6, perNodePairGbps: 4.4, latencyMs: 35 }] };
    const r = evaluatePlacementOrThrow(tight, GPT3_13B, EXAMPLE_JOB, ["A", "B", "A", "A"]);
    // alone: min(8.8, 6) = 6 Gbit/s, 3 each; 2·(0.035 + 167,772,160 / 3e9) = 0.18184810666…
    expect(r.stages[0]?.bandwidthGbps).toBeCloseTo(3, 12);
    expect(r.stages[1]?.bandwidthGbps).toBeCloseTo(3, 12);
    expect(r.stages[0]?.hopSec).toBeCloseTo(2 * (0.035 + 167772160 / 3e9), 12);
    expect(r.bandwidthFeasible).toBe(false);
  });

  it("evaluatePlacement(...) is bandwidth-feasible once the hop's cap carries the demand", () => {
    // without perNodePairGbps a hop may use the whole link
    const wide = (bandwidthGbps: number): Topology => ({
      ...EXAMPLE_TOPOLOGY,
      links: [{ a: "B", b: "A", bandwidthGbps, latencyMs: 35 }],
    });
    expect(evaluatePlacementOrThrow(wide(4.0625), GPT3_13B, EXAMPLE_JOB, EXAMPLE_PATH).bandwidthFeasible).toBe(true);
    expect(evaluatePlacementOrThrow(wide(4.06), GPT3_13B, EXAMPLE_JOB, EXAMPLE_PATH).bandwidthFeasible).toBe(false);
    const feasible = evaluatePlacementOrThrow(wide(4.0625), GPT3_13B, EXAMPLE_JOB, EXAMPLE_PATH);
    expect(feasible.stages.map((s) => s.bandwidthFeasible)).toEqual([true, true, true, true]);
    expect(feasible.stages[1]?.capGbps).toBe(4.0625);
  });

  it("evaluatePlacement(..., { startSec }) integrates an hourly price from the start", () => {
    // The run lasts 312.82 s: starting at 0 it sees only hour 0 (0.05), at 3600 only hour 1 (0.5).
    const hourly = (series: number[]): Topology => ({
      ...EXAMPLE_TOPOLOGY,
      regions: [region("A", 1.2, { kind: "hourly", usdPerKwh: series }), region("B", 1.1, constant(0.12))],
    });
    const base = evaluatePlacementOrThrow(EXAMPLE_TOPOLOGY, GPT3_13B, EXAMPLE_JOB, EXAMPLE_PATH);
    const t = hourly([0.05, 0.5]);
    const at0 = evaluatePlacementOrThrow(t, GPT3_13B, EXAMPLE_JOB, EXAMPLE_PATH, { startSec: 0 });
    const at1h = evaluatePlacementOrThrow(t, GPT3_13B, EXAMPLE_JOB, EXAMPLE_PATH, { startSec: 3600 });
    expect(at0.costUsdByRegion.A).toBeCloseTo(base.costUsdByRegion.A ?? NaN, 12);
    expect(at1h.costUsdByRegion.A).toBeCloseTo(10 * (base.costUsdByRegion.A ?? NaN), 12);
    expect(at1h.costUsdByRegion.B).toBeCloseTo(base.costUsdByRegion.B ?? NaN, 12);
    expect(at1h.startSec).toBe(3600);
    expect(at1h.endSec).toBeCloseTo(3600 + base.runtimeSec, 9);
    // straddling the boundary: half the run in each hour when it starts runtime/2 before 3600
    const mid = evaluatePlacementOrThrow(t, GPT3_13B, EXAMPLE_JOB, EXAMPLE_PATH, { startSec: 3600 - base.runtimeSec / 2 });
    expect(mid.costUsdByRegion.A).toBeCloseTo(5.5 * (base.costUsdByRegion.A ?? NaN), 12);
  });

  it("evaluatePlacement(...).costUsd is linear in the prices", () => {
    const withPrices = (pa: Price, pb: Price): Topology => ({
      ...EXAMPLE_TOPOLOGY,
      regions: [region("A", 1.2, pa), region("B", 1.1, pb)],
    });
    const series = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 24 });
    fc.assert(
      fc.property(
        series,
        series,
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 2e5, noNaN: true }),
        fc.array(fc.constantFrom("A", "B"), { minLength: 4, maxLength: 4 }),
        (sa, sb, scale, startSec, path) => {
          const price = (s: number[], k = 1): Price => ({ kind: "hourly", usdPerKwh: s.map((x) => k * x) });
          const cost = (t: Topology) => evaluatePlacementOrThrow(t, GPT3_13B, EXAMPLE_JOB, path, { startSec }).costUsd;
          const one = cost(withPrices(price(sa), price(sb)));
          const scaled = cost(withPrices(price(sa, scale), price(sb, scale)));
          expect(Math.abs(scaled - scale * one)).toBeLessThanOrEqual(1e-9 * Math.max(1, scale * one));
          // additive: cost(p + q) = cost(p) + cost(q), here with q a constant 0.03 USD/kWh everywhere
          const plus = cost(withPrices(price(sa.map((x) => x + 0.03)), price(sb.map((x) => x + 0.03))));
          const q = cost(withPrices(constant(0.03), constant(0.03)));
          expect(Math.abs(plus - (one + q))).toBeLessThanOrEqual(1e-9 * Math.max(1, plus));
        },
      ),
      { numRuns: 100 },
    );
  });
});
