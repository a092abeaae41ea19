/**
 * `geopipe cba`: the CBA load sweep on NSFNET — offered loads × seeds ×
 * methods (cba = the communication-aware ILP, ff = nearest first fit,
 * oblivious = the communication-oblivious ILP), every run re-checked by the
 * verifier, and the printed tables re-checked against the runs; writes
 * Markdown/LaTeX/CSV tables and SVG plots to `--out`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { CBA_METHODS, DEFAULT_SWEEP, runSweep, type CbaMethod, type SweepRun } from "../cba/sweep.js";
import { claimsTable, sweepMetricsTable, sweepPlots, sweepRunsTable } from "../cba/sweepReport.js";
import { nsfnet } from "../cba/nsfnet.js";
import type { CbaVerifyReport } from "../cba/violation.js";
import { verifySweepTables } from "../cba/verifySweep.js";
import { highs } from "../lp/backends/highs.js";
import { toCsv, toLatex, toMarkdown } from "../report/table.js";
import { UserError } from "./errors.js";

/** Default output folder of `geopipe cba`. */
export const DEFAULT_CBA_OUT = "out/cba";

/** Options of `geopipe cba` as parsed by commander (strings until validated). */
export interface CbaCommandOptions {
  /** Offered load(s), Erlang, comma-separated. */
  readonly load: string;
  /** First seed. */
  readonly seed: string;
  /** Number of seeds (seed, seed + 1, …). */
  readonly seeds: string;
  /** cba | ff | oblivious | all. */
  readonly method: string;
  /** Requests per run. */
  readonly requests: string;
  /** Per-request ILP time limit, s. */
  readonly timeLimit: string;
  /** Output folder. */
  readonly out: string;
  /** No progress lines on stderr. */
  readonly quiet?: boolean;
}

/** Validated sweep settings. */
export interface CbaSettings {
  /** Offered loads, Erlang. */
  readonly loadsErlang: readonly number[];
  /** Seeds. */
  readonly seeds: readonly number[];
  /** Methods. */
  readonly methods: readonly CbaMethod[];
  /** Requests per run. */
  readonly requests: number;
  /** Per-request ILP time limit, s. */
  readonly timeLimitSec: number;
  /** Output folder. */
  readonly outDir: string;
}

function parseFlag(flag: string, raw: string, what: "positive" | "positive integer" | "non-negative integer"): number {
  const x = Number(raw);
  const ok = raw.trim() !== "" && Number.isFinite(x) && (what === "non-negative integer" ? x >= 0 : x > 0) && (what === "positive" || Number.isInteger(x));
  if (!ok) throw new UserError(`${flag}: expected a ${what}, got "${raw}"`);
  return x;
}

/** Validates the flags (each error names the flag and what it expects). */
export function cbaSettings(opts: CbaCommandOptions): CbaSettings {
  if (opts.load === undefined) throw new UserError("--load: required; give the offered load in Erlang, e.g. --load 10 or --load 6,8,10,12");
  const loadsErlang = opts.load.split(",").map((s) => parseFlag("--load", s.trim(), "positive"));
  const seed = parseFlag("--seed", opts.seed, "non-negative integer");
  const count = parseFlag("--seeds", opts.seeds, "positive integer");
  const m = opts.method.trim();
  if (m !== "all" && !(CBA_METHODS as readonly string[]).includes(m)) {
    throw new UserError(`--method: unknown method "${opts.method}"; valid: ${[...CBA_METHODS, "all"].join(", ")}`);
  }
  return {
    loadsErlang,
    seeds: Array.from({ length: count }, (_, i) => seed + i),
    methods: m === "all" ? CBA_METHODS : [m as CbaMethod],
    requests: parseFlag("--requests", opts.requests, "positive integer"),
    timeLimitSec: parseFlag("--time-limit", opts.timeLimit, "positive"),
    outDir: opts.out,
  };
}

/** What {@link writeSweepReport} wrote and what it checked. */
export interface WrittenSweepReport {
  /** Paths written. */
  readonly files: readonly string[];
  /** The metrics and claims tables as Markdown (what the command prints). */
  readonly markdown: string;
  /** {@link verifySweepTables} of the metrics and claims tables against the runs. */
  readonly tableCheck: CbaVerifyReport;
}

