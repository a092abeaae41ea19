import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkWorkload, InstanceError } from "../../src/model/index.js";
import { referenceRun } from "../../src/workload/reference.js";
import {
  parsePhillyTrace,
  parseTimestampSec,
  readPhillyTrace,
  readPhillyTraceDetailed,
  splitGpus,
} from "../../src/workload/philly.js";
import { MODELS, ROOT, TOPOLOGY } from "./helpers.js";

const base = { topology: TOPOLOGY, models: MODELS, file: "snippet.csv" };

/** Lines 2–5; note the rows are not in time order (as in the real trace). */
const SNIPPET = [
  "timestamp,duration,num_gpus,gpu_time,cluster",
  "2017-10-07 01:11:39,3600.0,8,28800.0,ee9e8c",
  "2017-10-07 01:01:39,600.0,2,1200.0,103959",
  "2017-10-07 02:01:39,7200.0,12,86400.0,103959",
  "2017-10-07 01:11:39,60.0,128,7680.0,ee9e8c",
  "",
].join("\n");

function issuesOf(csv: string, options = {}): readonly { path: string; message: string }[] {
  const r = parsePhillyTrace(csv, { ...base, ...options });
  if (r.ok) throw new Error("expected issues");
  return r.issues;
}

describe("readPhillyTrace", () => {
  it("readPhillyTrace(csv, options) maps the snippet as worked out by hand", () => {
    const t = readPhillyTraceDetailed(SNIPPET, base);
    const summary = t.workload.jobs.map((j) => [j.id, j.arrivalSec, j.model, j.stages, j.gpusPerStage, j.microBatches]);
    expect(summary).toEqual([
      // sorted by timestamp; the 01:11:39 tie keeps file order (line 2 before line 5)
      ["p3", 0, "gpt3-1.3b", 2, 1, 8], // 2 GPUs → 2 stages × 1
      ["p2", 600, "gpt3-6.7b", 8, 1, 32], // 8 GPUs → 8 × 1
      ["p5", 600, "gpt3-175b", 8, 16, 32], // 128 GPUs → 8 × 16
      ["p4", 3600, "gpt3-13b", 6, 2, 24], // 12 GPUs → largest divisor ≤ 8 is 6 → 6 × 2
    ]);
    for (const j of t.workload.jobs) {
      expect(j.microBatchSize).toBe(2);
      expect(j.mfu).toBe(0.4);
    }
    // p3 by hand: gpt3-1.3b (L 24, h 2048, s 2048), b 2, 12 layers per stage on an H100 (989 TFLOP/s · 0.4):
    // t_f = 12·(24·2·2048·2048² + 4·2·2048²·2048)/395.6e12 = 0.0145916 s, t_k = 3·t_f = 0.0437748 s,
    // intra hop c = 2·(0.05 ms + 16,777,216 B·8/100 Gbit/s) = 0.00278435 s,
    // T = 7·(t_k + c) + 2·t_k + c = 0.416248 s; 600 s / T = 1441.4 → 1441 iterations.
    const p3 = t.rows[0]!;
    expect(p3.job.iterations).toBe(1441);
    expect(p3.referenceRuntimeSec).toBeCloseTo(599.813, 2);
    expect(referenceRun(TOPOLOGY, MODELS.get("gpt3-1.3b")!, p3.job)!.path).toEqual(["eu-central-1", "eu-central-1"]); // H100, ties with us-west-1: smaller id
    expect(t.rows.map((r) => r.line)).toEqual([3, 2, 5, 4]);
    expect(checkWorkload(t.workload, "snippet", TOPOLOGY, MODELS).errors).toEqual([]);
  });

  it("readPhillyTrace(csv, options) sets iterations so reference runtime matches the duration", () => {
    const t = readPhillyTraceDetailed(SNIPPET, base);
    for (const r of t.rows) {
      const ref = referenceRun(TOPOLOGY, MODELS.get(r.job.model)!, r.job)!;
      expect(ref.runtimeSec).toBeCloseTo(r.referenceRuntimeSec, 6);
      // round(d / T) iterations: within half an iteration of the trace duration
      expect(Math.abs(r.referenceRuntimeSec - r.durationSec)).toBeLessThanOrEqual(ref.iterationSec / 2 + 1e-9);
      if (r.durationSec >= 600) expect(Math.abs(r.referenceRuntimeSec - r.durationSec) / r.durationSec).toBeLessThan(0.01);
    }
  });

  it("readPhillyTrace(csv, { timeScale, maxJobs, maxDurationSec }) scales, limits and clamps", () => {
    const full = readPhillyTraceDetailed(SNIPPET, base);
    const t = readPhillyTraceDetailed(SNIPPET, { ...base, timeScale: 0.5, maxJobs: 3, maxDurationSec: 300 });
    expect(t.workload.jobs.map((j) => [j.id, j.arrivalSec])).toEqual([
      ["p3", 0],
      ["p2", 300],
      ["p5", 300],
    ]);
    const p3 = t.rows[0]!;
    expect(p3.job.iterations).toBe(Math.round(300 / (full.rows[0]!.referenceRuntimeSec / full.rows[0]!.job.iterations)));
    expect(t.rows[2]!.referenceRuntimeSec).toBeLessThan(70); // the 60 s job is below the clamp and stays as it is
  });

  it("readPhillyTrace(csv, options) reports a malformed row with its line and column", () => {
    const bad = SNIPPET.replace("2017-10-07 02:01:39,7200.0,12", "2017-10-07 02:01:39,abc,12");
    const issues = issuesOf(bad);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe("line 4, column duration");
    expect(issues[0]!.message).toMatch(/expected seconds >= 0, got "abc"/);
    expect(() => readPhillyTrace(bad, base)).toThrow(/snippet\.csv: line 4, column duration: expected seconds/);
  });

  it("readPhillyTrace(csv, options) reports every bad field, short rows and a missing column", () => {
    const csv = [
      "timestamp,duration,num_gpus,gpu_time,cluster",
      "yesterday,10,2,20,x",
      "2017-10-07 01:01:39,10,0,20,x",
      "2017-10-07 01:01:39,10,2.5,20,x",
      "2017-10-07 01:01:39,10,2",
    ].join("\n");
    expect(issuesOf(csv).map((i) => i.path)).toEqual(["line 2, column timestamp", "line 3, column num_gpus", "line 4, column num_gpus", "line 5"]);
    const missing = issuesOf("timestamp,num_gpus\n2017-10-07 01:01:39,2\n");
    expect(missing[0]!.path).toBe("line 1");
    expect(missing[0]!.message).toMatch(/missing column "duration"/);
    const e = (() => {
      try {
        readPhillyTrace("a,b\n", base);
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(InstanceError);
  });

  it("readPhillyTrace(csv, { modelByGpus }) rejects an unknown model by its option path", () => {
    const issues = issuesOf(SNIPPET, { modelByGpus: [{ maxGpus: Infinity, model: "gpt5" }] });
    expect(issues[0]!.path).toBe("modelByGpus[0].model");
    expect(issues[0]!.message).toMatch(/unknown model "gpt5"/);
  });

  it("splitGpus(n, maxStages) keeps S·g = n when n has a divisor of at least maxStages/2", () => {
    expect(splitGpus(2, 8)).toEqual({ stages: 2, gpusPerStage: 1 });
    expect(splitGpus(12, 8)).toEqual({ stages: 6, gpusPerStage: 2 });
    expect(splitGpus(24, 8)).toEqual({ stages: 8, gpusPerStage: 3 });
    expect(splitGpus(128, 8)).toEqual({ stages: 8, gpusPerStage: 16 });
    expect(splitGpus(11, 8)).toEqual({ stages: 8, gpusPerStage: 1 }); // prime: rounded
    expect(splitGpus(22, 8)).toEqual({ stages: 8, gpusPerStage: 3 }); // divisor 2 < 4: rounded 22/8 = 2.75 → 3
  });

  it("parseTimestampSec(text) reads UTC date-times and plain seconds", () => {
    expect(parseTimestampSec("1970-01-01 00:01:40")).toBe(100);
    expect(parseTimestampSec("2017-10-07 01:11:39")! - parseTimestampSec("2017-10-07 01:01:39")!).toBe(600);
    expect(parseTimestampSec(" 42.5 ")).toBe(42.5);
    expect(parseTimestampSec("2017-13-07 01:11:39")).toBeNull();
    expect(parseTimestampSec("")).toBeNull();
  });

  const TRACE = join(ROOT, "..", "shared", "data", "philly_adaptdl_multigpu_jobs.csv");
  it.skipIf(!existsSync(TRACE))("readPhillyTrace(real trace, { maxJobs: 500 }) gives a valid workload", () => {
    const w = readPhillyTrace(readFileSync(TRACE, "utf8"), { ...base, file: "philly_adaptdl_multigpu_jobs.csv", maxJobs: 500 });
    expect(w.jobs).toHaveLength(500);
    expect(w.jobs[0]!.arrivalSec).toBe(0);
    expect(checkWorkload(w, "philly", TOPOLOGY, MODELS).errors).toEqual([]);
  });
});
