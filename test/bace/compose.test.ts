import { describe, expect, it } from "vitest";
import { composeScheduler, type PlacementPolicy } from "../../src/bace/compose.js";
import { fifoOrder } from "../../src/baselines/orders.js";
import type { Topology } from "../../src/model/types.js";
import { job, placeInRegion, region, view } from "./fixtures.js";

const topology: Topology = { name: "r", regions: [region("R", 4)], links: [] };

/** Places a job in R when its GPUs fit the working view. */
const inR = placeInRegion("R");

const queue = [
  { job: job("a", 2, { arrivalSec: 0 }), waitedSec: 3 },
  { job: job("b", 4, { arrivalSec: 1 }), waitedSec: 2 },
  { job: job("c", 2, { arrivalSec: 2 }), waitedSec: 1 },
];

describe("composeScheduler", () => {
  it("composeScheduler({ queueRule: 'block' }) stops at the first job that does not fit", () => {
    const s = composeScheduler({ name: "t", order: fifoOrder, place: inR, queueRule: "block" });
    expect(s.decide(view(topology), queue).start.map((p) => p.jobId)).toEqual(["a"]);
  });

  it("composeScheduler({ queueRule: 'backfill' }) skips it and places the jobs behind it on what is left", () => {
    const s = composeScheduler({ name: "t", order: fifoOrder, place: inR, queueRule: "backfill" });
    expect(s.decide(view(topology), queue).start.map((p) => p.jobId)).toEqual(["a", "c"]);
  });

  it("composeScheduler(spec).canEverPlace(view, job) is null or the placement's reason", () => {
    const s = composeScheduler({ name: "t", order: fifoOrder, place: inR, queueRule: "block" });
    expect(s.canEverPlace(view(topology), job("x", 4))).toBeNull();
    expect(s.canEverPlace(view(topology), job("x", 5))).toBe("needs 5 GPUs");
  });

  it("composeScheduler({ shapeKey }) does not search again for a job shaped like one that failed", () => {
    // a second region Q gives the 8-stage jobs room on the cluster, but inR places only in R
    const twoRegions: Topology = { name: "rq", regions: [region("R", 4), region("Q", 4)], links: [] };
    let calls = 0;
    const counting: PlacementPolicy = (v, j, explain) => {
      calls++;
      return inR(v, j, explain);
    };
    const twins = [
      { job: job("big1", 8), waitedSec: 2 },
      { job: job("big2", 8, { iterations: 5 }), waitedSec: 1 },
      { job: job("small", 1), waitedSec: 0 },
    ];
    const keyed = composeScheduler({ name: "t", order: fifoOrder, place: counting, queueRule: "backfill", shapeKey: (j) => `${j.stages}` });
    expect(keyed.decide(view(twoRegions), twins).start.map((p) => p.jobId)).toEqual(["small"]);
    expect(calls).toBe(2);
    calls = 0;
    const plain = composeScheduler({ name: "t", order: fifoOrder, place: counting, queueRule: "backfill" });
    expect(plain.decide(view(twoRegions), twins).start.map((p) => p.jobId)).toEqual(["small"]);
    expect(calls).toBe(3);
  });
});
