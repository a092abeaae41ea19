/**
 * Alibaba PAI 2020 (alibaba/clusterdata, cluster-trace-gpu-v2020/README.md):
 * `pai_task_table.csv`, shipped without a header line; its columns
 * (data/pai_task_table.header) are `job_name,task_name,inst_num,status,
 * start_time,end_time,plan_cpu,plan_mem,plan_gpu,gpu_type`. A header line is
 * accepted too. `plan_gpu` is per instance, in percent of one GPU (50 = half
 * a GPU); `inst_num` instances per task.
 *
 * One job per `job_name` (its tasks need not be adjacent): GPUs = Σ over its
 * tasks of `inst_num · plan_gpu / 100`; it shares GPUs when some GPU task's
 * `plan_gpu` is not a multiple of 100; arrival = the earliest task
 * `start_time` (launch; the job's submission is in pai_job_table, earlier by
 * the scheduling latency); duration = latest `end_time` − earliest
 * `start_time`. Times are seconds shifted by an undisclosed constant (the
 * README: the time of day and day of week in UTC+8 are preserved, the dates
 * are not).
 */
import { readTable, RowReader } from "../table.js";
import type { BadRow, ParsedTrace, TraceRecord } from "../types.js";

/** The columns of pai_task_table.csv (cluster-trace-gpu-v2020/data/pai_task_table.header). */
export const PAI_TASK_COLUMNS = ["job_name", "task_name", "inst_num", "status", "start_time", "end_time", "plan_cpu", "plan_mem", "plan_gpu", "gpu_type"] as const;

interface Acc {
  line: number;
  start: number | null;
  end: number | null;
  gpus: number;
  shares: boolean;
  missingTime: boolean;
}

/** Reads a PAI 2020 task table and groups its tasks into jobs. */
export function readAlibabaPai2020(text: string, file: string): ParsedTrace {
  const table = readTable(text, file, { required: ["job_name", "inst_num", "start_time", "end_time", "plan_gpu"], headerless: PAI_TASK_COLUMNS, what: "an Alibaba PAI 2020 pai_task_table.csv" });
  const r = new RowReader(table);
  const badRows: BadRow[] = [];
  const jobs = new Map<string, Acc>();
  for (const row of table.rows) {
    if (!r.start(row, badRows)) continue;
    const name = r.text("job_name");
    const inst = r.number("inst_num", { min: 0 });
    const planGpu = r.number("plan_gpu", { min: 0, optional: true }) ?? 0;
    const start = r.number("start_time", { optional: true });
    const end = r.number("end_time", { optional: true });
    if (name === "") r.fail("column job_name: empty; give the job's name");
    if (!r.finish(badRows) || inst === null) continue;
    const acc = jobs.get(name) ?? { line: row.line, start: null, end: null, gpus: 0, shares: false, missingTime: false };
    acc.gpus += (inst * planGpu) / 100;
    if (planGpu > 0 && planGpu % 100 !== 0) acc.shares = true;
    if (start === null || end === null) acc.missingTime = true;
    if (start !== null) acc.start = acc.start === null ? start : Math.min(acc.start, start);
    if (end !== null) acc.end = acc.end === null ? end : Math.max(acc.end, end);
    jobs.set(name, acc);
  }
  const records: TraceRecord[] = [...jobs].map(([name, a]) => ({
    line: a.line,
    traceId: name,
    submitSec: a.start,
    durationSec: a.missingTime || a.start === null || a.end === null || a.end < a.start ? null : a.end - a.start,
    gpus: Math.round(a.gpus * 1e6) / 1e6,
    sharesGpu: a.shares,
  }));
  records.sort((x, y) => x.line - y.line);
  return {
    format: "alibaba-pai-2020",
    layout: `pai_task_table (${table.hadHeader ? "with" : "without"} a header line; ${table.rows.length} tasks in ${records.length} jobs)`,
    records,
    rowsRead: table.rows.length,
    badRows,
    hasArrivals: true,
    hasDurations: true,
    timeKind: "relative",
    notes: [
      "PAI 2020 times are seconds shifted by an undisclosed constant (time of day and weekday in UTC+8 preserved, dates not): give --from/--to in those seconds",
      "arrival = earliest task launch; a task with no start or end time leaves its job without a duration",
    ],
  };
}
