/**
 * Training requests for CBA and a seeded Poisson request stream.
 *
 * A request is a pipeline-parallel job: S stages of g GPUs, M micro-batches
 * per iteration, per-stage compute time per micro-batch, and the activation
 * size A sent between consecutive stages. Its rate demand per cross-DC hop is
 * the cost model's rule `A·8 / (t_f + t_b)` (`demandGbps` of src/cost,
 * docs/model.md "Bandwidth demand": one tensor each way per 1F1B step of the sender).
 */
import { demandGbps } from "../cost/communication.js";
import { exponential, pick, type Rng } from "../util/rng.js";

/** A pipeline-parallel training request. */
export interface TrainingRequest {
  /** Unique id, e.g. "r17". */
  readonly id: string;
  /** Arrival time, s. */
  readonly arrivalSec: number;
  /** How long the job holds its resources once admitted, s. */
  readonly holdingSec: number;
  /** Node where the job's data lives; its first stage goes to the DC nearest to it. */
  readonly sourceNode: string;
  /** GPUs per stage g. */
  readonly gpusPerStage: number;
  /** Micro-batches per iteration M. */
  readonly microBatches: number;
  /** Compute per micro-batch (forward + backward) of each stage, ms; its length is the stage count S. */
  readonly stageComputeMs: readonly number[];
  /** Activation sent from a stage to the next per micro-batch (gradient of the same size back), bytes. */
  readonly activationBytes: number;
  /** Rate each cross-DC hop must carry, Gbit/s. */
  readonly demandGbps: number;
}

/** Options of {@link generateRequests}. */
export interface RequestStreamOptions {
  /** Number of requests; default 200. */
  readonly count?: number;
  /** Poisson arrival rate, requests per s; default 1. */
  readonly arrivalRatePerSec?: number;
  /** Mean of the exponential holding time, s; default 10 (so the offered load is 10 Erlang). */
  readonly meanHoldingSec?: number;
  /** Stage counts drawn uniformly; default [2, 3, 4]. */
  readonly stageChoices?: readonly number[];
  /** GPUs per stage drawn uniformly; default [4, 8]. */
  readonly gpusPerStageChoices?: readonly number[];
  /** Micro-batches drawn uniformly; default [8, 16]. */
  readonly microBatchChoices?: readonly number[];
  /** Activation sizes in MB (10^6 B) drawn uniformly; default [16, 32, 64]. */
  readonly activationMbChoices?: readonly number[];
  /** Forward time per micro-batch per stage in ms drawn uniformly (backward = 2 × forward); default [1, 2, 4]. */
  readonly forwardMsChoices?: readonly number[];
  /** Nodes a source is drawn from; default all nodes passed to {@link generateRequests}. */
  readonly sourceNodes?: readonly string[];
}

/** Defaults of {@link RequestStreamOptions} (except sourceNodes). */
export const DEFAULT_REQUEST_STREAM: Required<Omit<RequestStreamOptions, "sourceNodes">> = {
  count: 200,
  arrivalRatePerSec: 1,
  meanHoldingSec: 10,
  stageChoices: [2, 3, 4],
  gpusPerStageChoices: [4, 8],
  microBatchChoices: [8, 16],
  activationMbChoices: [16, 32, 64],
  forwardMsChoices: [1, 2, 4],
};

/**
 * A seeded request stream: Poisson arrivals, exponential holding times, and
 * shapes drawn uniformly from the option lists. The same `rng` stream gives
 * the same requests. Demands range 10.7–171 Gbit/s with the defaults.
 */
export function generateRequests(
  nodes: readonly string[],
  rng: Rng,
  options: RequestStreamOptions = {},
): TrainingRequest[] {
  const o = { ...DEFAULT_REQUEST_STREAM, ...options };
  const sources = options.sourceNodes ?? nodes;
  const out: TrainingRequest[] = [];
  let t = 0;
  for (let i = 0; i < o.count; i++) {
    t += exponential(rng, o.arrivalRatePerSec);
    const holdingSec = exponential(rng, 1 / o.meanHoldingSec);
    const stages = pick(rng, o.stageChoices);
    const forwardMs = pick(rng, o.forwardMsChoices);
    const activationBytes = pick(rng, o.activationMbChoices) * 1e6;
    out.push({
      id: `r${i}`,
      arrivalSec: t,
      holdingSec,
      sourceNode: pick(rng, sources),
      gpusPerStage: pick(rng, o.gpusPerStageChoices),
      microBatches: pick(rng, o.microBatchChoices),
      stageComputeMs: Array.from({ length: stages }, () => 3 * forwardMs),
      activationBytes,
      demandGbps: demandGbps(activationBytes, (3 * forwardMs) / 1000),
    });
  }
  return out;
}
