/**
 * Checks a job mix against the loaded models and a topology before any job is
 * drawn, so a bad mix fails with a field path and a fix instead of producing
 * jobs the instance loader would reject.
 */
import { checkWorkload } from "../model/crossCheck.js";
import type { InstanceIssue } from "../model/issues.js";
import type { Job, LlmModel, Topology } from "../model/types.js";
import type { MixEntry } from "./mix.js";
import { referenceRun } from "./reference.js";

const isInt = (x: number): boolean => Number.isInteger(x);

function intRangeIssue(range: readonly [number, number], min: number, what: string): string | null {
  const [lo, hi] = range;
  if (!isInt(lo) || !isInt(hi) || lo < min || hi < lo) {
    return `${what} must be integers [min, max] with ${min} <= min <= max, got [${lo}, ${hi}]`;
  }
  return null;
}

function choiceIssue(items: readonly number[], what: string): string | null {
  if (items.length === 0 || items.some((x) => !isInt(x) || x < 1)) {
    return `${what} must be a non-empty list of integers >= 1, got [${items.join(", ")}]`;
  }
  return null;
}

/** A job with the largest stages and GPUs per stage of `entry` (to test that every draw fits). */
function probeJob(entry: MixEntry): Job {
  return {
    id: "probe",
    model: entry.model,
    arrivalSec: 0,
    stages: entry.stages[1],
    gpusPerStage: Math.max(...entry.gpusPerStage),
    microBatchSize: Math.max(...entry.microBatchSize),
    microBatches: entry.microBatches[1],
    iterations: entry.iterations[1],
    mfu: entry.mfu[0],
  };
}

/**
 * Issues of one mix entry (`at` is its field path, e.g. `mix[2]`): ranges,
 * a known model, at most as many stages as layers, the largest shape fitting
 * the topology (the instance cross-checks) and having a reference run.
 */
export function checkMixEntry(
  entry: MixEntry,
  at: string,
  file: string,
  topology: Topology,
  models: ReadonlyMap<string, LlmModel>,
): InstanceIssue[] {
  const issues: InstanceIssue[] = [];
  const push = (path: string, message: string | null): void => {
    if (message !== null) issues.push({ file, path: `${at}${path}`, message });
  };
  const model = models.get(entry.model);
  if (model === undefined) {
    push(".model", `unknown model "${entry.model}"; valid models: ${[...models.keys()].sort().join(", ")}`);
  }
  if (!(entry.weight >= 0) || !Number.isFinite(entry.weight)) push(".weight", `must be a finite number >= 0, got ${entry.weight}`);
  push(".stages", intRangeIssue(entry.stages, 1, "stages"));
  push(".microBatches", intRangeIssue(entry.microBatches, 1, "microBatches"));
  push(".iterations", intRangeIssue(entry.iterations, 1, "iterations"));
  push(".gpusPerStage", choiceIssue(entry.gpusPerStage, "gpusPerStage"));
  push(".microBatchSize", choiceIssue(entry.microBatchSize, "microBatchSize"));
  const [mfuLo, mfuHi] = entry.mfu;
  if (!(mfuLo > 0 && mfuHi <= 1 && mfuLo <= mfuHi)) push(".mfu", `must be [min, max] within (0, 1] with min <= max, got [${mfuLo}, ${mfuHi}]`);
  if (model !== undefined && entry.stages[1] > model.numLayers) {
    push(".stages", `max ${entry.stages[1]} stages but ${model.name} has ${model.numLayers} layers; use at most ${model.numLayers}`);
  }
  if (issues.length > 0 || model === undefined) return issues;
  const probe = probeJob(entry);
  const check = checkWorkload({ name: "probe", jobs: [probe] }, file, topology, models);
  for (const e of check.errors) push("", `its largest shape (${probe.stages} stages × ${probe.gpusPerStage} GPUs) does not fit: ${e.message}`);
  if (check.errors.length === 0 && referenceRun(topology, model, probe) === null) {
    push("", `its largest shape (${probe.stages} stages × ${probe.gpusPerStage} GPUs) has no reference placement in "${topology.name}"; lower stages or gpusPerStage`);
  }
  return issues;
}
