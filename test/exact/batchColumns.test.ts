import { beforeAll, describe, expect, it } from "vitest";
import { SHARED_JOBS, SHARED_TOPOLOGY } from "./batchFixtures.js";
import { loadExactSolver } from "../../src/exact/solveSync.js";
import { PLAIN_COLUMN_BATCH_OPTIONS, solveBatchColumns } from "../../src/exact/batchColumns.js";
import { solveBatch } from "../../src/exact/batch.js";
import { evaluateInView } from "../../src/exact/evaluate.js";
import { applyStart } from "../../src/exact/exactScheduler.js";
import type { ClusterView } from "../../src/sim/types.js";
import { job, view } from "../bace/fixtures.js";

beforeAll(async () => {
  await loadExactSolver();
});

const topology = SHARED_TOPOLOGY;
const jobs = SHARED_JOBS;

describe("solveBatchColumns(view, jobs)", () => {
  it.each([
    ["default options, the root alone (the tree: batchBranch.test.ts)", jobs, { branchAndPrice: false }],
    ["the first version's options", jobs, PLAIN_COLUMN_BATCH_OPTIONS],
    ["two jobs of one shape sharing columns, the root alone", [...jobs, job("x2", 3, { microBatches: 4 })], { branchAndPrice: false }],
  ] as const)("brackets the batch MILP's proven optimum (%s): bound ≤ MILP optimum ≤ its own re-evaluated value, pricing converges, and its paths fit together", (_, jobs, options) => {
    const v = view(topology);
    const cg = solveBatchColumns(v, jobs, { ...options, timeLimitSec: 60, gapTol: 0 });
    const milp = solveBatch(v, jobs, { timeLimitSec: 60 });
    expect(milp.status).toBe("optimal");
    expect(cg.value).not.toBeNull();
    const opt = milp.value as number;
    expect(cg.bound).toBeLessThanOrEqual(opt * (1 + 1e-6));
    expect(cg.value as number).toBeGreaterThanOrEqual(opt * (1 - 1e-6));
    expect(cg.converged).toBe(true);
    expect((cg.lpValue as number) - cg.bound).toBeLessThanOrEqual(1e-6 * Math.abs(cg.bound)); // converged: the bound is the master LP's value
    // the placement is one the simulator can start job after job, each hop at its demand
    let working: ClusterView = v;
    for (const j of jobs) {
      const path = cg.paths.get(j.id) as string[];
      const e = evaluateInView(working, j, path);
      expect(e?.gpusFit).toBe(true);
      expect(e?.reserveFeasible).toBe(true);
      working = applyStart(working, j, path);
    }
  });

  it("is infeasible when the GPUs cannot hold the batch (an infeasible batch is a status)", () => {
    const v = view(topology, { freeGpus: { A: 1, B: 1, C: 1 } });
    const cg = solveBatchColumns(v, jobs, { timeLimitSec: 30 });
    expect(cg.value).toBeNull();
    expect(["infeasible", "time_limit"]).toContain(cg.status);
  });
});
