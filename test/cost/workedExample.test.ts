/**
 * The worked example of docs/model.md, recomputed through the code. Every
 * figure is asserted against the code (relative 1e-8, i.e. the 10 significant
 * digits the doc prints) and looked up verbatim in the doc, so that neither
 * can change without the other.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { evaluatePlacementOrThrow, type PlacementBreakdown } from "../../src/cost/evaluate.js";
import type { Topology } from "../../src/model/types.js";
import { A100, constant, EXAMPLE_JOB, EXAMPLE_PATH, EXAMPLE_TOPOLOGY, GPT3_13B, region } from "./fixtures.js";

const DOC = readFileSync(fileURLToPath(new URL("../../docs/model.md", import.meta.url)), "utf8");

/** Asserts `actual` equals the figure `printed` (as written in the doc, commas allowed) and that the doc prints it. */
function figure(actual: number | undefined, printed: string): void {
  expect(DOC, `docs/model.md should print ${printed}`).toContain(printed);
  const expected = Number(printed.replaceAll(",", ""));
  expect(actual).toBeDefined();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(1e-8 * Math.abs(expected));
}

const r: PlacementBreakdown = evaluatePlacementOrThrow(EXAMPLE_TOPOLOGY, GPT3_13B, EXAMPLE_JOB, EXAMPLE_PATH);
const [s1, s2, s3, s4] = r.stages;

