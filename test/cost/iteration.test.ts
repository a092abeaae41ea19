import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluatePlacementOrThrow } from "../../src/cost/evaluate.js";
import { iterationTime } from "../../src/cost/iteration.js";
import type { Topology } from "../../src/model/types.js";
import { constant, EXAMPLE_JOB, GPT3_13B, region } from "./fixtures.js";

describe("iterationTime", () => {
  it("iterationTime(t, c, M) is (M − 1)·max(t_k + c_k) + Σt + Σc with the bottleneck stage", () => {
    // t + c = [1.5, 2.25, 1] → max 2.25 at stage 1; T = 3·2.25 + (1+2+1) + (0.5+0.25) = 6.75 + 4 + 0.75 = 11.5
    const r = iterationTime([1, 2, 1], [0.5, 0.25], 4);
    expect(r.iterationSec).toBeCloseTo(11.5, 12);
    expect(r.bottleneckStage).toBe(1);
    expect(r.bottleneckSec).toBeCloseTo(2.25, 12);
    expect(r.fillComputeSec).toBe(4);
    expect(r.fillCommSec).toBe(0.75);
  });

  it("iterationTime(t, c, M, σ) with overlapped sends takes max(max_k max(t_k, σ_k), (Σt + Σc)/S) as the period", () => {
    // per-stage terms max(1, 0.2), max(2, 2.5), 1 → 2.5 at stage 1; round trip (4 + 0.75)/3 = 1.5833 → period 2.5
    const a = iterationTime([1, 2, 1], [0.5, 0.25], 4, [0.2, 2.5]);
    expect(a.bottleneckSec).toBe(2.5);
    expect(a.bottleneckStage).toBe(1);
    expect(a.limitedBy).toBe("stage");
    expect(a.iterationSec).toBeCloseTo(3 * 2.5 + 4.75, 12);
    // latency-heavy hops: t = [1, 1], c = [10], σ = [0.1] → per-stage 1, round trip (2 + 10)/2 = 6 sets the period
    const b = iterationTime([1, 1], [10], 5, [0.1]);
    expect(b.limitedBy).toBe("round-trip");
    expect(b.bottleneckSec).toBe(6);
    expect(b.iterationSec).toBe(4 * 6 + 12);
    // never slower than blocking sends
    expect(b.iterationSec).toBeLessThanOrEqual(iterationTime([1, 1], [10], 5).iterationSec);
  });

  it("iterationTime(t, c, M, σ) is never above the blocking variant when σ_k ≤ c_k", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1e-3, max: 10, noNaN: true }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 12, maxLength: 12 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 1, max: 64 }),
        (t, c, f, m) => {
          const sigma = c.map((x, i) => x * (f[i] as number));
          const blocking = iterationTime(t, c, m);
          const overlap = iterationTime(t, c, m, sigma);
          expect(overlap.iterationSec).toBeLessThanOrEqual(blocking.iterationSec * (1 + 1e-12));
          expect(overlap.iterationSec).toBeGreaterThanOrEqual(overlap.fillComputeSec + overlap.fillCommSec);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("iterationTime(t, c, M) ignores a hop given for the last stage (c_S = 0)", () => {
    expect(iterationTime([1, 2, 1], [0.5, 0.25, 99], 4)).toEqual(iterationTime([1, 2, 1], [0.5, 0.25], 4));
  });

  it("iterationTime(t, c, M) picks the first stage on ties and a hop can make a fast stage the bottleneck", () => {
    // t + c = [1 + 3, 2 + 0, 4] → tie 4 at stages 0 and 2: first wins
    expect(iterationTime([1, 2, 4], [3, 0], 2).bottleneckStage).toBe(0);
    // T = 1·4 + 7 + 3 = 14
    expect(iterationTime([1, 2, 4], [3, 0], 2).iterationSec).toBe(14);
  });

  it("iterationTime(uniform t, zero c, M) equals the closed form (M + S − 1)·t", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 32 }),
        fc.integer({ min: 1, max: 256 }),
        fc.double({ min: 1e-4, max: 100, noNaN: true }),
        (stages, microBatches, t) => {
          const r = iterationTime(Array(stages).fill(t), Array(stages - 1).fill(0), microBatches);
          expect(r.iterationSec).toBeCloseTo((microBatches + stages - 1) * t, 6);
        },
      ),
    );
  });
});

/** Three fully linked regions; link `changed` gets the given latency and bandwidth, the others fixed figures. */
function triangle(changed: number, latencyMs: number, bandwidthGbps: number): Topology {
  const pairs = [["A", "B"], ["B", "C"], ["A", "C"]] as const;
  return {
    name: "triangle",
    regions: ["A", "B", "C"].map((id) => region(id, 1.2, constant(0.1))),
    links: pairs.map(([a, b], i) =>
      i === changed ? { a, b, bandwidthGbps, latencyMs } : { a, b, bandwidthGbps: 10, latencyMs: 20 },
    ),
  };
}

describe("iteration time through evaluatePlacement", () => {
  const path = fc.array(fc.constantFrom("A", "B", "C"), { minLength: 4, maxLength: 4 });
  const link = fc.integer({ min: 0, max: 2 });

  it("evaluatePlacement(...).iterationSec is non-decreasing in link latency", () => {
    fc.assert(
      fc.property(
        path,
        link,
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.double({ min: 0.1, max: 400, noNaN: true }),
        (p, i, latencyMs, extraMs, bandwidthGbps) => {
          const low = evaluatePlacementOrThrow(triangle(i, latencyMs, bandwidthGbps), GPT3_13B, EXAMPLE_JOB, p);
          const high = evaluatePlacementOrThrow(
            triangle(i, latencyMs + extraMs, bandwidthGbps),
            GPT3_13B,
            EXAMPLE_JOB,
            p,
          );
          expect(high.iterationSec).toBeGreaterThanOrEqual(low.iterationSec);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("evaluatePlacement(...).iterationSec is non-increasing in link bandwidth", () => {
    fc.assert(
      fc.property(
        path,
        link,
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.double({ min: 0.1, max: 400, noNaN: true }),
        fc.double({ min: 0, max: 400, noNaN: true }),
        (p, i, latencyMs, bandwidthGbps, extraGbps) => {
          const narrow = evaluatePlacementOrThrow(triangle(i, latencyMs, bandwidthGbps), GPT3_13B, EXAMPLE_JOB, p);
          const wide = evaluatePlacementOrThrow(
            triangle(i, latencyMs, bandwidthGbps + extraGbps),
            GPT3_13B,
            EXAMPLE_JOB,
            p,
          );
          expect(wide.iterationSec).toBeLessThanOrEqual(narrow.iterationSec);
        },
      ),
      { numRuns: 200 },
    );
  });
});
