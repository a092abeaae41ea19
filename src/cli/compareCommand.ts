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
import { runHarness } from "../harness/run.js";
import { toMarkdown } from "../report/table.js";
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
export interface CompareCommandOptions {
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
}

/** Runs `geopipe compare`; returns the exit code (1 when a cell failed or is still pending). */
export async function compareCommand(opts: CompareCommandOptions): Promise<number> {
  const config = readHarnessConfig(opts.config);
  const inputIssues = checkConfigInputs(config, opts.config, MODELS_DIR);
  if (inputIssues.length > 0) throw new UserError(formatConfigIssues(inputIssues));
  const outDir = opts.out ?? path.join(DEFAULT_COMPARE_OUT_ROOT, config.name);
  const workers = positiveInt("--workers", opts.workers, availableParallelism());
  const maxCells = opts.maxCells === undefined ? Number.POSITIVE_INFINITY : positiveInt("--max-cells", opts.maxCells, 0);
  let progress: ReturnType<typeof createProgress> | null = null;
  const t0 = performance.now();
  const run = await runHarness(config, {
    outDir,
    workers,
    maxCells,
    modelsDir: MODELS_DIR,
    onStart: (pending, skipped) => {
      if (opts.quiet === true) return;
      process.stderr.write(`${config.name}: ${pending} cell(s) to run, ${skipped} already in ${path.join(outDir, "results.jsonl")}, ${workers} worker(s)\n`);
      progress = createProgress(pending);
    },
    onRecord: (r) => progress?.tick(r),
  });
  (progress as ReturnType<typeof createProgress> | null)?.stop();
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

/** Adds `geopipe compare` to `program`. */
export function registerCompareCommand(program: Command): void {
  program
    .command("compare")
    .description("run an experiment grid (topologies × workloads × scenarios × schedulers × seeds) on worker threads; resumable; writes tables and plots")
    .requiredOption("--config <file>", "experiment config JSON, e.g. experiments/default.json")
    .option("--out <dir>", `output folder (default ${DEFAULT_COMPARE_OUT_ROOT}/<config name>)`)
    .option("--workers <n>", "worker threads (0 = run in the main thread; default: number of cores)")
    .option("--max-cells <n>", "stop after running this many cells (resume later with the same command)")
    .option("--quiet", "no progress on stderr")
    .action(async (opts: CompareCommandOptions) => {
      process.exitCode = await compareCommand(opts);
    });
}
