import fc from "fast-check";
import { afterAll, describe, expect, test } from "vitest";
import { makespanLowerBound } from "../../src/crosspipe/bounds.js";
import { gpipe } from "../../src/crosspipe/gpipe.js";
import { greedy } from "../../src/crosspipe/greedy.js";
import { uniformInstance, type PipelineInstance } from "../../src/crosspipe/instance.js";
import { benchInstance } from "../../bench/crosspipe/instances.js";
import { milp } from "../../src/crosspipe/milp.js";
import { buildScheduleMilp } from "../../src/crosspipe/milpModel.js";
import { oneFOneB } from "../../src/crosspipe/oneFOneB.js";
import { makespanSec } from "../../src/crosspipe/schedule.js";
import { scheduleStats } from "../../src/crosspipe/stats.js";
import { verifySchedule } from "../../src/crosspipe/verify.js";
import { createHighsBackend, shutdownHighs } from "../../src/lp/backends/highs.js";
import type { Backend, SolveResult } from "../../src/lp/result.js";
import { instanceArb } from "./arbitraries.js";
import { bruteForceMakespan } from "./bruteForce.js";

// Inline HiGHS: these models are tiny, and the test must not depend on the worker thread.
const backend = createHighsBackend({ mode: "inline" });
afterAll(() => shutdownHighs());

/** An instance on which the in-order MILP beats every heuristic (found by a random search, seed 3). */
const BEATS_GREEDY: PipelineInstance = {
  microBatches: 4,
  forwardSec: [4, 3, 1],
  backwardSec: [3, 3, 1],
  hops: [
    { latencyMs: 201, bandwidthGbps: 8, activationBytes: 894232386 },
    { latencyMs: 5, bandwidthGbps: 8, activationBytes: 2999047006 },
  ],
  memoryLimit: Infinity,
};

const SOLVED_AT_LEAST = 5;

async function checkAgainstHeuristics(inst: PipelineInstance, inOrder: boolean): Promise<void> {
  const out = await milp(inst, { backend, inOrder });
  expect(out.status).toBe("optimal");
  expect(verifySchedule(inst, out.schedule)).toEqual([]);
  for (const p of scheduleStats(inst, out.schedule).peakInFlight) expect(p).toBeLessThanOrEqual(inst.memoryLimit);
  const g = makespanSec(greedy(inst));
  const worst = Math.max(makespanSec(gpipe(inst)), makespanSec(oneFOneB(inst)));
  expect(out.makespanSec).toBeLessThanOrEqual(g + 1e-9);
  expect(g).toBeLessThanOrEqual(worst + 1e-9);
  expect(out.makespanSec).toBeGreaterThanOrEqual(makespanLowerBound(inst) - 1e-9);
  expect(out.lowerBoundSec).toBeLessThanOrEqual(out.makespanSec + 1e-9);
  expect(out.gap).toBeLessThanOrEqual(1e-4);
}

