/**
 * Grid expansion: a config becomes cells = topology × workload × scenario ×
 * scheduler × seed, each with a stable id (a hash of its parameters, so the
 * same cell has the same id in every run and on every machine).
 */
import { createHash } from "node:crypto";
import type { GapSettings, HarnessConfig, WorkloadSpec } from "./config.js";

/** One run of the grid: everything a worker needs to reproduce it. */
export interface CellSpec {
  /** Topology file as written in the config (relative to the config's folder). */
  readonly topology: string;
  /** The workload. */
  readonly workload: WorkloadSpec;
  /** Link-capacity factor. */
  readonly bandwidthScale: number;
  /** Load factor. */
  readonly load: number;
  /** Scheduler name. */
  readonly scheduler: string;
  /** Seed. */
  readonly seed: number;
  /** Gap settings (part of the id only when enabled). */
  readonly gaps: GapSettings;
  /** The config's `startUtc` (time 0 for workloads that state none); absent when not set, so older cell ids are unchanged. */
  readonly startUtc?: string;
}

/** A cell with its id. */
export interface Cell {
  /** Stable id: the first 16 hex digits of the SHA-256 of the canonical JSON of the spec. */
  readonly id: string;
  /** Its parameters. */
  readonly spec: CellSpec;
}

/** JSON with object keys sorted at every level (a canonical form for hashing). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The stable id of a cell spec. Disabled gap settings do not enter the hash. */
export function cellId(spec: CellSpec): string {
  const { gaps, ...rest } = spec;
  const keyed = gaps.enabled ? spec : rest;
  return createHash("sha256").update(canonicalJson(keyed)).digest("hex").slice(0, 16);
}

/** Short label of a workload for tables: the file name, `trace(name[,window=24h][,poisson][,resampled])`, or `gen(jobs=150,load=0.5[,mix])`. */
export function workloadLabel(w: WorkloadSpec): string {
  if (w.kind === "file") return w.path.replace(/^.*[\\/]/, "");
  if (w.kind === "trace") {
    const parts = [w.file.replace(/^.*[\\/]/, "")];
    if (w.windowHours !== undefined) parts.push(`window=${w.windowHours}h`);
    if (w.arrivals === "poisson") parts.push(`poisson${w.targetLoad !== undefined ? `=${w.targetLoad}` : ""}`);
    else if (w.targetLoad !== undefined) parts.push(`load=${w.targetLoad}`);
    if (w.durations === "resample") parts.push("resampled");
    return `trace(${parts.join(",")})`;
  }
  return `gen(jobs=${w.jobs}${w.load !== undefined ? `,load=${w.load}` : ""}${w.mix !== undefined ? ",mix" : ""})`;
}

/** All cells of `config`, in grid order (topology, workload, bandwidth, load, seed, scheduler). */
export function expandCells(config: HarnessConfig): Cell[] {
  const cells: Cell[] = [];
  for (const topology of config.topologies)
    for (const workload of config.workloads)
      for (const bandwidthScale of config.bandwidthScales)
        for (const load of config.loads)
          for (const seed of config.seeds)
            for (const scheduler of config.schedulers) {
              const spec: CellSpec = { topology, workload, bandwidthScale, load, scheduler, seed, gaps: config.gaps, ...(config.startUtc === null ? {} : { startUtc: config.startUtc }) };
              cells.push({ id: cellId(spec), spec });
            }
  return cells;
}
