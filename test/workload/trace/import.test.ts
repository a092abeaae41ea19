import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { WorkloadFileSchema } from "../../../src/model/schemas.js";
import { offeredLoad } from "../../../src/workload/load.js";
import { readPhillyTrace } from "../../../src/workload/philly.js";
import { importTrace, importTraceFile, TRACE_MAPPINGS, type TraceImportOptions } from "../../../src/workload/trace/index.js";
import { MODELS, ROOT, thrown, TOPOLOGY } from "../helpers.js";

const FIXTURES = join(ROOT, "test", "fixtures", "traces");
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), "utf8");
const base = { topology: TOPOLOGY, models: MODELS };

function imported(name: string, options: Partial<TraceImportOptions> & Pick<TraceImportOptions, "format">) {
  return importTrace(fixture(name), { ...base, file: name, ...options });
}

/** A CSV of `n` jobs, one every `stepSec` from 2023-10-01 00:00 UTC, GPUs cycling 2, 4, 8, durations 600 s. */
function hourlyTrace(n: number, stepSec: number): string {
  const rows = Array.from({ length: n }, (_, i) => `${new Date(Date.UTC(2023, 9, 1) + i * stepSec * 1000).toISOString()},600,${[2, 4, 8][i % 3]}`);
  return `time,duration,gpus\n${rows.join("\n")}\n`;
}

