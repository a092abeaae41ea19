import { describe, expect, it } from "vitest";
import { energyKwh, JOULES_PER_KWH, stageAveragePowerW, stagePowerW } from "../../src/cost/energy.js";
import { A100 } from "./fixtures.js";

describe("stagePowerW", () => {
  it("stagePowerW(g, powerW, pue) is g·powerW·pue", () => {
    // 8 · 400 · 1.2 = 3840 W
    expect(stagePowerW(8, 400, 1.2)).toBeCloseTo(3840, 9);
    // 2 · 300 · 1 = 600 W
    expect(stagePowerW(2, 300, 1)).toBe(600);
  });
});

describe("stageAveragePowerW", () => {
  it("stageAveragePowerW(g, gpu without idlePowerW, ...) charges full power throughout", () => {
    // busy 1 s of 4 s does not matter: 8 · 400 · 1.1 = 3520 W
    expect(stageAveragePowerW(8, A100, 1.1, 1, 4)).toBeCloseTo(3520, 9);
  });

  it("stageAveragePowerW(g, gpu with idlePowerW, pue, busy, T) weights busy and idle time", () => {
    // full = 2·300·1.5 = 900 W, idle = 2·50·1.5 = 150 W; busy 1 s of T = 4 s:
    // (900·1 + 150·3) / 4 = 1350 / 4 = 337.5 W
    const gpu = { name: "x", peakTflopsBf16: 100, powerW: 300, idlePowerW: 50, memoryGb: 40 };
    expect(stageAveragePowerW(2, gpu, 1.5, 1, 4)).toBeCloseTo(337.5, 9);
    // busy longer than T is clamped to T: full power 900 W
    expect(stageAveragePowerW(2, gpu, 1.5, 5, 4)).toBeCloseTo(900, 9);
    // never busy: idle power 150 W
    expect(stageAveragePowerW(2, gpu, 1.5, 0, 4)).toBeCloseTo(150, 9);
  });
});

describe("energyKwh", () => {
  it("energyKwh(W, s) is W·s / 3.6e6", () => {
    // 3600 W for 1000 s = 3.6e6 J = 1 kWh
    expect(energyKwh(3600, 1000)).toBe(1);
    // 1 kW for one hour
    expect(energyKwh(1000, 3600)).toBe(1);
    expect(JOULES_PER_KWH).toBe(3_600_000);
  });
});
