/**
 * SenseTime Helios (S-Lab-System-Group/HeliosData, README.md): each cluster's
 * `cluster_log.csv` with columns `job_id,user,vc,gpu_num,cpu_num,node_num,
 * state,submit_time,start_time,end_time,duration,queue`. Arrival =
 * `submit_time`, duration = `duration` (seconds, end − start), GPUs =
 * `gpu_num` (0 for CPU jobs). Times `YYYY-MM-DD HH:MM:SS` carry no zone.
 */
import { readTable, RowReader, Tally, TimeKinds } from "../table.js";
import type { BadRow, ParsedTrace, TraceRecord } from "../types.js";

/** Reads a Helios cluster_log.csv. */
export function readHelios(text: string, file: string): ParsedTrace {
  const table = readTable(text, file, { required: ["job_id", "gpu_num", "submit_time", "duration"], what: "a Helios cluster_log.csv" });
  const r = new RowReader(table);
  const badRows: BadRow[] = [];
  const records: TraceRecord[] = [];
  const kinds = new TimeKinds();
  const states = new Tally();
  for (const row of table.rows) {
    if (!r.start(row, badRows)) continue;
    const submitSec = r.time("submit_time", { kinds });
    const durationSec = r.number("duration", { min: 0, optional: true });
    const gpus = r.number("gpu_num", { min: 0 });
    if (!r.finish(badRows) || submitSec === null) continue;
    states.add(r.text("state"));
    records.push({ line: row.line, traceId: r.text("job_id") || null, submitSec, durationSec, gpus, sharesGpu: false });
  }
  return {
    format: "helios",
    layout: "Helios cluster_log.csv (job_id,…,gpu_num,…,submit_time,…,duration,queue)",
    records,
    rowsRead: table.rows.length,
    badRows,
    hasArrivals: true,
    hasDurations: true,
    timeKind: kinds.kind,
    notes: [
      "Helios times carry no time zone (the clusters are SenseTime's, likely UTC+8); they are read as UTC unless --utc-offset says otherwise",
      ...states.note("job states"),
    ],
  };
}
