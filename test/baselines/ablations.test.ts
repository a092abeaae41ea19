import { describe, expect, it } from "vitest";
import { linkKey } from "../../src/cost/index.js";
import type { Topology } from "../../src/model/types.js";
import { getScheduler } from "../../src/schedulers.js";
import { constant, job, link, region, view } from "../bace/fixtures.js";

describe("ablations", () => {
  // One region of 2 GPUs: only one of two 2-stage jobs can start.
  const one: Topology = { name: "r", regions: [region("R", 2)], links: [] };
  const queue = [
    { job: job("long", 2, { arrivalSec: 0, iterations: 100_000 }), waitedSec: 1 },
    { job: job("short", 2, { arrivalSec: 1, iterations: 100 }), waitedSec: 0 },
  ];

  it("bace.decide(view, queue) follows the response ratio 1 + W/E", () => {
    // long: E = 100 000 · 0.016 s = 1600 s, waited 1 s → 1.000625; short: E = 1.6 s, fresh → 1: long first.
    expect(getScheduler("bace").decide(view(one), queue).start.map((p) => p.jobId)).toEqual(["long"]);
    // short has waited 0.5 s → 1 + 0.5/1.6 = 1.3125 > 1.000625: short first.
    const later = [queue[0]!, { ...queue[1]!, waitedSec: 0.5 }];
    expect(getScheduler("bace").decide(view(one), later).start.map((p) => p.jobId)).toEqual(["short"]);
  });

  it("bace-no-priority.decide(view, queue) starts jobs in arrival order", () => {
    const later = [queue[0]!, { ...queue[1]!, waitedSec: 0.5 }];
    expect(getScheduler("bace-no-priority").decide(view(one), later).start.map((p) => p.jobId)).toEqual(["long"]);
  });

  it("bace-no-costmin.decide(view, queue) takes the first feasible path, bace the cheapest", () => {
    const two: Topology = {
      name: "ep",
      regions: [region("E", 2, { price: constant(0.3) }), region("P", 2, { price: constant(0.03) })],
      links: [link("E", "P", 10, 5)],
    };
    const q = [{ job: job("x", 2), waitedSec: 0 }];
    expect(getScheduler("bace-no-costmin").decide(view(two), q).start[0]!.path).toEqual(["E", "E"]);
    expect(getScheduler("bace").decide(view(two), q).start[0]!.path).toEqual(["P", "P"]);
  });

  it("bace-no-pathfinder.decide(view, queue) places where bace finds no bandwidth", () => {
    // Two 1-GPU regions: a 2-stage job must cross the link (demand 8 Gbit/s) which has 2 Gbit/s left.
    const ab: Topology = { name: "ab", regions: [region("A", 1), region("B", 1)], links: [link("A", "B", 10, 5)] };
    const v = view(ab, { residualGbps: { [linkKey("A", "B")]: 2 } });
    const q = [{ job: job("x", 2), waitedSec: 0 }];
    expect(getScheduler("bace").decide(v, q).start).toEqual([]);
    expect(getScheduler("bace-no-pathfinder").decide(v, q).start).toEqual([{ jobId: "x", path: ["A", "B"] }]);
  });
});
