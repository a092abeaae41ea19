import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blockSplits, extremeSplits } from "../../src/bace/splits.js";

describe("blockSplits", () => {
  it("blockSplits(4, [3, 3], 64) lists every split, largest first block first", () => {
    expect(blockSplits(4, [3, 3], 64)).toEqual([
      [3, 1],
      [2, 2],
      [1, 3],
    ]);
  });

  it("blockSplits(stages, caps, limit) returns [] when the caps cannot hold the stages", () => {
    expect(blockSplits(5, [2, 2], 64)).toEqual([]);
    expect(blockSplits(2, [1, 1, 1], 64)).toEqual([]);
    expect(blockSplits(3, [0, 5], 64)).toEqual([]);
  });

  it("blockSplits(stages, caps, limit) gives sums of stages within 1..cap, each once", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 14 }), fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 80 }), (s, caps, limit) => {
        const splits = blockSplits(s, caps, limit);
        for (const split of splits) {
          expect(split.reduce((a, b) => a + b, 0)).toBe(s);
          split.forEach((n, i) => {
            expect(n).toBeGreaterThanOrEqual(1);
            expect(n).toBeLessThanOrEqual(caps[i]!);
          });
        }
        expect(new Set(splits.map((x) => x.join(","))).size).toBe(splits.length);
      }),
      { numRuns: 200 },
    );
  });

  it("blockSplits(24, [24, 24, 24], 64) falls back to the extreme splits", () => {
    const splits = blockSplits(24, [24, 24, 24], 64);
    expect(splits).toEqual(extremeSplits(24, [22, 22, 22]));
    expect(splits).toContainEqual([22, 1, 1]);
    expect(splits).toContainEqual([1, 1, 22]);
    expect(splits.length).toBeLessThanOrEqual(12);
  });
});
