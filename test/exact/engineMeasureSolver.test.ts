/**
 * The engine's answers to the decision measures' questions against the
 * placement MILP's (src/exact/engineMeasureSolver.ts, measureSolver.ts): the
 * same decisions measured by both, on random small instances and on
 * decisions recorded on the default instance.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { measureDecision, type DecisionMeasure } from "../../src/exact/decisionMeasure.js";
import { paretoFrontExact } from "../../src/exact/engineFront.js";
import { engineMeasureSolver } from "../../src/exact/engineMeasureSolver.js";
import { coefficients } from "../../src/exact/coefficients.js";
import { evaluateInView, objectiveOf } from "../../src/exact/evaluate.js";
import { evenlySpaced, recordDecisions } from "../../src/exact/gaps.js";
import { milpMeasureSolver } from "../../src/exact/measureSolver.js";
import { loadExactSolver } from "../../src/exact/solveSync.js";
import { loadInstance } from "../../src/model/instance.js";
import { getScheduler } from "../../src/schedulers.js";
import { generateWorkload } from "../../src/workload/generate.js";
import { build, instance } from "./randomInstances.js";

beforeAll(async () => {
  await loadExactSolver();
});

// the MILP's limit is a hang guard (these are small models), not a speed target
const milp = () => milpMeasureSolver(60);
const engine = () => engineMeasureSolver({ timeLimitSec: 60 });

/** Asserts that two measures of one decision agree: class, reason, excesses within 1e-6 when proven, cross-region feasibility. */
function expectSame(e: DecisionMeasure | null, m: DecisionMeasure | null): void {
  expect(e === null).toBe(m === null);
  if (e === null || m === null) return;
  expect(e.status).toBe(m.status);
  expect(e.outsideKind).toBe(m.outsideKind);
  expect(e.crossRegionFeasible).toBe(m.crossRegionFeasible);
  if (e.status !== "proven") return;
  for (const k of ["costExcessAtTime", "timeExcessAtCost", "weightedGap"] as const) expect(Math.abs((e[k] as number) - (m[k] as number)), k).toBeLessThan(1e-6);
  expect(e.onFront).toBe(m.onFront);
}

