/**
 * The synthetic instances of the exact-placement benchmark, shared with the
 * tests of MIP starts: a seeded full mesh of R regions (A100-like or
 * H100-like GPUs, PUE 1.1–1.5, 0.05–0.40 USD/kWh, 10–100 Gbit/s, 2–60 ms)
 * and a 96-layer GPT-3-175B-shaped model.
 */
import { linkKey } from "../../src/cost/index.js";
import type { Job, LlmModel, Topology } from "../../src/model/types.js";
import type { ClusterView } from "../../src/sim/types.js";
import { uniform, type Rng } from "../../src/util/rng.js";

/** GPT-3 175B's shape. */
export const MESH_MODEL: LlmModel = { name: "gpt3-175b-shape", family: "gpt3", numLayers: 96, hiddenSize: 12288, numHeads: 96, seqLength: 2048, vocabSize: 50257, paramCount: 175e9, source: "GPT-3 paper shape, for the bench" };

/** A full mesh of R regions with `gpusPerRegion` GPUs each, drawn from `rng`. */
export function meshTopology(rng: Rng, R: number, gpusPerRegion: number): Topology {
  const regions = Array.from({ length: R }, (_, i) => ({
    id: `r${i}`,
    cloudRegion: `bench:r${i}`,
    gpus: gpusPerRegion,
    gpu: rng() < 0.5 ? { name: "A100", peakTflopsBf16: 312, powerW: 400, memoryGb: 80 } : { name: "H100", peakTflopsBf16: 989, powerW: 700, memoryGb: 80 },
    pue: uniform(rng, 1.1, 1.5),
    price: { kind: "constant" as const, usdPerKwh: uniform(rng, 0.05, 0.4) },
    intraBandwidthGbps: 1600,
    intraLatencyMs: 0.01,
  }));
  const links = regions.flatMap((a, i) => regions.slice(i + 1).map((b) => ({ a: a.id, b: b.id, bandwidthGbps: uniform(rng, 10, 100), latencyMs: uniform(rng, 2, 60) })));
  return { name: `mesh${R}`, regions, links };
}

/** `t` at time 0 with every GPU free and every link at full capacity. */
export function emptyView(t: Topology): ClusterView {
  return { timeSec: 0, topology: t, models: new Map([[MESH_MODEL.name, MESH_MODEL]]), freeGpus: new Map(t.regions.map((r) => [r.id, r.gpus] as const)), residualGbps: new Map(t.links.map((l) => [linkKey(l.a, l.b), l.bandwidthGbps] as const)), running: [] };
}

/** A job of S stages of the mesh model: g = 1, b = 1, M = 16, I = 1000, MFU 0.4. */
export function meshJob(id: string, S: number): Job {
  return { id, model: MESH_MODEL.name, arrivalSec: 0, stages: S, gpusPerStage: 1, microBatchSize: 1, microBatches: 16, iterations: 1000, mfu: 0.4 };
}

/**
 * A capacity-tight view of `t` for a job of S stages and g GPUs per stage:
 * each region keeps a random 0–100 % of its GPUs free (whole stages), topped
 * up region by region until the free GPUs hold 1.25·S stages, and each link
 * keeps a random 20–100 % of its capacity as residual (other jobs hold the
 * rest). Drawn from `rng`.
 */
export function tightView(rng: Rng, t: Topology, stages: number, gpusPerStage: number): ClusterView {
  const base = emptyView(t);
  const slots = t.regions.map((r) => Math.floor((Math.floor(rng() * (r.gpus + 1))) / gpusPerStage));
  const need = Math.ceil(1.25 * stages);
  for (let i = 0; slots.reduce((a, b) => a + b, 0) < need && i < 10 * t.regions.length; i++) {
    const r = i % t.regions.length;
    const max = Math.floor((t.regions[r] as Topology["regions"][number]).gpus / gpusPerStage);
    if ((slots[r] as number) < max) slots[r] = (slots[r] as number) + 1;
  }
  return {
    ...base,
    freeGpus: new Map(t.regions.map((r, i) => [r.id, (slots[i] as number) * gpusPerStage] as const)),
    residualGbps: new Map(t.links.map((l) => [linkKey(l.a, l.b), l.bandwidthGbps * uniform(rng, 0.2, 1)] as const)),
  };
}
