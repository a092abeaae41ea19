import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readTrace, type TraceFormat } from "../../../src/workload/trace/index.js";
import { entryLines } from "../../../src/workload/trace/formats/philly.js";
import { ROOT, thrown } from "../helpers.js";

const FIXTURES = join(ROOT, "test", "fixtures", "traces");
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), "utf8");
const utc = (y: number, mo: number, d: number, h: number, mi: number, s: number): number => Date.UTC(y, mo - 1, d, h, mi, s) / 1000;

/** The records as [line, traceId, submitSec, durationSec, gpus, sharesGpu]. */
function rows(name: string, format: TraceFormat) {
  const t = readTrace(fixture(name), name, format);
  return { t, rows: t.records.map((r) => [r.line, r.traceId, r.submitSec, r.durationSec, r.gpus, r.sharesGpu]) };
}

describe("trace formats", () => {
  it("readTrace(philly AdaptDL CSV) reads CRLF lines, a trailing blank line, and reports a bad duration by line and column", () => {
    const { t, rows: r } = rows("philly-adaptdl.csv", "philly");
    expect(r).toEqual([
      [2, null, utc(2017, 10, 7, 1, 11, 39), 3600, 8, false],
      [3, null, utc(2017, 10, 7, 1, 1, 39), 600, 2, false],
      [5, null, utc(2017, 10, 8, 12, 0, 0), 7200, 16, false],
      [6, null, utc(2017, 10, 7, 1, 11, 39), 60, 1, false],
    ]);
    expect(t.badRows).toEqual([{ line: 4, message: 'column duration: expected a number >= 0, got "abc"' }]);
    expect(t.rowsRead).toBe(5);
    expect(t.timeKind).toBe("calendar");
  });

  it("readTrace(philly cluster_job_log JSON) takes the first attempt's GPUs and first start to last end, and keeps jobs with no attempt or no end", () => {
    const { t, rows: r } = rows("philly-cluster_job_log.json", "philly");
    expect(r).toEqual([
      // two attempts: 01:12:09 → 03:13:09 = 7260 s on 8 GPUs (the first attempt's)
      [2, "application_1506638472019_14199", utc(2017, 10, 7, 1, 11, 39), 7260, 8, false],
      // two servers of 2 GPUs each
      [13, "application_1506638472019_14200", utc(2017, 10, 7, 1, 59, 0), 1800, 4, false],
      [23, "application_1506638472019_14201", utc(2017, 10, 7, 3, 0, 0), null, null, false],
      [24, "application_1506638472019_14202", utc(2017, 10, 7, 4, 0, 0), null, 2, false],
    ]);
    expect(t.badRows).toEqual([{ line: 32, message: 'entry 4: attempts[0].start_time: expected "YYYY-MM-DD HH:MM:SS" or None, got "07/10/2017"' }]);
    expect(t.notes.join(" ")).toContain("job statuses kept as they are: 3 Pass, 1 Failed, 1 Killed");
  });

  it("entryLines(json) finds the line of every top-level entry, braces inside strings ignored", () => {
    expect(entryLines('[\n {"a": "}{"},\n 3,\n\n "x[",\n [1, 2]\n]')).toEqual([2, 3, 5, 6]);
  });

  it("readTrace(helios cluster_log.csv) reads submit_time, duration and gpu_num, and names a bad time", () => {
    const { t, rows: r } = rows("helios-cluster_log.csv", "helios");
    expect(r).toEqual([
      [2, "1425511", utc(2020, 6, 9, 18, 41, 1), 36848, 1, false],
      [3, "1425512", utc(2020, 6, 9, 18, 41, 27), 249, 4, false],
      [4, "1425513", utc(2020, 6, 9, 18, 41, 28), 675233, 0, false],
      [5, "1425514", utc(2020, 6, 9, 19, 0, 0), 7200, 16, false],
    ]);
    expect(t.badRows[0]).toMatchObject({ line: 6, message: expect.stringContaining('column submit_time: expected a date-time') });
  });

  it("readTrace(alibaba-pai-2020 task table without header) groups tasks into jobs: GPUs Σ inst_num·plan_gpu/100, earliest start to latest end", () => {
    const { t, rows: r } = rows("pai_task_table.csv", "alibaba-pai-2020");
    expect(r).toEqual([
      // 2 workers × 100 % + a ps without GPU; 4550870 (ps) → 4551420 (ps)
      [1, "4b3f04b66a525d2df903eb16", 4550870, 550, 2, false],
      [3, "9c0000000000000000000001", 1739162, 38, 0.5, true],
      [4, "9c0000000000000000000002", 1800000, 3600, 8, false],
      [5, "9c0000000000000000000003", 1900000, null, 1, false],
      [7, "9c0000000000000000000005", 2000000, 300, 0, false],
    ]);
    expect(t.badRows).toEqual([{ line: 6, message: 'column inst_num: expected a number >= 0, got "x"' }]);
    expect(t.timeKind).toBe("relative");
    expect(t.layout).toContain("without a header line");
  });

  it("readTrace(alibaba-pai-2020) also accepts the table with its header line", () => {
    const text = `job_name,task_name,inst_num,status,start_time,end_time,plan_cpu,plan_mem,plan_gpu,gpu_type\n${fixture("pai_task_table.csv")}`;
    const t = readTrace(text, "pai.csv", "alibaba-pai-2020");
    expect(t.records.map((x) => x.line)).toEqual([2, 4, 5, 6, 8]);
    expect(t.layout).toContain("with a header line");
  });

  it("readTrace(alibaba-openb-2023 default) takes creation time, deletion − scheduled, and flags shared GPUs (gpu_milli < 1000)", () => {
    const { t, rows: r } = rows("openb_pod_list_default.csv", "alibaba-openb-2023");
    expect(r).toEqual([
      [2, "openb-pod-0000", 0, 12902960, 1, false],
      [3, "openb-pod-0005", 2759674, 10143284, 0, false],
      [4, "openb-pod-0017", 9437497, 1332357, 8, false],
      [5, "openb-pod-0022", 9679175, 294651, 1, true],
      [6, "openb-pod-0061", 10001278, null, 1, false], // Pending: never scheduled
      [7, "openb-pod-0422", 10050000, 3500, 2, false],
    ]);
    expect(t.hasArrivals && t.hasDurations).toBe(true);
    expect(t.notes.join(" ")).toContain("2 pod(s) end at the file's last deletion time (12902960 s)");
  });

  it("readTrace(alibaba-openb-2023 multigpu50) says the file has no arrivals and no durations", () => {
    const { t, rows: r } = rows("openb_pod_list_multigpu50.csv", "alibaba-openb-2023");
    expect(t.hasArrivals).toBe(false);
    expect(t.hasDurations).toBe(false);
    expect(r.map((x) => [x[4], x[5]])).toEqual([[1, false], [1, true], [0, false], [8, false], [2, false], [4, false]]);
  });

  it("readTrace(csv, map) reads the mapped columns; a missing mapped column is an error naming it and the header", () => {
    const t = readTrace(fixture("generic.csv"), "generic.csv", "csv", { time: "submitted", duration: "ran_s", gpus: "n_gpu", id: "jobid" });
    expect(t.records.map((r) => [r.traceId, r.submitSec, r.durationSec, r.gpus])).toEqual([
      ["a", utc(2023, 10, 2, 6, 0, 0), 3600, 4],
      ["b", utc(2023, 10, 2, 7, 30, 0), 1800, 2],
      ["c", utc(2023, 10, 2, 8, 15, 0), 900, 1.5],
      ["d", utc(2023, 10, 2, 9, 0, 0), 600, 8],
    ]);
    const e = thrown(() => readTrace(fixture("generic.csv"), "generic.csv", "csv", { time: "submit", gpus: "n_gpu" }));
    expect(e.message).toBe('generic.csv: line 1: --map time=submit: no column "submit"; the header has jobid,submitted,ran_s,n_gpu');
  });

  it("readTrace(csv) takes a duration from end − start when mapped so, and rows of the other kind of time are bad", () => {
    const text = "t,e,g\n2023-01-01 00:00:00,2023-01-01 02:00:00,2\n2023-01-01 01:00:00,3600,4\n";
    const t = readTrace(text, "x.csv", "csv", { time: "t", end: "e", gpus: "g" });
    expect(t.records.map((r) => r.durationSec)).toEqual([7200]);
    expect(t.badRows).toEqual([{ line: 3, message: 'column e: expected a date-time like the rows before, got "3600"' }]);
  });

  it("readTrace names a missing required column with the header found (exit-2 material)", () => {
    const e = thrown(() => readTrace("a,b\n1,2\n", "h.csv", "helios"));
    expect(e.path).toBe("line 1");
    expect(e.message).toContain('missing columns "job_id", "gpu_num", "submit_time", "duration" of a Helios cluster_log.csv');
    expect(e.message).toContain("got a,b");
    expect(thrown(() => readTrace("[1,", "j.json", "philly")).message).toMatch(/^j\.json: invalid JSON at line 1/);
  });
});
