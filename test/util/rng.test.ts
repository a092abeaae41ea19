import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exponential, intBetween, logUniform, mulberry32, pick, uniform } from "../../src/util/rng.js";

const take = <T>(n: number, f: () => T): T[] => Array.from({ length: n }, f);

describe("workload rng", () => {
  it("mulberry32(seed) gives the fixed reference sequence", () => {
    // 0.6270739405881613 is the widely quoted first output of mulberry32(1).
    expect(take(3, mulberry32(1))).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
    expect(take(5, mulberry32(42))).toEqual([
      0.6011037519201636, 0.44829055899754167, 0.8524657934904099, 0.6697340414393693, 0.17481389874592423,
    ]);
  });

  it("mulberry32(seed) stays in [0, 1) and repeats for the same seed", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const a = take(20, mulberry32(seed));
        expect(take(20, mulberry32(seed))).toEqual(a);
        for (const x of a) expect(x >= 0 && x < 1).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it("intBetween(rng, min, max) gives the fixed sequence and covers both ends", () => {
    const r = mulberry32(7);
    expect(take(10, () => intBetween(r, 1, 6))).toEqual([1, 1, 6, 5, 4, 3, 3, 2, 4, 5]);
    const seen = new Set(take(500, () => intBetween(r, -2, 2)));
    expect([...seen].sort()).toEqual([-1, -2, 0, 1, 2].sort());
    expect(() => intBetween(r, 3, 2)).toThrow(/min <= max/);
  });

  it("exponential(rng, rate) gives the fixed sequence and has mean 1/rate", () => {
    const r = mulberry32(7);
    expect(take(2, () => exponential(r, 2))).toEqual([0.00588689651742131, 0.03198041472322335]);
    const xs = take(20000, () => exponential(r, 4));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.24);
    expect(mean).toBeLessThan(0.26);
    expect(() => exponential(r, 0)).toThrow(/rate must be > 0/);
  });

  it("pick(rng, items, weights) never picks a zero-weight item and follows the weights", () => {
    const r = mulberry32(7);
    expect(take(10, () => pick(r, ["a", "b", "c"], [1, 0, 3]))).toEqual(["a", "a", "c", "c", "c", "c", "c", "a", "c", "c"]);
    const xs = take(8000, () => pick(r, ["a", "b", "c"], [1, 0, 3]));
    expect(xs).not.toContain("b");
    const share = xs.filter((x) => x === "c").length / xs.length;
    expect(share).toBeGreaterThan(0.72);
    expect(share).toBeLessThan(0.78);
    expect(() => pick(r, [])).toThrow(/must not be empty/);
    expect(() => pick(r, ["a"], [1, 2])).toThrow(/one weight per item/);
    expect(() => pick(r, ["a"], [0])).toThrow(/positive sum/);
  });

  it("uniform(rng, min, max) and logUniform(rng, min, max) stay in range", () => {
    const r = mulberry32(3);
    for (let i = 0; i < 1000; i++) {
      const u = uniform(r, 2, 5);
      const l = logUniform(r, 10, 1000);
      expect(u >= 2 && u < 5).toBe(true);
      expect(l >= 10 && l < 1000).toBe(true);
    }
    expect(() => logUniform(r, 0, 1)).toThrow(/0 < min/);
  });
});
