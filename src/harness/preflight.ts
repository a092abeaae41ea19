/**
 * Checks every file a harness config refers to before any cell runs: each
 * topology, the models folder, each workload file (schema, then every job
 * against every topology and the models: a known model, stages that fit), and
 * each generated workload's mix, each trace (read and imported with the first
 * seed; calendar anchoring checked). A bad input is then one issue line naming the
 * file and field, not one failed cell per grid point (docs/harness.md).
 */
import path from "node:path";
import { checkWorkload } from "../model/crossCheck.js";
import { readModels, readTopology, readWorkload } from "../model/load.js";
import type { LlmModel, Topology } from "../model/types.js";
import { checkMixEntry } from "../workload/checkMix.js";
import { DEFAULT_MIX, type MixEntry } from "../workload/mix.js";
import { anchorTopology } from "../model/calendar.js";
import { InstanceError, type InstanceIssue } from "../model/issues.js";
import { importTrace } from "../workload/trace/import.js";
import { loadTraceMapping, readTraceFile } from "../workload/trace/readFile.js";
import type { HarnessConfig, TraceSpec } from "./config.js";

/** A missing file named from the config field that points at it. */
function referenced(issues: readonly InstanceIssue[], configFile: string, field: string): InstanceIssue[] {
  return issues.map((i) => (i.path === "" && /not found|is a directory|cannot read/.test(i.message) ? { file: configFile, path: field, message: `${i.file}: ${i.message}` } : i));
}

/**
 * Every issue of the files `config` refers to, in config order (empty when
 * all are usable). `configFile` names the config in issues about its own
 * fields; `modelsDir` is the models folder used when the config names none.
 */
export function checkConfigInputs(config: HarnessConfig, configFile: string, modelsDir: string): InstanceIssue[] {
  const issues: InstanceIssue[] = [];
  const topologies: Array<{ readonly file: string; readonly topology: Topology }> = [];
  config.topologies.forEach((t, i) => {
    const file = path.resolve(config.baseDir, t);
    const r = readTopology(file);
    if (r.ok) topologies.push({ file, topology: r.value });
    else issues.push(...referenced(r.issues, configFile, `topologies[${i}]`));
  });
  const dir = path.resolve(config.baseDir, config.models ?? modelsDir);
  const m = readModels(dir);
  if (!m.ok) issues.push(...referenced(m.issues, configFile, config.models === null ? "models (default)" : "models"));
  const models = m.ok ? m.value : null;
  config.workloads.forEach((w, i) => {
    const at = `workloads[${i}]`;
    if (w.kind === "file") {
      const file = path.resolve(config.baseDir, w.path);
      const r = readWorkload(file);
      if (!r.ok) return void issues.push(...referenced(r.issues, configFile, `${at}.path`));
      if (models === null) return;
      issues.push(...perTopology(topologies, (t) => checkWorkload(r.value, file, t, models).errors));
    } else if (w.kind === "generated" && models !== null) {
      issues.push(...perTopology(topologies, (t) => checkMix(w.mix as readonly MixEntry[] | undefined, `${at}.mix`, configFile, t, models)));
    } else if (w.kind === "trace" && models !== null) {
      issues.push(...perTopology(topologies, (t) => checkTrace(w, config, t, models)));
    }
  });
  // calendar time needs an origin on every hourly series
  if (config.startUtc !== null) issues.push(...perTopology(topologies, (t) => anchorIssues(t, config.startUtc!, configFile)));
  return issues;
}

/** Issues of a trace workload on one topology: the file, the mapping, the import with the first seed, and its calendar anchor. */
function checkTrace(w: TraceSpec, config: HarnessConfig, topology: Topology, models: ReadonlyMap<string, LlmModel>): InstanceIssue[] {
  try {
    const { kind: _kind, file, mapping, ...options } = w;
    const resolved = mapping === undefined ? undefined : loadTraceMapping(mapping, config.baseDir);
    const { text } = readTraceFile(path.resolve(config.baseDir, file));
    const r = importTrace(text, { ...options, file, topology, models, seed: config.seeds[0] ?? 1, mapping: resolved });
    return r.workload.startUtc === undefined ? [] : anchorIssues(topology, r.workload.startUtc, file);
  } catch (e) {
    if (e instanceof InstanceError) return [...e.issues];
    throw e;
  }
}

/** Why `topology` cannot be read in calendar time from `startUtc` (an hourly series without originUtc). */
function anchorIssues(topology: Topology, startUtc: string, file: string): InstanceIssue[] {
  try {
    anchorTopology(topology, startUtc, `${topology.name} (for ${file})`);
    return [];
  } catch (e) {
    if (e instanceof InstanceError) return [...e.issues];
    throw e;
  }
}

const issueKey = (i: InstanceIssue): string => `${i.file}\u0000${i.path}\u0000${i.message}`;

/**
 * The issues of `check` on each topology: an issue found with every topology
 * (an unknown model) once, one found with some only with the topology named.
 */
function perTopology(topologies: ReadonlyArray<{ readonly file: string; readonly topology: Topology }>, check: (t: Topology) => readonly InstanceIssue[]): InstanceIssue[] {
  const found = topologies.map((t) => ({ file: t.file, issues: check(t.topology) }));
  const everywhere = (i: InstanceIssue): boolean => found.every((f) => f.issues.some((j) => issueKey(j) === issueKey(i)));
  const out: InstanceIssue[] = [];
  const seen = new Set<string>();
  for (const f of found)
    for (const i of f.issues) {
      const all = everywhere(i);
      const item = all || topologies.length === 1 ? i : { ...i, message: `${i.message} (with topology ${f.file})` };
      if (!seen.has(issueKey(item))) {
        seen.add(issueKey(item));
        out.push(item);
      }
    }
  return out;
}

/** Issues of a generated workload's mix against one topology (the default mix: whether any entry fits). */
function checkMix(
  mix: readonly MixEntry[] | undefined,
  at: string,
  configFile: string,
  topology: Topology,
  models: ReadonlyMap<string, LlmModel>,
): InstanceIssue[] {
  if (mix !== undefined) return mix.flatMap((e, j) => checkMixEntry(e, `${at}[${j}]`, configFile, topology, models));
  const usable = DEFAULT_MIX.some((e, j) => checkMixEntry(e, `DEFAULT_MIX[${j}]`, configFile, topology, models).length === 0);
  return usable ? [] : [{ file: configFile, path: at, message: "no entry of the default mix fits these models and this topology; give the workload a \"mix\"" }];
}
