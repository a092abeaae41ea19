/** Tables as HTML (`<table>` with caption, optional column-group row, and alignment), for the self-contained report page. */
import { formatMeanStd } from "./meanStd.js";
import { columnAlignments, formatNumber, type Cell, type Table } from "./table.js";

/** Escapes `& < > " '` for HTML text and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

function cellText(c: Cell | undefined): string {
  if (c === undefined) return "";
  if (typeof c === "number") return formatNumber(c);
  if (typeof c === "string") return c;
  return formatMeanStd(c);
}

/** The table as an HTML `<table>`; `id` (optional) goes on the element. Numbers as in Markdown. */
export function toHtml(table: Table, id?: string): string {
  const align = columnAlignments(table);
  const style = (j: number): string => (align[j] === "left" ? "" : ` class="${align[j]}"`);
  const out = [`<table${id === undefined ? "" : ` id="${escapeHtml(id)}"`}>`];
  if (table.caption !== undefined) out.push(`<caption>${escapeHtml(table.caption)}</caption>`);
  out.push("<thead>");
  if (table.groups !== undefined && table.groups.length > 0) {
    out.push(`<tr>${table.groups.map((g) => `<th colspan="${g.span}" class="group">${escapeHtml(g.label)}</th>`).join("")}</tr>`);
  }
  out.push(`<tr>${table.header.map((h, j) => `<th${style(j)}>${escapeHtml(h)}</th>`).join("")}</tr>`, "</thead>", "<tbody>");
  for (const r of table.rows) out.push(`<tr>${table.header.map((_, j) => `<td${style(j)}>${escapeHtml(cellText(r[j]))}</td>`).join("")}</tr>`);
  out.push("</tbody>", "</table>");
  return out.join("\n");
}
