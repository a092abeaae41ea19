/**
 * Tiny hand-checkable inputs for the policy tests. The synthetic model and
 * GPU make the cost model's numbers round:
 * - model "toy": 20 layers, h = 1000, s = 1000, b = 1 ⇒ forward FLOPs per
 *   layer F = 24·b·s·h² + 4·b·s²·h = 2.4e10 + 4e9 = 2.8e10; activation
 *   A = b·s·h·2 = 2e6 bytes = 0.016 Gbit;
 * - GPU "T1": 280 TFLOP/s, 400 W; with MFU 0.5 a GPU does 1.4e14 FLOP/s, so
 *   one layer's forward takes 2e-4 s; "T2": 560 TFLOP/s (twice as fast).
 */
import type { PathCandidate } from "../../src/bace/candidate.js";
import type { PlacementPolicy } from "../../src/bace/compose.js";
import { linkKey } from "../../src/cost/index.js";
import type { GpuType, Job, Link, LlmModel, Price, Region, Topology } from "../../src/model/types.js";
import type { ClusterView, RunningJobView } from "../../src/sim/types.js";

/** 280 TFLOP/s, 400 W. */
export const T1: GpuType = { name: "T1", peakTflopsBf16: 280, powerW: 400, memoryGb: 80 };
/** 560 TFLOP/s, 400 W. */
export const T2: GpuType = { name: "T2", peakTflopsBf16: 560, powerW: 400, memoryGb: 80 };

/** The synthetic model (see the module comment). */
export const TOY: LlmModel = {
  name: "toy",
  family: "toy",
  numLayers: 20,
  hiddenSize: 1000,
  numHeads: 10,
  seqLength: 1000,
  vocabSize: 1000,
  paramCount: 1e9,
  source: "synthetic, for hand-checked tests",
};

/** Models by name for views and simulations. */
export const MODELS: ReadonlyMap<string, LlmModel> = new Map([[TOY.name, TOY]]);

/** Constant price. */
export function constant(usdPerKwh: number): Price {
  return { kind: "constant", usdPerKwh };
}

/** A region of `gpus` T1 GPUs, PUE 1, 0.1 USD/kWh, intra-region 16 Gbit/s and 1 ms (an intra hop costs 2·(1 ms + 1 ms) = 4 ms). */
export function region(id: string, gpus: number, overrides: Partial<Region> = {}): Region {
  return {
    id,
    cloudRegion: `test:${id}`,
    gpus,
    gpu: T1,
    pue: 1,
    price: constant(0.1),
    intraBandwidthGbps: 16,
    intraLatencyMs: 1,
    ...overrides,
  };
}

/** A link. */
export function link(a: string, b: string, bandwidthGbps: number, latencyMs: number, perNodePairGbps?: number): Link {
  return { a, b, bandwidthGbps, latencyMs, ...(perNodePairGbps === undefined ? {} : { perNodePairGbps }) };
}

/** A toy job: `stages` × `gpusPerStage`, b = 1, MFU 0.5. */
export function job(id: string, stages: number, overrides: Partial<Job> = {}): Job {
  return {
    id,
    model: "toy",
    arrivalSec: 0,
    stages,
    gpusPerStage: 1,
    microBatchSize: 1,
    microBatches: 1,
    iterations: 1000,
    mfu: 0.5,
    ...overrides,
  };
}

/** A view of `topology` at `timeSec` with all GPUs free and full links, unless overridden. */
export function view(
  topology: Topology,
  overrides: { timeSec?: number; freeGpus?: Record<string, number>; residualGbps?: Record<string, number>; running?: RunningJobView[] } = {},
): ClusterView {
  const free = new Map(topology.regions.map((r) => [r.id, r.gpus] as const));
  for (const [id, n] of Object.entries(overrides.freeGpus ?? {})) free.set(id, n);
  const residual = new Map(topology.links.map((l) => [linkKey(l.a, l.b), l.bandwidthGbps] as const));
  for (const [key, gbps] of Object.entries(overrides.residualGbps ?? {})) residual.set(key, gbps);
  return {
    timeSec: overrides.timeSec ?? 0,
    topology,
    models: MODELS,
    freeGpus: free,
    residualGbps: residual,
    running: overrides.running ?? [],
  };
}

/** A placement that puts the whole job in region `regionId` when its GPUs fit there (a monotone placement, for the composer's tests). */
export function placeInRegion(regionId: string): PlacementPolicy {
  return (v, j) => {
    const need = j.stages * j.gpusPerStage;
    if (need > (v.freeGpus.get(regionId) ?? 0)) return { ok: false, reason: `needs ${need} GPUs` };
    const candidate: PathCandidate = {
      path: Array.from({ length: j.stages }, () => regionId),
      regions: [regionId],
      split: [j.stages],
      iterationSec: 1,
      runtimeSec: 1,
      bandwidthGbps: new Map(),
      reservedGbps: new Map(),
      stalls: false,
      gpusByRegion: new Map([[regionId, need]]),
    };
    return { ok: true, candidate };
  };
}
