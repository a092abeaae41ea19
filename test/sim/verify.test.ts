import { describe, expect, it } from "vitest";
import { simulate } from "../../src/sim/simulate.js";
import { VerificationError } from "../../src/sim/errors.js";
import type { SimResult, SimSummary } from "../../src/sim/result.js";
import { summarise } from "../../src/sim/summary.js";
import { verifyRun } from "../../src/sim/verify.js";
import type { JobRecord } from "../../src/sim/types.js";
import { firstFit, scripted, toyInput, toyJob, toyTopology } from "./fixtures.js";

/** Result with record `id` replaced by `change(record)`. */
function tamper(result: SimResult, id: string, change: (r: JobRecord) => JobRecord): SimResult {
  return { ...result, records: result.records.map((r) => (r.jobId === id ? change(r) : r)) };
}

const resources = (vs: ReturnType<typeof verifyRun>) => vs.map((v) => v.resource);

describe("verifyRun", () => {
  const input = toyInput([toyJob("j1", 0), toyJob("j2", 10), toyJob("j3", 20)]);
  const result = simulate(input, firstFit);

  it("verifyRun(input, simulate(input, ...)) accepts an untouched run", () => {
    expect(verifyRun(input, result)).toEqual([]);
  });

  it("verifyRun accepts a short job late in a long run (finish − start rounded to the clock's ulp) and still rejects a runtime off by more", () => {
    const late = toyInput([toyJob("late", 1e9 + 0.3, { iterations: 1, mfu: 0.7 })]);
    const run = simulate(late, firstFit);
    const r = run.records[0]!;
    expect((r.finishSec as number) - (r.startSec as number)).not.toBe(r.iterationSec); // the subtraction is not exact here
    expect(verifyRun(late, run)).toEqual([]);
    const off = tamper(run, "late", (x) => ({ ...x, finishSec: (x.finishSec as number) + 1e-6, jctSec: (x.jctSec as number) + 1e-6 }));
    expect(resources(verifyRun(late, off))).toContain("runtimeSec");
  });

  it("verifyRun rejects a record that puts more GPUs in a region than it has, naming the instant and region", () => {
    // j3 moved to start while j1 still holds A's only GPU (times shifted consistently)
    const bad = tamper(result, "j3", (r) => ({ ...r, startSec: 20, finishSec: 380, jctSec: 360, waitSec: 0 }));
    const vs = verifyRun(input, bad);
    const over = vs.find((v) => v.resource === "gpus:A");
    expect(over?.timeSec).toBe(20);
    expect(over?.jobId).toBe("j3");
    expect(over?.message).toMatch(/t=20s: 2 GPUs in use in "A", capacity 1/);
  });

  it("verifyRun rejects a wrong cost, GPUs that disagree with the path, and a wrong JCT", () => {
    const cost = verifyRun(input, tamper(result, "j1", (r) => ({ ...r, costUsd: (r.costUsd as number) * 1.001 })));
    expect(resources(cost)).toEqual(["costUsd", "summary.totalCostUsd"]);
    const gpus = verifyRun(input, tamper(result, "j2", (r) => ({ ...r, gpusByRegion: { B: 2 } })));
    expect(resources(gpus)).toContain("gpus:B");
    const jct = verifyRun(input, tamper(result, "j2", (r) => ({ ...r, jctSec: 1 })));
    expect(resources(jct)).toEqual(["jctSec"]);
  });

  it("verifyRun rejects a path of the wrong length or with an unknown region", () => {
    const long = verifyRun(input, tamper(result, "j1", (r) => ({ ...r, path: ["A", "A"] })));
    expect(long[0]?.message).toMatch(/path has 2 regions at t=0s but the job has 1 stages/);
    const unknown = verifyRun(input, tamper(result, "j1", (r) => ({ ...r, path: ["Q"], gpusByRegion: { Q: 1 } })));
    expect(resources(unknown)).toContain("path[0]");
  });

  it("verifyRun rejects reservations over a link's capacity, above the hops' caps or below 0.01·demand", () => {
    // 12e-9 aggregate, 8e-9 per node pair: c1 gets 8e-9, c2 the remaining 4e-9
    const cross = toyInput([toyJob("c1", 0, { stages: 2 }), toyJob("c2", 0, { stages: 2 })], toyTopology(12e-9, 2, 2, 8e-9));
    const run = simulate(cross, scripted({ c1: ["A", "B"], c2: ["A", "B"] }));
    expect(verifyRun(cross, run)).toEqual([]);
    // c2 claims its full cap although only 4e-9 was left: 16e-9 on a 12e-9 link, and the times no longer match
    const over = verifyRun(cross, tamper(run, "c2", (r) => ({ ...r, reservedGbps: { "A <-> B": 8e-9 } })));
    expect(resources(over)).toEqual(expect.arrayContaining(["link:A <-> B", "iterationSec"]));
    expect(over.find((v) => v.resource === "link:A <-> B")?.message).toMatch(/t=0s: 1\.6e-8 Gbit\/s reserved on "A <-> B", capacity 1\.2e-8/);
    const above = verifyRun(cross, tamper(run, "c1", (r) => ({ ...r, reservedGbps: { "A <-> B": 9e-9 } })));
    expect(above.some((v) => /above the 8e-9 Gbit\/s its hops there can use/.test(v.message))).toBe(true);
    const below = verifyRun(cross, tamper(run, "c1", (r) => ({ ...r, reservedGbps: { "A <-> B": 1e-12 } })));
    expect(below.some((v) => /below 0\.01 × its demand/.test(v.message))).toBe(true);
  });

  it("verifyRun rejects a start before arrival, a missing record and an unstarted record with a cost", () => {
    const early = verifyRun(input, tamper(result, "j2", (r) => ({ ...r, startSec: 5, finishSec: 365, waitSec: -5, jctSec: 355 })));
    expect(resources(early)).toContain("startSec");
    const missing = verifyRun(input, { ...result, records: result.records.slice(1) });
    expect(missing.some((v) => v.jobId === "j1" && v.resource === "jobId")).toBe(true);
    const ghost = verifyRun(input, tamper(result, "j1", (r) => ({ ...r, startSec: null, finishSec: null, jctSec: null, waitSec: null, path: null, gpusByRegion: {}, iterationSec: null, energyKwh: null, unschedulableReason: "x" })));
    expect(resources(ghost)).toContain("costUsd");
  });

  it("verifyRun rejects each summary statistic changed alone (mean, p50/p95/p99 JCT, mean wait, makespan, utilisation, counts, totals)", () => {
    // JCTs 360, 360, 700 s: p50 is 360, p95 and p99 are 700, the mean 473.3; waits 0, 0, 340
    const changed: Record<keyof SimSummary, (x: number) => number> = {
      jobs: (x) => x + 1,
      finished: (x) => x - 1,
      unschedulable: (x) => x + 1,
      meanJctSec: (x) => x * 1.01,
      p50JctSec: (x) => x * 1.01,
      p95JctSec: (x) => x * 0.99,
      p99JctSec: (x) => x * 1.01,
      meanWaitSec: (x) => x * 1.01,
      makespanSec: (x) => x * 1.01,
      totalEnergyKwh: (x) => x * 1.01,
      totalCostUsd: (x) => x * 1.01,
      meanGpuUtilisation: (x) => x * 0.99,
      policyErrors: (x) => x + 1,
    };
    for (const [field, change] of Object.entries(changed) as [keyof SimSummary, (x: number) => number][]) {
      const bad = { ...result, summary: { ...result.summary, [field]: change(result.summary[field]) } };
      expect(resources(verifyRun(input, bad)), field).toEqual([`summary.${field}`]);
    }
  });

  it("verifyRun rejects a finished job rewritten as unschedulable even when the summary is recomputed to match", () => {
    const records = result.records.map((r) =>
      r.jobId !== "j2"
        ? r
        : { ...r, startSec: null, finishSec: null, jctSec: null, waitSec: null, path: null, gpusByRegion: {}, reservedGbps: {}, iterationSec: null, energyKwh: null, costUsd: null, unschedulableReason: "no path" },
    );
    const bad = { ...result, records, summary: summarise(input.topology, records, result.summary.policyErrors) };
    const vs = verifyRun(input, bad);
    expect(resources(vs)).toEqual(expect.arrayContaining(["events", "utilisation.gpu"]));
    expect(vs.find((v) => v.resource === "utilisation.gpu")?.message).toMatch(/at t=10s reports 2 but the records hold 1/);
    // the summary left as simulated disagrees with the records
    expect(resources(verifyRun(input, { ...result, records }))).toEqual(expect.arrayContaining(["summary.finished", "summary.unschedulable", "summary.meanJctSec"]));
  });

  it("verifyRun rejects a changed GPU or link utilisation series", () => {
    const gpu = result.utilisation.gpu.map((p, i) => (i === 1 ? { ...p, busyGpus: p.busyGpus + 1 } : p));
    expect(resources(verifyRun(input, { ...result, utilisation: { ...result.utilisation, gpu } }))).toEqual(["utilisation.gpu"]);
    const cross = toyInput([toyJob("c1", 0, { stages: 2 })]);
    const run = simulate(cross, scripted({ c1: ["A", "B"] }));
    const link = new Map([...run.utilisation.link].map(([k, ps]) => [k, ps.map((p) => (p.reservedGbps > 0 ? { ...p, reservedGbps: p.reservedGbps * 1.5 } : p))] as const));
    expect(resources(verifyRun(cross, { ...run, utilisation: { ...run.utilisation, link } }))).toEqual(["utilisation.link:A <-> B"]);
  });

  it("VerificationError lists the violations in its message", () => {
    const e = new VerificationError([{ jobId: "j", timeSec: 1, resource: "gpus:A", message: "too many" }]);
    expect(e.message).toMatch(/\(1 violations\):\n {2}- too many/);
    expect(e.violations).toHaveLength(1);
  });
});
