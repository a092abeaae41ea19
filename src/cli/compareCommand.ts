/**
 * `geopipe compare --config experiments/<name>.json [--out DIR] [--workers N]`:
 * runs (or resumes) an experiment grid on worker threads and prints the main
 * table (`geopipe table` is in tableCommand.ts). See docs/harness.md.
 */
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import type { Command } from "commander";
import { formatConfigIssues, parseHarnessConfig, type HarnessConfig } from "../harness/config.js";
import { checkConfigInputs } from "../harness/preflight.js";
import { createProgress } from "../harness/progress.js";
import { reportTables } from "../harness/report.js";
import { resultsPath, runHarness, type HarnessRun } from "../harness/run.js";
import { StaleResultsError } from "../harness/stamp.js";
import type { Shard } from "../harness/shard.js";
import { toMarkdown } from "../report/table.js";
import { distribution, type DistributedFlags } from "./distributed.js";
import { UserError } from "./errors.js";
import { MODELS_DIR } from "./paths.js";

/** Default output folder: `out/compare/<config name>`. */
export const DEFAULT_COMPARE_OUT_ROOT = "out/compare";

/** Reads and validates a config file; throws {@link UserError} naming the field path and the fix. */
export function readHarnessConfig(file: string): HarnessConfig {
  if (!existsSync(file)) throw new UserError(`--config: file not found: ${file}; pass an experiment config such as experiments/default.json`);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new UserError(`${file}: not valid JSON (${e instanceof Error ? e.message : String(e)}); fix the syntax`);
  }
  const parsed = parseHarnessConfig(value, file, path.dirname(path.resolve(file)));
  if (!parsed.ok) throw new UserError(formatConfigIssues(parsed.issues));
  return parsed.config;
}

function positiveInt(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new UserError(`${flag}: expected a non-negative integer, got "${raw}"`);
  return n;
}

/** Options of `geopipe compare` as parsed by commander. */
export interface CompareCommandOptions extends DistributedFlags {
  /** Config file. */
  readonly config: string;
  /** Output folder. */
  readonly out?: string;
  /** Worker threads. */
  readonly workers?: string;
  /** Stop after this many cells. */
  readonly maxCells?: string;
  /** No progress on stderr. */
  readonly quiet?: boolean;
  /** Keep each cell's per-job records (records/<cell id>.csv). */
  readonly records?: boolean;
}

