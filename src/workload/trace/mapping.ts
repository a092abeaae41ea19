/**
 * How a trace job (G GPUs for d seconds) becomes a pipeline-parallel job
 * (docs/workloads.md, "From trace jobs to pipeline jobs"). This is an
 * assumption, not a measurement: the traces record GPU counts and times of
 * jobs of all kinds on older GPUs, not LLM pipelines. Two mappings are built
 * in, and a mapping file (JSON, {@link TraceMappingSchema}) can give any other.
 *
 * - `philly-table` (the default, as `readPhillyTrace`): the model by G from a
 *   fixed table (≤ 2 GPUs gpt3-1.3b … > 64 gpt3-175b); S = the largest divisor
 *   of G up to `maxStages` (8), g = G / S. A 1-GPU job becomes a one-stage
 *   "pipeline", a 2-GPU job two stages of one GPU.
 * - `pipeline`: every job of G ≥ 2 GPUs is a real pipeline that can span
 *   regions: S = the smallest divisor of G that is ≥ 2 and leaves g = G / S ≤
 *   `maxGpusPerStage` (8: one server per stage), and the model is the largest
 *   one whose weights, gradients and Adam state (`bytesPerParam` 16 B per
 *   parameter) fit the job's S·g GPUs of `memoryGbPerGpu` and that has at
 *   least S layers. Bigger models per GPU mean longer stages and a smaller
 *   bandwidth demand per hop, so cross-region placements are feasible on WAN
 *   links.
 *
 * Both: a shape that does not fit the topology is shrunk (g first, then S);
 * b, M = `microBatchesPerStage` · S and the MFU are fixed; iterations =
 * max(1, round(d / T)) with T the iteration time of the job's reference run
 * (alone, on its fastest region): **durations are read as runtimes on the
 * fastest GPU of the topology**. A job shorter than half an iteration is
 * lengthened to one iteration (counted in the provenance).
 */
import { z } from "zod";
import { InstanceError, listValid, type InstanceIssue } from "../../model/issues.js";
import type { Job, LlmModel, Topology } from "../../model/types.js";
import { validateWith } from "../../model/zodIssues.js";
import { DEFAULT_PHILLY_MODELS, shrinkToFit, splitGpus, type GpuModelRule } from "../philly.js";
import { referenceRun } from "../reference.js";

/** The shape rules (see the file comment). */
export const MAPPING_SHAPES = ["philly-table", "pipeline"] as const;

/** A trace-to-pipeline mapping. */
export interface TraceMapping {
  /** Name in the provenance. */
  readonly name: string;
  /** How G GPUs are split into S stages of g GPUs. */
  readonly shape: (typeof MAPPING_SHAPES)[number];
  /** The model: a table by GPU count (first rule with G ≤ maxGpus), or `"by-memory"` (the largest that fits, see the file comment). */
  readonly models: "by-memory" | readonly GpuModelRule[];
  /** Most stages. philly-table: 8; pipeline: 16. */
  readonly maxStages: number;
  /** Most GPUs per stage (pipeline shape). Default 8. */
  readonly maxGpusPerStage: number;
  /** Sequences per micro-batch b. philly-table: 2; pipeline: 1. */
  readonly microBatchSize: number;
  /** M = this · S. Default 4. */
  readonly microBatchesPerStage: number;
  /** MFU of every job. Default 0.4. */
  readonly mfu: number;
  /** GPU memory for the by-memory rule, GB; null: the smallest `memoryGb` of the topology's GPUs. Default null. */
  readonly memoryGbPerGpu: number | null;
  /** Bytes per parameter for the by-memory rule (bf16 weights and gradients, fp32 Adam moments and master weights). Default 16. */
  readonly bytesPerParam: number;
}

/** The built-in mappings by name. */
export const TRACE_MAPPINGS: Readonly<Record<string, TraceMapping>> = {
  "philly-table": {
    name: "philly-table",
    shape: "philly-table",
    models: DEFAULT_PHILLY_MODELS,
    maxStages: 8,
    maxGpusPerStage: 8,
    microBatchSize: 2,
    microBatchesPerStage: 4,
    mfu: 0.4,
    memoryGbPerGpu: null,
    bytesPerParam: 16,
  },
  pipeline: {
    name: "pipeline",
    shape: "pipeline",
    models: "by-memory",
    maxStages: 16,
    maxGpusPerStage: 8,
    microBatchSize: 1,
    microBatchesPerStage: 4,
    mfu: 0.4,
    memoryGbPerGpu: null,
    bytesPerParam: 16,
  },
};

