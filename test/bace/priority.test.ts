import { describe, expect, it } from "vitest";
import { crossRegionDemand, networkUtilisation, priorityOrder, scoreQueue } from "../../src/bace/priority.js";
import { jobProfile } from "../../src/bace/profile.js";
import { linkKey } from "../../src/cost/index.js";
import type { Topology } from "../../src/model/types.js";
import { job, link, region, TOY, view } from "./fixtures.js";

// Two regions of 4 T1 GPUs, one 10 Gbit/s link. Toy sizes with M = 1 on T1 (the fastest GPU here):
// a 2-stage job has E = I · (2·6 ms) = I · 0.012 s; a 4-stage one E = I · (4·3 ms) = I · 0.012 s.
const topology: Topology = { name: "ab", regions: [region("A", 4), region("B", 4)], links: [link("A", "B", 10, 5)] };

describe("priority", () => {
  it("networkUtilisation(view) is 1 − residual/capacity", () => {
    expect(networkUtilisation(view(topology))).toBe(0);
    expect(networkUtilisation(view(topology, { residualGbps: { [linkKey("A", "B")]: 2.5 } }))).toBeCloseTo(0.75, 12);
  });

  it("jobProfile(...).idealRuntimeSec is I · ((M−1)·max t_k + Σ t_k) on the fastest GPU", () => {
    expect(jobProfile(topology, TOY, job("x", 2, { iterations: 1000 })).idealRuntimeSec).toBeCloseTo(12, 9);
    expect(jobProfile(topology, TOY, job("x", 2, { iterations: 1000, microBatches: 3 })).idealRuntimeSec).toBeCloseTo(1000 * (2 * 0.006 + 0.012), 9);
  });

  it("scoreQueue(view, queue) is the response ratio 1 + W/E on an idle network", () => {
    const scored = scoreQueue(view(topology), [{ job: job("x", 2, { iterations: 1000 }), waitedSec: 6 }]);
    expect(scored[0]!.priority).toBeCloseTo(1.5, 12);
  });

  it("priorityOrder() serves the shorter of two equally waiting jobs first, and ages a long one past a fresh short one", () => {
    const order = priorityOrder();
    const long = job("long", 2, { iterations: 10_000 }); // E = 120 s
    const short = job("short", 2, { iterations: 100 }); // E = 1.2 s
    expect(order(view(topology), [{ job: long, waitedSec: 0 }, { job: short, waitedSec: 0 }]).map((q) => q.job.id)).toEqual(["short", "long"]);
    // long has waited 240 s: ratio 1 + 240/120 = 3 > short's fresh 1.
    expect(order(view(topology), [{ job: short, waitedSec: 0 }, { job: long, waitedSec: 240 }]).map((q) => q.job.id)).toEqual(["long", "short"]);
  });

  it("priorityOrder() defers a job that must cross a busy WAN behind a compute-only one", () => {
    // Only 3 GPUs free in each region: a 4-stage job must span A and B, a 2-stage job fits in one.
    // Peak demand of the 4-stage job on T1: 0.016 Gbit / t_k 3 ms = 5.333 Gbit/s, d = 5.333/10 = 0.5333.
    // Link 90 % used (u = 0.9): priority of the 4-stage job, waited 12 s of E = 12 s: (1 + 1)/(1 + 0.9·0.5333) = 1.3514;
    // the 2-stage job, waited 6 s of E = 12 s: 1.5 — served first although it waited less.
    const busy = view(topology, { freeGpus: { A: 3, B: 3 }, residualGbps: { [linkKey("A", "B")]: 1 } });
    const wide = job("wide", 4, { iterations: 1000 });
    const local = job("local", 2, { iterations: 1000 });
    expect(crossRegionDemand(busy, jobProfile(topology, TOY, wide))).toBeCloseTo(0.016 / 0.003 / 10, 12);
    expect(crossRegionDemand(busy, jobProfile(topology, TOY, local))).toBe(0);
    const queue = [{ job: wide, waitedSec: 12 }, { job: local, waitedSec: 6 }];
    const scores = scoreQueue(busy, queue);
    expect(scores[0]!.priority).toBeCloseTo(2 / (1 + 0.9 * (0.016 / 0.003 / 10)), 12);
    expect(scores[1]!.priority).toBeCloseTo(1.5, 12);
    expect(priorityOrder()(busy, queue).map((q) => q.job.id)).toEqual(["local", "wide"]);
    // With the network idle the same wide job keeps its higher ratio.
    expect(priorityOrder()(view(topology, { freeGpus: { A: 3, B: 3 } }), queue).map((q) => q.job.id)).toEqual(["wide", "local"]);
  });
});

describe("lazyPriorityOrder", () => {
  it("ranks like sorting scoreQueue by byPriority, on random queues and views, ties included", async () => {
    const fc = (await import("fast-check")).default;
    const { byPriority } = await import("../../src/bace/priority.js");
    const { lazyPriorityOrder } = await import("../../src/bace/lazyPriority.js");
    const { jobArb, viewArb } = await import("./arbitraries.js");
    const queueArb = fc.array(fc.tuple(jobArb("q"), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })), { maxLength: 25 });
    fc.assert(
      fc.property(viewArb, queueArb, (v, specs) => {
        // few distinct arrivals and waits, so ties on priority and E happen
        const queue = specs.map(([j, arrival, waited], i) => ({ job: { ...j, id: `q${String(i).padStart(2, "0")}`, arrivalSec: arrival }, waitedSec: waited * 100 }));
        const expected = [...scoreQueue(v, queue)].sort(byPriority).map((s) => s.queued);
        expect([...lazyPriorityOrder()(v, queue)]).toEqual(expected);
        expect(priorityOrder()(v, queue)).toEqual(expected);
      }),
      { numRuns: 80 },
    );
  });
});