describe("engineMeasureSolver() against milpMeasureSolver()", () => {
  it("measureDecision gives the same class, excesses (within 1e-6) and cross-region answer with either solver on random instances and paths", () => {
    const seen = { proven: 0, offFront: 0, onFront: 0, outside: 0, infeasibleAtCost: 0 };
    const pathIndices = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 6, maxLength: 6 });
    const capFactor = fc.double({ min: 0.3, max: 1.5, noNaN: true });
    fc.assert(
      fc.property(instance, pathIndices, capFactor, (i, idx, factor) => {
        const { view: v, job: j } = build(i);
        const regions = i.regions.map((_, k) => `r${k}`);
        // a random path, or, when it does not fit, the engine's cheapest placement (on the front)
        let path = idx.slice(0, j.stages).map((k) => regions[k % regions.length] as string);
        const e0 = evaluateInView(v, j, path);
        if (e0 === null || !e0.gpusFit) {
          const cheapest = paretoFrontExact(v, j).points.at(-1);
          if (cheapest === undefined) return;
          path = [...cheapest.path];
        }
        const em = measureDecision(v, j, path, engine());
        const mm = measureDecision(v, j, path, milp());
        expectSame(em, mm);
        if (em?.status === "proven") {
          seen.proven++;
          if (em.onFront === true) seen.onFront++;
          else seen.offFront++;
        }
        if (em?.status === "outside") seen.outside++;
        // time at a cost cap below and around the heuristic's: same optimum, or both infeasible
        const h = evaluateInView(v, j, path);
        if (h === null) return;
        const question = { kind: "time" as const, maxCostUsd: h.breakdown.costUsd * factor };
        const a = engine().solve(v, j, question);
        const b = milp().solve(v, j, question);
        expect(a.status).toBe(b.status === "infeasible" ? "infeasible" : "optimal");
        if (a.status === "infeasible") seen.infeasibleAtCost++;
        else {
          expect(b.status).toBe("optimal");
          expect(Math.abs((a.value as number) - (b.value as number)) / (b.value as number)).toBeLessThan(1e-6);
          expect(a.costUsd as number).toBeLessThanOrEqual(question.maxCostUsd * (1 + 1e-9));
        }
      }),
      { numRuns: 80, seed: 21 },
    );
    expect(seen.proven).toBeGreaterThan(20);
    expect(seen.onFront).toBeGreaterThan(3);
    expect(seen.offFront).toBeGreaterThan(3);
    expect(seen.infeasibleAtCost).toBeGreaterThan(0);
  }, 240_000);

  it("the weighted optimum is the least weighted score over the complete front (the score is increasing in time and in cost)", () => {
    fc.assert(
      fc.property(instance, fc.double({ min: 0, max: 1, noNaN: true }), (i, alpha) => {
        const { view: v, job: j } = build(i);
        const front = paretoFrontExact(v, j);
        const w = engineMeasureSolver().solve(v, j, { kind: "weighted", alpha });
        if (front.status === "infeasible") {
          expect(w.status).toBe("infeasible");
          return;
        }
        expect(front.complete).toBe(true);
        expect(w.status).toBe("optimal");
        const c = coefficients(v, j);
        if (c === null) throw new Error("no coefficients");
        const scores = front.points.map((p) => objectiveOf({ kind: "weighted", alpha }, c, evaluateInView(v, j, p.path)?.breakdown as NonNullable<ReturnType<typeof evaluateInView>>["breakdown"]));
        expect(Math.abs((w.value as number) - Math.min(...scores)) / (w.value as number)).toBeLessThan(1e-6);
      }),
      { numRuns: 40, seed: 22 },
    );
  }, 120_000);

  it("stopped by its limit, the engine answers proven only when the MILP agrees, and its bounds stay below the MILP's optima", () => {
    const seen = { proven: 0, notProven: 0 };
    fc.assert(
      fc.property(instance, fc.integer({ min: 1, max: 150 }), fc.double({ min: 0.3, max: 3, noNaN: true }), (i, ticks, factor) => {
        const { view: v, job: j } = build(i);
        const cheapest = paretoFrontExact(v, j).points.at(-1);
        if (cheapest === undefined) return;
        // a clock that advances one ms per reading: the limit cuts the searches after `ticks` readings, on any machine
        let t = 0;
        const cut = engineMeasureSolver({ timeLimitSec: ticks / 1000, engine: { now: () => ++t } });
        const questions = [
          { kind: "cost" as const, maxIterationSec: cheapest.iterationSec * factor },
          { kind: "time" as const, maxCostUsd: cheapest.costUsd * factor },
          { kind: "weighted" as const, alpha: 0.5 },
        ];
        for (const q of questions) {
          const a = cut.solve(v, j, q);
          const b = milp().solve(v, j, q);
          if (b.status === "infeasible") {
            expect(a.path).toBeNull();
            continue;
          }
          expect(b.status).toBe("optimal");
          const opt = b.value as number;
          if (a.status === "optimal") {
            seen.proven++;
            expect(Math.abs((a.value as number) - opt) / opt).toBeLessThan(1e-6);
          } else {
            seen.notProven++;
            expect(a.status).not.toBe("infeasible");
            if (a.value !== null) expect(a.value).toBeGreaterThanOrEqual(opt * (1 - 1e-6));
            if (a.bound !== null) expect(a.bound).toBeLessThanOrEqual(opt * (1 + 1e-6));
          }
        }
      }),
      { numRuns: 40, seed: 23 },
    );
    expect(seen.proven).toBeGreaterThan(5);
    expect(seen.notProven).toBeGreaterThan(5);
  }, 120_000);

  it("measures the same recorded default-instance decisions of bace, delay-first and cost-first as the MILP", () => {
    const inst = loadInstance();
    const w = generateWorkload({ seed: 1, jobs: 20, load: 1, topology: inst.topology, models: inst.models });
    const input = { topology: inst.topology, models: inst.models, jobs: w.jobs };
    let proven = 0;
    for (const name of ["bace", "delay-first", "cost-first"]) {
      const run = recordDecisions(input, getScheduler(name));
      for (const k of evenlySpaced(run.captured.length, 3)) {
        const c = run.captured[k];
        if (c === undefined) continue;
        const e = measureDecision(c.view, c.job, c.path, engine());
        const m = measureDecision(c.view, c.job, c.path, milp());
        expectSame(e, m);
        if (e?.status === "proven") proven++;
      }
    }
    expect(proven).toBeGreaterThan(0);
  }, 600_000);
});