/** Writes the sweep's tables and plots into `outDir`, after re-checking the tables against the runs. */
export function writeSweepReport(runs: readonly SweepRun[], outDir: string): WrittenSweepReport {
  mkdirSync(outDir, { recursive: true });
  const metrics = sweepMetricsTable(runs);
  const claims = claimsTable(runs);
  const tableCheck = verifySweepTables(runs, { metrics, claims });
  const plots = sweepPlots(runs);
  const files: Array<[string, string]> = [
    ["metrics.md", toMarkdown(metrics)],
    ["metrics.tex", toLatex(metrics)],
    ["metrics.csv", toCsv(metrics)],
    ["runs.csv", toCsv(sweepRunsTable(runs))],
    ["claims.md", toMarkdown(claims)],
    ["claims.tex", toLatex(claims)],
    ["blocking.svg", plots.blockingSvg],
    ["iteration.svg", plots.iterationSvg],
  ];
  const written = files.map(([name, text]) => {
    const file = path.join(outDir, name);
    writeFileSync(file, text);
    return file;
  });
  return { files: written, markdown: `${toMarkdown(metrics)}\n${toMarkdown(claims)}`, tableCheck };
}

/** One line naming every run that failed verification and every table cell that disagrees with its runs, or null when all passed. */
export function sweepProblems(runs: readonly SweepRun[], tableCheck: CbaVerifyReport): string | null {
  const bad = runs.filter((r) => !r.verified);
  const parts: string[] = [];
  if (bad.length > 0) parts.push(`${bad.length} run(s) failed verification (${bad.map((r) => `${r.method}@${r.loadErlang}/seed ${r.seed}`).join(", ")})`);
  if (!tableCheck.ok) parts.push(`${tableCheck.violations.length} table cell(s) disagree with the runs (${tableCheck.violations.map((v) => v.message).join("; ")})`);
  return parts.length === 0 ? null : parts.join("; ");
}

/** Runs the sweep, prints the tables, writes the report; returns the exit code (1 when a run failed verification). */
export async function cbaCommand(opts: CbaCommandOptions): Promise<number> {
  const s = cbaSettings(opts);
  const network = nsfnet();
  const runs = await runSweep(network, highs, {
    loadsErlang: s.loadsErlang,
    seeds: s.seeds,
    methods: s.methods,
    requests: s.requests,
    timeLimitSec: s.timeLimitSec,
    onRun: opts.quiet === true ? null : (r, done, total) => {
      process.stderr.write(`[${done}/${total}] load ${r.loadErlang} seed ${r.seed} ${r.method}: blocking ${(100 * r.metrics.blockingRate).toFixed(1)} %, ${(r.wallMs / 1000).toFixed(1)} s${r.verified ? "" : " VERIFIER FAILED"}\n`);
    },
  });
  const report = writeSweepReport(runs, s.outDir);
  process.stdout.write(`${report.markdown}\nwrote ${report.files.join(", ")}\n`);
  const problems = sweepProblems(runs, report.tableCheck);
  if (problems !== null) {
    process.stderr.write(`geopipe cba: ${problems}\n`);
    return 1;
  }
  return 0;
}

/** Adds `geopipe cba` to `program`. */
export function registerCbaCommand(program: Command): Command {
  program
    .command("cba")
    .description("CBA on NSFNET: sweep offered loads × seeds × methods (cba ILP, nearest first fit, communication-oblivious ILP); write tables and plots")
    .option("--load <erlang>", "offered load(s) in Erlang, comma-separated (e.g. 6,8,10)")
    .option("--seed <n>", "first request-stream seed", "1")
    .option("--seeds <k>", "number of seeds (seed, seed+1, ...)", "1")
    .option("--method <m>", `method: ${[...CBA_METHODS, "all"].join(" | ")}`, "all")
    .option("--requests <n>", "requests per run", String(DEFAULT_SWEEP.requests))
    .option("--time-limit <seconds>", "ILP time limit per request", String(DEFAULT_SWEEP.timeLimitSec))
    .option("--out <dir>", "output folder for tables and plots", DEFAULT_CBA_OUT)
    .option("--quiet", "no progress lines on stderr")
    .action(async (opts: CbaCommandOptions) => {
      process.exitCode = await cbaCommand(opts);
    });
  return program;
}