describe("worked example (docs/model.md): GPT-3 13B, 4 × 8 A100, path A A B B", () => {
  it("evaluatePlacement(example) splits 10 layers per stage and gives F, t_f, t_b, t_k", () => {
    expect(r.stages.map((s) => s.layers)).toEqual([10, 10, 10, 10]);
    // 24·2048·5120² + 4·2048²·5120
    figure(r.flopsPerLayer, "1,374,389,534,720");
    figure(s1?.forwardFlops, "13,743,895,347,200");
    // 13,743,895,347,200 / (8 · 312e12 · 0.4)
    figure(s1?.forwardSec, "0.01376592082");
    figure(s1?.backwardSec, "0.02753184164");
    figure(s1?.computeSec, "0.04129776246");
    for (const s of r.stages) expect(s.computeSec).toBe(s1?.computeSec);
  });

  it("evaluatePlacement(example) gives A, the demand, the hop's cap and grant, and c_k", () => {
    figure(r.activationBytes, "20,971,520");
    expect(s1?.channel?.kind).toBe("intra");
    expect(s2?.channel?.kind).toBe("inter");
    expect(s3?.channel?.kind).toBe("intra");
    expect(s4?.channel).toBeNull();
    // 167,772,160 bit / t_k, t_k = t_f + t_b
    figure(s1?.demandGbps, "4.0625");
    figure(s2?.demandGbps, "4.0625");
    // one node pair (8 GPUs per stage, 8 per node) at 4.4 Gbit/s, under the 40 Gbit/s aggregate
    figure(s2?.capGbps, "4.4");
    expect(s2?.bandwidthGbps).toBe(4.4);
    expect(s1?.bandwidthGbps).toBe(200);
    // 2·(0.00001 + 167,772,160 / 200e9)
    figure(s1?.hopSec, "0.0016977216");
    figure(s3?.hopSec, "0.0016977216");
    // 2·(0.035 + 167,772,160 / 4.4e9)
    figure(s2?.hopSec, "0.1462600727");
    figure(s2?.serialisationSec, "0.03813003636");
    expect(s4?.hopSec).toBe(0);
    expect(r.linkDemands.map((d) => [d.key, d.hops, d.capGbps])).toEqual([["A <-> B", [1], 4.4]]);
    figure(r.linkDemands[0]?.demandGbps, "4.0625");
    expect(s2?.bandwidthFeasible).toBe(true);
    expect(r.bandwidthFeasible).toBe(true);
  });

  it("evaluatePlacement(example granted 2.2 Gbit/s on A–B) falls behind its sender and slows down", () => {
    const half = evaluatePlacementOrThrow(EXAMPLE_TOPOLOGY, GPT3_13B, EXAMPLE_JOB, EXAMPLE_PATH, { linkBandwidthGbps: new Map([["A <-> B", 2.2]]) });
    expect(half.stages[1]?.bandwidthGbps).toBe(2.2);
    figure(half.stages[1]?.hopSec, "0.2225201455");
    figure(half.iterationSec, "4.348375257");
    expect(half.stages[1]?.bandwidthFeasible).toBe(false);
    expect(half.bandwidthFeasible).toBe(false);
  });

  it("evaluatePlacement(example with 16 GPUs per stage) spans two node pairs: cap 8.8 Gbit/s, demand 8.125", () => {
    const wide = evaluatePlacementOrThrow(EXAMPLE_TOPOLOGY, GPT3_13B, { ...EXAMPLE_JOB, gpusPerStage: 16 }, EXAMPLE_PATH);
    figure(wide.stages[1]?.demandGbps, "8.125");
    expect(wide.stages[1]?.capGbps).toBeCloseTo(8.8, 12);
    expect(wide.bandwidthFeasible).toBe(true);
  });

  it("evaluatePlacement(example with commOverlap) is set by the in-flight bound", () => {
    const o = evaluatePlacementOrThrow(EXAMPLE_TOPOLOGY, GPT3_13B, { ...EXAMPLE_JOB, commOverlap: true }, EXAMPLE_PATH);
    expect(o.commOverlap).toBe(true);
    figure(o.bottleneckSec, "0.07871164144");
    figure(o.iterationSec, "1.495521187");
    figure(r.stages.reduce((a, s) => a + s.computeSec + s.hopSec, 0), "0.3148465657");
  });

  it("evaluatePlacement(example) gives the bottleneck, T and the runtime", () => {
    expect(r.bottleneckStage).toBe(1); // stage 2 in the doc's 1-based numbering
    expect(r.commOverlap).toBe(false);
    figure(s1 === undefined ? undefined : s1.computeSec + s1.hopSec, "0.04299548406");
    figure(r.bottleneckSec, "0.1875578352");
    figure(15 * r.bottleneckSec, "2.813367528");
    figure(r.stages.reduce((a, s) => a + s.computeSec, 0), "0.1651910498");
    figure(r.stages.reduce((a, s) => a + s.hopSec, 0), "0.1496555159");
    figure(r.iterationSec, "3.128214094");
    figure(r.runtimeSec, "312.8214094");
    figure(r.runtimeSec / 3600, "0.08689483593");
    expect(r.startSec).toBe(0);
    expect(r.endSec).toBe(r.runtimeSec);
  });

  it("evaluatePlacement(example) gives power, energy and cost per region and in total", () => {
    expect(s1?.powerW).toBeCloseTo(3840, 9);
    expect(s3?.powerW).toBeCloseTo(3520, 9);
    expect(r.powerKwByRegion.A).toBeCloseTo(7.68, 12);
    expect(r.powerKwByRegion.B).toBeCloseTo(7.04, 12);
    expect(r.gpusByRegion).toEqual({ A: 16, B: 16 });
    figure(r.energyKwhByRegion.A, "0.6673523400");
    figure(r.energyKwhByRegion.B, "0.6117396450");
    figure(r.energyKwh, "1.279091985");
    figure(r.costUsdByRegion.A, "0.03336761700");
    figure(r.costUsdByRegion.B, "0.07340875740");
    figure(r.costUsd, "0.1067763744");
  });

  it("evaluatePlacement(example) is bandwidth-feasible from a 4.0625 Gbit/s per-pair link up, not below", () => {
    const at = (perNodePairGbps: number): boolean => {
      const t: Topology = { ...EXAMPLE_TOPOLOGY, links: [{ a: "A", b: "B", bandwidthGbps: 40, perNodePairGbps, latencyMs: 35 }] };
      return evaluatePlacementOrThrow(t, GPT3_13B, EXAMPLE_JOB, EXAMPLE_PATH).bandwidthFeasible;
    };
    expect(at(4.0625)).toBe(true);
    expect(at(4.0624)).toBe(false);
  });

  it("evaluatePlacement(example on path A A A A) gives the one-region comparison", () => {
    const one = evaluatePlacementOrThrow(EXAMPLE_TOPOLOGY, GPT3_13B, EXAMPLE_JOB, ["A", "A", "A", "A"]);
    figure(one.bottleneckSec, "0.04299548406");
    figure(one.iterationSec, "0.8152164756");
  });

  it("evaluatePlacement(example with idlePowerW = 60) gives the idle-power variant", () => {
    const gpu = { ...A100, idlePowerW: 60 };
    const topology: Topology = {
      ...EXAMPLE_TOPOLOGY,
      regions: [region("A", 1.2, constant(0.05), { gpu }), region("B", 1.1, constant(0.12), { gpu })],
    };
    const idle = evaluatePlacementOrThrow(topology, GPT3_13B, EXAMPLE_JOB, EXAMPLE_PATH);
    figure(idle.iterationSec, "3.128214094");
    figure(EXAMPLE_JOB.microBatches * (s1?.computeSec ?? NaN), "0.6607641994");
    figure((EXAMPLE_JOB.microBatches * (s1?.computeSec ?? NaN)) / r.iterationSec, "0.2112272944");
    figure(idle.stages[0]?.averagePowerW, "1265.445889");
    figure(idle.stages[2]?.averagePowerW, "1159.992065");
    figure(idle.energyKwhByRegion.A, "0.2199214258");
    figure(idle.energyKwhByRegion.B, "0.2015946403");
    figure(idle.energyKwh, "0.4215160661");
    figure(idle.costUsd, "0.03518742813");
  });
});
