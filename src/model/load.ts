/**
 * Loaders for single instance files: read, parse, validate against the
 * schema, cross-check within the file, and return typed values.
 *
 * The loaders are the boundary where user input enters, so they throw an
 * {@link InstanceError} listing every issue found (one per line); the
 * `parse*` functions are the same checks on an already-parsed value and
 * return the issues as a value instead.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { checkModels, checkTopology } from "./crossCheck.js";
import { InstanceError, type InstanceIssue } from "./issues.js";
import { readJsonFile } from "./json.js";
import { LlmModelFileSchema, TopologyFileSchema, WorkloadFileSchema } from "./schemas.js";
import type { LlmModel, Topology, Workload } from "./types.js";
import { validateWith } from "./zodIssues.js";

/** A validated value, or every issue found. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly InstanceIssue[] };

/** Validates a parsed topology file (schema, then ids and links); `file` names it in issues. `$schema` is dropped. */
export function parseTopology(value: unknown, file: string): Parsed<Topology> {
  const r = validateWith(TopologyFileSchema, value, file);
  if (!r.ok) return r;
  const { $schema: _ignored, ...topology } = r.value;
  const issues = checkTopology(topology, file);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: topology };
}

/** Validates a parsed model file; `$schema` is dropped. */
export function parseLlmModel(value: unknown, file: string): Parsed<LlmModel> {
  const r = validateWith(LlmModelFileSchema, value, file);
  if (!r.ok) return r;
  const { $schema: _ignored, ...model } = r.value;
  return { ok: true, value: model };
}

/** Validates a parsed workload file on its own (references to models and regions are checked by `loadInstance`); `$schema` is dropped. */
export function parseWorkload(value: unknown, file: string): Parsed<Workload> {
  const r = validateWith(WorkloadFileSchema, value, file);
  if (!r.ok) return r;
  const { $schema: _ignored, provenance: _provenance, ...workload } = r.value;
  return { ok: true, value: workload };
}

function load<T>(path: string, role: string, parse: (v: unknown, file: string) => Parsed<T>): Parsed<T> {
  const json = readJsonFile(path, role);
  return json.ok ? parse(json.value, path) : { ok: false, issues: [json.issue] };
}

function orThrow<T>(r: Parsed<T>): T {
  if (!r.ok) throw new InstanceError(r.issues);
  return r.value;
}

/** Reads a topology file (throws {@link InstanceError}). */
export function loadTopology(path: string): Topology {
  return orThrow(readTopology(path));
}

/** Reads a topology file; issues as a value. */
export function readTopology(path: string): Parsed<Topology> {
  return load(path, "a topology file (JSON, see schema/topology.schema.json), e.g. instances/default/topology.json", parseTopology);
}

/** Reads one LLM model file (throws {@link InstanceError}). */
export function loadLlmModel(path: string): LlmModel {
  return orThrow(readLlmModel(path));
}

/** Reads one LLM model file; issues as a value. */
export function readLlmModel(path: string): Parsed<LlmModel> {
  return load(path, "a model file (JSON, see schema/model.schema.json), e.g. models/gpt3-13b.json", parseLlmModel);
}

/** Reads a workload file (throws {@link InstanceError}). */
export function loadWorkload(path: string): Workload {
  return orThrow(readWorkload(path));
}

/** Reads a workload file; issues as a value. */
export function readWorkload(path: string): Parsed<Workload> {
  return load(path, "a workload file (JSON, see schema/workload.schema.json), e.g. instances/default/workload.json", parseWorkload);
}

/** Reads every `*.json` in `dir` as a model, keyed by model name (throws {@link InstanceError}). */
export function loadModels(dir: string): ReadonlyMap<string, LlmModel> {
  return orThrow(readModels(dir));
}

/** Reads every `*.json` in `dir` as a model, keyed by model name, in file-name order; issues as a value. */
export function readModels(dir: string): Parsed<ReadonlyMap<string, LlmModel>> {
  const role = "the folder that holds the model *.json files (modelsDir), e.g. models/";
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) return fail(dir, `is not a directory; pass ${role}`);
    names = readdirSync(dir).filter((n) => n.endsWith(".json")).sort();
  } catch {
    return fail(dir, `directory not found; pass ${role}`);
  }
  if (names.length === 0) return fail(dir, `holds no *.json model files; pass ${role}`);
  return checkedModels(names.map((name) => ({ file: join(dir, name), parsed: readLlmModel(join(dir, name)) })));
}

/**
 * Validates parsed model files as one model set (each file, then names unique across files), in the
 * order given: the same checks as {@link readModels} on values already read (e.g. sent over a queue).
 */
export function parseModels(files: ReadonlyArray<{ readonly file: string; readonly value: unknown }>): Parsed<ReadonlyMap<string, LlmModel>> {
  return checkedModels(files.map(({ file, value }) => ({ file, parsed: parseLlmModel(value, file) })));
}

function checkedModels(files: ReadonlyArray<{ readonly file: string; readonly parsed: Parsed<LlmModel> }>): Parsed<ReadonlyMap<string, LlmModel>> {
  const issues: InstanceIssue[] = [];
  const entries: { file: string; model: LlmModel }[] = [];
  for (const { file, parsed: r } of files) {
    if (r.ok) entries.push({ file, model: r.value });
    else issues.push(...r.issues);
  }
  issues.push(...checkModels(entries));
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: new Map(entries.map((e) => [e.model.name, e.model] as const)) };
}

function fail<T>(file: string, message: string): Parsed<T> {
  return { ok: false, issues: [{ file, path: "", message }] };
}
