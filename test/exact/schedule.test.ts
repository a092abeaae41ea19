import { beforeAll, describe, expect, it } from "vitest";
import { loadExactSolver } from "../../src/exact/solveSync.js";
import { exactScheduler } from "../../src/exact/exactScheduler.js";
import { solveOffline, offlineCandidates } from "../../src/exact/offline.js";
import { evenlySpaced, recordDecisions, scheduleGap } from "../../src/exact/gaps.js";
import { solveBatch } from "../../src/exact/batch.js";
import { isPlaced, solvePlacement } from "../../src/exact/placement.js";
import { applyStart } from "../../src/exact/exactScheduler.js";
import { simulate } from "../../src/sim/simulate.js";
import { verifyRun } from "../../src/sim/verify.js";
import type { SimInput } from "../../src/sim/result.js";
import { getScheduler } from "../../src/schedulers.js";
import type { Topology } from "../../src/model/types.js";
import { MODELS, T2, constant, job, link, region, view } from "../bace/fixtures.js";

beforeAll(async () => {
  await loadExactSolver();
});

/** Three regions on a line, mixed speed and price, 4 GPUs each. */
const TOPO: Topology = {
  name: "line3",
  regions: [region("a", 4, { gpu: T2, price: constant(0.3) }), region("b", 4, { price: constant(0.1) }), region("c", 4, { price: constant(0.2) })],
  links: [link("a", "b", 40, 2), link("b", "c", 40, 2)],
};

function input(n: number): SimInput {
  const jobs = Array.from({ length: n }, (_, i) => job(`j${i}`, 2 + (i % 3), { arrivalSec: 5 * i, microBatches: 4, iterations: 200 }));
  return { topology: TOPO, models: MODELS, jobs };
}

describe("exactScheduler", () => {
  it("simulate(input, exactScheduler()) runs every job with no policy error and passes verifyRun", () => {
    const inp = input(6);
    const result = simulate(inp, exactScheduler());
    expect(result.policyErrors).toEqual([]);
    expect(result.records.every((r) => r.startSec !== null)).toBe(true);
    expect(verifyRun(inp, result)).toEqual([]);
  });
});

describe("solveOffline", () => {
  it("solveOffline(input) of one job arriving at 0 bounds its JCT by its fastest candidate's runtime", () => {
    const inp: SimInput = { topology: TOPO, models: MODELS, jobs: [job("solo", 3, { microBatches: 4, iterations: 200 })] };
    const out = solveOffline(inp);
    const fastest = Math.min(...offlineCandidates(inp, inp.jobs[0]!, 6).map((c) => c.durationSec));
    expect(out.status).toBe("optimal");
    expect(out.boundMeanJctSec).toBeCloseTo(fastest, 9);
  });

  it("scheduleGap(input, result) never exceeds bace's mean JCT when the bound covers its schedule", async () => {
    const inp = input(5);
    const result = simulate(inp, getScheduler("bace"));
    const gap = await scheduleGap(inp, result, { slots: 30 });
    expect(gap.status).toBe("optimal");
    expect(gap.boundMeanJctSec).not.toBeNull();
    if (gap.covered) expect(gap.boundMeanJctSec!).toBeLessThanOrEqual(gap.heuristicMeanJctSec * (1 + 1e-9));
    expect(gap.gap === null || gap.gap >= -1e-9 || !gap.covered).toBe(true);
  });
});

describe("recordDecisions", () => {
  it("recordDecisions(input, scheduler) gives the same records as simulate, and captures one decision per placement", () => {
    const inp = input(6);
    for (const name of ["bace", "delay-first", "cost-first"]) {
      const run = recordDecisions(inp, getScheduler(name));
      expect(run.result.records).toEqual(simulate(inp, getScheduler(name)).records);
      expect(run.decisions).toBe(run.result.records.filter((r) => r.startSec !== null).length);
    }
  });

  it("evenlySpaced(n, m) picks floor(k·n/m), all indices when m ≥ n", () => {
    expect(evenlySpaced(10, 4)).toEqual([0, 2, 5, 7]);
    expect(evenlySpaced(3, 5)).toEqual([0, 1, 2]);
    expect(evenlySpaced(0, 5)).toEqual([]);
    expect(evenlySpaced(7, 0)).toEqual([]);
  });
});

describe("solveBatch", () => {
  it("solveBatch(view, jobs) is no worse than placing the jobs one by one exactly", () => {
    const v = view(TOPO);
    const jobs = [job("p", 4, { microBatches: 4 }), job("q", 4, { microBatches: 4 })];
    const batch = solveBatch(v, jobs);
    expect(batch.status).toBe("optimal");
    expect(batch.mismatch!).toBeLessThan(1e-6);
    let working = v;
    let sequential = 0;
    for (const j of jobs) {
      const out = solvePlacement(working, j);
      expect(isPlaced(out)).toBe(true);
      if (!isPlaced(out)) return;
      sequential += out.value;
      working = applyStart(working, j, out.path);
    }
    expect(batch.value!).toBeLessThanOrEqual(sequential * (1 + 1e-7));
    const used = [...batch.paths.values()].flat();
    for (const r of ["a", "b", "c"]) expect(used.filter((x) => x === r).length).toBeLessThanOrEqual(4);
  });
});
