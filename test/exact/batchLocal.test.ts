import { beforeAll, describe, expect, it } from "vitest";
import { SHARED_JOBS, SHARED_TOPOLOGY } from "./batchFixtures.js";
import { loadExactSolver } from "../../src/exact/solveSync.js";
import { improveIncumbent } from "../../src/exact/batchLocal.js";
import { columnOf, fitsMaster, reevaluate, type Capacities, type Column, type ShapeClass } from "../../src/exact/batchMaster.js";
import { coefficients, type Coefficients } from "../../src/exact/coefficients.js";
import { DEFAULT_EXACT_OPTIONS, placeExact } from "../../src/exact/engine.js";
import { buildPathGraph } from "../../src/exact/pathGraph.js";
import { pathObjective } from "../../src/exact/pathObjective.js";
import { view } from "../bace/fixtures.js";

beforeAll(async () => {
  await loadExactSolver();
});

const topology = SHARED_TOPOLOGY;
const jobs = SHARED_JOBS;
const objective = { kind: "weighted", alpha: 0.5 } as const;

describe("improveIncumbent (batch local search)", () => {
  it("re-places jobs at their optimum on the view the others leave: a lower sum, still fitting the master's rows, re-evaluated to the same value, never below the jobs' optima alone", () => {
    const v = view(topology);
    const coefs = jobs.map((j) => coefficients(v, j) as Coefficients);
    const classes: ShapeClass[] = coefs.map((coef, i) => ({ members: [i], coef, graph: buildPathGraph(coef), obj: pathObjective(coef, objective) }));
    const first = coefs[0] as Coefficients;
    const cap: Capacities = { freeGpus: first.freeGpus, linkKeys: [...first.residualGbps.keys()].sort(), residualGbps: [...first.residualGbps.keys()].sort().map((k) => first.residualGbps.get(k) ?? 0) };
    // x and z in C, y in B: it fits (6 of C's 6 GPUs, 4 of B's 4) and leaves A idle
    const start = [[2, 2, 2], [1, 1, 1, 1], [2, 2, 2]].map((regions, c) => columnOf(c, classes[c] as ShapeClass, regions) as Column);
    expect(fitsMaster(classes, start, cap)).toBe(true);
    const startValue = start.reduce((s, col) => s + col.cost, 0);
    const res = improveIncumbent(v, coefs, classes, [0, 1, 2], cap, start, { objective, options: () => ({ ...DEFAULT_EXACT_OPTIONS, timeLimitSec: 10 }) });
    expect(res.moves).toBeGreaterThan(0);
    expect(res.chosen.some((col) => col.stages.has(0))).toBe(true); // someone moved into A
    expect(fitsMaster(classes, res.chosen, cap)).toBe(true);
    const value = res.chosen.reduce((s, col) => s + col.cost, 0);
    expect(value).toBeLessThan(startValue);
    const re = reevaluate(v, coefs, [0, 1, 2], res.chosen, objective);
    expect(re.verified).toBe(true);
    expect(re.value).toBeCloseTo(value, 9);
    // never below the sum of the jobs' optima alone (a lower bound on every joint placement; the batch MILP's check is batchColumns.test.ts)
    const alone = jobs.map((j) => placeExact(v, j, objective, { timeLimitSec: 10 }));
    expect(alone.every((a) => a.status === "optimal")).toBe(true);
    expect(value).toBeGreaterThanOrEqual(alone.reduce((s, a) => s + (a.objective as number), 0) * (1 - 1e-9));
    expect(res.met.length).toBeGreaterThan(0);
  });

  it("returns the start unchanged when the time is up before the first move", () => {
    const v = view(topology);
    const coefs = jobs.map((j) => coefficients(v, j) as Coefficients);
    const classes: ShapeClass[] = coefs.map((coef, i) => ({ members: [i], coef, graph: buildPathGraph(coef), obj: pathObjective(coef, objective) }));
    const first = coefs[0] as Coefficients;
    const cap: Capacities = { freeGpus: first.freeGpus, linkKeys: [], residualGbps: [] };
    const start = [[2, 2, 2], [1, 1, 1, 1], [2, 2, 2]].map((regions, c) => columnOf(c, classes[c] as ShapeClass, regions) as Column);
    const res = improveIncumbent(v, coefs, classes, [0, 1, 2], cap, start, { objective, options: () => null });
    expect(res.moves).toBe(0);
    expect(res.chosen.map((c) => c.key)).toEqual(start.map((c) => c.key));
  });
});