describe("milp", () => {
  test("milp(inst) equals the exhaustive optimum over all stage and link orders (S ≤ 3, M = 2)", async () => {
    const cases = fc.sample(instanceArb({ maxStages: 3, maxMicroBatches: 2 }), { numRuns: 8, seed: 31 });
    cases.push(uniformInstance({ stages: 2, microBatches: 2, latencyMs: 700, activationBytes: 2e9, bandwidthGbps: 8, memoryLimit: 1 }));
    let solved = 0;
    for (const inst of cases) {
      const exact = bruteForceMakespan(inst);
      const general = await milp(inst, { backend });
      const inOrder = await milp(inst, { backend, inOrder: true });
      expect(general.status).toBe("optimal");
      expect(general.makespanSec).toBeCloseTo(exact, 6);
      expect(inOrder.makespanSec).toBeCloseTo(exact, 6);
      if (general.solved) solved++;
    }
    // Most cases need the solver (greedy does not meet the simple lower bound).
    expect(solved).toBeGreaterThanOrEqual(SOLVED_AT_LEAST);
  });

  test("milp(inst) skips the solver when greedy meets makespanLowerBound(inst)", async () => {
    const inst = uniformInstance({ stages: 3, microBatches: 4 });
    const out = await milp(inst, { backend });
    expect(out.solved).toBe(false);
    expect(out.status).toBe("optimal");
    expect(out.makespanSec).toBe(18);
    expect(out.lowerBoundSec).toBe(18);
  });

  test("milp(inst) ≤ greedy(inst) ≤ max(GPipe, 1F1B) under the same memory limit (S 2–4, M 2–3, general form)", async () => {
    const cases = fc.sample(instanceArb({ maxStages: 4, maxMicroBatches: 3 }), { numRuns: 12, seed: 32 });
    for (const inst of cases) await checkAgainstHeuristics(inst, false);
  });

  test("milp(inst, { inOrder: true }) ≤ greedy(inst) ≤ max(GPipe, 1F1B) (S 2–4, M 2–4)", async () => {
    const cases = fc.sample(instanceArb({ maxStages: 4, maxMicroBatches: 4 }), { numRuns: 15, seed: 33 });
    for (const inst of cases) await checkAgainstHeuristics(inst, true);
  });

  test("milp(inst, { inOrder: true }) beats every heuristic on an instance with uneven stages and slow links", async () => {
    const out = await milp(BEATS_GREEDY, { backend, inOrder: true });
    expect(out.status).toBe("optimal");
    expect(verifySchedule(BEATS_GREEDY, out.schedule)).toEqual([]);
    expect(out.greedyMakespanSec).toBeCloseTo(makespanSec(greedy(BEATS_GREEDY)), 9);
    expect(out.makespanSec).toBeLessThan(out.greedyMakespanSec - 0.5);
  });

  test("milp(inst, { inOrder: true }) solves a tight model that HiGHS presolve calls infeasible, by retrying without presolve", async () => {
    // From test/crosspipe/sweep.ts (seed 1, K = 2, instance #29): greedy is optimal, and with
    // makespan ≤ greedy HiGHS 1.15 presolve reports the in-order model infeasible.
    const inst: PipelineInstance = {
      microBatches: 8,
      forwardSec: [0.23, 0.277, 0.218, 0.217],
      backwardSec: [0.46, 0.554, 0.436, 0.434],
      hops: [
        { latencyMs: 61, bandwidthGbps: 6.5, activationBytes: 20971520 },
        { latencyMs: 86, bandwidthGbps: 8.1, activationBytes: 20971520 },
        { latencyMs: 131, bandwidthGbps: 4.5, activationBytes: 20971520 },
      ],
      memoryLimit: 2,
    };
    const out = await milp(inst, { backend, inOrder: true, timeLimitSec: 20 });
    expect(out.status).toBe("optimal");
    expect(out.retriedWithoutPresolve).toBe(true); // now inside the HiGHS backend (SolveResult.presolveRetried)
    expect(out.makespanSec).toBeCloseTo(out.greedyMakespanSec, 6);
    expect(verifySchedule(inst, out.schedule)).toEqual([]);
  });

  test("milp(inst, { timeLimitSec }) returns a verified schedule with lower bound ≤ makespan and the matching gap", async () => {
    // Takes HiGHS a few seconds to prove optimal without a limit.
    const inst: PipelineInstance = {
      microBatches: 4,
      forwardSec: [2, 1, 2, 1],
      backwardSec: [3, 7, 2, 1],
      hops: [
        { latencyMs: 3, bandwidthGbps: 8, activationBytes: 44789216 },
        { latencyMs: 1147, bandwidthGbps: 8, activationBytes: 15 },
        { latencyMs: 4, bandwidthGbps: 8, activationBytes: 129879045 },
      ],
      memoryLimit: Infinity,
    };
    const out = await milp(inst, { backend, timeLimitSec: 0.5 });
    expect(out.solved).toBe(true);
    // Which one depends on the machine's speed; each must keep the invariants below.
    expect(["optimal", "time_limit", "no_incumbent"]).toContain(out.status);
    expect(out.makespanSec).toBeLessThanOrEqual(out.greedyMakespanSec + 1e-9);
    expect(verifySchedule(inst, out.schedule)).toEqual([]);
    expect(out.lowerBoundSec).toBeLessThanOrEqual(out.makespanSec + 1e-9);
    expect(out.lowerBoundSec).toBeGreaterThanOrEqual(makespanLowerBound(inst) - 1e-9);
    expect(out.gap).toBeCloseTo((out.makespanSec - out.lowerBoundSec) / out.makespanSec, 12);
  });

  test("milp(inst, { backend }) reports a stopped solver's incumbent as time_limit with its bound and gap", async () => {
    // The real point, relabelled as if a time limit had stopped the search with bound 0.9·H.
    const stopped: Backend = {
      ...backend,
      solve: async (model, options) => ({ ...(await backend.solve(model, options)), termination: "time_limit", bound: 0.9 }),
    };
    const out = await milp(BEATS_GREEDY, { backend: stopped, inOrder: true });
    expect(out.status).toBe("time_limit");
    expect(verifySchedule(BEATS_GREEDY, out.schedule)).toEqual([]);
    expect(out.makespanSec).toBeLessThan(out.greedyMakespanSec);
    const expectedLb = Math.max(0.9 * out.greedyMakespanSec, makespanLowerBound(BEATS_GREEDY));
    expect(out.lowerBoundSec).toBeCloseTo(expectedLb, 9);
    expect(out.gap).toBeCloseTo((out.makespanSec - expectedLb) / out.makespanSec, 9);
  });

  test("milp(inst, { backend }) falls back to the greedy schedule when the solver returns no point", async () => {
    const scripted: Backend = {
      name: "highs",
      limits: { dualBound: true, timeLimit: true, mipStart: false },
      solve: async (): Promise<SolveResult> => ({
        backend: "highs",
        termination: "time_limit",
        primal: "no_solution",
        objective: null,
        bound: 0.5,
        gap: null,
        values: null,
        check: null,
        timeMs: 1,
        rawStatus: "scripted",
        presolveRetried: false,
      }),
    };
    const inst = BEATS_GREEDY;
    const out = await milp(inst, { backend: scripted });
    expect(out.solved).toBe(true);
    expect(out.status).toBe("no_incumbent");
    expect(out.schedule).toEqual(greedy(inst));
    expect(out.makespanSec).toBe(out.greedyMakespanSec);
    // Bound 0.5 in units of the greedy makespan, or the simple bound if larger.
    expect(out.lowerBoundSec).toBeCloseTo(Math.max(0.5 * out.greedyMakespanSec, makespanLowerBound(inst)), 9);
  });

  test("buildScheduleMilp(...).startFrom(greedy) sets every start time, the makespan and every order binary", () => {
    const inst = benchInstance(4, 6);
    const g = greedy(inst);
    const built = buildScheduleMilp(inst, makespanSec(g));
    const start = built.startFrom(g);
    const given = new Set(start.map(([v]) => v.index));
    for (const v of built.model.variables) {
      if (v.type === "binary" || v.name.startsWith("s") || v.name.startsWith("x") || v.name === "Cmax") expect(given.has(v.index), v.name).toBe(true);
    }
    for (const [v, value] of start) {
      expect(value).toBeGreaterThanOrEqual(v.lb - 1e-9);
      expect(value).toBeLessThanOrEqual(v.ub + 1e-9);
      if (v.type === "binary") expect([0, 1]).toContain(value);
    }
    expect(start.find(([v]) => v === built.makespan)?.[1]).toBeCloseTo(1, 12);
  });

  test("milp(inst, { timeLimitSec: 5, greedyStart: true }) gets the greedy schedule as a MIP start: a point, not no_incumbent (S 8, M 8, general form)", async () => {
    // Without the start this solve returned no point even within 10 s (bench/crosspipe, earlier run).
    // 5 s rather than 1 s: a limit the start might not survive on a loaded machine made the test speed-dependent.
    const inst = benchInstance(8, 8);
    const out = await milp(inst, { timeLimitSec: 5, greedyStart: true });
    expect(out.status).not.toBe("no_incumbent");
    expect(out.makespanSec).toBeLessThanOrEqual(out.greedyMakespanSec * (1 + 1e-9));
    expect(verifySchedule(inst, out.schedule)).toEqual([]);
  });

  test("trap, pinned: with the greedy start HiGHS claims 'optimal' at the greedy makespan on in-order S 4, M 8, where milp() without it proves a shorter one", async () => {
    // Why greedyStart is off by default. If a HiGHS upgrade fixes this, this test fails: revisit the default.
    const inst = benchInstance(4, 8);
    const plain = await milp(inst, { inOrder: true, timeLimitSec: 30, backend });
    const started = await milp(inst, { inOrder: true, timeLimitSec: 30, backend, greedyStart: true });
    expect(plain.status).toBe("optimal");
    expect(plain.makespanSec).toBeLessThan(plain.greedyMakespanSec * (1 - 1e-3));
    expect(started.status).toBe("optimal");
    expect(started.makespanSec).toBeCloseTo(started.greedyMakespanSec, 9);
  });
});
