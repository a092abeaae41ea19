/**
 * Builds a {@link PipelineInstance} from the cost model (src/cost): stage
 * times from FLOPs, hop latency from the channel each hop of
 * the placement uses (the link between regions, or the region's own figures
 * when two stages share a region) and hop bandwidth as the cost model gives it
 * to the job alone on the network (a cross-region hop's cap), activation bytes `b·s·h·2`.
 */
import { evaluatePlacement, type CostResult } from "../cost/index.js";
import type { Job, LlmModel, PipelinePath, Topology } from "../model/types.js";
import type { PipelineInstance } from "./instance.js";

/** Options of {@link instanceFromPlacement}. */
export interface FromPlacementOptions {
  /** Memory limit K in micro-batches per stage. Default `Infinity`. */
  readonly memoryLimit?: number;
}

/** Defaults of {@link FromPlacementOptions}. */
export const DEFAULT_FROM_PLACEMENT_OPTIONS: Required<FromPlacementOptions> = { memoryLimit: Infinity };

/** The scheduling instance of `job` placed on `path`, or the cost model's error value. */
export function instanceFromPlacement(
  topology: Topology,
  model: LlmModel,
  job: Job,
  path: PipelinePath,
  options: FromPlacementOptions = {},
): CostResult<PipelineInstance> {
  const { memoryLimit } = { ...DEFAULT_FROM_PLACEMENT_OPTIONS, ...options };
  const evaluated = evaluatePlacement(topology, model, job, path);
  if (!evaluated.ok) return evaluated;
  const b = evaluated.value;
  const hops = b.stages.flatMap((s) =>
    s.channel === null
      ? []
      : [{ latencyMs: s.channel.latencyMs, bandwidthGbps: s.bandwidthGbps, activationBytes: b.activationBytes }],
  );
  return {
    ok: true,
    value: {
      microBatches: job.microBatches,
      forwardSec: b.stages.map((s) => s.forwardSec),
      backwardSec: b.stages.map((s) => s.backwardSec),
      hops,
      memoryLimit,
    },
  };
}
