import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { averagePriceUsdPerKwh, priceAt, priceIntegralUsdPerKw } from "../../src/cost/price.js";
import type { Price } from "../../src/model/types.js";

const HOURLY: Price = { kind: "hourly", usdPerKwh: [0.1, 0.2, 0.3] };

describe("priceAt", () => {
  it("priceAt(hourly, t) holds usdPerKwh[h] on [h·3600, (h+1)·3600) and repeats", () => {
    expect(priceAt(HOURLY, 0)).toBe(0.1);
    expect(priceAt(HOURLY, 3599.9)).toBe(0.1);
    expect(priceAt(HOURLY, 3600)).toBe(0.2);
    expect(priceAt(HOURLY, 10_800)).toBe(0.1); // hour 3 wraps to hour 0
    expect(priceAt(HOURLY, 5 * 3600 + 1)).toBe(0.3); // hour 5 → 5 mod 3 = 2
    expect(priceAt(HOURLY, -1)).toBe(0.3); // hour −1 → the last hour
    expect(priceAt({ kind: "constant", usdPerKwh: 0.07 }, 1e9)).toBe(0.07);
  });
});

describe("priceIntegralUsdPerKw", () => {
  it("priceIntegralUsdPerKw(constant, a, b) is usdPerKwh · hours", () => {
    // 0.1 USD/kWh over 5400 s = 1.5 h → 0.15 USD/kW
    expect(priceIntegralUsdPerKw({ kind: "constant", usdPerKwh: 0.1 }, 0, 5400)).toBeCloseTo(0.15, 12);
    expect(priceIntegralUsdPerKw({ kind: "constant", usdPerKwh: 0.1 }, 7200, 7200)).toBe(0);
  });

  it("priceIntegralUsdPerKw(hourly, a, b) integrates exactly across hour boundaries", () => {
    // [1800, 5400): half an hour at 0.1 + half an hour at 0.2 = 0.05 + 0.1 = 0.15
    expect(priceIntegralUsdPerKw(HOURLY, 1800, 5400)).toBeCloseTo(0.15, 12);
    // inside one hour: [3700, 3800) = 100 s at 0.2 = 0.2/36 = 0.00555…
    expect(priceIntegralUsdPerKw(HOURLY, 3700, 3800)).toBeCloseTo(0.2 / 36, 14);
    // [3000, 11000): 600 s at 0.1 (0.016667) + 1 h at 0.2 + 1 h at 0.3 + 200 s at 0.1 after the wrap (0.005556)
    // = 1/60 + 0.2 + 0.3 + 1/180 = 0.522222…
    expect(priceIntegralUsdPerKw(HOURLY, 3000, 11_000)).toBeCloseTo(0.1 / 6 + 0.5 + 0.1 / 18, 12);
  });

  it("priceIntegralUsdPerKw(hourly, a, b) wraps around the end of the series", () => {
    // [9000, 12600): 1800 s at 0.3 (last hour) then 1800 s at 0.1 (first hour again) = 0.15 + 0.05 = 0.2
    expect(priceIntegralUsdPerKw(HOURLY, 9000, 12_600)).toBeCloseTo(0.2, 12);
    // three full cycles of 3 h: 3 · (0.1 + 0.2 + 0.3) = 1.8
    expect(priceIntegralUsdPerKw(HOURLY, 0, 3 * 10_800)).toBeCloseTo(1.8, 12);
    // far into the future, shifted by whole cycles, equals [1800, 5400)
    const shift = 1e5 * 10_800;
    expect(priceIntegralUsdPerKw(HOURLY, shift + 1800, shift + 5400)).toBeCloseTo(0.15, 8);
  });

  it("priceIntegralUsdPerKw(price, a, c) = integral(a, b) + integral(b, c) and a 1-hour series equals the constant", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e5, noNaN: true }),
        fc.double({ min: 0, max: 1e5, noNaN: true }),
        (series, a, d1, d2) => {
          const price: Price = { kind: "hourly", usdPerKwh: series };
          const whole = priceIntegralUsdPerKw(price, a, a + d1 + d2);
          const parts = priceIntegralUsdPerKw(price, a, a + d1) + priceIntegralUsdPerKw(price, a + d1, a + d1 + d2);
          expect(Math.abs(whole - parts)).toBeLessThanOrEqual(1e-9 * Math.max(1, whole));
          expect(whole).toBeGreaterThanOrEqual(-1e-9);
          const one = series[0] as number;
          expect(priceIntegralUsdPerKw({ kind: "hourly", usdPerKwh: [one] }, a, a + d1)).toBeCloseTo(
            priceIntegralUsdPerKw({ kind: "constant", usdPerKwh: one }, a, a + d1),
            8,
          );
        },
      ),
    );
  });

  it("priceIntegralUsdPerKw(hourly with no hours, a, b) throws a RangeError naming the fix", () => {
    expect(() => priceIntegralUsdPerKw({ kind: "hourly", usdPerKwh: [] }, 0, 1)).toThrow(RangeError);
    expect(() => priceIntegralUsdPerKw({ kind: "hourly", usdPerKwh: [] }, 0, 1)).toThrow(/at least one hour/);
  });
});

describe("averagePriceUsdPerKwh", () => {
  it("averagePriceUsdPerKwh(hourly, a, b) is the integral over the hours", () => {
    // [1800, 5400): 0.15 USD/kW over 1 h → 0.15 USD/kWh
    expect(averagePriceUsdPerKwh(HOURLY, 1800, 5400)).toBeCloseTo(0.15, 12);
    // empty interval: the price at that instant
    expect(averagePriceUsdPerKwh(HOURLY, 4000, 4000)).toBe(0.2);
  });
});
