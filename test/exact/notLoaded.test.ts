import { describe, expect, it } from "vitest";
import { solveBatch } from "../../src/exact/batch.js";
import { exactScheduler } from "../../src/exact/exactScheduler.js";
import { solveOffline } from "../../src/exact/offline.js";
import { paretoFront } from "../../src/exact/pareto.js";
import { isPlaced, solvePlacement } from "../../src/exact/placement.js";
import { ExactSolverNotLoadedError, exactSolverReady, loadExactSolver, solveSync } from "../../src/exact/solveSync.js";
import { Model } from "../../src/lp/model.js";
import { constant, job, link, region, view } from "../bace/fixtures.js";
import type { Topology } from "../../src/model/types.js";

const topology: Topology = { name: "two", regions: [region("a", 4, { price: constant(0.3) }), region("b", 4, { price: constant(0.1) })], links: [link("a", "b", 100, 1)] };

// vitest runs each test file in a fresh module graph, so HiGHS is not loaded in this file until loadExactSolver()
describe("exact entry points before loadExactSolver()", () => {
  it("solvePlacement, solveBatch, solveOffline, paretoFront, the exact scheduler and solveSync throw ExactSolverNotLoadedError saying what to call first", async () => {
    expect(exactSolverReady()).toBe(false);
    const v = view(topology);
    const j = job("j", 4, { microBatches: 8 });
    const calls: Array<[string, () => unknown]> = [
      ["exact.solvePlacement", () => solvePlacement(v, j)],
      ["exact.solveBatch", () => solveBatch(v, [j])],
      ["exact.solveOffline", () => solveOffline({ topology, models: v.models, jobs: [j] })],
      ["exact.paretoFront", () => paretoFront(v, j)],
      ["exact.exactScheduler(…).decide", () => exactScheduler().decide(v, [{ job: j, waitedSec: 0 }])],
      ["solveSync", () => solveSync(new Model("m"))],
    ];
    for (const [name, call] of calls) {
      let caught: unknown = null;
      try {
        call();
      } catch (e) {
        caught = e;
      }
      expect(caught, name).toBeInstanceOf(ExactSolverNotLoadedError);
      expect((caught as Error).message).toBe(
        `${name}: the exact solver (HiGHS) is not loaded in this thread; call \`await exact.loadExactSolver()\` once before it (loading is async; the exact entry points are synchronous after it)`,
      );
    }
    await loadExactSolver();
    expect(isPlaced(solvePlacement(v, j))).toBe(true);
  });
});