/** Name of the default mapping. */
export const DEFAULT_TRACE_MAPPING = "philly-table";

const posInt = z.number().int().min(1);

/** A mapping file: a built-in mapping to start from (`base`, default philly-table) and the fields to change. */
export const TraceMappingSchema = z.strictObject({
  name: z.string().min(1).optional(),
  base: z.enum(Object.keys(TRACE_MAPPINGS) as [string, ...string[]]).optional(),
  shape: z.enum(MAPPING_SHAPES).optional(),
  models: z
    .union([
      z.literal("by-memory"),
      z.array(z.strictObject({ maxGpus: z.number().int().min(1).nullable(), model: z.string().min(1) })).min(1),
    ])
    .optional(),
  maxStages: posInt.optional(),
  maxGpusPerStage: posInt.optional(),
  microBatchSize: posInt.optional(),
  microBatchesPerStage: posInt.optional(),
  mfu: z.number().gt(0).lte(1).optional(),
  memoryGbPerGpu: z.number().gt(0).nullable().optional(),
  bytesPerParam: z.number().gt(0).optional(),
});

/** Validates a parsed mapping file (`maxGpus: null` is "no upper bound"); issues name `file` and the field. */
export function parseTraceMapping(value: unknown, file: string): { ok: true; value: TraceMapping } | { ok: false; issues: readonly InstanceIssue[] } {
  const r = validateWith(TraceMappingSchema, value, file);
  if (!r.ok) return r;
  const { base, models, name, ...rest } = r.value;
  const start = TRACE_MAPPINGS[base ?? DEFAULT_TRACE_MAPPING]!;
  const fields = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  const table = models === undefined || models === "by-memory" ? models : models.map((m) => ({ maxGpus: m.maxGpus ?? Infinity, model: m.model }));
  return { ok: true, value: { ...start, ...fields, ...(table === undefined ? {} : { models: table }), name: name ?? file } };
}

/** Issues of a mapping against the loaded models (unknown model names). */
export function checkTraceMapping(mapping: TraceMapping, models: ReadonlyMap<string, LlmModel>, file: string): InstanceIssue[] {
  if (mapping.models === "by-memory") return models.size > 0 ? [] : [{ file, path: "models", message: "by-memory needs at least one loaded model" }];
  const names = [...models.keys()].sort();
  return mapping.models.flatMap((r, i) =>
    models.has(r.model) ? [] : [{ file, path: `models[${i}].model`, message: `unknown model "${r.model}"; valid models: ${listValid(names)}` }],
  );
}

/** Pipeline shape: S = the smallest divisor ≥ 2 of G with G/S ≤ maxGpusPerStage and S ≤ maxStages; otherwise S = min(G, maxStages), g = ⌈G/S⌉ capped at maxGpusPerStage. */
export function pipelineShape(gpus: number, maxStages: number, maxGpusPerStage: number): { readonly stages: number; readonly gpusPerStage: number } {
  if (gpus <= 1) return { stages: 1, gpusPerStage: 1 };
  for (let s = 2; s <= Math.min(gpus, maxStages); s++) {
    if (gpus % s === 0 && gpus / s <= maxGpusPerStage) return { stages: s, gpusPerStage: gpus / s };
  }
  const stages = Math.max(2, Math.min(gpus, maxStages));
  return { stages, gpusPerStage: Math.max(1, Math.min(maxGpusPerStage, Math.round(gpus / stages))) };
}

/** The largest model (parameters, then name) whose `bytesPerParam` bytes per parameter fit `gpus` GPUs of `memoryGb` and that has ≥ `stages` layers; the smallest model when none fits. */
export function modelByMemory(models: ReadonlyMap<string, LlmModel>, gpus: number, stages: number, memoryGb: number, bytesPerParam: number): LlmModel {
  const all = [...models.values()].sort((a, b) => a.paramCount - b.paramCount || (a.name < b.name ? -1 : 1));
  const fits = all.filter((m) => m.paramCount * bytesPerParam <= gpus * memoryGb * 1e9 && m.numLayers >= stages);
  return fits[fits.length - 1] ?? all[0]!;
}

