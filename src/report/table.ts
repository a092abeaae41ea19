/**
 * A small, generic table and its writers: Markdown, LaTeX (booktabs) and CSV
 * (RFC 4180). Numbers are formatted by {@link formatNumber} in Markdown and
 * LaTeX and written at full precision in CSV; a mean ± std cell is one
 * "mean ± std" cell in Markdown and LaTeX and two numeric CSV columns. Pure:
 * the same table gives byte-identical text.
 */
import { formatMeanStd, type MeanStdCell } from "./meanStd.js";

/** Column alignment. */
export type Align = "left" | "right" | "center";

/** One cell: text, a number (formatted by the writer), or a mean ± std. */
export type Cell = string | number | MeanStdCell;

/** A header cell spanning `span` columns above the column titles (LaTeX `\multicolumn`); "" for none. */
export interface ColumnGroup {
  /** Group title ("" leaves the span untitled). */
  readonly label: string;
  /** Columns covered, ≥ 1. */
  readonly span: number;
}

/** A table. */
export interface Table {
  /** Column titles. */
  readonly header: readonly string[];
  /** Rows of cells; a short row is padded with empty cells. */
  readonly rows: ReadonlyArray<readonly Cell[]>;
  /** Alignment per column; default right for columns whose cells are all numbers, left otherwise. */
  readonly align?: readonly Align[];
  /** Caption; default none. */
  readonly caption?: string;
  /** LaTeX label (`\label{...}`); default none. */
  readonly label?: string;
  /** Stable column ids (for `--columns`), one per column; default none. */
  readonly keys?: readonly string[];
  /** Column groups above the titles, spans summing to the column count; default none. Markdown and CSV prefix each title with its group. */
  readonly groups?: readonly ColumnGroup[];
}

/** Whether `c` is a mean ± std cell. */
export function isMeanStdCell(c: Cell | undefined): c is MeanStdCell {
  return typeof c === "object" && c !== null && c.kind === "meanStd";
}

/** The group label of each column ("" where none). */
function groupOfColumns(table: Table): string[] {
  const out: string[] = [];
  for (const g of table.groups ?? []) for (let i = 0; i < g.span; i++) out.push(g.label);
  return table.header.map((_, j) => out[j] ?? "");
}

/** Column titles with their group prefixed (`bace: mean JCT (h)`), for writers with one header row. */
export function flatHeader(table: Table): string[] {
  const groups = groupOfColumns(table);
  return table.header.map((h, j) => (groups[j] === "" ? h : `${groups[j]}: ${h}`));
}

/** Options of the Markdown and LaTeX writers. */
export interface TableFormatOptions {
  /** Significant digits of non-integer numbers; default 4. */
  readonly significantDigits?: number;
}

/** Defaults of {@link TableFormatOptions}. */
export const DEFAULT_TABLE_FORMAT: Required<TableFormatOptions> = { significantDigits: 4 };

/** Formats a number: integers as they are, others to `significantDigits` significant digits, tiny or huge ones in exponent form. */
export function formatNumber(x: number, significantDigits = DEFAULT_TABLE_FORMAT.significantDigits): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e9)) return x.toExponential(significantDigits - 1);
  return String(Number(x.toPrecision(significantDigits)));
}

/** The alignment of every column of `table` (explicit, else inferred). */
export function columnAlignments(table: Table): Align[] {
  return table.header.map((_, j) => {
    const given = table.align?.[j];
    if (given !== undefined) return given;
    const numeric = table.rows.length > 0 && table.rows.every((r) => typeof r[j] === "number");
    return numeric ? "right" : "left";
  });
}

/** A cell as text for Markdown and LaTeX (before escaping). */
function cellText(c: Cell, significantDigits: number): string {
  if (typeof c === "number") return formatNumber(c, significantDigits);
  if (typeof c === "string") return c;
  return formatMeanStd(c);
}

function cellsOf(table: Table, render: (c: Cell) => string): string[][] {
  return table.rows.map((r) => table.header.map((_, j) => {
    const c = r[j];
    return c === undefined ? "" : render(c);
  }));
}

