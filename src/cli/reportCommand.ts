/**
 * `geopipe report RESULTS.jsonl [--out report.html]`: one self-contained HTML
 * page with every table and plot of a compare run and the config that
 * produced it (config.json beside the results; pareto.svg too when present).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { htmlReport } from "../harness/htmlReport.js";
import type { NamedSvg } from "../harness/plots.js";
import { CONFIG_FILE } from "../harness/run.js";
import { UserError } from "./errors.js";
import { readResultsFolder } from "./tableCommand.js";

/** Options of `geopipe report`. */
export interface ReportCommandOptions {
  /** Output HTML file; default `report.html` beside the results file. */
  readonly out?: string;
}

/** The config beside the results, or why there is none. */
function configBeside(dir: string): { readonly config?: unknown; readonly configNote: string } {
  const file = path.join(dir, CONFIG_FILE);
  if (!existsSync(file)) return { configNote: `no ${CONFIG_FILE} beside the results (written by geopipe compare since this version); the cells' parameters are in results.jsonl` };
  try {
    return { config: JSON.parse(readFileSync(file, "utf8")) as unknown, configNote: `${file}: the validated config (defaults filled in) of the last geopipe compare run into this folder` };
  } catch (e) {
    throw new UserError(`${file}: not valid JSON (${e instanceof Error ? e.message : String(e)}); fix it or delete it`);
  }
}

/** Writes the report; returns the exit code. */
export function reportCommand(file: string, opts: ReportCommandOptions): number {
  const { records, roles } = readResultsFolder(file);
  const dir = path.dirname(file);
  const out = opts.out ?? path.join(dir, "report.html");
  const paretoFile = path.join(dir, "pareto.svg");
  const extraPlots: NamedSvg[] = existsSync(paretoFile) ? [{ file: "pareto.svg", svg: readFileSync(paretoFile, "utf8") }] : [];
  const config = configBeside(dir);
  const name = (config.config as { name?: unknown } | undefined)?.name;
  const html = htmlReport(records, roles, { ...config, extraPlots, title: typeof name === "string" ? `geopipe compare report: ${name}` : "geopipe compare report" });
  try {
    writeFileSync(out, html);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new UserError(`--out ${out}: cannot write it (${code ?? String(e)}); pass a writable file path`);
  }
  process.stderr.write(`wrote ${out} (${records.length} cells)\n`);
  return 0;
}

/** Adds `geopipe report` to `program`. */
export function registerReportCommand(program: Command): void {
  program
    .command("report")
    .description("write one self-contained HTML page with every table and plot of a compare run and its config")
    .argument("<results>", "results.jsonl of a compare run")
    .option("--out <file.html>", "output file (default report.html beside the results)")
    .action((file: string, opts: ReportCommandOptions) => {
      process.exitCode = reportCommand(file, opts);
    });
}
