/**
 * Alibaba GPU 2023 "openb" pod lists (alibaba/clusterdata,
 * cluster-trace-gpu-v2023/README.md and csv/). Every file has
 * `name,cpu_milli,memory_mib,num_gpu,gpu_milli`; `openb_pod_list_default.csv`
 * and the `gpuspec*` files add `gpu_spec,qos,pod_phase,creation_time,
 * deletion_time,scheduled_time` (seconds from the trace start); the other
 * sampled files (`multigpu*`, `gpushare*`, `cpu*`, e.g. multigpu50 as read)
 * have no time column at all. GPUs = `num_gpu` (0–8); a pod with `num_gpu =
 * 1` and `gpu_milli < 1000` holds part of one GPU. Arrival =
 * `creation_time`; duration = `deletion_time − scheduled_time` (a pod never
 * scheduled has none; pods deleted at the last deletion time of the file were
 * still running when the trace ends, so their durations are cut there).
 */
import { readTable, RowReader, Tally } from "../table.js";
import type { BadRow, ParsedTrace, TraceRecord } from "../types.js";

/** Reads an openb_pod_list_*.csv, with or without its time columns. */
export function readAlibabaOpenb2023(text: string, file: string): ParsedTrace {
  const table = readTable(text, file, { required: ["name", "num_gpu", "gpu_milli"], what: "an Alibaba openb_pod_list_*.csv" });
  const timed = ["creation_time", "deletion_time", "scheduled_time"].every((c) => table.header.includes(c));
  const r = new RowReader(table);
  const badRows: BadRow[] = [];
  const records: TraceRecord[] = [];
  const phases = new Tally();
  const deletions: number[] = [];
  for (const row of table.rows) {
    if (!r.start(row, badRows)) continue;
    const gpus = r.number("num_gpu", { min: 0 });
    const milli = r.number("gpu_milli", { min: 0 });
    const created = timed ? r.number("creation_time") : null;
    const deleted = timed ? r.number("deletion_time", { optional: true }) : null;
    const scheduled = timed ? r.number("scheduled_time", { optional: true }) : null;
    if (!r.finish(badRows) || gpus === null || milli === null) continue;
    if (r.has("pod_phase")) phases.add(r.text("pod_phase"));
    deletions.push(deleted ?? -Infinity);
    const durationSec = deleted !== null && scheduled !== null && deleted >= scheduled ? deleted - scheduled : null;
    records.push({ line: row.line, traceId: r.text("name") || null, submitSec: created, durationSec, gpus, sharesGpu: gpus > 0 && milli < 1000 });
  }
  const last = deletions.reduce((m, d) => Math.max(m, d), -Infinity);
  const cut = deletions.filter((d) => d === last).length;
  const notes = timed
    ? [
        "openb times are seconds from the trace start; give --from/--to in those seconds",
        `${cut} pod(s) end at the file's last deletion time (${last} s): still running when the trace ends, their durations are cut there`,
        ...phases.note("pod phases"),
      ]
    : [];
  return {
    format: "alibaba-openb-2023",
    layout: timed ? "openb pod list with creation/deletion/scheduled times" : "openb pod list without time columns (name,cpu_milli,memory_mib,num_gpu,gpu_milli)",
    records,
    rowsRead: table.rows.length,
    badRows,
    hasArrivals: timed,
    hasDurations: timed,
    timeKind: "relative",
    notes,
  };
}
