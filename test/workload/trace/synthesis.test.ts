import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../../src/util/rng.js";
import { nearestCount, poissonArrivals, poolOf, resampleDurations, scaleToLoad, streamSeed } from "../../../src/workload/trace/synthesis.js";

describe("trace synthesis", () => {
  it("poissonArrivals(gpuSeconds, G, ρ) offers load ρ: Σ GPU-s / (G · last arrival) within 10 % at 3,000 jobs", () => {
    const gs = Array.from({ length: 3000 }, (_, i) => 3600 * (1 + (i % 7)));
    for (const rho of [0.3, 0.8]) {
      const { arrivalsSec, ratePerSec } = poissonArrivals(gs, 400, rho, mulberry32(9));
      const mean = gs.reduce((s, x) => s + x, 0) / gs.length;
      expect(ratePerSec).toBeCloseTo((rho * 400) / mean, 12);
      const measured = gs.reduce((s, x) => s + x, 0) / (400 * arrivalsSec[arrivalsSec.length - 1]!);
      expect(Math.abs(measured - rho) / rho).toBeLessThan(0.1);
      expect(arrivalsSec.every((t, k) => k === 0 || t >= arrivalsSec[k - 1]!)).toBe(true);
    }
  });

  it("scaleToLoad(arrivals, gpuSeconds, G, ρ) is the exact factor: 2 jobs of 3600 GPU-s over 1 h on 4 GPUs is load 0.5; ρ 0.25 doubles the span", () => {
    expect(scaleToLoad([0, 3600], [3600, 3600], 4, 0.25)).toEqual({ factor: 2, loadBefore: 0.5 });
    expect(scaleToLoad([0, 0], [3600, 3600], 4, 0.25)).toEqual({ factor: 1, loadBefore: null });
  });

  it("resampleDurations(gpus, pool) draws from the same GPU count, else the nearest by ratio (ties to the smaller)", () => {
    const pool = poolOf([{ gpus: 2, durationSec: 10 }, { gpus: 2, durationSec: 20 }, { gpus: 8, durationSec: 80 }]);
    expect(nearestCount(pool, 1)).toBe(2);
    expect(nearestCount(pool, 4)).toBe(2); // |ln 2| = |ln(1/2)|: tie → smaller
    expect(nearestCount(pool, 5)).toBe(8);
    const d = resampleDurations([2, 2, 2, 8, 64, 1], pool, mulberry32(1));
    expect(d.slice(0, 3).every((x) => x === 10 || x === 20)).toBe(true);
    expect(d.slice(3, 5)).toEqual([80, 80]);
    expect([10, 20]).toContain(d[5]);
  });

  it("streamSeed(seed, label) gives different streams per label and per seed, the same for the same pair", () => {
    expect(streamSeed(1, "arrivals")).toBe(streamSeed(1, "arrivals"));
    expect(new Set([streamSeed(1, "arrivals"), streamSeed(1, "durations"), streamSeed(2, "arrivals"), streamSeed(1, "window")]).size).toBe(4);
  });
});
