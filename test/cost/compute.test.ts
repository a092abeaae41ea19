import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BACKWARD_TO_FORWARD_RATIO,
  computeSec,
  forwardFlopsPerLayer,
  splitLayers,
  stageCompute,
  stageFlopsPerSec,
} from "../../src/cost/compute.js";

describe("splitLayers", () => {
  it("splitLayers(L, S) gives the first L mod S stages one extra layer", () => {
    // ⌊10/4⌋ = 2, 10 mod 4 = 2 → [3, 3, 2, 2]
    expect(splitLayers(10, 4)).toEqual([3, 3, 2, 2]);
    // 40 / 4 = 10 exactly
    expect(splitLayers(40, 4)).toEqual([10, 10, 10, 10]);
    // ⌊40/3⌋ = 13, 40 mod 3 = 1 → [14, 13, 13]
    expect(splitLayers(40, 3)).toEqual([14, 13, 13]);
    expect(splitLayers(7, 1)).toEqual([7]);
  });

  it("splitLayers(L, S) sums to L and stages differ by at most one, larger first", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 64 }), (numLayers, s) => {
        const stages = Math.min(s, numLayers);
        const split = splitLayers(numLayers, stages);
        expect(split).toHaveLength(stages);
        expect(split.reduce((a, x) => a + x, 0)).toBe(numLayers);
        expect(Math.max(...split) - Math.min(...split)).toBeLessThanOrEqual(1);
        for (let k = 1; k < split.length; k++) expect(split[k]).toBeLessThanOrEqual(split[k - 1] as number);
        expect(split.filter((x) => x === Math.ceil(numLayers / stages)).length).toBe(
          numLayers % stages === 0 ? stages : numLayers % stages,
        );
      }),
    );
  });
});

describe("forwardFlopsPerLayer", () => {
  it("forwardFlopsPerLayer(b, s, h) is 24·b·s·h² + 4·b·s²·h", () => {
    // b=2, s=3, h=4: 24·2·3·16 = 2304; 4·2·9·4 = 288; sum 2592
    expect(forwardFlopsPerLayer(2, 3, 4)).toBe(2592);
    // GPT-3 13B, b=1: 24·2048·5120² = 1,288,490,188,800; 4·2048²·5120 = 85,899,345,920
    expect(forwardFlopsPerLayer(1, 2048, 5120)).toBe(1_374_389_534_720);
  });

  it("forwardFlopsPerLayer(b, s, h) is linear in b", () => {
    expect(forwardFlopsPerLayer(4, 2048, 5120)).toBe(4 * forwardFlopsPerLayer(1, 2048, 5120));
  });
});

describe("stageCompute", () => {
  it("stageFlopsPerSec(g, peak, mfu) is g·peak·10¹²·mfu", () => {
    // 8 · 312e12 · 0.4 = 998.4e12
    expect(stageFlopsPerSec(8, 312, 0.4)).toBeCloseTo(9.984e14, -3);
    expect(computeSec(1e15, 5e14)).toBe(2);
  });

  it("stageCompute(layers, flops, g, peak, mfu) divides FLOPs by the achieved rate, backward twice forward", () => {
    // rate = 8 · 312e12 · 0.5 = 1.248e15 FLOP/s; forward = 10 · 1e12 / 1.248e15 = 0.00801282051282 s
    const c = stageCompute(10, 1e12, 8, 312, 0.5);
    expect(c.layers).toBe(10);
    expect(c.forwardFlops).toBe(1e13);
    expect(c.forwardSec).toBeCloseTo(0.008012820512820513, 15);
    expect(c.backwardSec).toBeCloseTo(2 * 0.008012820512820513, 15);
    expect(c.computeSec).toBeCloseTo(3 * 0.008012820512820513, 15);
    expect(BACKWARD_TO_FORWARD_RATIO).toBe(2);
  });
});
