import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadExactSolver } from "../../src/exact/solveSync.js";
import { placeExact } from "../../src/exact/engine.js";
import { crossCheckMilp } from "../../src/exact/crossCheck.js";
import { coefficients } from "../../src/exact/coefficients.js";
import { evaluateInView } from "../../src/exact/evaluate.js";
import type { ExactObjective } from "../../src/exact/pathObjective.js";
import type { Topology } from "../../src/model/types.js";
import { T2, constant, job, link, region, view } from "../bace/fixtures.js";
import { build, instance, type Instance } from "./randomInstances.js";

beforeAll(async () => {
  await loadExactSolver();
});

/** The objective of an instance; a cost cap is a factor of the fastest placement's time (found by the engine). */
function objectiveOf(i: Instance, v: ReturnType<typeof build>["view"], j: ReturnType<typeof build>["job"]): ExactObjective | null {
  if (i.objective.kind !== "cost") return i.objective;
  const fastest = placeExact(v, j, { kind: "time" });
  if (fastest.iterationSec === null) return null;
  return { kind: "cost", maxIterationSec: fastest.iterationSec * i.objective.capFactor };
}

describe("placeExact(view, job, objective) against the placement MILP", () => {
  it("agrees with the MILP on random instances of both send variants, tight GPUs and links (objective within 1e-6 when both prove optimality)", () => {
    const seen = { compared: 0, overlap: 0, blocking: 0, infeasible: 0, gpuTight: 0, revisits: 0, idle: 0, kinds: new Set<string>() };
    fc.assert(
      fc.property(instance, (i) => {
        const { view: v, job: j } = build(i);
        const objective = objectiveOf(i, v, j);
        if (objective === null) {
          expect(placeExact(v, j, { kind: "weighted", alpha: 0.5 }).status).toBe("infeasible");
          return;
        }
        const e = placeExact(v, j, objective);
        expect(["optimal", "infeasible"]).toContain(e.status);
        const check = crossCheckMilp(v, j, objective, e, { timeLimitSec: 30 });
        if (e.status === "infeasible") {
          expect(check.milp.status).toBe("infeasible");
          seen.infeasible++;
          return;
        }
        // what the engine reports is the cost model's evaluation, and matches its own value
        expect(e.mismatch).toBeLessThan(1e-9);
        const path = e.path as string[];
        const re = evaluateInView(v, j, path);
        expect(re?.reserveFeasible).toBe(true);
        expect(re?.gpusFit).toBe(true);
        if (objective.kind === "cost") expect(e.iterationSec as number).toBeLessThanOrEqual(objective.maxIterationSec * (1 + 1e-9));
        expect(check.milp.status).toBe("optimal");
        expect(check.relDiff).not.toBeNull();
        expect(check.relDiff as number).toBeLessThan(1e-6);
        expect(e.bound).toBeLessThanOrEqual((e.objective as number) * (1 + 1e-12));
        seen.compared++;
        seen.kinds.add(objective.kind);
        if (i.overlap) seen.overlap++;
        else seen.blocking++;
        if (i.regions.some((r) => r.idle)) seen.idle++;
        const c = coefficients(v, j);
        const used = new Map<string, number>();
        for (const r of path) used.set(r, (used.get(r) ?? 0) + 1);
        if (c !== null && c.regions.some((id, r) => (used.get(id) ?? 0) * j.gpusPerStage === c.freeGpus[r])) seen.gpuTight++;
        if (path.some((r, k) => k > 0 && r !== path[k - 1] && path.slice(0, k - 1).includes(r))) seen.revisits++;
      }),
      { numRuns: 60, seed: 12 },
    );
    expect(seen.compared).toBeGreaterThan(30);
    expect(seen.overlap).toBeGreaterThan(5);
    expect(seen.blocking).toBeGreaterThan(5);
    expect(seen.gpuTight).toBeGreaterThan(5);
    expect(seen.idle).toBeGreaterThan(5);
    expect([...seen.kinds].sort()).toEqual(["cost", "time", "weighted"]);
  }, 120_000);
});

describe("placeExact on paths that revisit a region", () => {
  // A: fast and cheap, 2 GPUs, but a 0.2 Gbit/s fabric inside (an intra hop costs 2·(1 ms + 80 ms));
  // B: 1 GPU. Three stages must use A twice; A,B,A avoids A's fabric and crosses A–B twice.
  const topo = (perNodePairGbps: number | undefined): Topology => ({
    name: "revisit",
    regions: [region("A", 2, { gpu: T2, price: constant(0.05), intraBandwidthGbps: 0.2 }), region("B", 1, { price: constant(0.1) })],
    links: [link("A", "B", 100, 1, perNodePairGbps)],
  });
  it("chooses A,B,A when the link holds both hops' grants (per-node-pair cap 40 of 100), as the MILP does", () => {
    const v = view(topo(40));
    const j = job("j", 3);
    for (const overlap of [false, true]) {
      const jj = { ...j, commOverlap: overlap };
      const e = placeExact(v, jj, { kind: "time" });
      expect(e.status).toBe("optimal");
      expect(e.path).toEqual(["A", "B", "A"]);
      const check = crossCheckMilp(v, jj, { kind: "time" }, e);
      expect(check.relDiff as number).toBeLessThan(1e-6);
    }
  });
  it("does not use A–B twice when one hop's grant is the whole residual (no per-node-pair cap): the link row excludes A,B,A", () => {
    const v = view(topo(undefined));
    const j = job("j", 3);
    const e = placeExact(v, j, { kind: "time" });
    expect(e.status).toBe("optimal");
    expect(e.path).not.toEqual(["A", "B", "A"]);
    const check = crossCheckMilp(v, j, { kind: "time" }, e);
    expect(check.relDiff as number).toBeLessThan(1e-6);
  });
  it("reports infeasible, with an infinite bound, when the GPUs cannot hold the job", () => {
    const v = view(topo(40), { freeGpus: { A: 1, B: 1 } });
    const e = placeExact(v, job("j", 3), { kind: "weighted", alpha: 0.5 });
    expect(e.status).toBe("infeasible");
    expect(e.path).toBeNull();
    expect(e.bound).toBe(Infinity);
  });
});
