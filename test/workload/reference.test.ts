import { describe, expect, it } from "vitest";
import { evaluatePlacement } from "../../src/cost/index.js";
import type { Job } from "../../src/model/types.js";
import { offeredLoad } from "../../src/workload/load.js";
import { referenceRun, totalGpus } from "../../src/workload/reference.js";
import { MODELS, TOPOLOGY } from "./helpers.js";

const job = (over: Partial<Job> = {}): Job => ({
  id: "j",
  model: "gpt3-6.7b",
  arrivalSec: 0,
  stages: 4,
  gpusPerStage: 2,
  microBatchSize: 2,
  microBatches: 16,
  iterations: 100,
  mfu: 0.4,
  ...over,
});

describe("referenceRun", () => {
  it("referenceRun(topology, model, job) puts a small job in the fastest region and is no slower than any single region", () => {
    const j = job();
    const model = MODELS.get(j.model)!;
    const run = referenceRun(TOPOLOGY, model, j)!;
    expect(run.path).toEqual(["eu-central-1", "eu-central-1", "eu-central-1", "eu-central-1"]); // H100, ties with us-west-1: smaller id
    for (const r of TOPOLOGY.regions) {
      const other = evaluatePlacement(TOPOLOGY, model, j, Array(4).fill(r.id));
      expect(other.ok).toBe(true);
      if (other.ok) expect(run.iterationSec).toBeLessThanOrEqual(other.value.iterationSec);
    }
    expect(run.runtimeSec).toBeCloseTo(100 * run.iterationSec, 9);
    expect(run.gpuSeconds).toBeCloseTo(8 * run.runtimeSec, 6);
  });

  it("referenceRun(topology, model, job) uses the one region that holds a 96-GPU job", () => {
    const run = referenceRun(TOPOLOGY, MODELS.get("gpt3-175b")!, job({ model: "gpt3-175b", stages: 24, gpusPerStage: 4 }))!;
    expect(new Set(run.path)).toEqual(new Set(["us-east-1"]));
  });

  it("referenceRun(topology, model, job) spreads a job no region holds over the fastest regions first", () => {
    const run = referenceRun(TOPOLOGY, MODELS.get("gpt3-175b")!, job({ model: "gpt3-175b", stages: 20, gpusPerStage: 8 }))!;
    // 160 GPUs: eu-central-1 and us-west-1 (H100, 64 GPUs each, 8 stages each, by id), then us-east-1 (largest A100 region)
    expect(run.path).toEqual([...Array(8).fill("eu-central-1"), ...Array(8).fill("us-west-1"), ...Array(4).fill("us-east-1")]);
    expect(referenceRun(TOPOLOGY, MODELS.get("gpt3-175b")!, job({ model: "gpt3-175b", stages: 60, gpusPerStage: 8 }))).toBeNull();
  });

  it("offeredLoad(workload, topology, models) divides GPU-seconds by GPUs times the arrival span", () => {
    const a = job({ id: "a", arrivalSec: 0 });
    const b = job({ id: "b", arrivalSec: 3600 });
    const gs = referenceRun(TOPOLOGY, MODELS.get(a.model)!, a)!.gpuSeconds;
    const l = offeredLoad({ name: "w", jobs: [a, b] }, TOPOLOGY, MODELS);
    expect(totalGpus(TOPOLOGY)).toBe(400);
    expect(l.spanSec).toBe(3600);
    expect(l.load).toBeCloseTo((2 * gs) / (400 * 3600), 12);
    expect(offeredLoad({ name: "w", jobs: [a] }, TOPOLOGY, MODELS).load).toBeNull(); // span 0
    expect(offeredLoad({ name: "w", jobs: [a, { ...b, model: "nope" }] }, TOPOLOGY, MODELS).unplaceable).toEqual(["b"]);
  });
});
