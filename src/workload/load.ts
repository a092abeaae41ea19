/**
 * The load a workload offers a topology, by the same definition the generator
 * targets (docs/workloads.md): total reference GPU-seconds over total GPUs
 * times the arrival span.
 */
import type { LlmModel, Topology, Workload } from "../model/types.js";
import { referenceRun, totalGpus } from "./reference.js";

/** Options of {@link offeredLoad}; defaults in {@link DEFAULT_OFFERED_LOAD_OPTIONS}. */
export interface OfferedLoadOptions {
  /** Start of the arrival window, seconds. Default 0 (the generator's default `startSec`). */
  readonly startSec?: number;
}

/** Defaults of {@link OfferedLoadOptions}. */
export const DEFAULT_OFFERED_LOAD_OPTIONS: Required<OfferedLoadOptions> = { startSec: 0 };

/** What {@link offeredLoad} measured. */
export interface OfferedLoad {
  /** Σ reference GPU-seconds / (total GPUs · span); `null` when the span is 0 or a job has no reference run. */
  readonly load: number | null;
  /** Σ reference GPU-seconds of the jobs. */
  readonly gpuSeconds: number;
  /** Last arrival − startSec, seconds. */
  readonly spanSec: number;
  /** Jobs without a reference run (unknown model or no placement); they add no GPU-seconds. */
  readonly unplaceable: readonly string[];
}

/** Measures the load `workload` offers `topology` over [startSec, last arrival]. */
export function offeredLoad(
  workload: Workload,
  topology: Topology,
  models: ReadonlyMap<string, LlmModel>,
  options: OfferedLoadOptions = {},
): OfferedLoad {
  const { startSec } = { ...DEFAULT_OFFERED_LOAD_OPTIONS, ...options };
  let gpuSeconds = 0;
  let last = startSec;
  const unplaceable: string[] = [];
  for (const job of workload.jobs) {
    last = Math.max(last, job.arrivalSec);
    const model = models.get(job.model);
    const run = model === undefined ? null : referenceRun(topology, model, job);
    if (run === null) unplaceable.push(job.id);
    else gpuSeconds += run.gpuSeconds;
  }
  const spanSec = last - startSec;
  const gpus = totalGpus(topology);
  const load = spanSec > 0 && gpus > 0 && unplaceable.length === 0 ? gpuSeconds / (gpus * spanSec) : null;
  return { load, gpuSeconds, spanSec, unplaceable };
}
