/**
 * A whole instance: topology, the models, and a workload, cross-checked
 * against each other (each job's model exists and its stages can fit).
 */
import path from "node:path";
import { PACKAGE_ROOT } from "../packageRoot.js";
import { checkWorkload } from "./crossCheck.js";
import { InstanceError, type InstanceIssue } from "./issues.js";
import { readModels, readTopology, readWorkload, type Parsed } from "./load.js";
import type { LlmModel, Topology, Workload } from "./types.js";

/**
 * Where the files of an instance are. All optional; defaults in {@link DEFAULT_INSTANCE_PATHS}.
 * Paths given are used as given (relative ones against the working directory).
 */
export interface InstancePaths {
  /** Topology file. Default the package's `instances/default/topology.json`. */
  readonly topologyPath?: string;
  /** Workload file. Default the package's `instances/default/workload.json`. */
  readonly workloadPath?: string;
  /** Folder of model files. Default the package's `models/`. */
  readonly modelsDir?: string;
}

/** The bundled default instance: absolute paths inside the installed package, not the working directory. */
export const DEFAULT_INSTANCE_PATHS: Required<InstancePaths> = {
  topologyPath: path.join(PACKAGE_ROOT, "instances", "default", "topology.json"),
  workloadPath: path.join(PACKAGE_ROOT, "instances", "default", "workload.json"),
  modelsDir: path.join(PACKAGE_ROOT, "models"),
};

/** A loaded, cross-checked instance. */
export interface Instance {
  readonly topology: Topology;
  /** Models by name. */
  readonly models: ReadonlyMap<string, LlmModel>;
  readonly workload: Workload;
  /** Things worth knowing that did not stop loading (e.g. jobs not in arrival order). */
  readonly warnings: readonly InstanceIssue[];
}

/** Loads and cross-checks an instance; every issue of every file in one {@link InstanceError}. */
export function loadInstance(paths: InstancePaths = {}): Instance {
  const r = readInstance(paths);
  if (!r.ok) throw new InstanceError(r.issues);
  return r.value;
}

/** Loads and cross-checks an instance; issues as a value. */
export function readInstance(paths: InstancePaths = {}): Parsed<Instance> {
  const p = { ...DEFAULT_INSTANCE_PATHS, ...paths };
  const topology = readTopology(p.topologyPath);
  const models = readModels(p.modelsDir);
  const workload = readWorkload(p.workloadPath);
  const issues: InstanceIssue[] = [];
  for (const r of [topology, models, workload]) if (!r.ok) issues.push(...r.issues);
  if (!topology.ok || !models.ok || !workload.ok) return { ok: false, issues };
  const check = checkWorkload(workload.value, p.workloadPath, topology.value, models.value);
  if (check.errors.length > 0) return { ok: false, issues: check.errors };
  return { ok: true, value: { topology: topology.value, models: models.value, workload: workload.value, warnings: check.warnings } };
}
