/**
 * The CrossPipe placement file: a small JSON format that describes one
 * pipeline to schedule, in one of two forms.
 *
 * - **Explicit**: `{ "stages": [{ "forwardMs", "backwardMs" }, …],
 *   "hops": [{ "latencyMs", "bandwidthGbps", "activationBytes" }, …] }`
 *   (one hop per pair of consecutive stages).
 * - **References**: `{ "topology": "<topology.json>", "model": "<name or
 *   file.json>", "job": { "gpusPerStage", "microBatchSize", "mfu" },
 *   "path": ["<region>", …] }`, resolved through {@link instanceFromPlacement}
 *   and the cost model; paths are relative to the placement file, a model
 *   without `.json` is looked up by name in the models folder.
 *
 * Both may carry a `name`. Micro-batches M and the memory limit K are not in
 * the file: they come from the caller (the CLI flags). Every problem is
 * reported as an {@link InstanceIssue} naming the file, the field path and the fix.
 */
import path from "node:path";
import { z } from "zod";
import type { InstanceIssue } from "../model/issues.js";
import { readJsonFile } from "../model/json.js";
import { readLlmModel, readModels, readTopology, type Parsed } from "../model/load.js";
import type { Job, LlmModel, Topology } from "../model/types.js";
import { validateWith } from "../model/zodIssues.js";
import { instanceFromPlacement } from "./fromPlacement.js";
import { validateInstance, type PipelineInstance } from "./instance.js";

/** One stage of the explicit form. */
export const ExplicitStageSchema = z.strictObject({
  forwardMs: z.number().gt(0).meta({ description: "Forward time of one micro-batch, ms (> 0)." }),
  backwardMs: z.number().gt(0).meta({ description: "Backward time of one micro-batch, ms (> 0)." }),
});

/** One hop of the explicit form. */
export const ExplicitHopSchema = z.strictObject({
  latencyMs: z.number().min(0).meta({ description: "One-way latency, ms (≥ 0)." }),
  bandwidthGbps: z.number().gt(0).meta({ description: "Bandwidth in each direction, Gbit/s (> 0)." }),
  activationBytes: z.number().min(0).meta({ description: "Bytes of one micro-batch's activation (and of its gradient)." }),
});

/** The explicit form. */
export const ExplicitPlacementSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1).optional().meta({ description: "Name shown in the output." }),
  stages: z.array(ExplicitStageSchema).min(1).meta({ description: "Stages in pipeline order." }),
  hops: z.array(ExplicitHopSchema).meta({ description: "Hop k joins stage k and stage k+1; S − 1 entries." }),
});

/** The job fields the reference form needs (the rest follow from the path and the flags). */
export const PlacementJobSchema = z.strictObject({
  gpusPerStage: z.number().int().min(1).meta({ description: "GPUs per stage g (integer ≥ 1)." }),
  microBatchSize: z.number().int().min(1).meta({ description: "Sequences per micro-batch b (integer ≥ 1)." }),
  mfu: z.number().gt(0).lte(1).meta({ description: "Achieved fraction of peak FLOP/s, in (0, 1]." }),
});

/** The reference form. */
export const ReferencePlacementSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1).optional().meta({ description: "Name shown in the output." }),
  topology: z.string().min(1).meta({ description: "Topology JSON file, relative to the placement file." }),
  model: z.string().min(1).meta({ description: "Model name in the models folder, or a model .json file relative to the placement file." }),
  job: PlacementJobSchema,
  path: z.array(z.string().min(1)).min(1).meta({ description: "Region of each stage, in stage order." }),
});

/** Explicit placement as parsed. */
export type ExplicitPlacement = z.infer<typeof ExplicitPlacementSchema>;
/** Reference placement as parsed. */
export type ReferencePlacement = z.infer<typeof ReferencePlacementSchema>;

/** What the caller adds to the file. */
export interface PlacementSettings {
  /** Micro-batches per iteration M (integer ≥ 1). */
  readonly microBatches: number;
  /** Memory limit K (integer ≥ 1, or `Infinity`). */
  readonly memoryLimit: number;
  /** Folder in which a model given by name is looked up. */
  readonly modelsDir: string;
}

/** A resolved placement: the instance and a name for output. */
export interface ResolvedPlacement {
  /** Name from the file, or the file's base name. */
  readonly name: string;
  /** The instance to schedule. */
  readonly instance: PipelineInstance;
  /** Which form the file used. */
  readonly form: "explicit" | "references";
}

const issue = (file: string, p: string, message: string): InstanceIssue => ({ file, path: p, message });

/** Instance issues (from {@link validateInstance}) become file issues at the root. */
function instanceIssues(inst: PipelineInstance, file: string): readonly InstanceIssue[] {
  return validateInstance(inst).map((m) => issue(file, "", m));
}

