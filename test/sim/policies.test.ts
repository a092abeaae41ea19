import { describe, expect, it } from "vitest";
import { getScheduler, isSchedulerName, SCHEDULER_NAMES, UnknownSchedulerError } from "../../src/schedulers.js";
import type { Topology } from "../../src/model/types.js";
import { job, region, view } from "../bace/fixtures.js";
import { policySpecs } from "./policySpecs.js";

for (const name of SCHEDULER_NAMES) policySpecs(name);

describe("scheduler registry", () => {
  it("SCHEDULER_NAMES lists the eight policies of the study and the bace-wait option", () => {
    expect([...SCHEDULER_NAMES].sort()).toEqual(
      ["bace", "bace-no-costmin", "bace-no-pathfinder", "bace-no-priority", "bace-wait", "cost-first", "delay-first", "fifo", "sjf"].sort(),
    );
  });

  it("getScheduler(name) builds a scheduler called name", () => {
    for (const name of SCHEDULER_NAMES) expect(getScheduler(name).name).toBe(name);
  });

  it("getScheduler(unknown) throws UnknownSchedulerError listing the valid names", () => {
    expect(() => getScheduler("bace-pipe")).toThrow(UnknownSchedulerError);
    expect(() => getScheduler("bace-pipe")).toThrow(/unknown scheduler "bace-pipe"; use one of: bace, delay-first, cost-first, fifo, sjf/);
    expect(isSchedulerName("sjf")).toBe(true);
    expect(isSchedulerName("SJF")).toBe(false);
  });

  it("getScheduler(name, params) passes parameters through: fifo with queueRule backfill skips a blocked head", () => {
    const topology: Topology = { name: "r", regions: [region("R", 4)], links: [] };
    const v = view(topology, { freeGpus: { R: 2 } });
    const queue = [
      { job: job("head", 4, { arrivalSec: 0 }), waitedSec: 2 },
      { job: job("next", 2, { arrivalSec: 1 }), waitedSec: 1 },
    ];
    expect(getScheduler("fifo").decide(v, queue).start).toEqual([]);
    expect(getScheduler("fifo", { queueRule: "backfill" }).decide(v, queue).start).toEqual([{ jobId: "next", path: ["R", "R"] }]);
  });
});
