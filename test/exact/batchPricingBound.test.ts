import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { coefficients } from "../../src/exact/coefficients.js";
import { scoreLowerBound } from "../../src/exact/batchPricingBound.js";
import { arcsOfRegions, buildPathGraph, pathSums } from "../../src/exact/pathGraph.js";
import { pathObjective } from "../../src/exact/pathObjective.js";
import { build, instance } from "./randomInstances.js";

/** Every region sequence of S stages over R regions. */
function allPaths(S: number, R: number): number[][] {
  let paths: number[][] = [[]];
  for (let k = 0; k < S; k++) paths = paths.flatMap((p) => Array.from({ length: R }, (_, r) => [...p, r]));
  return paths;
}

describe("scoreLowerBound(graph, weights)", () => {
  it.each([
    ["plain McCormick, slots ignored", { pieces: 1, blockSlots: false }, false],
    ["piecewise, slots ignored", { pieces: 6, blockSlots: false }, false],
    ["piecewise with block slots (default)", {}, true],
  ] as const)("%s: is at most the weighted score of every path of the priced graph (that fits its slots, when they count), and its own path scores at least it", (_name, options, slotsCount) => {
    const prices = fc.record({ stage: fc.array(fc.double({ min: 0, max: 0.5, noNaN: true }), { minLength: 4, maxLength: 4 }), link: fc.double({ min: 0, max: 0.01, noNaN: true }), alpha: fc.double({ min: 0, max: 0.99, noNaN: true }) });
    fc.assert(
      fc.property(instance, prices, (i, pr) => {
        const { view, job } = build(i);
        const c = coefficients(view, job);
        if (c === null) return;
        const linkUsdPerGbps = new Map([...c.residualGbps.keys()].map((k) => [k, pr.link] as const));
        const gr = buildPathGraph(c, { stageUsd: pr.stage.slice(0, c.regions.length), linkUsdPerGbps });
        const obj = pathObjective(c, { kind: "weighted", alpha: pr.alpha });
        const lb = scoreLowerBound(gr, { wt: pr.alpha / c.tRefSec, wc: (1 - pr.alpha) / c.costRefUsd }, options);
        let least = Infinity;
        for (const regions of allPaths(job.stages, c.regions.length)) {
          const arcs = arcsOfRegions(gr, regions);
          const s = arcs === null ? null : pathSums(gr, regions, arcs);
          if (s !== null && (!slotsCount || s.overRegions.length === 0)) least = Math.min(least, obj.value(s.bottleneckSec, s.timeSumSec, s.costRateSum, s.fixedCostUsd));
        }
        expect(lb.bound).toBeLessThanOrEqual(least * (1 + 1e-9) + 1e-12);
        if (least === Infinity && !slotsCount) expect(lb.bound).toBe(Infinity); // with slots, the block relaxation may keep paths that revisit a region
        if (lb.regions !== null) {
          const arcs = arcsOfRegions(gr, lb.regions) as number[];
          const s = pathSums(gr, lb.regions, arcs);
          expect(s).not.toBeNull();
          if (s !== null) expect(obj.value(s.bottleneckSec, s.timeSumSec, s.costRateSum, s.fixedCostUsd)).toBeGreaterThanOrEqual(lb.bound * (1 - 1e-9) - 1e-12);
        }
      }),
      { numRuns: 150, seed: 12 },
    );
  });
});
