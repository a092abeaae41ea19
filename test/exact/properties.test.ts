import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadExactSolver } from "../../src/exact/solveSync.js";
import { isPlaced, solvePlacement } from "../../src/exact/placement.js";
import { coefficients } from "../../src/exact/coefficients.js";
import { evaluateInView, objectiveOf } from "../../src/exact/evaluate.js";
import { paretoFront } from "../../src/exact/pareto.js";
import { linkKey } from "../../src/cost/index.js";
import { getScheduler } from "../../src/schedulers.js";
import type { Topology } from "../../src/model/types.js";
import { T1, T2, constant, job, link, region, view } from "../bace/fixtures.js";

beforeAll(async () => {
  await loadExactSolver();
});

/** A random 2–3 region instance, a job of 2–4 stages and a view with partly used links. */
const instance = fc.record({
  regions: fc.array(
    fc.record({ gpus: fc.integer({ min: 1, max: 4 }), fast: fc.boolean(), price: fc.double({ min: 0.05, max: 0.5, noNaN: true }), pue: fc.double({ min: 1, max: 1.5, noNaN: true }) }),
    { minLength: 2, maxLength: 3 },
  ),
  links: fc.array(fc.record({ gbps: fc.double({ min: 5, max: 100, noNaN: true }), latencyMs: fc.double({ min: 0.5, max: 20, noNaN: true }), used: fc.double({ min: 0, max: 0.9, noNaN: true }) }), { minLength: 3, maxLength: 3 }),
  stages: fc.integer({ min: 2, max: 4 }),
  microBatches: fc.integer({ min: 1, max: 8 }),
  alpha: fc.double({ min: 0, max: 1, noNaN: true }),
});

type Instance = typeof instance extends fc.Arbitrary<infer T> ? T : never;

function build(i: Instance) {
  const ids = i.regions.map((_, k) => `r${k}`);
  const topology: Topology = {
    name: "random",
    regions: i.regions.map((r, k) => region(ids[k] as string, r.gpus, { gpu: r.fast ? T2 : T1, price: constant(r.price), pue: r.pue })),
    links: ids.flatMap((a, k) => ids.slice(k + 1).map((b, m) => ({ a, b, l: i.links[(k + m) % 3] as { gbps: number; latencyMs: number; used: number } }))).map(({ a, b, l }) => link(a, b, l.gbps, l.latencyMs)),
  };
  const residualGbps: Record<string, number> = {};
  topology.links.forEach((l, k) => (residualGbps[linkKey(l.a, l.b)] = l.bandwidthGbps * (1 - (i.links[k % 3]?.used ?? 0))));
  return { topology, view: view(topology, { residualGbps }), job: job("j", i.stages, { microBatches: i.microBatches }) };
}

describe("placement MILP properties", () => {
  it("solvePlacement(view, job) is never worse than bace, delay-first or cost-first on the same objective, and matches its re-evaluation", () => {
    let compared = 0;
    fc.assert(
      fc.property(instance, (i) => {
        const { view: v, job: j } = build(i);
        const objective = { kind: "weighted", alpha: i.alpha } as const;
        const out = solvePlacement(v, j, { objective });
        const c = coefficients(v, j);
        if (c === null) throw new Error("no coefficients");
        if (isPlaced(out)) {
          expect(out.status).toBe("optimal");
          expect(out.mismatch).toBeLessThan(1e-6);
        }
        for (const name of ["bace", "delay-first", "cost-first"]) {
          const d = getScheduler(name).decide(v, [{ job: j, waitedSec: 0 }]);
          const placed = d.start[0];
          if (placed === undefined) continue;
          const e = evaluateInView(v, j, placed.path);
          if (e === null || !e.reserveFeasible || !e.gpusFit) continue; // outside the MILP's feasible set (a stalled hop)
          expect(isPlaced(out)).toBe(true);
          if (!isPlaced(out)) continue;
          const h = objectiveOf(objective, c, e.breakdown);
          expect(out.value).toBeLessThanOrEqual(h * (1 + 1e-7) + 1e-12);
          // the incumbent cap on T is valid: it never changes the optimum
          const capped = solvePlacement(v, j, { objective, incumbentValue: h });
          expect(isPlaced(capped)).toBe(true);
          if (isPlaced(capped)) expect(capped.value).toBeCloseTo(out.value, 6);
          compared++;
        }
      }),
      { numRuns: 20, seed: 7 },
    );
    expect(compared).toBeGreaterThan(10);
  });

  it("paretoFront(view, job) has cost non-increasing as ε grows and every point within its ε", () => {
    fc.assert(
      fc.property(instance, (i) => {
        const { view: v, job: j } = build(i);
        const front = paretoFront(v, j, { points: 4 });
        if (front.status !== "ok") return;
        expect(front.monotone).toBe(true);
        for (const p of front.points) expect(p.iterationSec).toBeLessThanOrEqual(p.epsilonSec * (1 + 1e-7));
        const eps = front.points.map((p) => p.epsilonSec);
        expect([...eps].sort((a, b) => a - b)).toEqual(eps);
      }),
      { numRuns: 6, seed: 11 },
    );
  });
});
