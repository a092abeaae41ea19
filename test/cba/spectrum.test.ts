import { describe, expect, it } from "vitest";
import { blockFree, firstFit, SpectrumError, SpectrumOverlay, SpectrumState } from "../../src/cba/spectrum.js";

describe("spectrum", () => {
  it("firstFit(view, path, n) on an empty grid starts at slot 0", () => {
    expect(firstFit(new SpectrumState(3, 80), [0, 1, 2], 5)).toBe(0);
  });

  it("firstFit(view, path, n) continuity: different busy slots on two fibres force a higher block", () => {
    const s = new SpectrumState(2, 80);
    s.allocate([0], 0, 3); // fibre 0: 0..2 busy
    s.allocate([1], 3, 2); // fibre 1: 3..4 busy
    expect(firstFit(s, [0], 3)).toBe(3);
    expect(firstFit(s, [1], 3)).toBe(0);
    expect(firstFit(s, [0, 1], 3)).toBe(5); // the lowest block free on both fibres
  });

  it("firstFit(view, path, n) contiguity: skips a gap too small for the block", () => {
    const s = new SpectrumState(1, 20);
    s.allocate([0], 0, 2);
    s.allocate([0], 4, 1); // free gap 2..3 (2 slots)
    expect(firstFit(s, [0], 2)).toBe(2);
    expect(firstFit(s, [0], 3)).toBe(5);
  });

  it("firstFit(view, path, n) is null when no block fits, or n exceeds the grid", () => {
    const s = new SpectrumState(1, 10);
    s.allocate([0], 0, 4);
    s.allocate([0], 5, 1);
    expect(firstFit(s, [0], 5)).toBeNull();
    expect(firstFit(s, [0], 4)).toBe(6);
    expect(firstFit(new SpectrumState(1, 10), [0], 11)).toBeNull();
  });

  it("allocate/free keep usedSlots and refuse double booking", () => {
    const s = new SpectrumState(2, 10);
    s.allocate([0, 1], 2, 3);
    expect(s.usedSlots()).toBe(6);
    expect(() => s.allocate([1], 4, 2)).toThrow(SpectrumError);
    expect(s.usedSlots()).toBe(6);
    s.free([0, 1], 2, 3);
    expect(s.usedSlots()).toBe(0);
    expect(() => s.free([0], 2, 1)).toThrow(SpectrumError);
    expect(blockFree(s, [0, 1], 0, 10)).toBe(true);
  });

  it("clone() is independent of the original", () => {
    const s = new SpectrumState(1, 10);
    const c = s.clone();
    c.allocate([0], 0, 5);
    expect(s.isFree(0, 0)).toBe(true);
    expect(c.isFree(0, 0)).toBe(false);
  });

  it("SpectrumOverlay reserves without touching its base", () => {
    const base = new SpectrumState(2, 10);
    base.allocate([0], 0, 2);
    const o = new SpectrumOverlay(base);
    o.reserve([0, 1], firstFit(o, [0, 1], 3)!, 3);
    expect(firstFit(o, [1], 3)).toBe(5);
    expect(base.isFree(1, 2)).toBe(true);
    expect(o.usedSlots()).toBe(8);
    expect(() => o.reserve([0], 1, 1)).toThrow(SpectrumError);
  });
});
