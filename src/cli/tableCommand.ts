/**
 * `geopipe table RESULTS.jsonl [--format md|tex|csv] [--table NAME]
 * [--columns a,b,c] [--pivot scheduler]`: prints the tables of a compare
 * run's results file, optionally with chosen columns in a chosen order and
 * with the schedulers as column groups (one row per scenario). See docs/harness.md.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Option, type Command } from "commander";
import { staleGapRecords } from "../harness/gapTables.js";
import { reportTables } from "../harness/report.js";
import { readResults, type CellRecord } from "../harness/results.js";
import { SCENARIO_KEYS, type TableRoles } from "../harness/tables.js";
import { columnKeys, pivotTable, selectColumns, type TableOutcome } from "../report/tableOps.js";
import { toCsv, toLatex, toMarkdown, type Table } from "../report/table.js";
import { UserError } from "./errors.js";

/** Table formats of `geopipe table`. */
export const TABLE_FORMATS = ["md", "tex", "csv"] as const;

/** Which tables `geopipe table` prints. */
export const TABLE_NAMES = ["main", "ablation", "claims", "claims-summary", "gaps", "gaps-outside", "failures", "all"] as const;

/** Columns `--pivot` can turn into column groups. */
export const PIVOT_COLUMNS = ["scheduler"] as const;

/** Options of `geopipe table` as parsed by commander. */
export interface TableCommandOptions {
  /** md, tex or csv. */
  readonly format: string;
  /** A table name or "all". */
  readonly table: string;
  /** Comma-separated column keys, in output order; default all. */
  readonly columns?: string;
  /** Column to pivot into column groups; default none. */
  readonly pivot?: string;
}

/**
 * The records of a results file and the table roles from `roles.json` beside it (defaults when absent);
 * a missing file, a folder, an empty file or a malformed roles.json is a {@link UserError}.
 */
export function readResultsFolder(file: string): { readonly records: readonly CellRecord[]; readonly roles: TableRoles } {
  if (!existsSync(file)) throw new UserError(`results file not found: ${file}; pass the results.jsonl of a geopipe compare run`);
  if (statSync(file).isDirectory()) {
    const inside = path.join(file, "results.jsonl");
    throw new UserError(`${file} is a folder, not a results file; pass ${existsSync(inside) ? inside : "the results.jsonl of a geopipe compare run"}`);
  }
  const { records } = readResults(file);
  if (records.length === 0) throw new UserError(`${file}: no complete result lines; run geopipe compare first`);
  const rolesFile = path.join(path.dirname(file), "roles.json");
  if (!existsSync(rolesFile)) return { records, roles: {} };
  try {
    return { records, roles: JSON.parse(readFileSync(rolesFile, "utf8")) as TableRoles };
  } catch (e) {
    throw new UserError(`${rolesFile}: not valid JSON (${e instanceof Error ? e.message : String(e)}); fix it or delete it to use the default roles`);
  }
}

function orThrow(flag: string, name: string, r: TableOutcome): Table {
  if (!r.ok) throw new UserError(`${flag}: table ${name}: ${r.message}`);
  return r.table;
}

/**
 * `table` with the columns `columns` (keys, in order; default all) and, with `pivot`, one row per scenario
 * (the scenario columns chosen) and a column group per value of the pivot column. Throws {@link UserError}.
 */
export function shapeTable(name: string, table: Table, columns: readonly string[] | undefined, pivot: string | undefined): Table {
  const keys = columnKeys(table);
  const chosen = columns === undefined ? keys : orThrow("--columns", name, selectColumns(table, columns)).keys ?? [];
  if (pivot === undefined) return columns === undefined ? table : orThrow("--columns", name, selectColumns(table, chosen));
  if (!keys.includes(pivot)) throw new UserError(`--pivot ${pivot}: table ${name} has no ${pivot} column (columns: ${keys.join(", ")})`);
  const by = chosen.filter((k) => (SCENARIO_KEYS as readonly string[]).includes(k));
  const values = chosen.filter((k) => k !== pivot && !by.includes(k));
  const selected = orThrow("--columns", name, selectColumns(table, [...by, pivot, ...values]));
  return orThrow("--pivot", name, pivotTable(selected, { on: pivot, by }));
}

/** Prints the tables of a results file; returns the exit code. */
export function tableCommand(file: string, opts: TableCommandOptions): number {
  const writer: Record<string, (t: Table) => string> = { md: toMarkdown, tex: toLatex, csv: toCsv };
  const write = writer[opts.format];
  if (write === undefined) throw new UserError(`--format: expected one of ${TABLE_FORMATS.join(", ")}, got "${opts.format}"`);
  const columns = opts.columns?.split(",").map((c) => c.trim()).filter((c) => c.length > 0);
  if (columns !== undefined && opts.table === "all") throw new UserError(`--columns: choose one table with --table (${TABLE_NAMES.filter((t) => t !== "all").join(", ")}); tables have different columns`);
  const { records, roles } = readResultsFolder(file);
  const tables = reportTables(records, roles).filter(([name]) => opts.table === "all" || name === opts.table);
  if (tables.length === 0 && opts.table === "failures") {
    process.stderr.write(`${file}: no cell failed\n`);
    return 0;
  }
  if (tables.length === 0 && opts.table === "gaps-outside") {
    process.stderr.write(`${file}: no measured decision was outside the exact model\n`);
    return 0;
  }
  if (tables.length === 0) {
    const stale = staleGapRecords(records);
    if (stale > 0) throw new UserError(`--table gaps: the gap fields of ${stale} cell(s) in ${file} were written by an older geopipe and are not comparable; run geopipe compare again into a new folder`);
    throw new UserError(`--table gaps: ${file} has no gap measurements; enable "gaps" in the config and run geopipe compare again`);
  }
  process.stdout.write(tables.map(([name, t]) => write(shapeTable(name, t, columns, opts.pivot))).join("\n"));
  return 0;
}

/** Adds `geopipe table` to `program`. */
export function registerTableCommand(program: Command): void {
  program
    .command("table")
    .description("print the tables of a geopipe compare results file (choose columns, pivot the schedulers into column groups)")
    .argument("<results>", "results.jsonl of a compare run")
    .addOption(new Option("--format <fmt>", "output format").choices([...TABLE_FORMATS]).default("md"))
    .addOption(new Option("--table <name>", "which table").choices([...TABLE_NAMES]).default("main"))
    .option("--columns <keys>", "comma-separated column keys in output order, e.g. topology,load,scheduler,meanJctH,costUsd (an unknown key lists the valid ones)")
    .addOption(new Option("--pivot <column>", "one row per scenario, a column group per value of this column").choices([...PIVOT_COLUMNS]))
    .action((file: string, opts: TableCommandOptions) => {
      process.exitCode = tableCommand(file, opts);
    });
}
