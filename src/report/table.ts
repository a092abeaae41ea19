/**
 * A small, generic table and its writers: Markdown, LaTeX (booktabs) and CSV
 * (RFC 4180). Numbers are formatted by {@link formatNumber} in Markdown and
 * LaTeX and written at full precision in CSV. Pure: the same table gives
 * byte-identical text.
 */

/** Column alignment. */
export type Align = "left" | "right" | "center";

/** One cell: text, or a number (formatted by the writer). */
export type Cell = string | number;

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
  const render = (c: Cell): string => esc(typeof c === "number" ? formatNumber(c, o.significantDigits) : c);
  const rule: Record<Align, string> = { left: "---", right: "---:", center: ":---:" };
  const line = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`;
  const out: string[] = [];
  if (table.caption !== undefined) out.push(`**${esc(table.caption)}**`, "");
  out.push(line(table.header.map(esc)), line(columnAlignments(table).map((a) => rule[a])));
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
  const render = (c: Cell): string => escapeLatex(typeof c === "number" ? formatNumber(c, o.significantDigits) : c);
  const spec = columnAlignments(table).map((a) => a[0]).join("");
  const line = (cells: readonly string[]): string => `${cells.join(" & ")} \\\\`;
  const out = ["\\begin{table}[ht]", "\\centering"];
  if (table.caption !== undefined) out.push(`\\caption{${escapeLatex(table.caption)}}`);
  if (table.label !== undefined) out.push(`\\label{${table.label}}`);
  out.push(`\\begin{tabular}{${spec}}`, "\\toprule", line(table.header.map(escapeLatex)), "\\midrule");
  for (const r of cellsOf(table, render)) out.push(line(r));
  out.push("\\bottomrule", "\\end{tabular}", "\\end{table}");
  return out.join("\n") + "\n";
}

/** Quotes one CSV field when it holds a comma, a double quote, CR or LF (RFC 4180: quotes doubled). */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV: header line, then one line per row, CRLF line breaks; numbers at full precision. Caption and alignment are not written. */
export function toCsv(table: Table): string {
  const line = (cells: readonly string[]): string => cells.map(csvField).join(",");
  const rows = cellsOf(table, (c) => String(c));
  return [line(table.header), ...rows.map(line)].join("\r\n") + "\r\n";
}