/** The explicit form to an instance; checks the hop count against the stage count. */
export function explicitInstance(
  p: ExplicitPlacement,
  settings: Pick<PlacementSettings, "microBatches" | "memoryLimit">,
  file: string,
): Parsed<PipelineInstance> {
  const S = p.stages.length;
  if (p.hops.length !== S - 1) {
    return {
      ok: false,
      issues: [issue(file, "hops", `has ${p.hops.length} entries but ${S} stages need ${S - 1}: give one hop per pair of consecutive stages`)],
    };
  }
  const inst: PipelineInstance = {
    microBatches: settings.microBatches,
    forwardSec: p.stages.map((s) => s.forwardMs / 1000),
    backwardSec: p.stages.map((s) => s.backwardMs / 1000),
    hops: p.hops.map((h) => ({ ...h })),
    memoryLimit: settings.memoryLimit,
  };
  const issues = instanceIssues(inst, file);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: inst };
}

/** The reference form to an instance, given the topology and model it names. */
export function referenceInstance(
  p: ReferencePlacement,
  topology: Topology,
  model: LlmModel,
  settings: Pick<PlacementSettings, "microBatches" | "memoryLimit">,
  file: string,
): Parsed<PipelineInstance> {
  const job: Job = {
    id: p.name ?? "crosspipe",
    model: model.name,
    arrivalSec: 0,
    stages: p.path.length,
    gpusPerStage: p.job.gpusPerStage,
    microBatchSize: p.job.microBatchSize,
    microBatches: settings.microBatches,
    iterations: 1,
    mfu: p.job.mfu,
  };
  const r = instanceFromPlacement(topology, model, job, p.path, { memoryLimit: settings.memoryLimit });
  if (!r.ok) {
    const e = r.error;
    const where = e.kind === "unknown_region" ? `path[${e.stage}]` : e.kind === "no_link" && e.stage >= 0 ? `path[${e.stage + 1}]` : "";
    return { ok: false, issues: [issue(file, where, e.message)] };
  }
  const issues = instanceIssues(r.value, file);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: r.value };
}

/** Resolves a parsed placement value; `file` names it in issues and anchors relative paths. */
export function resolvePlacement(value: unknown, file: string, settings: PlacementSettings): Parsed<ResolvedPlacement> {
  const isObject = typeof value === "object" && value !== null && !Array.isArray(value);
  const keys = isObject ? Object.keys(value) : [];
  const fallbackName = path.basename(file).replace(/\.json$/i, "");
  if (keys.includes("stages") || keys.includes("hops")) {
    const v = validateWith(ExplicitPlacementSchema, value, file);
    if (!v.ok) return v;
    const inst = explicitInstance(v.value, settings, file);
    return inst.ok ? { ok: true, value: { name: v.value.name ?? fallbackName, instance: inst.value, form: "explicit" } } : inst;
  }
  if (keys.includes("topology") || keys.includes("path")) {
    const v = validateWith(ReferencePlacementSchema, value, file);
    if (!v.ok) return v;
    const dir = path.dirname(file);
    const topology = readTopology(path.resolve(dir, v.value.topology));
    if (!topology.ok) return topology;
    const model = resolveModel(v.value.model, dir, settings.modelsDir, file);
    if (!model.ok) return model;
    const inst = referenceInstance(v.value, topology.value, model.value, settings, file);
    return inst.ok ? { ok: true, value: { name: v.value.name ?? fallbackName, instance: inst.value, form: "references" } } : inst;
  }
  return {
    ok: false,
    issues: [
      issue(
        file,
        "",
        'is neither placement form: give "stages" and "hops" (explicit times) or "topology", "model", "job" and "path" (references); see docs/crosspipe.md',
      ),
    ],
  };
}

/** A model by name from `modelsDir`, or from a `.json` file relative to `dir`. */
function resolveModel(ref: string, dir: string, modelsDir: string, file: string): Parsed<LlmModel> {
  if (ref.toLowerCase().endsWith(".json")) return readLlmModel(path.resolve(dir, ref));
  const all = readModels(modelsDir);
  if (!all.ok) return all;
  const m = all.value.get(ref);
  if (m !== undefined) return { ok: true, value: m };
  const names = [...all.value.keys()].join(", ");
  return { ok: false, issues: [issue(file, "model", `unknown model "${ref}"; use one of ${names} (in ${modelsDir}) or a path ending in .json`)] };
}

/** Reads and resolves a placement file; every problem as an issue. */
export function readPlacementFile(file: string, settings: PlacementSettings): Parsed<ResolvedPlacement> {
  const json = readJsonFile(file, "a CrossPipe placement file (JSON, see docs/crosspipe.md), e.g. experiments/crosspipe/example-placement.json");
  if (!json.ok) return { ok: false, issues: [json.issue] };
  return resolvePlacement(json.value, file, settings);
}
