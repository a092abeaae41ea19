/**
 * Decisions measured against the exact front (src/exact/decisionMeasure.ts,
 * runMeasure.ts), on the hand-checked toy cases of test/bace/cases.test.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { linkKey } from "../../src/cost/index.js";
import { measureDecision } from "../../src/exact/decisionMeasure.js";
import { recordDecisions } from "../../src/exact/gaps.js";
import { milpMeasureSolver, type MeasureSolver } from "../../src/exact/measureSolver.js";
import { measureRun } from "../../src/exact/runMeasure.js";
import { loadExactSolver } from "../../src/exact/solveSync.js";
import type { Topology } from "../../src/model/types.js";
import { getScheduler } from "../../src/schedulers.js";
import { constant, job, link, MODELS, region, view } from "../bace/fixtures.js";

beforeAll(async () => {
  await loadExactSolver();
});

const solver = () => milpMeasureSolver(60);

describe("measureDecision", () => {
  // E (0.20 USD/kWh) and P (0.05 USD/kWh), 2 T1 GPUs each: a 2-stage job has T = 0.046 s in
  // either region (test/bace/cases.test.ts, "price"), 4× the cost in E.
  const ep: Topology = {
    name: "ep",
    regions: [region("P", 2, { price: constant(0.05) }), region("E", 2, { price: constant(0.2) })],
    links: [link("E", "P", 10, 20)],
  };
  const j = job("C", 2, { microBatches: 4, iterations: 100_000 });

  it("measureDecision(view, job, [E, E]) finds the same-speed placement a quarter the price: cost excess 75 %, time excess 0", () => {
    const m = measureDecision(view(ep), j, ["E", "E"], solver())!;
    expect(m.status).toBe("proven");
    expect(m.costExcessAtTime).toBeCloseTo(0.75, 9);
    expect(m.timeExcessAtCost).toBeCloseTo(0, 9);
    expect(m.onFront).toBe(false);
    expect(m.weightedGap!).toBeGreaterThan(0);
    expect(m.optimumRegions).toBe(1);
    expect(m.crossRegionFeasible).toBe(true); // E–P carries the 2.67 Gbit/s demand
  });

  it("measureDecision(view, job, [P, P]) is on the front with no excess in either direction", () => {
    const m = measureDecision(view(ep), j, ["P", "P"], solver())!;
    expect(m.status).toBe("proven");
    expect(m.costExcessAtTime).toBeCloseTo(0, 9);
    expect(m.timeExcessAtCost).toBeCloseTo(0, 9);
    expect(m.weightedGap).toBeCloseTo(0, 9);
    expect(m.onFront).toBe(true);
  });

  it("measureDecision counts a decision unproven when a solver claims an optimum dearer than the heuristic's own path", () => {
    // a solver that answers the cost question with E,E at 4× P,P's cost, as HiGHS with presolve once did at a tight cap
    const inner = solver();
    const wrong: MeasureSolver = {
      name: "wrong",
      solve: (v, jj, q) => {
        const a = inner.solve(v, jj, q);
        return q.kind === "cost" ? { ...a, path: ["E", "E"], costUsd: (a.costUsd as number) * 4, value: (a.value as number) * 4, bound: (a.value as number) * 4 } : a;
      },
    };
    const m = measureDecision(view(ep), j, ["P", "P"], wrong)!;
    expect(m.status).toBe("unproven");
    expect(m.boundGap).toBe(Number.POSITIVE_INFINITY);
    expect(m.costExcessAtTime).toBeNull();
    expect(measureDecision(view(ep), j, ["P", "P"], inner)!.status).toBe("proven");
  });

  it("measureDecision(view, job, path over a link that cannot carry the demand) is outside the model, with the reason", () => {
    // X–Y grants 2 Gbit/s (residual) to a hop that needs 2.67 (test/bace/cases.test.ts, "bandwidth")
    const xyz: Topology = { name: "xyz", regions: [region("X", 1), region("Y", 1), region("Z", 1)], links: [link("X", "Y", 10, 5, 4), link("X", "Z", 10, 20, 4)] };
    const v = view(xyz, { residualGbps: { [linkKey("X", "Y")]: 2 } });
    const m = measureDecision(v, job("B", 2, { microBatches: 4 }), ["X", "Y"], solver())!;
    expect(m.status).toBe("outside");
    expect(m.outsideKind).toBe("below-demand");
    expect(m.outsideReason).toMatch(/a hop gets 2\.00 of its 2\.67 Gbit\/s demand/);
    expect(m.costExcessAtTime).toBeNull();
    expect(m.weightedGap).toBeNull();
    expect(m.crossRegionFeasible).toBe(true); // X–Z carries it
  });

  it("measureDecision reports no feasible cross-region path when every link is too thin", () => {
    const thin: Topology = { ...ep, links: [link("E", "P", 10, 20, 1)] };
    const m = measureDecision(view(thin), j, ["P", "P"], solver())!;
    expect(m.crossRegionFeasible).toBe(false);
    expect(measureDecision(view(thin), job("one", 1), ["P"], solver())!.crossRegionFeasible).toBeNull(); // one stage: not asked
  });
});

describe("measureRun", () => {
  // Region R of 4 T1 GPUs: J1 (2 stages) runs 0–100 s; J2 needs all 4 GPUs; J3 needs 2 (test/bace/cases.test.ts,
  // "head-of-line blocking"). At J3's arrival strict FIFO leaves it waiting behind J2 although it fits.
  const topology: Topology = { name: "one-region", regions: [region("R", 4)], links: [] };
  const jobs = [job("J1", 2, { arrivalSec: 0, iterations: 6250 }), job("J2", 4, { arrivalSec: 1, iterations: 2500 }), job("J3", 2, { arrivalSec: 2, iterations: 625 })];
  const input = { topology, models: MODELS, jobs };

  it("measureRun(fifo run) counts the waiting job the exact model could start; bace leaves none", async () => {
    const fifo = await measureRun(recordDecisions(input, getScheduler("fifo")), { timeLimitSec: 60 });
    expect(fifo.waiting.placeable).toBeGreaterThanOrEqual(1);
    expect(fifo.waiting.placeable).toBeLessThanOrEqual(fifo.waiting.checked);
    const bace = await measureRun(recordDecisions(input, getScheduler("bace")), { timeLimitSec: 60 });
    expect(bace.waiting.placeable).toBe(0); // J2 waits for all 4 GPUs, which no placement has
    expect(bace.waiting.checked).toBeGreaterThanOrEqual(1);
  });

  it("measureRun(run, { maxDecisions: 2 }) measures the first decision and one from the second half", async () => {
    const run = recordDecisions(input, getScheduler("bace"));
    const two = await measureRun(run, { maxDecisions: 2, timeLimitSec: 60 });
    expect(two.decisions.map((d) => d.jobId)).toEqual([run.captured[0]!.job.id, run.captured[1]!.job.id]);
    for (const d of two.decisions) {
      expect(d.status).toBe("proven");
      for (const x of [d.costExcessAtTime, d.timeExcessAtCost, d.weightedGap]) expect(x!).toBeGreaterThanOrEqual(-1e-7);
    }
  });

  it("measureRun(run) asks the exact model about every job refused at arrival: one needs four regions (placeable), one more GPUs than exist (not)", async () => {
    // four regions of one T1 GPU each, all pairs linked: a 4-stage job fits only across all four, beyond BACE-Pipe's maxRegions = 3
    const ids = ["A", "B", "C", "D"];
    const links = ids.flatMap((a, i) => ids.slice(i + 1).map((b) => link(a, b, 100, 5)));
    const four = { topology: { name: "four", regions: ids.map((id) => region(id, 1)), links }, models: MODELS, jobs: [job("wide", 4, { iterations: 100 }), job("huge", 5, { arrivalSec: 1, iterations: 100 })] };
    const run = recordDecisions(four, getScheduler("bace"));
    expect(run.rejected.map((r) => r.job.id)).toEqual(["wide", "huge"]);
    expect(run.result.records.every((r) => r.unschedulableReason !== null)).toBe(true);
    const m = await measureRun(run, { timeLimitSec: 60 });
    expect(m.rejected).toEqual({ checked: 2, placeable: 1, unknown: 0 });
    expect((await measureRun(run, { timeLimitSec: 60, maxRefused: 1 })).rejected).toEqual({ checked: 1, placeable: 1, unknown: 0 }); // the first refusal only
    const cost = await measureRun(recordDecisions(four, getScheduler("cost-first")), { timeLimitSec: 60 });
    expect(cost.rejected).toEqual({ checked: 1, placeable: 0, unknown: 0 }); // cost-first spans any number of regions: it refuses only "huge"
  });
});
