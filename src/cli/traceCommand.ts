/**
 * `geopipe trace import FILE --format F --out W.json`: reads a public GPU
 * cluster trace and writes a workload file with its provenance
 * (docs/workloads.md, "Importing a trace"). The summary goes to stdout; what
 * the trace lacked and what was synthesised instead goes to stderr.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Option, type Command } from "commander";
import { loadModels, loadTopology } from "../model/load.js";
import {
  COLUMN_MAP_KEYS,
  DURATION_SOURCES,
  formatProvenance,
  importTraceFile,
  loadTraceMapping,
  TRACE_FORMATS,
  TRACE_MAPPINGS,
  type ColumnMap,
  type TraceFormat,
} from "../workload/trace/index.js";
import { UserError } from "./errors.js";
import { DEFAULT_TOPOLOGY, MODELS_DIR, PACKAGE_ROOT } from "./paths.js";

/** Options of `geopipe trace import` as commander passes them. */
export interface TraceImportCommandOptions {
  readonly format: string;
  readonly out: string;
  readonly map?: string;
  readonly from?: string;
  readonly to?: string;
  readonly maxJobs?: string;
  readonly minGpus?: string;
  readonly targetLoad?: string;
  readonly topology: string;
  readonly models: string;
  readonly seed?: string;
  readonly mapping?: string;
  readonly arrivals?: "trace" | "poisson";
  readonly durations?: "trace" | "resample";
  readonly durationSource?: "philly" | "self";
  readonly windowHours?: string;
  readonly utcOffset?: string;
  readonly startUtc?: string;
  readonly idPrefix?: string;
  readonly strict?: boolean;
}

/** `time=COL,duration=COL,gpus=COL` → a column map; a bad part is a {@link UserError} naming it. */
export function parseColumnMap(spec: string): ColumnMap {
  const map: Record<string, string> = {};
  for (const part of spec.split(",").filter((p) => p.trim() !== "")) {
    const eq = part.indexOf("=");
    const key = part.slice(0, eq).trim();
    const col = part.slice(eq + 1).trim();
    if (eq < 0 || !(COLUMN_MAP_KEYS as readonly string[]).includes(key) || col === "") {
      throw new UserError(`--map ${spec}: "${part}" is not key=COLUMN with a key of ${COLUMN_MAP_KEYS.join(", ")}; e.g. --map time=submit_time,duration=runtime,gpus=num_gpu`);
    }
    map[key] = col;
  }
  return map;
}

function number(flag: string, raw: string | undefined, check: (x: number) => boolean, want: string): number | undefined {
  if (raw === undefined) return undefined;
  const x = raw.trim() === "" ? NaN : Number(raw);
  if (!Number.isFinite(x) || !check(x)) throw new UserError(`${flag}: expected ${want}, got "${raw}"`);
  return x;
}

