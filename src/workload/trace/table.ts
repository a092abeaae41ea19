/**
 * A CSV trace as a table: a header (read from the file, or the format's
 * documented columns when the file has none, as the Alibaba 2020 tables),
 * rows with their line numbers, and field getters that turn a bad value into
 * a {@link BadRow} naming the line and column. Blank lines are skipped.
 */
import { CsvError, isBlankRow, parseCsvLines } from "../../model/csv.js";
import { InstanceError } from "../../model/issues.js";
import { parseUtcDateTime } from "../../model/utcTime.js";
import type { BadRow, TimeKind } from "./types.js";

/** A table read from CSV text. */
export interface TraceTable {
  /** Column names (trimmed). */
  readonly header: readonly string[];
  /** Whether the file's first line was the header (false: the format's columns were used). */
  readonly hadHeader: boolean;
  /** Data rows with their lines; blank lines left out. */
  readonly rows: readonly { readonly line: number; readonly fields: readonly string[] }[];
}

/** How {@link readTable} finds the header. */
export interface TableSpec {
  /** Columns that must be present (by name). */
  readonly required: readonly string[];
  /** Columns of a file without a header line (the first line is then data); omit when the file must have a header. */
  readonly headerless?: readonly string[];
  /** What the format is, for messages, e.g. "a Helios cluster_log.csv". */
  readonly what: string;
}

/** Reads `text` as CSV per `spec`; throws an {@link InstanceError} naming `file` and line 1 when a required column is missing. */
export function readTable(text: string, file: string, spec: TableSpec): TraceTable {
  let lines;
  try {
    lines = parseCsvLines(text).filter((r) => !isBlankRow(r.fields));
  } catch (e) {
    if (e instanceof CsvError) throw new InstanceError([{ file, path: "", message: `${e.message}; fix the CSV quoting` }]);
    throw e;
  }
  const first = (lines[0]?.fields ?? []).map((h) => h.trim());
  const named = spec.required.every((c) => first.includes(c));
  if (!named && spec.headerless !== undefined && first.length === spec.headerless.length) {
    return { header: spec.headerless, hadHeader: false, rows: lines };
  }
  const missing = spec.required.filter((c) => !first.includes(c));
  if (missing.length > 0) {
    const got = first.length > 0 ? first.join(",") : "nothing";
    const alt = spec.headerless !== undefined ? ` (or no header and the ${spec.headerless.length} columns ${spec.headerless.join(",")})` : "";
    throw new InstanceError([
      { file, path: "line 1", message: `missing column${missing.length > 1 ? "s" : ""} ${missing.map((c) => `"${c}"`).join(", ")} of ${spec.what}; the header must name ${spec.required.join(",")}${alt}, got ${got}` },
    ]);
  }
  return { header: first, hadHeader: true, rows: lines.slice(1) };
}

/** Field access for one row; every bad value is pushed to `bad` once per row. */
export class RowReader {
  private readonly index: ReadonlyMap<string, number>;
  /** Issues of the current row. */
  private issues: string[] = [];
  private fields: readonly string[] = [];
  private line = 0;

  constructor(table: TraceTable) {
    this.index = new Map(table.header.map((h, i) => [h, i] as const));
  }

  /** Starts a row; false (and a bad row) when its field count differs from the header's. */
  start(row: { readonly line: number; readonly fields: readonly string[] }, bad: BadRow[]): boolean {
    this.issues = [];
    this.fields = row.fields;
    this.line = row.line;
    if (row.fields.length !== this.index.size) {
      bad.push({ line: row.line, message: `${row.fields.length} fields, the header has ${this.index.size}` });
      return false;
    }
    return true;
  }

  /** The raw (trimmed) text of `column`. */
  text(column: string): string {
    const i = this.index.get(column);
    return i === undefined ? "" : (this.fields[i] ?? "").trim();
  }

  /** Whether the table has `column`. */
  has(column: string): boolean {
    return this.index.has(column);
  }

  /** A finite number ≥ `min`, or null for an empty (or `NaN`/`None`) field when `optional`; a bad value records an issue and returns null. */
  number(column: string, { min = -Infinity, optional = false }: { min?: number; optional?: boolean } = {}): number | null {
    const t = this.text(column);
    if (isMissing(t)) {
      if (!optional) this.issues.push(`column ${column}: empty; give a number`);
      return null;
    }
    const x = Number(t);
    if (!Number.isFinite(x) || x < min) {
      this.issues.push(`column ${column}: expected a number${min > -Infinity ? ` >= ${min}` : ""}, got "${t}"`);
      return null;
    }
    return x;
  }

  /**
   * A time in seconds: a date or date-time (epoch seconds UTC) or plain
   * seconds, whichever `kinds` settled on with the first time of the file (a
   * row of the other kind is a bad row); null when empty and `optional`.
   */
  time(column: string, { kinds, optional = false }: { kinds: TimeKinds; optional?: boolean }): number | null {
    const t = this.text(column);
    if (isMissing(t)) {
      if (!optional) this.issues.push(`column ${column}: empty; give a time`);
      return null;
    }
    const ms = parseUtcDateTime(t);
    const x = ms !== null ? ms / 1000 : Number(t);
    if (!Number.isFinite(x)) {
      this.issues.push(`column ${column}: expected a date-time like "2017-10-07 01:11:39" or seconds, got "${t}"`);
      return null;
    }
    const kind = ms !== null ? "calendar" : "relative";
    if (!kinds.accept(kind)) {
      this.issues.push(`column ${column}: expected ${kinds.kind === "calendar" ? "a date-time" : "seconds"} like the rows before, got "${t}"`);
      return null;
    }
    return x;
  }

  /** Records an issue of the current row. */
  fail(message: string): void {
    this.issues.push(message);
  }

  /** Ends the row: true when it had no issues; otherwise one bad row joining them. */
  finish(bad: BadRow[]): boolean {
    if (this.issues.length === 0) return true;
    bad.push({ line: this.line, message: this.issues.join("; ") });
    return false;
  }
}

/** Which kind of time a file uses: set by its first time, then enforced. */
export class TimeKinds {
  private settled: TimeKind | null = null;

  /** The kind settled on (`calendar` when the file had no time at all). */
  get kind(): TimeKind {
    return this.settled ?? "calendar";
  }

  /** Accepts a time of `kind`: true for the first one and for every later one of the same kind. */
  accept(kind: TimeKind): boolean {
    this.settled ??= kind;
    return this.settled === kind;
  }
}

/** Empty, `NaN`, `None`, `null` or `nan`: the trace did not record the value. */
export function isMissing(text: string): boolean {
  return text === "" || /^(nan|none|null|na)$/i.test(text);
}

/** Counts of the values of a status-like column, for a reader's note. */
export class Tally {
  private readonly counts = new Map<string, number>();

  /** Counts `value` (empty values are not counted). */
  add(value: string): void {
    if (value !== "") this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
  }

  /** `"<what> kept as they are: 3 Pass, 1 Killed"`, most frequent first; empty when nothing was counted. */
  note(what: string): string[] {
    if (this.counts.size === 0) return [];
    const text = [...this.counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([v, n]) => `${n} ${v}`).join(", ");
    return [`${what} kept as they are: ${text}`];
  }
}
