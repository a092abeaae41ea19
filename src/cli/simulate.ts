/**
 * `geopipe simulate`: run one scheduling policy through the discrete-event
 * multi-tenant simulator on a topology and a workload (a file, or a seeded
 * generated one), write `jobs.csv` and `summary.json`, print a summary.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SingleBar } from "cli-progress";
import { linkKey } from "../cost/communication.js";
import { anchorTopology } from "../model/calendar.js";
import { loadInstance } from "../model/instance.js";
import { loadModels, loadTopology } from "../model/load.js";
import type { Job, LlmModel, Topology } from "../model/types.js";
import { getScheduler, SCHEDULER_NAMES } from "../schedulers.js";
import { SimInputError } from "../sim/errors.js";
import { simulate, type SimResult } from "../sim/simulate.js";
import { generateWorkload } from "../workload/generate.js";
export { JOBS_CSV_HEADER, jobsCsv } from "../sim/jobsCsv.js";
import { jobsCsv } from "../sim/jobsCsv.js";
import { UserError } from "./errors.js";
import { fmt, textTable } from "./table.js";

/** Options of the `simulate` command (as commander passes them). */
export interface SimulateOptions {
  /** Topology JSON file. */
  readonly topology: string;
  /** Workload JSON file, or a generator spec `gen:jobs=N,load=R`. */
  readonly workload: string;
  /** Folder of LLM model JSON files. */
  readonly models: string;
  /** Scheduler name (see `SCHEDULER_NAMES`). */
  readonly scheduler: string;
  /** Seed of a generated workload (decimal integer). */
  readonly seed?: string;
  /** Output folder; default `out/simulate-<scheduler>`. */
  readonly out?: string;
  /** Comma-separated region ids to keep (links among them only); default all. */
  readonly regions?: string;
}

/** Seed used when `--seed` is not given. */
export const DEFAULT_SEED = 1;

/** Rows above which a progress bar is shown (stderr a TTY only). */
export const PROGRESS_BAR_MIN_JOBS = 200;

/** A generator spec `gen:jobs=N,load=R` (keys optional, any order). */
interface GenSpec {
  /** Jobs to generate (default 100). */
  readonly jobs: number;
  /** Target load; `undefined` keeps the generator's default. */
  readonly load: number | undefined;
}

/** Parses `gen:jobs=200,load=0.8`; throws {@link UserError} naming the bad part. */
export function parseGenSpec(spec: string): GenSpec {
  const body = spec.slice("gen:".length);
  const values: Record<string, number> = {};
  for (const part of body.split(",").filter((p) => p.length > 0)) {
    const [key, raw, ...rest] = part.split("=");
    const value = Number(raw);
    if (key === undefined || raw === undefined || rest.length > 0 || !["jobs", "load"].includes(key)) {
      throw new UserError(`--workload ${spec}: "${part}" is not key=value with a key of jobs, load; e.g. gen:jobs=200,load=0.8`);
    }
    if (raw.trim() === "" || !Number.isFinite(value)) throw new UserError(`--workload ${spec}: ${key} = "${raw}" is not a number`);
    values[key] = value;
  }
  const jobs = values.jobs ?? 100;
  if (!Number.isInteger(jobs) || jobs < 0) throw new UserError(`--workload ${spec}: jobs must be an integer ≥ 0`);
  if (values.load !== undefined && !(values.load > 0)) throw new UserError(`--workload ${spec}: load must be > 0`);
  return { jobs, load: values.load };
}

function parseSeed(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_SEED;
  const seed = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(seed)) throw new UserError(`--seed ${raw}: give a non-negative integer, e.g. --seed 1`);
  return seed;
}

