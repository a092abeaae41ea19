/**
 * Any CSV with one job per row, its columns named by a column map
 * (`--map time=COL,duration=COL,gpus=COL`): `gpus` is required; `time`
 * (arrival: a date-time, read as UTC unless it carries a zone, or seconds) and
 * `duration` (seconds) are optional, and a duration may instead come from
 * `end` (and `start`, default the `time` column): `end − start`, both times.
 * `id` names the trace's own job id. Without a map the columns are looked up
 * under the key names themselves (`time`, `duration`, `gpus`, …).
 */
import { InstanceError } from "../../../model/issues.js";
import { readTable, RowReader, TimeKinds } from "../table.js";
import type { BadRow, ParsedTrace, TraceRecord } from "../types.js";

/** The keys of a column map. */
export const COLUMN_MAP_KEYS = ["time", "duration", "gpus", "start", "end", "id"] as const;

/** A column map: which CSV column holds each field. */
export type ColumnMap = Partial<Readonly<Record<(typeof COLUMN_MAP_KEYS)[number], string>>>;

/** Reads a CSV trace through `map`. */
export function readGenericCsv(text: string, file: string, map: ColumnMap = {}): ParsedTrace {
  const hasKey = (k: keyof ColumnMap): boolean => map[k] !== undefined;
  const col = (k: keyof ColumnMap): string => map[k] ?? k;
  const mapped = Object.keys(map).length > 0;
  // without a map, the optional columns are used when the header has them
  const probe = readTable(text, file, { required: [col("gpus")], what: "a CSV trace (name its columns with --map time=COL,duration=COL,gpus=COL)" });
  const present = (k: keyof ColumnMap): boolean => (mapped ? hasKey(k) : probe.header.includes(k));
  for (const k of COLUMN_MAP_KEYS) {
    if (hasKey(k) && !probe.header.includes(col(k))) {
      throw new InstanceError([{ file, path: "line 1", message: `--map ${k}=${col(k)}: no column "${col(k)}"; the header has ${probe.header.join(",")}` }]);
    }
  }
  const r = new RowReader(probe);
  const kinds = new TimeKinds();
  const badRows: BadRow[] = [];
  const records: TraceRecord[] = [];
  const useDuration = present("duration");
  const useEnd = !useDuration && present("end");
  for (const row of probe.rows) {
    if (!r.start(row, badRows)) continue;
    const gpus = r.number(col("gpus"), { min: 0 });
    const submitSec = present("time") ? r.time(col("time"), { kinds, optional: true }) : null;
    let durationSec: number | null = null;
    if (useDuration) durationSec = r.number(col("duration"), { min: 0, optional: true });
    else if (useEnd) {
      const start = present("start") ? r.time(col("start"), { kinds, optional: true }) : submitSec;
      const end = r.time(col("end"), { kinds, optional: true });
      if (start !== null && end !== null) {
        if (end < start) r.fail(`column ${col("end")}: ends before it starts`);
        else durationSec = end - start;
      }
    }
    if (!r.finish(badRows)) continue;
    const traceId = present("id") ? r.text(col("id")) || null : null;
    records.push({ line: row.line, traceId, submitSec, durationSec, gpus, sharesGpu: false });
  }
  const used = COLUMN_MAP_KEYS.filter(present).map((k) => `${k}=${col(k)}`).join(",");
  return {
    format: "csv",
    layout: `CSV with columns ${used}`,
    records,
    rowsRead: probe.rows.length,
    badRows,
    hasArrivals: present("time"),
    hasDurations: useDuration || useEnd,
    timeKind: kinds.kind,
    notes: kinds.kind === "calendar" && present("time") ? ["times without a zone are read as UTC"] : [],
  };
}
