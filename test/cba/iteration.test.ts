import { describe, expect, it } from "vitest";
import { communicationBoundStages, hopTimeMs, iterationTimeMs } from "../../src/cba/iteration.js";
import { generateRequests } from "../../src/cba/request.js";
import { mulberry32 } from "../../src/util/rng.js";

describe("iteration", () => {
  it("hopTimeMs(A, latency, bw) = 2·(latency + A/bw)", () => {
    // 25 MB over 100 Gbit/s = 2 ms; latency 5 ms → 2·7 = 14 ms
    expect(hopTimeMs(25e6, 5, 100)).toBeCloseTo(14, 12);
  });

  it("iterationTimeMs(t, c, M) follows (M−1)·max(t+c) + Σt + Σc", () => {
    // stages t = [3, 3, 3], hops c = [10, 0] → max 13, Σt+Σc = 19, M = 4 → 3·13 + 19 = 58
    expect(iterationTimeMs([3, 3, 3], [10, 0, 0], 4)).toBeCloseTo(58, 9);
    expect(iterationTimeMs([3, 3, 3], [10], 4)).toBeCloseTo(58, 9);
    expect(iterationTimeMs([2, 5], [0, 0], 1)).toBeCloseTo(7, 9);
    expect(iterationTimeMs([3, 3], [0, 100], 2)).toBeCloseTo(9, 9); // the last stage has no hop
  });

  it("communicationBoundStages(t, c) lists stages whose hop exceeds their compute", () => {
    expect(communicationBoundStages([3, 3, 3], [10, 3, 0])).toEqual([0]);
    expect(communicationBoundStages([3, 3], [0, 0])).toEqual([]);
    expect(communicationBoundStages([3, 3], [0, 9])).toEqual([]); // the last stage has no hop
  });

  it("generateRequests(nodes, rng) sets demand = A·8 / t_k with t_k = t_f + t_b", () => {
    for (const r of generateRequests(["a", "b"], mulberry32(5), { count: 50 })) {
      const stageSec = r.stageComputeMs[0]! / 1000;
      expect(r.demandGbps).toBeCloseTo((r.activationBytes * 8) / stageSec / 1e9, 9);
      expect(["a", "b"]).toContain(r.sourceNode);
      expect(r.holdingSec).toBeGreaterThan(0);
    }
  });
});
