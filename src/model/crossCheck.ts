/**
 * Checks across fields and files that a schema cannot express: unique ids,
 * links between known and distinct regions, jobs that name a known model and
 * can fit in the GPUs the topology has. Pure: values in, issues out.
 */
import { listValid, type InstanceIssue } from "./issues.js";
import type { Job, LlmModel, Topology, Workload } from "./types.js";

/** Issues of a topology on its own: duplicate region ids, links to unknown regions, self-links, duplicate pairs, idle power above full power. */
export function checkTopology(topology: Topology, file: string): InstanceIssue[] {
  const issues: InstanceIssue[] = [];
  const firstIndex = new Map<string, number>();
  topology.regions.forEach((r, i) => {
    const seen = firstIndex.get(r.id);
    if (seen !== undefined) {
      issues.push({ file, path: `regions[${i}].id`, message: `duplicate region id "${r.id}" (also regions[${seen}].id); give each region a unique id` });
    } else firstIndex.set(r.id, i);
    if (r.gpu.idlePowerW !== undefined && r.gpu.idlePowerW > r.gpu.powerW) {
      issues.push({ file, path: `regions[${i}].gpu.idlePowerW`, message: `must be <= powerW (${r.gpu.powerW}), got ${r.gpu.idlePowerW}` });
    }
  });
  const ids = [...firstIndex.keys()];
  const pairs = new Map<string, number>();
  topology.links.forEach((l, i) => {
    for (const end of ["a", "b"] as const) {
      if (!firstIndex.has(l[end])) {
        issues.push({ file, path: `links[${i}].${end}`, message: `unknown region "${l[end]}"; valid ids: ${listValid(ids)}` });
      }
    }
    if (l.a === l.b) {
      issues.push({
        file,
        path: `links[${i}]`,
        message: `links region "${l.a}" to itself; remove it (traffic inside a region uses the region's intraBandwidthGbps and intraLatencyMs)`,
      });
      return;
    }
    const key = pairKey(l.a, l.b);
    const seen = pairs.get(key);
    if (seen !== undefined) {
      issues.push({ file, path: `links[${i}]`, message: `duplicate link between "${l.a}" and "${l.b}" (also links[${seen}]; links are undirected); keep one` });
    } else pairs.set(key, i);
  });
  return issues;
}

/** Order-free key of a region pair. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/** Issues of a set of model files: duplicate model names. */
export function checkModels(entries: readonly { readonly file: string; readonly model: LlmModel }[]): InstanceIssue[] {
  const issues: InstanceIssue[] = [];
  const seen = new Map<string, string>();
  for (const { file, model } of entries) {
    const other = seen.get(model.name);
    if (other !== undefined) issues.push({ file, path: "name", message: `duplicate model name "${model.name}" (also in ${other}); give each model a unique name` });
    else seen.set(model.name, file);
  }
  return issues;
}

/** Errors and warnings of a workload against a topology and the known models. */
export interface WorkloadCheck {
  /** Problems that make the instance unusable. */
  readonly errors: readonly InstanceIssue[];
  /** Things worth knowing that do not stop a run. */
  readonly warnings: readonly InstanceIssue[];
}

/**
 * Checks jobs: unique ids, a known model, no more stages than layers, a stage's
 * GPUs fit in one region, all stages fit in the topology, and (a necessary
 * condition for a pipeline path) some connected group of regions holds them.
 */
export function checkWorkload(
  workload: Workload,
  file: string,
  topology: Topology,
  models: ReadonlyMap<string, LlmModel>,
): WorkloadCheck {
  const errors: InstanceIssue[] = [];
  const warnings: InstanceIssue[] = [];
  const seen = new Map<string, number>();
  const modelNames = [...models.keys()].sort();
  const components = connectedComponents(topology);
  const largest = topology.regions.reduce((best, r) => (r.gpus > best.gpus ? r : best), topology.regions[0]!);
  workload.jobs.forEach((job, i) => {
    const at = `jobs[${i}]`;
    const other = seen.get(job.id);
    if (other !== undefined) errors.push({ file, path: `${at}.id`, message: `duplicate job id "${job.id}" (also jobs[${other}].id); give each job a unique id` });
    else seen.set(job.id, i);
    const model = models.get(job.model);
    if (model === undefined) {
      errors.push({ file, path: `${at}.model`, message: `job "${job.id}": unknown model "${job.model}"; valid models: ${listValid(modelNames)}` });
    } else if (job.stages > model.numLayers) {
      errors.push({
        file,
        path: `${at}.stages`,
        message: `${job.stages} stages but ${model.name} has ${model.numLayers} layers; use at most ${model.numLayers} stages`,
      });
    }
    const fit = fitIssue(job, topology, components, largest.gpus);
    if (fit !== null) errors.push({ file, path: at, message: fit });
  });
  const arrivals = workload.jobs.map((j) => j.arrivalSec);
  if (arrivals.some((t, i) => i > 0 && t < arrivals[i - 1]!)) {
    warnings.push({ file, path: "jobs", message: "jobs are not listed in arrival order (allowed; they are scheduled by arrivalSec)" });
  }
  return { errors, warnings };
}

/** Why `job` cannot fit, or null when it passes the necessary conditions. */
function fitIssue(job: Job, topology: Topology, components: readonly (readonly number[])[], largestGpus: number): string | null {
  const g = job.gpusPerStage;
  const S = job.stages;
  if (g > largestGpus) {
    return `needs ${g} GPUs per stage but the largest region has ${largestGpus}; lower gpusPerStage or add GPUs`;
  }
  const slots = (idx: readonly number[]): number => idx.reduce((n, r) => n + Math.floor(topology.regions[r]!.gpus / g), 0);
  const all = topology.regions.map((_, r) => r);
  const total = slots(all);
  if (total < S) {
    return (
      `needs ${S} stages × ${g} GPUs = ${S * g} GPUs, but the regions hold only ${total} stage(s) of ${g} GPUs ` +
      `(a stage's GPUs must be in one region); lower stages or gpusPerStage, or add GPUs`
    );
  }
  const best = components.reduce((b, c) => (slots(c) > slots(b) ? c : b), components[0] ?? []);
  if (slots(best) < S) {
    const names = best.map((r) => topology.regions[r]!.id).join(", ");
    return (
      `needs ${S} stages of ${g} GPUs but no connected group of regions holds them ` +
      `(largest: ${names} with ${slots(best)}); add links between regions`
    );
  }
  return null;
}

/** Region indices of each connected component of the link graph. */
export function connectedComponents(topology: Topology): number[][] {
  const index = new Map(topology.regions.map((r, i) => [r.id, i] as const));
  const parent = topology.regions.map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  for (const l of topology.links) {
    const a = index.get(l.a);
    const b = index.get(l.b);
    if (a !== undefined && b !== undefined) parent[find(a)] = find(b);
  }
  const groups = new Map<number, number[]>();
  topology.regions.forEach((_, i) => {
    const root = find(i);
    const list = groups.get(root) ?? [];
    list.push(i);
    groups.set(root, list);
  });
  return [...groups.values()];
}
