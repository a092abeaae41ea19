/**
 * Reshaping a keyed {@link Table} for papers: choose and order its columns by
 * key, and pivot one column (e.g. the scheduler) into column groups, one row
 * per remaining identity (e.g. per scenario). Outcomes are values: an unknown
 * key or rows that are not unique name what to change.
 */
import type { Align, Cell, ColumnGroup, Table } from "./table.js";

/** A reshaped table, or why it cannot be. */
export type TableOutcome = { readonly ok: true; readonly table: Table } | { readonly ok: false; readonly message: string };

/** The column keys of `table` (its `keys`, else its titles). */
export function columnKeys(table: Table): readonly string[] {
  return table.keys ?? table.header;
}

/** `table` with only the columns `keys`, in that order; an unknown key lists the valid ones. */
export function selectColumns(table: Table, keys: readonly string[]): TableOutcome {
  const all = columnKeys(table);
  const unknown = keys.filter((k) => !all.includes(k));
  if (unknown.length > 0) return { ok: false, message: `unknown column${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}; valid columns: ${all.join(", ")}` };
  if (keys.length === 0) return { ok: false, message: `no columns chosen; valid columns: ${all.join(", ")}` };
  const idx = keys.map((k) => all.indexOf(k));
  const pick = <T>(xs: readonly T[] | undefined): T[] | undefined => (xs === undefined ? undefined : idx.map((j) => xs[j] as T));
  const { groups: _dropped, ...rest } = table;
  return {
    ok: true,
    table: { ...rest, header: idx.map((j) => table.header[j] ?? ""), rows: table.rows.map((r) => idx.map((j) => r[j] ?? "")), keys: [...keys], ...optional("align", pick(table.align)) },
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Options of {@link pivotTable}. */
export interface PivotOptions {
  /** Key of the column whose values become column groups (e.g. "scheduler"). */
  readonly on: string;
  /** Keys of the columns that identify a row after pivoting (e.g. the scenario columns); the other columns are the values. */
  readonly by: readonly string[];
}

/**
 * One row per distinct `by` value, and for each distinct `on` value (in first
 * appearance order) a group of the remaining columns. Cells of a missing
 * combination are empty; two rows with the same `by` and `on` values are an
 * error (the rows are then not identified by `by`).
 */
export function pivotTable(table: Table, options: PivotOptions): TableOutcome {
  const all = columnKeys(table);
  const missing = [options.on, ...options.by].filter((k) => !all.includes(k));
  if (missing.length > 0) return { ok: false, message: `cannot pivot on ${options.on}: the table has no column ${missing.join(", ")} (columns: ${all.join(", ")})` };
  const onIdx = all.indexOf(options.on);
  const byIdx = options.by.map((k) => all.indexOf(k));
  const valueIdx = all.map((_, j) => j).filter((j) => j !== onIdx && !byIdx.includes(j));
  if (valueIdx.length === 0) return { ok: false, message: `nothing left to pivot: every column is ${options.on} or an identity column` };
  const text = (c: Cell | undefined): string => (c === undefined ? "" : typeof c === "object" ? JSON.stringify(c) : String(c));
  const groups: string[] = [];
  const rows = new Map<string, { readonly id: readonly Cell[]; readonly cells: Map<string, readonly Cell[]> }>();
  for (const r of table.rows) {
    const id = byIdx.map((j) => r[j] ?? "");
    const idKey = JSON.stringify(id.map(text));
    const group = text(r[onIdx]);
    if (!groups.includes(group)) groups.push(group);
    const row = rows.get(idKey) ?? { id, cells: new Map<string, readonly Cell[]>() };
    if (row.cells.has(group)) {
      const rest = all.filter((k, j) => j !== onIdx && !byIdx.includes(j));
      return { ok: false, message: `rows are not unique per ${[...options.by, options.on].join(" + ")} (${options.on} "${group}" appears twice${id.length > 0 ? ` for ${id.map(text).join(", ")}` : ""}); keep more identity columns (of: ${rest.join(", ")}) or choose another table` };
    }
    row.cells.set(group, valueIdx.map((j) => r[j] ?? ""));
    rows.set(idKey, row);
  }
  const align = (j: number): Align => table.align?.[j] ?? "left";
  const { caption, label } = table;
  const out: Table = {
    header: [...byIdx.map((j) => table.header[j] ?? ""), ...groups.flatMap(() => valueIdx.map((j) => table.header[j] ?? ""))],
    keys: [...byIdx.map((j) => all[j] ?? ""), ...groups.flatMap((g) => valueIdx.map((j) => `${g}.${all[j] ?? ""}`))],
    rows: [...rows.values()].map((row) => [...row.id, ...groups.flatMap((g) => row.cells.get(g) ?? valueIdx.map(() => ""))]),
    align: [...byIdx.map(align), ...groups.flatMap(() => valueIdx.map(align))],
    groups: [{ label: "", span: byIdx.length }, ...groups.map((g): ColumnGroup => ({ label: g, span: valueIdx.length }))].filter((g) => g.span > 0),
    ...optional("caption", caption === undefined ? undefined : `${caption}; one column group per ${options.on}`),
    ...optional("label", label),
  };
  return { ok: true, table: out };
}