/** GitHub-flavoured Markdown; the caption, if any, is a bold line above the table. `|` in cells is escaped. */
export function toMarkdown(table: Table, options: TableFormatOptions = {}): string {
  const o = { ...DEFAULT_TABLE_FORMAT, ...options };
  const esc = (s: string): string => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
  const render = (c: Cell): string => esc(cellText(c, o.significantDigits));
  const rule: Record<Align, string> = { left: "---", right: "---:", center: ":---:" };
  const line = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`;
  const out: string[] = [];
  if (table.caption !== undefined) out.push(`**${esc(table.caption)}**`, "");
  out.push(line(flatHeader(table).map(esc)), line(columnAlignments(table).map((a) => rule[a])));
  for (const r of cellsOf(table, render)) out.push(line(r));
  return out.join("\n") + "\n";
}

const LATEX_ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\textbackslash{}",
  "&": "\\&",
  "%": "\\%",
  _: "\\_",
  "#": "\\#",
  $: "\\$",
  "{": "\\{",
  "}": "\\}",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
  "±": "$\\pm$",
  "−": "$-$",
};

/** Escapes LaTeX special characters (`\ & % _ # $ { } ~ ^`) and writes ± and − in math mode. */
export function escapeLatex(s: string): string {
  return s.replace(/[\\&%_#${}~^±−]/g, (ch) => LATEX_ESCAPES[ch] ?? ch);
}

/** A LaTeX `table` float with a booktabs `tabular` (`\toprule`, `\midrule`, `\bottomrule`). */
export function toLatex(table: Table, options: TableFormatOptions = {}): string {
  const o = { ...DEFAULT_TABLE_FORMAT, ...options };
  const render = (c: Cell): string => escapeLatex(cellText(c, o.significantDigits));
  const spec = columnAlignments(table).map((a) => a[0]).join("");
  const line = (cells: readonly string[]): string => `${cells.join(" & ")} \\\\`;
  const out = ["\\begin{table}[ht]", "\\centering"];
  if (table.caption !== undefined) out.push(`\\caption{${escapeLatex(table.caption)}}`);
  if (table.label !== undefined) out.push(`\\label{${table.label}}`);
  out.push(`\\begin{tabular}{${spec}}`, "\\toprule");
  if (table.groups !== undefined && table.groups.length > 0) out.push(...latexGroupRows(table.groups));
  out.push(line(table.header.map(escapeLatex)), "\\midrule");
  for (const r of cellsOf(table, render)) out.push(line(r));
  out.push("\\bottomrule", "\\end{tabular}", "\\end{table}");
  return out.join("\n") + "\n";
}

/** The `\multicolumn` row of column groups and the `\cmidrule`s under the titled ones. */
function latexGroupRows(groups: readonly ColumnGroup[]): string[] {
  const cells: string[] = [];
  const rules: string[] = [];
  let col = 1;
  for (const g of groups) {
    cells.push(g.span === 1 ? escapeLatex(g.label) : `\\multicolumn{${g.span}}{c}{${escapeLatex(g.label)}}`);
    if (g.label !== "") rules.push(`\\cmidrule(lr){${col}-${col + g.span - 1}}`);
    col += g.span;
  }
  return [`${cells.join(" & ")} \\\\`, ...(rules.length > 0 ? [rules.join(" ")] : [])];
}

/** Quotes one CSV field when it holds a comma, a double quote, CR or LF (RFC 4180: quotes doubled). */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * RFC 4180 CSV: header line, then one line per row, CRLF line breaks; numbers
 * at full precision. A column holding mean ± std cells becomes two numeric
 * columns, `<title> mean` and `<title> std`: an undefined std (one value), an
 * empty cell (no values) and text in that column (e.g. "—") are empty fields,
 * which CSV readers take as missing numbers. Caption and alignment are not written.
 */
export function toCsv(table: Table): string {
  const line = (cells: readonly string[]): string => cells.map(csvField).join(",");
  const split = table.header.map((_, j) => table.rows.some((r) => isMeanStdCell(r[j])));
  const num = (x: number): string => (Number.isFinite(x) ? String(x) : "");
  const header = flatHeader(table).flatMap((h, j) => (split[j] ? [`${h} mean`, `${h} std`] : [h]));
  const rows = table.rows.map((r) =>
    table.header.flatMap((_, j) => {
      const c = r[j];
      if (split[j]) return isMeanStdCell(c) ? [num(c.mean), c.n < 2 ? "" : num(c.std)] : ["", ""];
      return [c === undefined ? "" : isMeanStdCell(c) ? formatMeanStd(c) : String(c)];
    }),
  );
  return [line(header), ...rows.map(line)].join("\r\n") + "\r\n";
}
