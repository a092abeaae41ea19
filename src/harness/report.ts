/**
 * Writes the harness report into a folder: the main, ablation, gap and
 * failure tables in Markdown, LaTeX (booktabs) and CSV, a separate wall-time
 * table (with the gap MILP solve times), and the SVG plots. Same records →
 * byte-identical files, except timing.md, which holds wall times by design.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { toCsv, toLatex, toMarkdown, type Table } from "../report/table.js";
import { costBarPlot, jctCdfPlots } from "./plots.js";
import type { CellRecord } from "./results.js";
import { ablationTable, failureTable, gapTable, gapTimingTable, hasGaps, mainTable, timingTable, type TableRoles } from "./tables.js";

/** The tables of a set of records (gaps only when measured, failures only when any). */
export function reportTables(records: readonly CellRecord[], roles: TableRoles = {}): ReadonlyArray<readonly [name: string, table: Table]> {
  const out: Array<readonly [string, Table]> = [
    ["main", mainTable(records, roles)],
    ["ablation", ablationTable(records, roles)],
  ];
  if (hasGaps(records)) out.push(["gaps", gapTable(records)]);
  const failures = failureTable(records);
  if (failures.rows.length > 0) out.push(["failures", failures]);
  return out;
}

/** Writes every table (md, tex, csv), timing.md and the plots into `outDir`; returns the paths written. */
export function writeReport(records: readonly CellRecord[], roles: TableRoles, outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const files: Array<[string, string]> = [];
  for (const [name, table] of reportTables(records, roles)) {
    files.push([`${name}.md`, toMarkdown(table)], [`${name}.tex`, toLatex(table)], [`${name}.csv`, toCsv(table)]);
  }
  const timing = [toMarkdown(timingTable(records))];
  if (hasGaps(records)) timing.push(toMarkdown(gapTimingTable(records)));
  files.push(["timing.md", timing.join("\n")]);
  for (const p of [...jctCdfPlots(records), costBarPlot(records)]) files.push([p.file, p.svg]);
  return files.map(([name, text]) => {
    const file = path.join(outDir, name);
    writeFileSync(file, text);
    return file;
  });
}
