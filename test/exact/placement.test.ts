import { beforeAll, describe, expect, it } from "vitest";
import { loadExactSolver, solveSync } from "../../src/exact/solveSync.js";
import { buildPlacementModel, isPlaced, solvePlacement } from "../../src/exact/placement.js";
import { Model } from "../../src/lp/model.js";
import { linkKey } from "../../src/cost/index.js";
import { T2, constant, job, link, region, view } from "../bace/fixtures.js";
import type { Topology } from "../../src/model/types.js";

beforeAll(async () => {
  await loadExactSolver();
});

/**
 * Two T1 regions: "a" at 0.3 USD/kWh, "b" at 0.1 USD/kWh, 100 Gbit/s and 1 ms
 * between them, so a cross hop with its demand reserved costs 2·(1 ms + t_f) =
 * 4 ms for 5-layer stages, the same as an intra hop: only price and room matter.
 */
function twoRegions(gpusA: number, gpusB: number): Topology {
  return {
    name: "two",
    regions: [region("a", gpusA, { price: constant(0.3) }), region("b", gpusB, { price: constant(0.1) })],
    links: [link("a", "b", 100, 1)],
  };
}

describe("solveSync", () => {
  it("solveSync(model) solves a tiny MILP to its hand-checked optimum", () => {
    const m = new Model("t");
    const x = m.addVar("x", { type: "integer", ub: 10 });
    const y = m.addVar("y", { type: "integer", ub: 10 });
    m.addConstraint("c", [[x, 2], [y, 3]], "<=", 12);
    m.setObjective("max", [[x, 1], [y, 1]]);
    const r = solveSync(m);
    expect(r.termination).toBe("optimal");
    expect(r.objective).toBeCloseTo(6, 9);
  });
});

describe("solvePlacement", () => {
  it("solvePlacement(view, job) puts every stage in the cheaper region when both have room (hand-checked T and cost)", () => {
    const out = solvePlacement(view(twoRegions(4, 4)), job("j", 4, { microBatches: 8 }));
    expect(out.status).toBe("optimal");
    if (!isPlaced(out)) return;
    expect(out.path).toEqual(["b", "b", "b", "b"]);
    // 5 layers per stage: t_f = 1 ms, t = 3 ms; intra hop 4 ms; T = 7·7 ms + 4·3 ms + 3·4 ms = 73 ms.
    expect(out.breakdown.iterationSec).toBeCloseTo(0.073, 12);
    // 4 GPUs · 400 W = 1.6 kW for 1000 · 73 ms = 73 s: 0.0324444 kWh at 0.1 USD/kWh.
    expect(out.breakdown.costUsd).toBeCloseTo((1.6 * 73) / 3600 * 0.1, 12);
    expect(out.mismatch).toBeLessThan(1e-9);
  });

  it("solvePlacement(view, job) splits across the link when the cheap region lacks GPUs", () => {
    const out = solvePlacement(view(twoRegions(4, 2)), job("j", 4, { microBatches: 8 }));
    expect(isPlaced(out)).toBe(true);
    if (!isPlaced(out)) return;
    expect(out.path.filter((r) => r === "b")).toHaveLength(2);
    expect(out.breakdown.linkDemands.map((d) => d.key)).toEqual([linkKey("a", "b")]);
    expect(out.mismatch).toBeLessThan(1e-9);
  });

  it("solvePlacement(view, job) avoids a link whose residual is below the hop's demand", () => {
    // The hop's demand is A·8/t_k = 0.016 Gbit / 3 ms = 5.33 Gbit/s; leave 5 Gbit/s on the link.
    const topo = twoRegions(4, 2);
    const out = solvePlacement(view(topo, { residualGbps: { [linkKey("a", "b")]: 5 } }), job("j", 4, { microBatches: 8 }));
    expect(isPlaced(out)).toBe(true);
    if (!isPlaced(out)) return;
    expect(out.path).toEqual(["a", "a", "a", "a"]);
  });

  it("solvePlacement(view, job) reports infeasible when the free GPUs cannot hold the stages", () => {
    const out = solvePlacement(view(twoRegions(1, 2)), job("j", 4));
    expect(out.status).toBe("infeasible");
  });

  it("solvePlacement(view, job, cost objective) takes the fast expensive region only when the time bound needs it", () => {
    const topo: Topology = {
      name: "speed",
      regions: [region("fast", 4, { gpu: T2, price: constant(0.5) }), region("slow", 4, { price: constant(0.1) })],
      links: [link("fast", "slow", 100, 10)],
    };
    const j = job("j", 4, { microBatches: 8 });
    const loose = solvePlacement(view(topo), j, { objective: { kind: "cost", maxIterationSec: 1 } });
    const tight = solvePlacement(view(topo), j, { objective: { kind: "cost", maxIterationSec: 0.06 } });
    expect(isPlaced(loose) && loose.path.every((r) => r === "slow")).toBe(true);
    expect(isPlaced(tight) && tight.path.every((r) => r === "fast")).toBe(true);
    if (isPlaced(tight)) expect(tight.breakdown.iterationSec).toBeLessThanOrEqual(0.06);
  });

  it("solvePlacement(view, job) marks the cost as approximate under hourly prices but still reports the cost model's price", () => {
    const topo: Topology = {
      name: "hourly",
      regions: [region("a", 4, { price: { kind: "hourly", usdPerKwh: [0.1, 0.5] } }), region("b", 4, { price: constant(0.2) })],
      links: [link("a", "b", 100, 1)],
    };
    const out = solvePlacement(view(topo), job("j", 4, { microBatches: 8 }));
    expect(isPlaced(out)).toBe(true);
    if (!isPlaced(out)) return;
    expect(out.costExact).toBe(false);
    expect(out.breakdown.costUsd).toBeGreaterThan(0);
  });

  it("buildPlacementModel(view, job) has S·R binaries and one bottleneck row per stage", () => {
    const built = buildPlacementModel(view(twoRegions(4, 4)), job("j", 4));
    expect(built).not.toBeNull();
    if (built === null) return;
    expect(built.model.variables.filter((v) => v.type === "binary")).toHaveLength(8);
    expect(built.model.rows.filter((r) => r.name.startsWith("bott_"))).toHaveLength(4);
  });
});
