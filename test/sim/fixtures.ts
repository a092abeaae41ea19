/**
 * A tiny hand-checkable world for the simulator tests. The GPU does 28 FLOP/s
 * and the model has hidden size 1 and sequence length 1, so one layer's
 * forward pass of one sequence (24 + 4 = 28 FLOPs) takes exactly 1 s on one
 * GPU at MFU 1; the activation is 2 bytes = 16 bit.
 *
 * - 1-stage job, 4 layers, g = 1, M = 1: t_f = 4 s, t_k = 12 s, T = 12 s.
 * - 2-stage job over the A–B link: 2 layers per stage, t_f = 2 s, t_k = 6 s,
 *   demand = 16 bit / 6 s = 2.67e-9 Gbit/s; with bandwidth w Gbit/s the hop
 *   is c = 2·16/(w·10⁹) s (latency 0), so T = 12 + c (M = 1).
 * - 1 GPU at 1000 W, PUE 1: 1 kW per GPU.
 */
import type { GpuType, Job, LlmModel, Price, Region, Topology } from "../../src/model/types.js";
import type { SimInput } from "../../src/sim/result.js";
import type { ClusterView, Decision, Placement, QueuedJob, Scheduler } from "../../src/sim/types.js";

/** 28 FLOP/s, 1 kW. */
export const TOY_GPU: GpuType = { name: "toy", peakTflopsBf16: 28e-12, powerW: 1000, memoryGb: 1 };

/** 4 layers, h = 1, s = 1. */
export const TINY: LlmModel = {
  name: "tiny",
  family: "toy",
  numLayers: 4,
  hiddenSize: 1,
  numHeads: 1,
  seqLength: 1,
  vocabSize: 1,
  paramCount: 1,
  source: "test fixture",
};

/** A region with `gpus` toy GPUs, PUE 1, an intra-region channel too fast to matter. */
export function toyRegion(id: string, gpus: number, price: Price): Region {
  return { id, cloudRegion: `test:${id}`, gpus, gpu: TOY_GPU, pue: 1, price, intraBandwidthGbps: 1e12, intraLatencyMs: 0 };
}

/** Constant price. */
export const usd = (usdPerKwh: number): Price => ({ kind: "constant", usdPerKwh });

/**
 * A (1 GPU, 0.3 USD/kWh) and B (1 GPU, 0.1 USD/kWh), linked at `linkGbps`
 * aggregate (default 8e-9: three times a 2-stage job's demand), latency 0;
 * `perNodePairGbps` caps one hop (default none: a hop may use the whole link).
 */
export function toyTopology(linkGbps = 8e-9, gpusA = 1, gpusB = 1, perNodePairGbps?: number): Topology {
  return {
    name: "toy",
    regions: [toyRegion("A", gpusA, usd(0.3)), toyRegion("B", gpusB, usd(0.1))],
    links: [{ a: "A", b: "B", bandwidthGbps: linkGbps, latencyMs: 0, ...(perNodePairGbps === undefined ? {} : { perNodePairGbps }) }],
  };
}

/** A job of model "tiny": 1 stage, g = 1, b = 1, M = 1, MFU 1, 30 iterations (360 s) unless overridden. */
export function toyJob(id: string, arrivalSec: number, overrides: Partial<Job> = {}): Job {
  return { id, model: "tiny", arrivalSec, stages: 1, gpusPerStage: 1, microBatchSize: 1, microBatches: 1, iterations: 30, mfu: 1, ...overrides };
}

/** Simulator input over `topology` with the tiny model. */
export function toyInput(jobs: readonly Job[], topology: Topology = toyTopology()): SimInput {
  return { topology, models: new Map([[TINY.name, TINY]]), jobs };
}

/** Largest region of a view. */
function largest(view: Readonly<ClusterView>): number {
  return Math.max(0, ...view.topology.regions.map((r) => r.gpus));
}

/**
 * FIFO first fit: each queued job, in queue order, goes entirely into the
 * first region (topology order) with room for all its stages; a job that
 * does not fit blocks the ones behind it.
 */
export const firstFit: Scheduler = {
  name: "first-fit",
  decide(view, queue) {
    const free = new Map(view.freeGpus);
    const start: Placement[] = [];
    for (const { job } of queue) {
      const need = job.stages * job.gpusPerStage;
      const region = view.topology.regions.find((r) => (free.get(r.id) ?? 0) >= need);
      if (region === undefined) break;
      free.set(region.id, (free.get(region.id) ?? 0) - need);
      start.push({ jobId: job.id, path: Array(job.stages).fill(region.id) });
    }
    return { start };
  },
  canEverPlace(view, job) {
    const need = job.stages * job.gpusPerStage;
    return need <= largest(view) ? null : `needs ${need} GPUs in one region but the largest region has ${largest(view)}`;
  },
};

/** Starts every queued job on its scripted path at the first event it is queued at, without checking anything. */
export function scripted(paths: Readonly<Record<string, readonly string[]>>, name = "scripted"): Scheduler {
  return {
    name,
    decide(_view: Readonly<ClusterView>, queue: readonly QueuedJob[]): Decision {
      return { start: queue.flatMap(({ job }) => (paths[job.id] === undefined ? [] : [{ jobId: job.id, path: paths[job.id] as string[] }])) };
    },
    canEverPlace: () => null,
  };
}
