import { describe, expect, it } from "vitest";
import { fifoOrder, sjfOrder } from "../../src/baselines/orders.js";
import type { Topology } from "../../src/model/types.js";
import { job, region, view } from "../bace/fixtures.js";

const topology: Topology = { name: "r", regions: [region("R", 8)], links: [] };
const queue = [
  { job: job("late-short", 2, { arrivalSec: 5, iterations: 10 }), waitedSec: 0 },
  { job: job("b-long", 2, { arrivalSec: 1, iterations: 1000 }), waitedSec: 4 },
  { job: job("a-long", 2, { arrivalSec: 1, iterations: 1000 }), waitedSec: 4 },
];

describe("orders", () => {
  it("fifoOrder(view, queue) sorts by arrival, then id", () => {
    expect(fifoOrder(view(topology), queue).map((q) => q.job.id)).toEqual(["a-long", "b-long", "late-short"]);
  });

  it("sjfOrder(view, queue) sorts by the runtime lower bound, then arrival and id", () => {
    expect(sjfOrder(view(topology), queue).map((q) => q.job.id)).toEqual(["late-short", "a-long", "b-long"]);
  });

  it("fifoOrder(view, queue) does not mutate the queue", () => {
    const copy = [...queue];
    fifoOrder(view(topology), queue);
    expect(queue).toEqual(copy);
  });
});
