import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { makespanLowerBound } from "../../src/crosspipe/bounds.js";
import { gpipe } from "../../src/crosspipe/gpipe.js";
import { greedy, greedyRule, GREEDY_RULES } from "../../src/crosspipe/greedy.js";
import { uniformInstance } from "../../src/crosspipe/instance.js";
import { oneFOneB } from "../../src/crosspipe/oneFOneB.js";
import { makespanSec } from "../../src/crosspipe/schedule.js";
import { scheduleStats } from "../../src/crosspipe/stats.js";
import { verifySchedule } from "../../src/crosspipe/verify.js";
import { instanceArb } from "./arbitraries.js";

describe("greedy list scheduler", () => {
  test("greedyRule(inst, rule) passes the verifier and respects K for every rule", () => {
    fc.assert(
      fc.property(instanceArb({ maxStages: 5, maxMicroBatches: 8 }), (inst) => {
        for (const rule of GREEDY_RULES) {
          const s = greedyRule(inst, rule);
          expect(verifySchedule(inst, s)).toEqual([]);
          expect(makespanSec(s)).toBeGreaterThanOrEqual(makespanLowerBound(inst) - 1e-9);
        }
      }),
      { numRuns: 150, seed: 21 },
    );
  });

  test("greedyRule(inst, 'backward-first') ≤ max(GPipe, 1F1B) on random small instances", () => {
    fc.assert(
      fc.property(instanceArb({ maxStages: 5, maxMicroBatches: 8 }), (inst) => {
        const worst = Math.max(makespanSec(gpipe(inst)), makespanSec(oneFOneB(inst)));
        expect(makespanSec(greedyRule(inst, "backward-first"))).toBeLessThanOrEqual(worst + 1e-9);
      }),
      { numRuns: 300, seed: 22 },
    );
  });

  test("greedyRule(inst, rule), gpipe(inst) and oneFOneB(inst) are in-order (the MILP's in-order form admits them)", () => {
    fc.assert(
      fc.property(instanceArb({ maxStages: 5, maxMicroBatches: 8 }), (inst) => {
        for (const s of [...GREEDY_RULES.map((r) => greedyRule(inst, r)), gpipe(inst), oneFOneB(inst)]) {
          const order = (xs: ReadonlyArray<{ startSec: number; microBatch: number }>): number[] =>
            [...xs].sort((a, b) => a.startSec - b.startSec || a.microBatch - b.microBatch).map((x) => x.microBatch);
          const ascending = (xs: number[]): boolean => xs.every((x, i) => i === 0 || xs[i - 1]! < x);
          for (let k = 0; k < inst.forwardSec.length; k++) {
            for (const kind of ["F", "B"] as const) {
              expect(ascending(order(s.ops.filter((o) => o.stage === k && o.kind === kind))), `${s.name} ${kind} at stage ${k}`).toBe(true);
            }
          }
          for (let h = 0; h + 1 < inst.forwardSec.length; h++) {
            for (const direction of ["forward", "backward"] as const) {
              expect(ascending(order(s.transfers.filter((t) => t.hop === h && t.direction === direction)))).toBe(true);
            }
          }
        }
      }),
      { numRuns: 100, seed: 24 },
    );
  });

  test("greedy(inst) ≤ min(GPipe, 1F1B) and names the candidate it kept", () => {
    fc.assert(
      fc.property(instanceArb({ maxStages: 5, maxMicroBatches: 8 }), (inst) => {
        const s = greedy(inst);
        expect(verifySchedule(inst, s)).toEqual([]);
        expect(makespanSec(s)).toBeLessThanOrEqual(Math.min(makespanSec(gpipe(inst)), makespanSec(oneFOneB(inst))) + 1e-9);
        expect(["greedy(backward-first)", "greedy(forward-first)", "gpipe", "1f1b"]).toContain(s.name);
      }),
      { numRuns: 100, seed: 23 },
    );
  });

  test("greedyRule(inst, 'backward-first') matches (M + S − 1)(t_f + t_b) without communication and never idles with a ready op", () => {
    const inst = uniformInstance({ stages: 4, microBatches: 6 });
    const s = greedyRule(inst, "backward-first");
    expect(makespanSec(s)).toBe(27);
    // Without a memory limit stage 0 forwards all 6 before the first gradient returns at t = 4 + 6 = 10.
    expect(scheduleStats(inst, s).peakInFlight[0]).toBe(6);
    const limited = { ...inst, memoryLimit: 4 };
    expect(scheduleStats(limited, greedyRule(limited, "backward-first")).peakInFlight[0]).toBe(4);
  });

  test("greedyRule(inst, 'forward-first') with K = 1 runs one micro-batch at a time", () => {
    const inst = uniformInstance({ stages: 3, microBatches: 3, memoryLimit: 1 });
    const s = greedyRule(inst, "forward-first");
    expect(scheduleStats(inst, s).peakInFlight).toEqual([1, 1, 1]);
    // Each micro-batch takes S·(t_f + t_b) = 9 s alone.
    expect(makespanSec(s)).toBe(27);
  });
});