describe("importTrace", () => {
  it("importTrace(philly CSV) anchors time 0 at the whole hour before the first job, orders by arrival and counts the bad row", () => {
    const r = imported("philly-adaptdl.csv", { format: "philly" });
    expect(r.workload.startUtc).toBe("2017-10-07T01:00:00Z");
    // 01:01:39 → 99 s; 01:11:39 (lines 2 and 6, file order) → 699 s; 8 Oct 12:00 → 35 h
    expect(r.workload.jobs.map((j) => [j.id, j.arrivalSec])).toEqual([["t3", 99], ["t2", 699], ["t6", 699], ["t5", 126000]]);
    expect(r.provenance.dropped["bad-row"]).toBe(1);
    expect(r.provenance.badRows.listed).toEqual([{ line: 4, message: 'column duration: expected a number >= 0, got "abc"' }]);
    expect(r.provenance.kept).toBe(4);
    expect(r.notices).toEqual([]);
    expect(WorkloadFileSchema.safeParse({ ...r.workload, provenance: r.provenance }).success).toBe(true);
  });

  it("importTrace(philly, philly-table mapping) gives readPhillyTrace's jobs, arrivals shifted by the whole-hour anchor", () => {
    const csv = fixture("philly-adaptdl.csv").replace(/\r\n2017-10-07 02:01:39,abc[^\r]*/, "");
    const mine = importTrace(csv, { ...base, format: "philly", idPrefix: "p" }).workload.jobs;
    const theirs = readPhillyTrace(csv, { topology: TOPOLOGY, models: MODELS });
    // readPhillyTrace counts from the first job (01:01:39 → 0), importTrace from the hour before it (01:00:00)
    expect(mine).toEqual(theirs.jobs.map((j) => ({ ...j, arrivalSec: j.arrivalSec + 99 })));
  });

  it("importTrace(--from, --to, --min-gpus, --max-jobs) drops by reason and counts each", () => {
    const r = imported("philly-adaptdl.csv", { format: "philly", minGpus: 2, from: "2017-10-07 01:05", to: "2017-10-09" });
    expect(r.workload.jobs.map((j) => j.id)).toEqual(["t2", "t5"]);
    expect(r.workload.startUtc).toBe("2017-10-07T01:00:00Z");
    expect(r.provenance.dropped).toMatchObject({ "bad-row": 1, "below-min-gpus": 1, "out-of-window": 1, "beyond-max-jobs": 0 });
    expect(r.provenance.window).toEqual({ from: "2017-10-07T01:05:00Z", to: "2017-10-09T00:00:00Z", random: false });
    const capped = imported("philly-adaptdl.csv", { format: "philly", maxJobs: 2 });
    expect(capped.workload.jobs.map((j) => j.id)).toEqual(["t3", "t2"]);
    expect(capped.provenance.dropped["beyond-max-jobs"]).toBe(2);
  });

  it("importTrace(utcOffsetHours) reads local times: Helios at UTC+8 starts 8 h earlier in UTC", () => {
    const local = imported("helios-cluster_log.csv", { format: "helios" });
    const shifted = imported("helios-cluster_log.csv", { format: "helios", utcOffsetHours: 8 });
    expect(local.workload.startUtc).toBe("2020-06-09T18:00:00Z");
    expect(shifted.workload.startUtc).toBe("2020-06-09T10:00:00Z");
    expect(shifted.workload.jobs.map((j) => j.arrivalSec)).toEqual(local.workload.jobs.map((j) => j.arrivalSec));
    expect(local.provenance.dropped).toMatchObject({ "bad-row": 1, "no-gpus": 1 });
  });

  it("importTrace(openb without times) says so and needs --target-load; with it, Poisson arrivals and Philly durations, seeded", () => {
    const e = thrown(() => imported("openb_pod_list_multigpu50.csv", { format: "alibaba-openb-2023" }));
    expect(e.path).toBe("targetLoad");
    expect(e.message).toContain("has no arrival times");
    expect(e.message).toContain("--target-load RHO");
    const r = imported("openb_pod_list_multigpu50.csv", { format: "alibaba-openb-2023", targetLoad: 0.5, seed: 3 });
    expect(r.notices).toHaveLength(2);
    expect(r.notices[0]).toContain("no arrival times in this trace; arrivals are Poisson at load 0.5");
    expect(r.notices[1]).toContain("no durations in this trace; each job's duration is drawn from the philly trace's jobs with the same GPU count (seed 3)");
    expect(r.provenance.notices).toEqual(r.notices);
    expect(r.provenance.dropped).toMatchObject({ "no-gpus": 1, "fractional-gpus": 1 });
    expect(r.workload.jobs.map((j) => j.id)).toEqual(["t2", "t5", "t6", "t7"]); // file order
    expect(r.workload.startUtc).toBeUndefined();
    expect(r.provenance.arrivals).toMatchObject({ source: "poisson", targetLoad: 0.5, seed: 3 });
    expect(r.provenance.durations).toEqual({ source: "resample", from: "philly", seed: 3 });
    expect(imported("openb_pod_list_multigpu50.csv", { format: "alibaba-openb-2023", targetLoad: 0.5, seed: 3 }).workload).toEqual(r.workload);
    const other = imported("openb_pod_list_multigpu50.csv", { format: "alibaba-openb-2023", targetLoad: 0.5, seed: 4 }).workload;
    expect(other.jobs.map((j) => j.arrivalSec)).not.toEqual(r.workload.jobs.map((j) => j.arrivalSec));
  });

  it("importTrace(PAI 2020) counts fractional, CPU-only and unfinished jobs; --from must be seconds", () => {
    const r = imported("pai_task_table.csv", { format: "alibaba-pai-2020" });
    expect(r.workload.jobs.map((j) => [j.id, j.arrivalSec])).toEqual([["t4", 0], ["t1", 4550870 - 1800000]]);
    expect(r.provenance.dropped).toMatchObject({ "bad-row": 1, "fractional-gpus": 1, "no-gpus": 1, "no-duration": 1 });
    expect(r.workload.startUtc).toBeUndefined();
    const e = thrown(() => imported("pai_task_table.csv", { format: "alibaba-pai-2020", from: "2020-07-01" }));
    expect(e.path).toBe("from");
    expect(e.message).toContain("seconds from an undisclosed origin");
    expect(imported("pai_task_table.csv", { format: "alibaba-pai-2020", from: 2000000 }).workload.jobs.map((j) => j.id)).toEqual(["t1"]);
  });

  it("importTrace(openb default) drops the never-scheduled pod for its missing duration, unless durations are resampled", () => {
    const r = imported("openb_pod_list_default.csv", { format: "alibaba-openb-2023" });
    expect(r.provenance.dropped).toMatchObject({ "no-gpus": 1, "fractional-gpus": 1, "no-duration": 1 });
    expect(r.provenance.kept).toBe(3);
    const s = imported("openb_pod_list_default.csv", { format: "alibaba-openb-2023", durations: "resample", durationSource: "self" });
    expect(s.provenance.dropped["no-duration"]).toBe(0);
    expect(s.provenance.kept).toBe(4);
  });

  it("importTrace(--target-load) scales trace arrival offsets by one factor so the offered load is the target", () => {
    const text = hourlyTrace(30, 3600);
    const plain = importTrace(text, { ...base, format: "csv" });
    const scaled = importTrace(text, { ...base, format: "csv", targetLoad: 0.3 });
    const f = scaled.provenance.arrivals.factor!;
    expect(scaled.provenance.arrivals.source).toBe("trace-scaled");
    scaled.workload.jobs.forEach((j, k) => expect(j.arrivalSec).toBeCloseTo(plain.workload.jobs[k]!.arrivalSec * f, 2));
    expect(offeredLoad(scaled.workload, TOPOLOGY, MODELS).load).toBeCloseTo(0.3, 4);
    expect(scaled.provenance.offeredLoad).toBeCloseTo(offeredLoad(scaled.workload, TOPOLOGY, MODELS).load!, 9);
    expect(scaled.workload.startUtc).toBe("2023-10-01T00:00:00Z");
  });

  it("importTrace(windowHours, seed) picks a window of that length on a whole hour inside the trace, the same for the same seed", () => {
    const text = hourlyTrace(240, 3600); // 10 days, one job an hour
    const pick = (seed: number) => importTrace(text, { ...base, format: "csv", windowHours: 24, seed });
    const a = pick(1);
    expect(a.workload.jobs).toHaveLength(24);
    expect(a.provenance.window.random).toBe(true);
    expect(pick(1).workload).toEqual(a.workload);
    const starts = new Set([1, 2, 3, 4, 5].map((s) => pick(s).workload.startUtc));
    expect(starts.size).toBeGreaterThan(1);
    for (const s of starts) expect(s).toMatch(/^2023-10-(0[1-9]|10)T\d\d:00:00Z$/);
    expect(a.workload.jobs[0]!.arrivalSec).toBe(0);
    const e = thrown(() => importTrace(text, { ...base, format: "csv", windowHours: 500 }));
    expect(e.path).toBe("windowHours");
  });

  it("importTrace(mapping pipeline) makes every job of 2+ GPUs a pipeline of 2+ stages", () => {
    const r = importTrace(hourlyTrace(9, 600), { ...base, format: "csv", mapping: TRACE_MAPPINGS.pipeline! });
    for (const j of r.workload.jobs) expect(j.stages).toBeGreaterThanOrEqual(2);
    expect(r.provenance.mapping.name).toBe("pipeline");
  });

  it("importTrace(--strict) makes a bad row an error naming its line; no jobs left is an error listing the drops", () => {
    const e = thrown(() => imported("philly-adaptdl.csv", { format: "philly", strict: true }));
    expect(e.path).toBe("line 4");
    expect(e.message).toContain("(--strict)");
    const none = thrown(() => imported("philly-adaptdl.csv", { format: "philly", from: "2018-01-01" }));
    expect(none.message).toContain("no jobs left of 5 row(s) (dropped: bad-row 1, out-of-window 4)");
  });

  it("importTraceFile(FILE.csv.gz) reads gzip by its magic bytes, and hashes the bytes for the provenance", () => {
    const dir = mkdtempSync(join(tmpdir(), "geopipe-trace-"));
    const gz = join(dir, "philly.csv.gz");
    writeFileSync(gz, gzipSync(fixture("philly-adaptdl.csv")));
    const r = importTraceFile(gz, { ...base, format: "philly" });
    expect(r.workload.jobs).toEqual(imported("philly-adaptdl.csv", { format: "philly" }).workload.jobs);
    expect(r.provenance.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    writeFileSync(join(dir, "bad.gz"), Buffer.from([0x1f, 0x8b, 1, 2, 3]));
    expect(thrown(() => importTraceFile(join(dir, "bad.gz"), { ...base, format: "philly" })).message).toMatch(/not a readable gzip file/);
    expect(thrown(() => importTraceFile(join(dir, "none.csv"), { ...base, format: "philly" })).message).toMatch(/none\.csv: file not found/);
  });

  it("importTrace: kept + jobs dropped for every reason but bad-row = jobs read, for every fixture", () => {
    const cases: [string, Partial<TraceImportOptions> & Pick<TraceImportOptions, "format">][] = [
      ["philly-adaptdl.csv", { format: "philly", minGpus: 2, to: "2017-10-08" }],
      ["philly-cluster_job_log.json", { format: "philly" }],
      ["helios-cluster_log.csv", { format: "helios", maxJobs: 2 }],
      ["pai_task_table.csv", { format: "alibaba-pai-2020" }],
      ["openb_pod_list_default.csv", { format: "alibaba-openb-2023" }],
      ["openb_pod_list_multigpu50.csv", { format: "alibaba-openb-2023", targetLoad: 1 }],
    ];
    for (const [name, options] of cases) {
      const p = imported(name, options).provenance;
      const dropped = Object.entries(p.dropped).filter(([r]) => r !== "bad-row").reduce((n, [, c]) => n + c, 0);
      expect(p.kept + dropped, name).toBe(p.source.jobsRead);
      expect(p.dropped["bad-row"], name).toBe(p.badRows.count);
    }
    const json = imported("philly-cluster_job_log.json", { format: "philly" }).provenance.dropped;
    expect(json).toMatchObject({ "bad-row": 1, "no-gpu-count": 1, "no-duration": 1 });
  });

  it("importTrace rejects bad options by name before reading", () => {
    const e = thrown(() => imported("philly-adaptdl.csv", { format: "philly", minGpus: 0, targetLoad: -1, startUtc: "2017-10-07 01:00" }));
    expect(e.issues.map((i) => i.path)).toEqual(["minGpus", "targetLoad", "startUtc"]);
    expect(thrown(() => imported("philly-adaptdl.csv", { format: "philly", map: { gpus: "n" } })).path).toBe("map");
  });
});
