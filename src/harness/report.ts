/**
 * Writes the harness report into a folder: the main, ablation, gap and
 * failure tables in Markdown, LaTeX (booktabs) and CSV, a separate wall-time
 * table (with the gap MILP solve times), and the plots as SVG with a PNG and
 * a PDF beside each. Same records → byte-identical files (on one machine: the
 * PNG and PDF text depend on the installed font), except timing.md, which
 * holds wall times by design.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { svgToPdf, svgToPng } from "../report/svgImages.js";
import { toCsv, toLatex, toMarkdown, type Table } from "../report/table.js";
import { costBarPlot, jctCdfPlots } from "./plots.js";
import type { CellRecord } from "./results.js";
import { BACE_CLAIMS_REFERENCE, claimsSummaryTable, claimsTable, hasClaims } from "./claimsTable.js";
import { gapOutsideTable, gapTable, gapTimingTable, hasGaps } from "./gapTables.js";
import { ablationTable, DEFAULT_TABLE_ROLES, failureTable, mainTable, timingTable, type TableRoles } from "./tables.js";

/** The tables of a set of records (gaps only when measured, failures only when any). */
export function reportTables(records: readonly CellRecord[], roles: TableRoles = {}): ReadonlyArray<readonly [name: string, table: Table]> {
  const out: Array<readonly [string, Table]> = [
    ["main", mainTable(records, roles)],
    ["ablation", ablationTable(records, roles)],
  ];
  if ((roles.reference ?? DEFAULT_TABLE_ROLES.reference) === BACE_CLAIMS_REFERENCE && hasClaims(records)) {
    out.push(["claims", claimsTable(records)]);
    out.push(["claims-summary", claimsSummaryTable(records)]);
  }
  if (hasGaps(records)) {
    out.push(["gaps", gapTable(records)]);
    const outside = gapOutsideTable(records);
    if (outside.rows.length > 0) out.push(["gaps-outside", outside]);
  }
  const failures = failureTable(records);
  if (failures.rows.length > 0) out.push(["failures", failures]);
  return out;
}

/** Writes `svg` to `file` (ending in .svg) and its PNG and PDF beside it; returns the three paths. */
export function writePlotFiles(file: string, svg: string): string[] {
  const base = file.replace(/\.svg$/, "");
  writeFileSync(`${base}.svg`, svg);
  writeFileSync(`${base}.png`, svgToPng(svg));
  writeFileSync(`${base}.pdf`, svgToPdf(svg));
  return [`${base}.svg`, `${base}.png`, `${base}.pdf`];
}

/** Writes every table (md, tex, csv), timing.md and the plots (SVG, PNG, PDF) into `outDir`; returns the paths written. */
export function writeReport(records: readonly CellRecord[], roles: TableRoles, outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const files: Array<[string, string]> = [];
  for (const [name, table] of reportTables(records, roles)) {
    files.push([`${name}.md`, toMarkdown(table)], [`${name}.tex`, toLatex(table)], [`${name}.csv`, toCsv(table)]);
  }
  const timing = [toMarkdown(timingTable(records))];
  if (hasGaps(records)) timing.push(toMarkdown(gapTimingTable(records)));
  files.push(["timing.md", timing.join("\n")]);
  const written = files.map(([name, text]) => {
    const file = path.join(outDir, name);
    writeFileSync(file, text);
    return file;
  });
  for (const p of [...jctCdfPlots(records), costBarPlot(records)]) written.push(...writePlotFiles(path.join(outDir, p.file), p.svg));
  return written;
}