/** Runs `geopipe compare`; returns the exit code (1 when a cell failed or is still pending). */
export async function compareCommand(opts: CompareCommandOptions): Promise<number> {
  const config = readHarnessConfig(opts.config);
  const inputIssues = checkConfigInputs(config, opts.config, MODELS_DIR);
  if (inputIssues.length > 0) throw new UserError(formatConfigIssues(inputIssues));
  const outDir = opts.out ?? path.join(DEFAULT_COMPARE_OUT_ROOT, config.name);
  const workers = positiveInt("--workers", opts.workers, availableParallelism());
  const maxCells = opts.maxCells === undefined ? Number.POSITIVE_INFINITY : positiveInt("--max-cells", opts.maxCells, 0);
  if ((opts.records === true || config.records) && opts.queue !== undefined) {
    // a queue's workers run on other machines and send back one summary record per cell
    throw new UserError(`${opts.config}: per-job records ("records": true or --records) are kept only by a local run; drop them for --queue, or run locally (without --queue, or with --shard K/N)`);
  }
  const spread = await distribution(opts, (line) => {
    if (opts.quiet !== true) process.stderr.write(`${line}\n`);
  });
  let progress: ReturnType<typeof createProgress> | null = null;
  const t0 = performance.now();
  const run = await runHarness(config, {
    outDir,
    workers,
    maxCells,
    modelsDir: MODELS_DIR,
    runner: spread.runner,
    shard: spread.shard,
    records: opts.records === true,
    onStart: (pending, skipped) => {
      if (opts.quiet === true) return;
      const where = spread.describe ?? `${workers} worker(s)`;
      process.stderr.write(`${config.name}: ${pending} cell(s) to run, ${skipped} already in ${resultsPath(outDir, spread.shard)}, ${where}\n`);
      progress = createProgress(pending);
    },
    onRecord: (r) => progress?.tick(r),
  }).catch((e: unknown) => {
    throw e instanceof StaleResultsError ? new UserError(e.message) : e;
  });
  (progress as ReturnType<typeof createProgress> | null)?.stop();
  if (spread.shard !== null) return shardSummary(run, spread.shard, outDir, opts.quiet === true, t0);
  // the paper-style tables on stdout: main, ablation, gaps (when measured); failures go to stderr below
  const tables = reportTables(run.records, { reference: config.reference, baselines: config.baselines, ablations: config.ablations });
  process.stdout.write(tables.filter(([name]) => name !== "failures").map(([, t]) => toMarkdown(t)).join("\n"));
  if (opts.quiet !== true) {
    process.stderr.write(
      `ran ${run.ran}, skipped ${run.skipped}, failed ${run.failed}, pending ${run.pending} in ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
        `tables and plots in ${outDir}\n`,
    );
    const failures = tables.find(([name]) => name === "failures");
    if (failures !== undefined) process.stderr.write(`\n${toMarkdown(failures[1])}`);
    if (run.paretoNote !== null) process.stderr.write(`${run.paretoNote}\n`);
    if (run.ignoredLines > 0) process.stderr.write(`ignored ${run.ignoredLines} incomplete line(s) of results.jsonl; their cells were re-run\n`);
  }
  return run.failed > 0 || run.pending > 0 ? 1 : 0;
}

/** After a slice: no tables (they would cover part of the grid), the counts and how to merge. */
function shardSummary(run: HarnessRun, shard: Shard, outDir: string, quiet: boolean, t0: number): number {
  if (!quiet) {
    const all = path.join(outDir, "results-*-of-" + shard.count + ".jsonl");
    process.stderr.write(
      `shard ${shard.index}/${shard.count}: ran ${run.ran}, skipped ${run.skipped}, failed ${run.failed}, pending ${run.pending} in ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
        `results in ${resultsPath(outDir, shard)}\nwhen every shard is done: geopipe merge ${all} --out ${path.join(outDir, "results.jsonl")}\n`,
    );
  }
  return run.failed > 0 || run.pending > 0 ? 1 : 0;
}

/** Adds `geopipe compare` to `program`. */
export function registerCompareCommand(program: Command): void {
  program
    .command("compare")
    .description("run an experiment grid (topologies × workloads × scenarios × schedulers × seeds) on worker threads; resumable; writes tables and plots")
    .requiredOption("--config <file>", "experiment config JSON, e.g. experiments/default.json")
    .option("--out <dir>", `output folder (default ${DEFAULT_COMPARE_OUT_ROOT}/<config name>)`)
    .option("--workers <n>", "worker threads (0 = run in the main thread; default: number of cores)")
    .option("--max-cells <n>", "stop after running this many cells (resume later with the same command)")
    .option("--queue <url>", "run the cells through a BullMQ queue on Redis (redis://HOST:PORT[/DB]) on `geopipe worker` processes")
    .option("--queue-name <name>", "BullMQ queue name, the same as the workers' (default geopipe)")
    .option("--attempts <n>", "with --queue: runs per cell before it is recorded as failed (default 3)")
    .option("--backoff-ms <ms>", "with --queue: wait before a retry (default 1000)")
    .option("--shard <K/N>", "run slice K of N of the grid into results-K-of-N.jsonl (job arrays; combine with geopipe merge)")
    .option("--quiet", "no progress on stderr")
    .option("--records", "keep each cell's per-job records in <out>/records/<cell id>.csv (also: \"records\": true in the config)")
    .action(async (opts: CompareCommandOptions) => {
      process.exitCode = await compareCommand(opts);
    });
}
