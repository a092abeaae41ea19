import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bacePlacement, pathPlacement } from "../../src/bace/bace.js";
import { idleView } from "../../src/bace/idleView.js";
import type { Job } from "../../src/model/types.js";
import { jobsArb, topologyArb } from "./arbitraries.js";
import { MODELS } from "./fixtures.js";

describe("canEverPlace answered per job shape (IdleReasons)", () => {
  it("one placement asked about many jobs of few shapes and varied MFUs gives each job's answer of a fresh placement", () => {
    const makers = [() => bacePlacement(), () => pathPlacement({}, "fastest"), () => bacePlacement({ bandwidth: "reserve" })];
    const mfus = fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(topologyArb, jobsArb(4), mfus, (topology, jobs, mfuList) => {
        const view = idleView({ timeSec: 0, topology, models: MODELS, freeGpus: new Map(), residualGbps: new Map(), running: [] });
        // every shape at every MFU, in an order that mixes shapes and MFUs
        const asked: Job[] = mfuList.flatMap((mfu, i) => jobs.map((j) => ({ ...j, id: `${j.id}-${i}`, mfu })));
        for (const make of makers) {
          const kept = make();
          for (const job of asked) expect(kept.canEverPlace!(view, job)).toBe(make().canEverPlace!(view, job));
        }
      }),
      { numRuns: 80 },
    );
  });
});
