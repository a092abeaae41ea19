import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { makespanLowerBound } from "../../src/crosspipe/bounds.js";
import { gpipe, gpipeSequences } from "../../src/crosspipe/gpipe.js";
import { uniformInstance } from "../../src/crosspipe/instance.js";
import { oneFOneB, oneFOneBSequences } from "../../src/crosspipe/oneFOneB.js";
import { makespanSec } from "../../src/crosspipe/schedule.js";
import { scheduleStats } from "../../src/crosspipe/stats.js";
import { verifySchedule } from "../../src/crosspipe/verify.js";
import { instanceArb } from "./arbitraries.js";

const uniformArb = fc.record({
  stages: fc.integer({ min: 1, max: 6 }),
  microBatches: fc.integer({ min: 1, max: 10 }),
  forwardSec: fc.integer({ min: 1, max: 5 }),
  backwardSec: fc.integer({ min: 1, max: 9 }),
});

describe("GPipe and 1F1B", () => {
  test("gpipe(inst) and oneFOneB(inst) take (M + S − 1)(t_f + t_b) on uniform stages without communication", () => {
    fc.assert(
      fc.property(uniformArb, (o) => {
        const inst = uniformInstance(o);
        const expected = (o.microBatches + o.stages - 1) * (o.forwardSec + o.backwardSec);
        expect(makespanSec(gpipe(inst))).toBeCloseTo(expected, 9);
        expect(makespanSec(oneFOneB(inst))).toBeCloseTo(expected, 9);
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  test("gpipe(inst) on S = 4, M = 8, t_f = 1, t_b = 2 has bubble ratio (S − 1)/(M + S − 1)", () => {
    const inst = uniformInstance({ stages: 4, microBatches: 8 });
    const stats = scheduleStats(inst, gpipe(inst));
    expect(stats.makespanSec).toBe(33);
    expect(stats.bubbleRatio).toBeCloseTo(3 / 11, 12);
    expect(stats.peakInFlight).toEqual([8, 8, 8, 8]);
  });

  test("oneFOneB(inst) holds min(S − k, M) micro-batches at 0-based stage k without a limit, never more than S", () => {
    fc.assert(
      fc.property(uniformArb, (o) => {
        const inst = uniformInstance(o);
        const { peakInFlight } = scheduleStats(inst, oneFOneB(inst));
        peakInFlight.forEach((p, k) => expect(p).toBe(Math.min(o.stages - k, o.microBatches)));
        expect(Math.max(...peakInFlight)).toBeLessThanOrEqual(o.stages);
      }),
      { numRuns: 40, seed: 12 },
    );
  });

  test("gpipeSequences(inst) runs rounds of K: all forwards of a round, then its backwards", () => {
    const seq = gpipeSequences(uniformInstance({ stages: 1, microBatches: 5, memoryLimit: 2 }))[0]!;
    expect(seq.map((o) => `${o.kind}${o.microBatch}`).join(" ")).toBe("F0 F1 B0 B1 F2 F3 B2 B3 F4 B4");
  });

  test("oneFOneBSequences(inst) warms up with min(S − 1 − k, K − 1) forwards at 0-based stage k", () => {
    const seqs = oneFOneBSequences(uniformInstance({ stages: 4, microBatches: 5, memoryLimit: 3 }));
    const text = seqs.map((s) => s.map((o) => `${o.kind}${o.microBatch}`).join(" "));
    expect(text[0]).toBe("F0 F1 F2 B0 F3 B1 F4 B2 B3 B4");
    expect(text[2]).toBe("F0 F1 B0 F2 B1 F3 B2 F4 B3 B4");
    expect(text[3]).toBe("F0 B0 F1 B1 F2 B2 F3 B3 F4 B4");
  });

  test("gpipe(inst) and oneFOneB(inst) pass the verifier, respect K and are no shorter than makespanLowerBound(inst)", () => {
    fc.assert(
      fc.property(instanceArb({ maxStages: 5, maxMicroBatches: 8 }), (inst) => {
        for (const schedule of [gpipe(inst), oneFOneB(inst)]) {
          expect(verifySchedule(inst, schedule)).toEqual([]);
          const { peakInFlight } = scheduleStats(inst, schedule);
          for (const p of peakInFlight) expect(p).toBeLessThanOrEqual(inst.memoryLimit);
          expect(makespanSec(schedule)).toBeGreaterThanOrEqual(makespanLowerBound(inst) - 1e-9);
        }
      }),
      { numRuns: 150, seed: 13 },
    );
  });

  test("gpipe(inst) waits latency + transmission on each hop: one micro-batch on two stages", () => {
    const inst = uniformInstance({ stages: 2, microBatches: 1, latencyMs: 500, activationBytes: 1e9, bandwidthGbps: 8 });
    // F0 1 s, send 1 s + 0.5 s, F1 1 s, B1 2 s, send 1.5 s, B0 2 s.
    expect(makespanSec(gpipe(inst))).toBeCloseTo(9, 12);
    expect(makespanLowerBound(inst)).toBeCloseTo(9, 12);
  });
});
