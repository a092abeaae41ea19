/**
 * Shared inputs of the cost tests: the worked example of docs/model.md
 * (GPT-3 13B on 4 stages of 8 × A100-80GB over two regions) and small builders.
 */
import type { GpuType, Job, LlmModel, Price, Region, Topology } from "../../src/model/types.js";

/** A100-80GB: 312 TFLOP/s dense bf16, 400 W board power (NVIDIA A100 datasheet). */
export const A100: GpuType = { name: "A100-80GB", peakTflopsBf16: 312, powerW: 400, memoryGb: 80 };

/** GPT-3 13B (Brown et al. 2020, Table 2.1): 40 layers, 40 heads × 128 = 5120 hidden, 2048 context. */
export const GPT3_13B: LlmModel = {
  name: "gpt3-13b",
  family: "gpt3",
  numLayers: 40,
  hiddenSize: 5120,
  numHeads: 40,
  seqLength: 2048,
  vocabSize: 50257,
  paramCount: 13e9,
  source: "Brown et al. 2020, Language Models are Few-Shot Learners, Table 2.1",
};

/** A region with the worked example's intra-region figures (200 Gbit/s, 0.01 ms) unless overridden. */
export function region(id: string, pue: number, price: Price, overrides: Partial<Region> = {}): Region {
  return {
    id,
    cloudRegion: `test:${id}`,
    gpus: 64,
    gpu: A100,
    pue,
    price,
    intraBandwidthGbps: 200,
    intraLatencyMs: 0.01,
    ...overrides,
  };
}

/** Constant price. */
export function constant(usdPerKwh: number): Price {
  return { kind: "constant", usdPerKwh };
}

/** Worked example topology: A (PUE 1.2, 0.05 USD/kWh) and B (PUE 1.1, 0.12 USD/kWh), 40 Gbit/s aggregate, 4.4 Gbit/s per node pair, 35 ms. */
export const EXAMPLE_TOPOLOGY: Topology = {
  name: "worked-example",
  regions: [region("A", 1.2, constant(0.05)), region("B", 1.1, constant(0.12))],
  links: [{ a: "A", b: "B", bandwidthGbps: 40, perNodePairGbps: 4.4, latencyMs: 35 }],
};

/** Worked example job: S = 4, g = 8, b = 1, M = 16, I = 100, MFU 0.4. */
export const EXAMPLE_JOB: Job = {
  id: "example",
  model: "gpt3-13b",
  arrivalSec: 0,
  stages: 4,
  gpusPerStage: 8,
  microBatchSize: 1,
  microBatches: 16,
  iterations: 100,
  mfu: 0.4,
};

/** Worked example path: stages 1–2 in A, 3–4 in B. */
export const EXAMPLE_PATH = ["A", "A", "B", "B"] as const;