/** The topology restricted to `ids` (and the links among them); unknown ids → {@link UserError} listing the valid ones. */
export function restrictTopology(topology: Topology, ids: readonly string[]): Topology {
  const known = new Set(topology.regions.map((r) => r.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new UserError(`--regions: unknown region${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}; valid regions: ${[...known].join(", ")}`);
  }
  const keep = new Set(ids);
  return {
    ...topology,
    regions: topology.regions.filter((r) => keep.has(r.id)),
    links: topology.links.filter((l) => keep.has(l.a) && keep.has(l.b)),
  };
}

/** The inputs the command resolved. */
interface Loaded {
  /** The topology (restricted by `--regions` when given). */
  readonly topology: Topology;
  /** Models by name. */
  readonly models: ReadonlyMap<string, LlmModel>;
  /** The jobs to simulate. */
  readonly jobs: readonly Job[];
  /** `workload.name`. */
  readonly workloadName: string;
  /** UTC time of simulated time 0 (the workload's `startUtc`); null when not in calendar time. */
  readonly startUtc: string | null;
}

function load(opts: SimulateOptions, seed: number): Loaded {
  if (opts.workload.startsWith("gen:")) {
    const spec = parseGenSpec(opts.workload);
    const topology = loadTopology(opts.topology);
    const models = loadModels(opts.models);
    const workload = generateWorkload({ seed, jobs: spec.jobs, ...(spec.load === undefined ? {} : { load: spec.load }), topology, models });
    return { topology, models, jobs: workload.jobs, workloadName: workload.name, startUtc: null };
  }
  const inst = loadInstance({ topologyPath: opts.topology, workloadPath: opts.workload, modelsDir: opts.models });
  // a workload in calendar time (e.g. from geopipe trace import) reads hourly prices from its startUtc on
  const start = inst.workload.startUtc;
  const topology = start === undefined ? inst.topology : anchorTopology(inst.topology, start, opts.topology);
  return { topology, models: inst.models, jobs: inst.workload.jobs, workloadName: inst.workload.name, startUtc: start ?? null };
}

function runWithProgress(loaded: Loaded, name: string): SimResult {
  const scheduler = getScheduler(name);
  const input = { topology: loaded.topology, models: loaded.models, jobs: loaded.jobs };
  if (!process.stderr.isTTY || loaded.jobs.length <= PROGRESS_BAR_MIN_JOBS) return simulate(input, scheduler);
  const bar = new SingleBar({ stream: process.stderr, format: "simulate [{bar}] {value}/{total} jobs" });
  bar.start(loaded.jobs.length, 0);
  try {
    return simulate(input, scheduler, { onProgress: (done) => bar.update(done) });
  } finally {
    bar.stop();
  }
}

/** Runs the command; returns the exit code. */
export async function simulateCommand(opts: SimulateOptions): Promise<number> {
  if (!(SCHEDULER_NAMES as readonly string[]).includes(opts.scheduler)) {
    throw new UserError(`--scheduler ${opts.scheduler}: unknown scheduler; valid schedulers: ${SCHEDULER_NAMES.join(", ")}`);
  }
  const seed = parseSeed(opts.seed);
  let loaded = load(opts, seed);
  if (opts.regions !== undefined) {
    const ids = opts.regions.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
    loaded = { ...loaded, topology: restrictTopology(loaded.topology, ids) };
  }
  let result: SimResult;
  try {
    result = runWithProgress(loaded, opts.scheduler);
  } catch (e) {
    if (e instanceof SimInputError) throw new UserError(`--workload ${opts.workload}: ${e.message}`);
    throw e;
  }
  const out = opts.out ?? path.join("out", `simulate-${opts.scheduler}`);
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, "jobs.csv"), jobsCsv(result.records));
  const summary = {
    scheduler: result.scheduler,
    seed,
    inputs: { topology: opts.topology, workload: opts.workload, workloadName: loaded.workloadName, startUtc: loaded.startUtc, models: opts.models, regions: loaded.topology.regions.map((r) => r.id) },
    summary: result.summary,
    events: result.events,
    policyErrors: result.policyErrors.slice(0, 100).map((e) => e.message),
    busiestLinks: busiestLinks(result, loaded.topology),
  };
  writeFileSync(path.join(out, "summary.json"), JSON.stringify(summary, null, 2) + "\n");

  const s = result.summary;
  const rows: Array<[string, string | number]> = [
    ["jobs (finished / unschedulable)", `${s.jobs} (${s.finished} / ${s.unschedulable})`],
    ["mean JCT h", s.meanJctSec / 3600],
    ["p50 / p95 / p99 JCT h", [s.p50JctSec, s.p95JctSec, s.p99JctSec].map((x) => show(x / 3600)).join(" / ")],
    ["mean wait h", s.meanWaitSec / 3600],
    ["makespan h", s.makespanSec / 3600],
    ["energy kWh", s.totalEnergyKwh],
    ["electricity cost USD", s.totalCostUsd],
    ["mean GPU utilisation", s.meanGpuUtilisation],
    ["policy errors", s.policyErrors],
  ];
  process.stdout.write(
    `scheduler ${result.scheduler} on ${loaded.topology.name} / ${loaded.workloadName}: ${result.events} events\n` +
      textTable(["metric", "value"], rows.map(([k, v]) => [k, typeof v === "number" ? show(v) : v])) +
      `\nwrote ${path.join(out, "jobs.csv")} and ${path.join(out, "summary.json")}\n`,
  );
  return 0;
}

/** A number for the table; "—" for a statistic over no values (NaN). */
function show(x: number): string {
  return Number.isNaN(x) ? "—" : fmt(x);
}

/** Peak reservation per link as a fraction of capacity, highest first (for summary.json). */
function busiestLinks(result: SimResult, topology: Topology): { link: string; peakFraction: number }[] {
  const capacity = new Map(topology.links.map((l) => [linkKey(l.a, l.b), l.bandwidthGbps] as const));
  return [...result.utilisation.link]
    .map(([key, points]) => ({ link: key, peakFraction: Math.max(0, ...points.map((p) => p.reservedGbps)) / (capacity.get(key) ?? 1) }))
    .sort((a, b) => b.peakFraction - a.peakFraction || (a.link < b.link ? -1 : 1));
}
