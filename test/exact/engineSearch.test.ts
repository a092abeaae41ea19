import { describe, expect, it } from "vitest";
import { coefficients } from "../../src/exact/coefficients.js";
import { placeExact, type ExactOptions } from "../../src/exact/engine.js";
import { arcsOfRegions, buildPathGraph, pathSums } from "../../src/exact/pathGraph.js";
import { pathObjective, type ExactObjective } from "../../src/exact/pathObjective.js";
import type { Job } from "../../src/model/types.js";
import type { ClusterView } from "../../src/sim/types.js";
import { mulberry32, type Rng } from "../../src/util/rng.js";
import { emptyView, meshJob, meshTopology, tightView } from "../../bench/exact/instances.js";

/** A bench-shaped instance: a full mesh of R regions, ⌈S/2⌉ GPUs each (every region's GPUs bind), empty or capacity-tight. */
function instance(rng: Rng, R: number, S: number, tight: boolean, overlap: boolean): { view: ClusterView; job: Job } {
  const t = meshTopology(rng, R, Math.max(2, Math.ceil(S / 2)));
  return { view: tight ? tightView(rng, t, S, 1) : emptyView(t), job: { ...meshJob("j", S), commOverlap: overlap } };
}

/** The least objective over every path of the engine's graph (R^S region sequences), with and without its capacities; Infinity when none. */
function exhaustive(view: ClusterView, job: Job, objective: ExactObjective): { best: number; relaxed: number } {
  const c = coefficients(view, job);
  if (c === null) throw new Error("no model");
  const gr = buildPathGraph(c);
  const obj = pathObjective(c, objective);
  let best = Infinity;
  let relaxed = Infinity;
  const regions = new Array<number>(job.stages).fill(0);
  const visit = (k: number): void => {
    if (k === job.stages) {
      const arcs = arcsOfRegions(gr, regions);
      const s = arcs === null ? null : pathSums(gr, regions, arcs);
      if (s === null) return;
      const v = obj.value(s.bottleneckSec, s.timeSumSec, s.costRateSum, s.fixedCostUsd);
      relaxed = Math.min(relaxed, v);
      if (s.fits) best = Math.min(best, v);
      return;
    }
    for (let r = 0; r < gr.regions; r++) {
      if (!(gr.allowed[k] as boolean[])[r]) continue;
      regions[k] = r;
      visit(k + 1);
    }
  };
  visit(0);
  return { best, relaxed };
}

describe("placeExact(view, job, objective) against exhaustive enumeration of its graph", () => {
  it("finds the least objective over every path that fits, on mesh and capacity-tight instances of 3–4 regions and 4–7 stages (both send variants, three objectives)", () => {
    const rng = mulberry32(1201);
    const seen = { compared: 0, infeasible: 0, capacityBinds: 0, overlap: 0, tight: 0, kinds: new Set<string>() };
    for (let i = 0; i < 48; i++) {
      const R = 3 + (i % 2);
      const S = 4 + (i % 4);
      const tight = i % 3 !== 0;
      const overlap = i % 2 === 1;
      const { view, job } = instance(rng, R, S, tight, overlap);
      const kind = (i >> 1) % 3;
      let objective: ExactObjective = kind === 0 ? { kind: "weighted", alpha: rng() } : { kind: "time" };
      if (kind === 2) {
        const fastest = placeExact(view, job, { kind: "time" });
        if (fastest.iterationSec === null) continue;
        objective = { kind: "cost", maxIterationSec: fastest.iterationSec * (1 + 2 * rng()) };
      }
      const x = exhaustive(view, job, objective);
      // the default, and the per-block route with nothing tracked up front (the default tracks the small regions here)
      for (const e of [placeExact(view, job, objective), placeExact(view, job, objective, { trackBelowShare: 0.5 })]) {
        if (x.best === Infinity) {
          expect(e.status).toBe("infeasible");
          continue;
        }
        expect(e.status).toBe("optimal");
        expect(Math.abs((e.engineObjective as number) - x.best)).toBeLessThanOrEqual(1e-9 * Math.abs(x.best));
        expect(e.bound).toBeLessThanOrEqual(x.best * (1 + 1e-12));
      }
      if (x.best === Infinity) {
        seen.infeasible++;
        continue;
      }
      seen.compared++;
      seen.kinds.add(objective.kind);
      if (x.relaxed < x.best * (1 - 1e-9)) seen.capacityBinds++;
      if (overlap) seen.overlap++;
      if (tight) seen.tight++;
    }
    expect(seen.compared).toBeGreaterThan(30);
    expect(seen.capacityBinds).toBeGreaterThan(10);
    expect(seen.overlap).toBeGreaterThan(10);
    expect(seen.tight).toBeGreaterThan(15);
    expect([...seen.kinds].sort()).toEqual(["cost", "time", "weighted"]);
  }, 120_000);
});

describe("placeExact's search options", () => {
  // each variant takes another route through the bottleneck intervals, the Lagrangian steps and the label searches
  const variants: readonly ExactOptions[] = [
    { quickLabels: 0 },
    { lagrangeIterations: 0, singleLagrangeIterations: 0 },
    { beamWidth: 0, trackTight: false, trackBelowShare: 0.5 },
    { trackTight: true },
    { trackBelowShare: 1 },
    { firstRoundLabels: 50, quickLabels: 10, beamWidth: 16, lagrangeIterations: 12 },
  ];
  it("change the route, not the optimum, on 8-region 12-stage mesh and capacity-tight instances", () => {
    const rng = mulberry32(1202);
    let compared = 0;
    for (let i = 0; i < 8; i++) {
      const { view, job } = instance(rng, 8, 12, i % 2 === 0, i % 4 >= 2);
      const objective: ExactObjective = i % 3 === 2 ? { kind: "time" } : { kind: "weighted", alpha: 0.2 + 0.6 * rng() };
      const base = placeExact(view, job, objective, { timeLimitSec: 3600 });
      expect(base.status).toBe("optimal");
      for (const v of variants) {
        const r = placeExact(view, job, objective, { ...v, timeLimitSec: 3600 });
        expect(r.status).toBe("optimal");
        expect(Math.abs((r.objective as number) - (base.objective as number))).toBeLessThanOrEqual(1e-9 * Math.abs(base.objective as number));
        compared++;
      }
    }
    expect(compared).toBe(8 * variants.length);
  }, 900_000);
});
