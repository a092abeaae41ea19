import { describe, expect, test } from "vitest";
import {
  effectiveLimit,
  hopTiming,
  uniformInstance,
  validateInstance,
  type PipelineInstance,
} from "../../src/crosspipe/instance.js";

describe("crosspipe instance", () => {
  test("hopTiming(inst, hop) is bytes·8/bandwidth for transmission and latency/1000 after it", () => {
    const inst = uniformInstance({ stages: 2, activationBytes: 1e9, bandwidthGbps: 8, latencyMs: 250 });
    expect(hopTiming(inst, 0)).toEqual({ transmitSec: 1, latencySec: 0.25 });
  });

  test("hopTiming(inst, hop) is zero for zero bytes on an infinite link", () => {
    const inst = uniformInstance({ stages: 2 });
    expect(hopTiming(inst, 0)).toEqual({ transmitSec: 0, latencySec: 0 });
  });

  test("uniformInstance(options) builds S stages, S−1 hops and keeps the memory limit", () => {
    const inst = uniformInstance({ stages: 3, microBatches: 5, forwardSec: 2, backwardSec: 3, memoryLimit: 2 });
    expect(inst.forwardSec).toEqual([2, 2, 2]);
    expect(inst.backwardSec).toEqual([3, 3, 3]);
    expect(inst.hops).toHaveLength(2);
    expect(effectiveLimit(inst)).toBe(2);
    expect(effectiveLimit(uniformInstance({ microBatches: 3 }))).toBe(3);
  });

  test("validateInstance(inst) accepts a uniform instance", () => {
    expect(validateInstance(uniformInstance({ memoryLimit: 3 }))).toEqual([]);
  });

  test("validateInstance(inst) names each bad field path and the fix", () => {
    const bad: PipelineInstance = {
      microBatches: 0,
      forwardSec: [1, -1],
      backwardSec: [2],
      hops: [{ latencyMs: -5, bandwidthGbps: 0, activationBytes: 1 }, { latencyMs: 0, bandwidthGbps: 1, activationBytes: 1 }],
      memoryLimit: 1.5,
    };
    const errors = validateInstance(bad);
    for (const path of ["microBatches", "forwardSec[1]", "backwardSec has 1", "hops has 2", "hops[0].latencyMs", "hops[0].bandwidthGbps", "memoryLimit"]) {
      expect(errors.some((e) => e.includes(path)), path).toBe(true);
    }
  });
});
