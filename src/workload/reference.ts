/**
 * The reference run of a job: how long it takes, and how many GPU-seconds it
 * uses, when it runs alone on its fastest simple placement. Workload
 * generation sets arrival rates from it (load), and the trace reader sets
 * iterations from it (duration). Definition (docs/workloads.md):
 *
 * 1. every region that holds all `S·g` GPUs of the job is tried with the whole
 *    job inside it (no inter-region hop); the one with the smallest iteration
 *    time wins (ties: region id);
 * 2. when no region holds the whole job, stages fill regions greedily in order
 *    of peak TFLOP/s (descending; ties by GPUs, then region id), each
 *    region taking `⌊gpus / g⌋` consecutive stages;
 * 3. `null` when neither gives a placement the cost model accepts.
 */
import { evaluatePlacement, type PlacementBreakdown } from "../cost/index.js";
import { compareIds, regionsById } from "../model/order.js";
import type { Job, LlmModel, PipelinePath, Topology } from "../model/types.js";

/** A job's reference run (alone on the cluster, fastest simple placement). */
export interface ReferenceRun {
  /** The placement used. */
  readonly path: PipelinePath;
  /** Iteration time T on that placement, seconds. */
  readonly iterationSec: number;
  /** `iterations · T`, seconds. */
  readonly runtimeSec: number;
  /** `stages · gpusPerStage · runtimeSec`: GPU-seconds the job occupies. */
  readonly gpuSeconds: number;
}

/** Total GPUs of a topology (the denominator of load). */
export function totalGpus(topology: Topology): number {
  return topology.regions.reduce((n, r) => n + r.gpus, 0);
}

function toRun(job: Job, b: PlacementBreakdown): ReferenceRun {
  return {
    path: b.path,
    iterationSec: b.iterationSec,
    runtimeSec: b.runtimeSec,
    gpuSeconds: job.stages * job.gpusPerStage * b.runtimeSec,
  };
}

/** Greedy multi-region path: fastest regions first, `⌊gpus/g⌋` stages each; `null` when the GPUs run out. */
function greedyPath(topology: Topology, job: Job): PipelinePath | null {
  const order = topology.regions
    .map((r) => ({ r }))
    .sort((x, y) => y.r.gpu.peakTflopsBf16 - x.r.gpu.peakTflopsBf16 || y.r.gpus - x.r.gpus || compareIds(x.r.id, y.r.id));
  const path: string[] = [];
  for (const { r } of order) {
    const slots = Math.floor(r.gpus / job.gpusPerStage);
    for (let k = 0; k < slots && path.length < job.stages; k++) path.push(r.id);
    if (path.length === job.stages) return path;
  }
  return null;
}

/** The reference run of `job` (see the file comment), or `null` when no such placement exists. */
export function referenceRun(topology: Topology, model: LlmModel, job: Job): ReferenceRun | null {
  const need = job.stages * job.gpusPerStage;
  let best: PlacementBreakdown | null = null;
  for (const region of regionsById(topology)) {
    if (region.gpus < need) continue;
    const r = evaluatePlacement(topology, model, job, Array.from({ length: job.stages }, () => region.id));
    if (r.ok && (best === null || r.value.iterationSec < best.iterationSec)) best = r.value;
  }
  if (best !== null) return toRun(job, best);
  const path = greedyPath(topology, job);
  if (path === null) return null;
  const r = evaluatePlacement(topology, model, job, path);
  return r.ok ? toRun(job, r.value) : null;
}
