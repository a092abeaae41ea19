import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatMeanStd, meanStd, meanStdCell, meanStdOf } from "../../src/report/meanStd.js";

describe("meanStd", () => {
  it('meanStd([12, 12.6]) is "12.3 ± 0.4"', () => {
    expect(meanStd([12, 12.6])).toBe("12.3 ± 0.4");
  });

  it("meanStd(values, { scale, decimals }) scales and rounds", () => {
    expect(meanStd([0.1, 0.2, 0.3], { scale: 100, decimals: 2 })).toBe("20.00 ± 10.00");
    expect(meanStd([5])).toBe("5.0 ± n/a");
    expect(meanStd([])).toBe("n/a");
    expect(meanStd([-0.01, 0.01])).toBe("0.0 ± 0.0");
  });

  it("meanStdOf([x]) has an undefined (NaN) std: one value gives no sample std", () => {
    expect(meanStdOf([3])).toEqual({ mean: 3, std: NaN, n: 1 });
    expect(meanStdCell([3], { scale: 100 })).toEqual({ kind: "meanStd", mean: 300, std: NaN, n: 1, decimals: 1, empty: "n/a" });
    expect(formatMeanStd(meanStdCell([0.25, 0.75], { decimals: 3 }))).toBe("0.500 ± 0.354");
  });

  it("meanStdOf(values) uses the sample standard deviation", () => {
    const r = meanStdOf([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(r.mean).toBe(5);
    expect(r.std).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(r.n).toBe(8);
  });

  it("meanStdOf(values) puts the mean between min and max and the std at ≥ 0", () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }), (xs) => {
      const r = meanStdOf(xs);
      expect(r.mean).toBeGreaterThanOrEqual(Math.min(...xs) - 1e-6);
      expect(r.mean).toBeLessThanOrEqual(Math.max(...xs) + 1e-6);
      if (xs.length > 1) expect(r.std).toBeGreaterThanOrEqual(0);
      else expect(r.std).toBeNaN();
    }));
  });
});