/** A mapped job shape and its reference run. */
export interface MappedJob {
  /** The job (id and arrival as given). */
  readonly job: Job;
  /** Iteration time of its reference run, s. */
  readonly iterationSec: number;
  /** `iterations · iterationSec`: its runtime alone on its fastest placement, s. */
  readonly referenceRuntimeSec: number;
  /** True when the trace duration was shorter than half an iteration and the job was given one iteration. */
  readonly lengthened: boolean;
}

/**
 * Maps one trace job of `gpus` GPUs and `durationSec` to a pipeline job
 * with `id` arriving at `arrivalSec`; `null` when it has no reference
 * placement in `topology` (not even after shrinking).
 */
export function mapTraceJob(
  mapping: TraceMapping,
  spec: { readonly id: string; readonly arrivalSec: number; readonly gpus: number; readonly durationSec: number },
  topology: Topology,
  models: ReadonlyMap<string, LlmModel>,
): MappedJob | null {
  const G = Math.max(1, Math.round(spec.gpus));
  let model: LlmModel;
  let split: { stages: number; gpusPerStage: number };
  if (mapping.shape === "pipeline") {
    split = pipelineShape(G, mapping.maxStages, mapping.maxGpusPerStage);
    model = pickModel(mapping, models, topology, split.stages * split.gpusPerStage, split.stages);
    split = { stages: Math.min(split.stages, model.numLayers), gpusPerStage: split.gpusPerStage };
  } else {
    model = pickModel(mapping, models, topology, G, 1);
    split = splitGpus(G, Math.min(mapping.maxStages, model.numLayers));
  }
  const shape = shrinkToFit(topology, split.stages, split.gpusPerStage);
  const base: Job = {
    id: spec.id,
    model: model.name,
    arrivalSec: spec.arrivalSec,
    stages: shape.stages,
    gpusPerStage: shape.gpusPerStage,
    microBatchSize: mapping.microBatchSize,
    microBatches: mapping.microBatchesPerStage * shape.stages,
    iterations: 1,
    mfu: mapping.mfu,
  };
  const ref = cachedReference(topology, model, base);
  if (ref === null) return null;
  const raw = spec.durationSec / ref.iterationSec;
  const iterations = Math.max(1, Math.round(raw));
  return { job: { ...base, iterations }, iterationSec: ref.iterationSec, referenceRuntimeSec: iterations * ref.iterationSec, lengthened: raw < 0.5 };
}

/** Reference runs by topology and shape (the run of one iteration does not depend on the duration; traces repeat few shapes). */
const references = new WeakMap<Topology, Map<string, ReturnType<typeof referenceRun>>>();

function cachedReference(topology: Topology, model: LlmModel, job: Job): ReturnType<typeof referenceRun> {
  let byShape = references.get(topology);
  if (byShape === undefined) references.set(topology, (byShape = new Map()));
  const key = `${model.name}|${job.stages}|${job.gpusPerStage}|${job.microBatchSize}|${job.microBatches}|${job.mfu}|${job.commOverlap === true}`;
  if (!byShape.has(key)) byShape.set(key, referenceRun(topology, model, job));
  return byShape.get(key)!;
}

function pickModel(mapping: TraceMapping, models: ReadonlyMap<string, LlmModel>, topology: Topology, gpus: number, stages: number): LlmModel {
  if (mapping.models === "by-memory") {
    const memoryGb = mapping.memoryGbPerGpu ?? Math.min(...topology.regions.map((r) => r.gpu.memoryGb));
    return modelByMemory(models, gpus, stages, memoryGb, mapping.bytesPerParam);
  }
  const rules = mapping.models;
  const rule = rules.find((r) => gpus <= r.maxGpus) ?? rules[rules.length - 1]!;
  const model = models.get(rule.model);
  if (model === undefined) throw new InstanceError([{ file: mapping.name, path: "models", message: `unknown model "${rule.model}"` }]);
  return model;
}
