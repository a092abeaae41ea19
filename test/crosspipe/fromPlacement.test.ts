import { describe, expect, test } from "vitest";
import { activationBytes, forwardFlopsPerLayer } from "../../src/cost/index.js";
import { instanceFromPlacement } from "../../src/crosspipe/fromPlacement.js";
import { hopTiming, validateInstance } from "../../src/crosspipe/instance.js";
import type { Job, LlmModel, Region, Topology } from "../../src/model/types.js";

const gpu = { name: "A100-80GB", peakTflopsBf16: 312, powerW: 400, memoryGb: 80 };
const region = (id: string): Region => ({
  id,
  cloudRegion: `test:${id}`,
  gpus: 64,
  gpu,
  pue: 1.2,
  price: { kind: "constant", usdPerKwh: 0.1 },
  intraBandwidthGbps: 400,
  intraLatencyMs: 0.01,
});
const topology: Topology = {
  name: "two-regions",
  regions: [region("a"), region("b")],
  links: [{ a: "a", b: "b", bandwidthGbps: 10, latencyMs: 40 }],
};
const model: LlmModel = {
  name: "tiny",
  family: "test",
  numLayers: 8,
  hiddenSize: 1024,
  numHeads: 16,
  seqLength: 512,
  vocabSize: 32000,
  paramCount: 1e8,
  source: "test fixture",
};
const job: Job = {
  id: "j1",
  model: "tiny",
  arrivalSec: 0,
  stages: 4,
  gpusPerStage: 1,
  microBatchSize: 2,
  microBatches: 6,
  iterations: 1,
  mfu: 0.5,
};

describe("instanceFromPlacement", () => {
  test("instanceFromPlacement(topology, model, job, path) takes stage times from FLOPs and hops from the channels", () => {
    const out = instanceFromPlacement(topology, model, job, ["a", "a", "b", "b"], { memoryLimit: 3 });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const inst = out.value;
    expect(validateInstance(inst)).toEqual([]);
    expect(inst.microBatches).toBe(6);
    expect(inst.memoryLimit).toBe(3);
    const tf = (2 * forwardFlopsPerLayer(2, 512, 1024)) / (312e12 * 0.5); // 2 layers per stage
    for (const t of inst.forwardSec) expect(t).toBeCloseTo(tf, 15);
    for (const t of inst.backwardSec) expect(t).toBeCloseTo(2 * tf, 15);
    const bytes = activationBytes(2, 512, 1024);
    expect(inst.hops.map((h) => h.latencyMs)).toEqual([0.01, 40, 0.01]);
    expect(inst.hops.map((h) => h.bandwidthGbps)).toEqual([400, 10, 400]);
    expect(inst.hops.every((h) => h.activationBytes === bytes)).toBe(true);
    expect(hopTiming(inst, 1).transmitSec).toBeCloseTo((bytes * 8) / 10e9, 15);
  });

  test("instanceFromPlacement(topology, model, job, path) passes on the cost model's error for a bad path", () => {
    const out = instanceFromPlacement(topology, model, job, ["a", "b", "c", "a"]);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.error.kind).toBe("unknown_region");
    expect(out.error.message).toContain("path[2]");
  });
});
