import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { enumerateCandidates } from "../../src/bace/pathfinder.js";
import { jobProfile } from "../../src/bace/profile.js";
import { delayFirstPlacement } from "../../src/baselines/delayFirst.js";
import type { Topology } from "../../src/model/types.js";
import { jobArb, viewArb } from "../bace/arbitraries.js";
import { constant, job, link, region, T2, TOY, view } from "../bace/fixtures.js";

describe("delayFirstPlacement", () => {
  it("delayFirstPlacement()(view, job) has the smallest iteration time of all admissible paths", () => {
    fc.assert(
      fc.property(viewArb, jobArb("d"), (v, j) => {
        const out = delayFirstPlacement()(v, j);
        const all = [...enumerateCandidates(v, jobProfile(v.topology, TOY, j), { bandwidth: "share" })];
        expect(out.ok).toBe(all.length > 0);
        if (out.ok) for (const c of all) expect(out.candidate.iterationSec).toBeLessThanOrEqual(c.iterationSec);
      }),
      { numRuns: 150 },
    );
  });

  it("delayFirstPlacement()(view, job) is price-blind: it takes the fast expensive region", () => {
    const topology: Topology = {
      name: "fs",
      regions: [region("S", 2, { price: constant(0.01) }), region("F", 2, { gpu: T2, price: constant(1) })],
      links: [link("S", "F", 10, 5)],
    };
    const out = delayFirstPlacement()(view(topology), job("x", 2));
    expect(out.ok && out.candidate.path).toEqual(["F", "F"]);
  });
});
