import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bacePlacement, pathPlacement } from "../../src/bace/bace.js";
import { idleView } from "../../src/bace/idleView.js";
import type { Job } from "../../src/model/types.js";
import { jobsArb, topologyArb } from "./arbitraries.js";
import { job, link, MODELS, region, view } from "./fixtures.js";

describe("canEverPlace answered per job shape (IdleReasons)", () => {
  it("one placement asked about many jobs of few shapes and varied MFUs gives each job's answer of a fresh placement", () => {
    const makers = [() => bacePlacement(), () => pathPlacement({}, "fastest"), () => bacePlacement({ bandwidth: "reserve" })];
    const mfus = fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(topologyArb, jobsArb(4), mfus, fc.double({ min: 0.0005, max: 0.06, noNaN: true }), (wide, jobs, mfuList, linkGbps) => {
        // small regions and thin links, so that whether a hop's demand fits (1 % of it; all of it when reserving) turns on the MFU
        const topology = { ...wide, regions: wide.regions.map((r) => ({ ...r, gpus: Math.min(r.gpus, 2) })), links: wide.links.map((l) => ({ ...l, bandwidthGbps: linkGbps })) };
        const view = idleView({ timeSec: 0, topology, models: MODELS, freeGpus: new Map(), residualGbps: new Map(), running: [] });
        // every shape at every MFU, in an order that mixes shapes and MFUs
        // 2 × 2 GPUs on regions of at most 2 GPUs: one cross-region hop
        const asked: Job[] = mfuList.flatMap((mfu, i) => jobs.map((j) => ({ ...j, id: `${j.id}-${i}`, mfu, ...(i % 2 === 0 ? { stages: 2, gpusPerStage: 2 } : {}) })));
        for (const make of makers) {
          const kept = make();
          for (const job of asked) expect(kept.canEverPlace!(view, job)).toBe(make().canEverPlace!(view, job));
        }
      }),
      { numRuns: 150 },
    );
  });

  it("a higher MFU of a shape that had a path can lose it: the answer is searched again", () => {
    // 2 stages × 1 GPU on two 1-GPU regions: one hop of 10 toy layers, demand 2.67 Gbit/s at MFU 0.5 (0.53 at 0.1); BACE-Pipe reserves
    // all of it (a 1 Gbit/s link), delay-first's search asks 1 % of it (a 0.01 Gbit/s link)
    const cases = [
      { place: bacePlacement(), linkGbps: 1 },
      { place: pathPlacement({ bandwidth: "share" }, "fastest"), linkGbps: 0.01 },
    ];
    for (const { place, linkGbps } of cases) {
      const idle = view({ name: "thin", regions: [region("a", 1), region("b", 1)], links: [link("a", "b", linkGbps, 10)] });
      expect(place.canEverPlace!(idle, job("slow", 2, { mfu: 0.1 }))).toBeNull();
      expect(place.canEverPlace!(idle, job("fast", 2, { mfu: 0.5 }))).toMatch(/demand exceeds|no such path/);
      expect(place.canEverPlace!(idle, job("slower", 2, { mfu: 0.05 }))).toBeNull();
    }
  });
});
