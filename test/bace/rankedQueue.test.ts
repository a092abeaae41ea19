import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rankedPositions } from "../../src/bace/rankedQueue.js";

describe("rankedPositions(n, compare)", () => {
  it("gives the positions in the order of a stable sort by compare (ties by position), also when read only in part", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 60 }), fc.nat(60), (keys, take) => {
        const compare = (a: number, b: number): number => (keys[a] as number) - (keys[b] as number);
        const sorted = keys.map((_, i) => i).sort(compare);
        expect([...rankedPositions(keys.length, compare)]).toEqual(sorted);
        const first: number[] = [];
        for (const i of rankedPositions(keys.length, compare)) {
          if (first.length === take) break;
          first.push(i);
        }
        expect(first).toEqual(sorted.slice(0, take));
      }),
    );
  });
});
