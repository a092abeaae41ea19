/**
 * A harness run: writes the config it runs (config.json) and the table roles
 * (roles.json) beside the results, expands the grid (or one slice of it,
 * `shard`), skips the cells already finished in `<out>/results.jsonl` (by id;
 * failed cells are retried), runs the rest on the worker pool — or through
 * another runner, such as the queue (src/harness/queue/coordinator.ts) —
 * appending each record as it finishes, then writes the tables and plots from
 * the records of this config's cells (and, when the config asks for it, the
 * Pareto plot, solved in this thread). A slice writes `results-K-of-N.jsonl`
 * and no tables (they would cover part of the grid); `geopipe merge` combines
 * the slices.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_INSTANCE_PATHS } from "../model/instance.js";
import { expandCells, type Cell } from "./cells.js";
import type { HarnessConfig } from "./config.js";
import { paretoPlot } from "./paretoPlot.js";
import { runPool } from "./pool.js";
import { latestById, openResults, readResults, type CellRecord } from "./results.js";
import { writePlotFiles, writeReport } from "./report.js";
import { cellInput, firstJobs, recordsFile, type CellContext } from "./runCell.js";
import { shardCells, shardResultsName, type Shard } from "./shard.js";
import { codeVersion } from "./queue/codeVersion.js";
import { sameStamp, StaleResultsError, stampOf, type RecordStamp } from "./stamp.js";
import type { TableRoles } from "./tables.js";

/** Runs `cells` and hands each record to `onRecord` as it finishes; resolves when all have one. */
export type CellRunner = (cells: readonly Cell[], ctx: CellContext, onRecord: (record: CellRecord) => void) => Promise<unknown>;

/** Options of {@link runHarness}. */
export interface HarnessOptions {
  /** Output folder; default "out/compare". */
  readonly outDir?: string;
  /** Worker threads (0 = this thread); default 1. */
  readonly workers?: number;
  /** Folder of LLM model files when the config names none (absolute); default the package's bundled `models/`. */
  readonly modelsDir?: string;
  /** Stop after running this many cells (the rest stay pending, as if killed); default Infinity. */
  readonly maxCells?: number;
  /** Called per finished cell; default none. */
  readonly onRecord?: (record: CellRecord) => void;
  /** Called once with the number of cells about to run; default none. */
  readonly onStart?: (pending: number, skipped: number) => void;
  /** Runs the cells; default null: the local pool on `workers` threads (src/harness/pool.ts). */
  readonly runner?: CellRunner | null;
  /** Run only this slice of the grid into `results-K-of-N.jsonl`, without tables; default null (the whole grid). */
  readonly shard?: Shard | null;
  /** Keep each cell's per-job records in `<outDir>/records/<cell id>.csv` (also when the config says `"records": true`); default false. */
  readonly records?: boolean;
}

/** Defaults of {@link HarnessOptions}. */
export const DEFAULT_HARNESS_OPTIONS: Required<HarnessOptions> = {
  outDir: "out/compare",
  workers: 1,
  modelsDir: DEFAULT_INSTANCE_PATHS.modelsDir,
  maxCells: Number.POSITIVE_INFINITY,
  onRecord: () => {},
  onStart: () => {},
  runner: null,
  shard: null,
  records: false,
};

/** What a run did. */
export interface HarnessRun {
  /** The latest record of every cell of the config (of the slice, with `shard`) that has one, in grid order. */
  readonly records: readonly CellRecord[];
  /** Cells of the config (of the slice, with `shard`). */
  readonly cells: readonly Cell[];
  /** Cells run now. */
  readonly ran: number;
  /** Cells skipped because results.jsonl already had them. */
  readonly skipped: number;
  /** Cells with no record yet (a `maxCells` stop). */
  readonly pending: number;
  /** Cells whose latest record is an error. */
  readonly failed: number;
  /** Lines of results.jsonl ignored (a truncated tail from a killed run). */
  readonly ignoredLines: number;
  /** Files written. */
  readonly files: readonly string[];
  /** What happened to the Pareto plot; null when not asked for. */
  readonly paretoNote: string | null;
}

/** The table roles of a config. */
export function configRoles(config: HarnessConfig): TableRoles {
  return { reference: config.reference, baselines: config.baselines, ablations: config.ablations };
}

/** Folder of the per-cell job records under the output folder. */
export const RECORDS_DIR = "records";

/** The config of the last run, written beside results.jsonl (the validated config with every default filled in). */
export const CONFIG_FILE = "config.json";

/** The results file of an output folder (of one slice, with `shard`). */
export function resultsPath(outDir: string, shard: Shard | null = null): string {
  return path.join(outDir, shard === null ? "results.jsonl" : shardResultsName(shard));
}

