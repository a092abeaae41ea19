/**
 * The report of a compare run as one self-contained HTML page: every table
 * (main, ablation, gaps, failures, timing), every plot as inline SVG, and the
 * config that produced them. Inline CSS, no scripts, no external fetches (a
 * Content-Security-Policy of `default-src 'none'` makes the browser refuse
 * any). Pure: the same inputs give the same page.
 */
import { escapeHtml, toHtml } from "../report/html.js";
import type { Table } from "../report/table.js";
import { costBarPlot, jctCdfPlots, type NamedSvg } from "./plots.js";
import { reportTables } from "./report.js";
import type { CellRecord } from "./results.js";
import { gapTimingTable, hasGaps } from "./gapTables.js";
import { groupRecords, timingTable, type TableRoles } from "./tables.js";

/** Inputs of {@link htmlReport} besides the records. */
export interface HtmlReportOptions {
  /** Page title; default "geopipe compare report". */
  readonly title?: string;
  /** The config that produced the records (shown as JSON); default none. */
  readonly config?: unknown;
  /** Where the config came from, or why there is none (shown above it); default none. */
  readonly configNote?: string;
  /** Plots made outside the records (e.g. pareto.svg), shown after the others; default none. */
  readonly extraPlots?: readonly NamedSvg[];
}

const CSS = `
body { font-family: "DejaVu Sans", Verdana, sans-serif; margin: 1.5rem auto; max-width: 1200px; padding: 0 1rem; color: #222; line-height: 1.4; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { border-bottom: 2px solid #0072B2; padding-bottom: .2rem; margin-top: 2.2rem; }
nav a { margin-right: 1rem; }
.scroll { overflow-x: auto; margin: .5rem 0 1.5rem; }
table { border-collapse: collapse; font-size: .85rem; }
caption { caption-side: top; text-align: left; font-weight: bold; padding: .3rem 0; }
th, td { border-bottom: 1px solid #ddd; padding: .25rem .6rem; white-space: nowrap; }
th { background: #f3f6fa; text-align: left; }
th.group { text-align: center; border-bottom: 1px solid #999; }
.right { text-align: right; font-variant-numeric: tabular-nums; }
.center { text-align: center; }
tbody tr:nth-child(even) { background: #fafafa; }
figure { margin: 1rem 0 2rem; }
figure svg { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { font-size: .8rem; color: #555; }
pre { background: #f6f6f6; padding: .8rem; overflow-x: auto; font-size: .8rem; }
.note { color: #555; font-size: .9rem; }
`;

/** Section id of a table name. */
const tableId = (name: string): string => `table-${name.replace(/[^A-Za-z0-9_-]+/g, "-")}`;

/** The report page. */
export function htmlReport(records: readonly CellRecord[], roles: TableRoles, options: HtmlReportOptions = {}): string {
  const title = options.title ?? "geopipe compare report";
  const tables: Array<readonly [string, Table]> = [...reportTables(records, roles), ["timing", timingTable(records)]];
  if (hasGaps(records)) tables.push(["gap-timing", gapTimingTable(records)]);
  const plots = [...jctCdfPlots(records), costBarPlot(records), ...(options.extraPlots ?? [])];
  const g = groupRecords(records);
  const failed = records.filter((r) => r.status === "error").length;
  const summary =
    `${records.length} cell(s): ${records.length - failed} finished, ${failed} failed; ` +
    `${g.scenarios.length} scenario(s), ${g.schedulers.length} scheduler(s): ${g.schedulers.join(", ")}.`;
  const out = [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${CSS}</style>`,
    "</head>",
    "<body>",
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="summary">${escapeHtml(summary)}</p>`,
    `<nav>${[...tables.map(([name]) => `<a href="#${tableId(name)}">${escapeHtml(name)}</a>`), '<a href="#plots">plots</a>', '<a href="#config">config</a>'].join("")}</nav>`,
    '<section id="tables">',
    "<h2>Tables</h2>",
    '<p class="note">Definitions of every column: docs/harness.md. Timing tables are wall times of this machine.</p>',
  ];
  for (const [name, table] of tables) out.push(`<h3 id="${tableId(name)}">${escapeHtml(name)}</h3>`, `<div class="scroll">${toHtml(table, `${tableId(name)}-table`)}</div>`);
  out.push("</section>", '<section id="plots">', "<h2>Plots</h2>");
  for (const p of plots) out.push(`<figure>${p.svg.trim()}<figcaption>${escapeHtml(p.file)}</figcaption></figure>`);
  out.push("</section>", '<section id="config">', "<h2>Config</h2>");
  if (options.configNote !== undefined) out.push(`<p class="note">${escapeHtml(options.configNote)}</p>`);
  if (options.config !== undefined) out.push(`<pre id="config-json">${escapeHtml(JSON.stringify(options.config, null, 2))}</pre>`);
  out.push("</section>", "</body>", "</html>");
  return out.join("\n") + "\n";
}