/** Runs `geopipe trace import`; returns the exit code. */
export function traceImportCommand(file: string, opts: TraceImportCommandOptions): number {
  if (!(TRACE_FORMATS as readonly string[]).includes(opts.format)) throw new UserError(`--format ${opts.format}: unknown format; use one of ${TRACE_FORMATS.join(", ")}`);
  const int = (x: number): boolean => Number.isInteger(x);
  const topology = loadTopology(opts.topology);
  const models = loadModels(opts.models);
  const result = importTraceFile(file, {
    format: opts.format as TraceFormat,
    topology,
    models,
    map: opts.map === undefined ? undefined : parseColumnMap(opts.map),
    from: opts.from,
    to: opts.to,
    maxJobs: number("--max-jobs", opts.maxJobs, (x) => int(x) && x >= 1, "an integer >= 1"),
    minGpus: number("--min-gpus", opts.minGpus, (x) => int(x) && x >= 1, "an integer >= 1"),
    targetLoad: number("--target-load", opts.targetLoad, (x) => x > 0, "a load > 0, e.g. 0.5"),
    seed: number("--seed", opts.seed, (x) => int(x) && x >= 0, "an integer >= 0"),
    mapping: opts.mapping === undefined ? undefined : loadTraceMapping(opts.mapping),
    arrivals: opts.arrivals,
    durations: opts.durations,
    durationSource: opts.durationSource,
    windowHours: number("--window-hours", opts.windowHours, (x) => x > 0, "hours > 0"),
    utcOffsetHours: number("--utc-offset", opts.utcOffset, (x) => Math.abs(x) <= 14, "hours between -14 and 14, e.g. -7"),
    startUtc: opts.startUtc,
    idPrefix: opts.idPrefix,
    strict: opts.strict,
  });
  for (const n of result.notices) process.stderr.write(`geopipe: ${n}\n`);
  const outDir = path.dirname(path.resolve(opts.out));
  mkdirSync(outDir, { recursive: true });
  const schemaRef = path.relative(outDir, path.join(PACKAGE_ROOT, "schema", "workload.schema.json")).split(path.sep).join("/");
  const { jobs, ...head } = result.workload;
  const top = JSON.stringify({ $schema: schemaRef, ...head, provenance: result.provenance }, null, 2);
  // one job per line: a trace of 100,000 jobs stays readable and diffable
  const text = `${top.slice(0, -2)},\n  "jobs": [\n${jobs.map((j) => `    ${JSON.stringify(j)}`).join(",\n")}\n  ]\n}\n`;
  writeFileSync(opts.out, text);
  process.stdout.write(`${formatProvenance(result.provenance)}wrote ${opts.out} (${result.workload.jobs.length} jobs)\n`);
  return 0;
}

/** Adds `geopipe trace import` to `program`. */
export function registerTraceCommand(program: Command): void {
  const trace = program.command("trace").description("import public GPU-cluster traces as workloads");
  trace
    .command("import")
    .description("read a trace (Philly, Helios, Alibaba PAI 2020 / openb 2023, or any CSV) and write a workload file with its provenance")
    .argument("<file>", "trace file (.csv, .csv.gz, or Philly's cluster_job_log JSON)")
    .addOption(new Option("--format <name>", "trace format").choices([...TRACE_FORMATS]).makeOptionMandatory())
    .requiredOption("--out <W.json>", "workload file to write")
    .option("--map <spec>", "columns of a csv trace: time=COL,duration=COL,gpus=COL (also start=, end=, id=)")
    .option("--from <date|sec>", "keep jobs arriving at or after this time (ISO date, UTC; seconds for Alibaba traces)")
    .option("--to <date|sec>", "keep jobs arriving before this time")
    .option("--max-jobs <n>", "keep the first n jobs by arrival")
    .option("--min-gpus <g>", "keep jobs of at least g GPUs (default 1)")
    .option("--target-load <rho>", "offered load: Poisson rate when the trace has no arrivals, else the factor that scales its arrivals")
    .option("--topology <file>", "topology the jobs must fit (sets load and iterations)", DEFAULT_TOPOLOGY)
    .option("--models <dir>", "folder of LLM model JSON files", MODELS_DIR)
    .option("--seed <n>", "seed of the window, Poisson arrivals and resampled durations (default 1)")
    .option("--mapping <name|file.json>", `trace-to-pipeline mapping: ${Object.keys(TRACE_MAPPINGS).join(", ")} or a file (default philly-table)`)
    .addOption(new Option("--arrivals <how>", "arrivals from the trace or Poisson at --target-load").choices(["trace", "poisson"]))
    .addOption(new Option("--durations <how>", "durations from the trace or resampled by GPU count").choices(["trace", "resample"]))
    .addOption(new Option("--duration-source <name>", "where resampled durations come from (default philly)").choices([...DURATION_SOURCES]))
    .option("--window-hours <h>", "keep a window of h hours whose start the seed picks inside [--from, --to)")
    .option("--utc-offset <hours>", "the trace's times are local at UTC+hours (e.g. -7 for PDT)")
    .option("--start-utc <iso>", "UTC time of simulated time 0, a whole hour (default: the hour before the first job)")
    .option("--id-prefix <p>", "prefix of job ids (default t)")
    .option("--strict", "a row that cannot be read is an error instead of being dropped")
    .action((file: string, opts: TraceImportCommandOptions) => {
      process.exitCode = traceImportCommand(file, opts);
    });
}