/** Runs (or resumes) `config`; writes results.jsonl, roles.json, tables and plots into `outDir`. */
export async function runHarness(config: HarnessConfig, options: HarnessOptions = {}): Promise<HarnessRun> {
  const o = { ...DEFAULT_HARNESS_OPTIONS, ...options };
  mkdirSync(o.outDir, { recursive: true });
  const file = resultsPath(o.outDir, o.shard);
  const before = readResults(file);
  const cells = o.shard === null ? expandCells(config) : shardCells(expandCells(config), o.shard);
  const ctx: CellContext = { baseDir: config.baseDir, modelsDir: config.models ?? o.modelsDir };
  const stamps = new Map(cells.map((c) => [c.id, stampOf(c, ctx)] as const));
  const done = latestById(before.records);
  const stale = [...done.values()].filter((r) => stamps.has(r.id) && !sameStamp(r.stamp, stamps.get(r.id) as RecordStamp));
  if (stale.length > 0) {
    const seen = [...new Set(stale.map((r) => r.stamp?.codeVersion ?? "an older geopipe"))].join(", ");
    throw new StaleResultsError(
      `${file}: ${stale.length} of this grid's cells were computed by ${seen} or from other input files (this run: geopipe ${codeVersion()}); results of two versions are never mixed: pass another --out folder`,
    );
  }
  const recordsDir = o.records || config.records ? path.join(o.outDir, RECORDS_DIR) : null;
  if (recordsDir !== null) mkdirSync(recordsDir, { recursive: true });
  // with records on, a finished cell without its records file (run before records were asked for) runs again
  const todo = cells.filter((c) => done.get(c.id)?.status !== "ok" || (recordsDir !== null && !existsSync(recordsFile(recordsDir, c.id))));
  const now = todo.slice(0, Number.isFinite(o.maxCells) ? Math.max(0, o.maxCells) : todo.length);
  o.onStart(now.length, cells.length - todo.length);
  const roles = configRoles(config);
  const cellCtx: CellContext = { ...ctx, recordsDir };
  writeFileSync(path.join(o.outDir, "roles.json"), JSON.stringify(roles, null, 2) + "\n");
  writeFileSync(path.join(o.outDir, CONFIG_FILE), JSON.stringify(config, null, 2) + "\n"); // what produced the results, for `geopipe report`
  const writer = openResults(file, before.validBytes);
  const onRecord = (raw: CellRecord): void => {
    const stamp = stamps.get(raw.id);
    const r: CellRecord = stamp === undefined ? raw : { ...raw, stamp };
    writer.append(r);
    done.set(r.id, r);
    o.onRecord(r);
  };
  try {
    if (o.runner !== null) await o.runner(now, cellCtx, onRecord);
    else await runPool(now, cellCtx, { workers: o.workers, onRecord });
  } finally {
    writer.close();
  }
  const records = cells.flatMap((c) => {
    const r = done.get(c.id);
    return r === undefined ? [] : [r];
  });
  const files = o.shard === null ? writeReport(records, roles, o.outDir) : [file];
  const pareto = config.pareto && o.shard === null ? await writeParetoPlot(config, cells, ctx, o.outDir) : null;
  if (pareto?.file !== undefined && pareto.file !== null) files.push(pareto.file);
  return {
    records,
    cells,
    ran: now.length,
    skipped: cells.length - todo.length,
    pending: cells.length - records.length,
    failed: records.filter((r) => r.status === "error").length,
    ignoredLines: before.ignoredLines,
    files,
    paretoNote: pareto?.note ?? null,
  };
}

/** Draws pareto.svg for the first job (by arrival) of the first cell; returns the file, or null and why not. */
async function writeParetoPlot(config: HarnessConfig, cells: readonly Cell[], ctx: CellContext, outDir: string): Promise<{ readonly file: string | null; readonly note: string }> {
  const first = cells[0];
  if (first === undefined) return { file: null, note: "no cells" };
  try {
    const input = cellInput(first, ctx);
    const job = firstJobs(input.jobs, 1)[0];
    if (job === undefined) return { file: null, note: "the first cell has no jobs" };
    const plot = await paretoPlot(input.topology, input.models, job, config.schedulers);
    if (plot.status !== "ok") return { file: null, note: `no Pareto front for job ${job.id}: ${plot.reason}` };
    const file = path.join(outDir, "pareto.svg");
    writePlotFiles(file, plot.svg);
    return { file, note: `pareto.svg: job ${job.id}, ${plot.front.length} front point(s)` };
  } catch (e) {
    return { file: null, note: `Pareto plot failed: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}` };
  }
}
