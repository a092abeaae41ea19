import { beforeAll, describe, expect, it } from "vitest";
import { loadExactSolver } from "../../src/exact/solveSync.js";
import { solveBatchColumns } from "../../src/exact/batchColumns.js";
import { solveBatch } from "../../src/exact/batch.js";
import { branchPrice, branchValue, pickBranch, stagePrices, type Branch } from "../../src/exact/batchBranch.js";
import type { Column } from "../../src/exact/batchMaster.js";
import { evaluateInView } from "../../src/exact/evaluate.js";
import { applyStart } from "../../src/exact/exactScheduler.js";
import type { Topology } from "../../src/model/types.js";
import type { ClusterView } from "../../src/sim/types.js";
import { intBetween, mulberry32 } from "../../src/util/rng.js";
import { T1, T2, constant, job, link, region, view } from "../bace/fixtures.js";

beforeAll(async () => {
  await loadExactSolver();
});

/** A seeded batch on 3–4 regions with few GPUs each, so the jobs compete for the cheap fast ones. */
function seeded(seed: number): { topology: Topology; jobs: ReturnType<typeof job>[] } {
  const rng = mulberry32(seed);
  const R = intBetween(rng, 3, 4);
  const ids = ["A", "B", "C", "D"].slice(0, R);
  const regions = ids.map((id) => region(id, intBetween(rng, 2, 5), { gpu: rng() < 0.5 ? T1 : T2, price: constant(0.04 + 0.2 * rng()) }));
  const links = ids.flatMap((a, i) => ids.slice(i + 1).map((b) => link(a, b, 10 + 40 * rng(), 1 + 10 * rng())));
  const n = intBetween(rng, 3, 4);
  const jobs = Array.from({ length: n }, (_, i) => job(`j${i}`, intBetween(rng, 2, 4), { microBatches: intBetween(rng, 2, 8) }));
  return { topology: { name: `seeded${seed}`, regions, links }, jobs };
}

describe("batch branch and price", () => {
  it("brackets the batch MILP's proven optimum on seeded batches, every incumbent re-verified; where it closes the gap it agrees with the MILP", () => {
    let branched = 0;
    let closed = 0;
    for (const seed of [1, 3, 5, 6, 7, 8]) {
      const { topology, jobs } = seeded(seed);
      const v = view(topology);
      const milp = solveBatch(v, jobs, { timeLimitSec: 60 });
      if (milp.status === "infeasible") continue;
      expect(milp.status).toBe("optimal");
      const opt = milp.value as number;
      const cg = solveBatchColumns(v, jobs, { timeLimitSec: 60, gapTol: 0 });
      expect(cg.value).not.toBeNull();
      expect(cg.verified).toBe(true);
      expect(cg.bound).toBeLessThanOrEqual(opt * (1 + 1e-6) + 1e-9);
      expect(cg.value as number).toBeGreaterThanOrEqual(opt * (1 - 1e-6));
      if (cg.nodes > 1) branched++;
      if (cg.status === "optimal") {
        closed++;
        expect(cg.value as number).toBeCloseTo(opt, 6);
      }
      // the incumbent is a placement the simulator can start job after job: GPUs and links fit
      let working: ClusterView = v;
      for (const j of jobs) {
        const e = evaluateInView(working, j, cg.paths.get(j.id) as string[]);
        expect(e?.gpusFit).toBe(true);
        expect(e?.reserveFeasible).toBe(true);
        working = applyStart(working, j, cg.paths.get(j.id) as string[]);
      }
    }
    expect(branched).toBeGreaterThan(0);
    expect(closed).toBeGreaterThan(0);
  });

  it("prices a branch row per stage of its class in its region (at its stage, or at all), with its sign, and takes σ·π·rhs off the Lagrangian value", () => {
    const branches: Branch[] = [
      { cls: 0, region: 1, stage: -1, sense: "le", rhs: 2 },
      { cls: 1, region: 0, stage: -1, sense: "ge", rhs: 3 },
      { cls: 0, region: 1, stage: 1, sense: "ge", rhs: 1 },
    ];
    const prices = Float64Array.from([0.5, 0.25, /* link */ 1, /* π */ 2, 3, 0.5]);
    // class 0, g = 2, two stages over two regions: [k·R + r]
    expect([...stagePrices(0, 2, 2, 2, 1, prices, branches)]).toEqual([1, 0.5 + 2, 1, 0.5 + 2 - 0.5]);
    expect([...stagePrices(1, 1, 2, 2, 1, prices, branches)]).toEqual([0.5 - 3, 0.25, 0.5 - 3, 0.25]);
    expect(branchValue(2, 1, prices, branches)).toBeCloseTo(2 * 2 - 3 * 3 - 0.5 * 1, 12);
    const col = column(0, [1, 1]);
    expect(branchPrice(2, 1, prices, branches, col)).toBeCloseTo(2 * 2 - 0.5, 12);
    expect(branchPrice(2, 1, prices, branches, column(1, [0, 1]))).toBeCloseTo(-3, 12);
  });

  it("branches on the (class, region) stage count farthest from an integer, else on a (class, region, stage) count", () => {
    const cols = [column(0, [0, 0]), column(0, [0, 1]), column(1, [1, 1])];
    expect(pickBranch(cols, (i) => [0.5, 0.5, 1][i] as number)).toEqual({ cls: 0, region: 0, stage: -1, value: 1.5 });
    // AB and BA at one half each: one stage per region in total, but stage 0 is half in each
    expect(pickBranch([column(0, [0, 1]), column(0, [1, 0])], () => 0.5)).toEqual({ cls: 0, region: 0, stage: 0, value: 0.5 });
    expect(pickBranch(cols, (i) => [1, 0, 1][i] as number)).toBeNull();
  });
});

function column(cls: number, regions: number[]): Column {
  const stages = new Map<number, number>();
  for (const r of regions) stages.set(r, (stages.get(r) ?? 0) + 1);
  return { cls, regions, cost: 1, stages, gbps: new Map(), key: `${cls}:${regions.join(",")}` };
}
