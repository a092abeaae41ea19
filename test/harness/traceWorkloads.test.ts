import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { expandCells, workloadLabel } from "../../src/harness/cells.js";
import { formatConfigIssues, parseHarnessConfig, type HarnessConfig } from "../../src/harness/config.js";
import { runHarness } from "../../src/harness/run.js";
import { checkConfigInputs } from "../../src/harness/preflight.js";
import { cellInput } from "../../src/harness/runCell.js";
import { loadTopology } from "../../src/model/load.js";
import type { Topology } from "../../src/model/types.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const MODELS = path.join(ROOT, "models");
const GENERIC = path.join(ROOT, "test", "fixtures", "traces", "generic.csv");

/** The default topology with every price an hourly 2023 series whose value is its hour of the year. */
function hourTopology(dir: string): string {
  const t = loadTopology(path.join(ROOT, "instances", "default", "topology.json"));
  const series = Array.from({ length: 8760 }, (_, h) => h);
  const hourly: Topology = { ...t, regions: t.regions.map((r) => ({ ...r, price: { kind: "hourly", usdPerKwh: series, originUtc: "2023-01-01T00:00:00Z" } })) };
  const file = path.join(dir, "hours.json");
  writeFileSync(file, JSON.stringify(hourly));
  return file;
}

/** A trace of one job an hour for 10 days from 2023-10-01 00:00 UTC. */
function tenDays(dir: string): string {
  const rows = Array.from({ length: 240 }, (_, i) => `${new Date(Date.UTC(2023, 9, 1) + i * 3_600_000).toISOString()},1800,${[2, 4][i % 2]}`);
  const file = path.join(dir, "ten-days.csv");
  writeFileSync(file, `time,duration,gpus\n${rows.join("\n")}\n`);
  return file;
}

function config(dir: string, extra: Record<string, unknown>): HarnessConfig {
  const r = parseHarnessConfig({ name: "trace", topologies: [hourTopology(dir)], schedulers: ["fifo"], reference: "fifo", seeds: [1], ...extra }, "trace.json", dir);
  if (!r.ok) throw new Error(formatConfigIssues(r.issues));
  return r.config;
}

const tmp = (): string => mkdtempSync(path.join(tmpdir(), "geopipe-harness-trace-"));
const firstPrice = (t: Topology): number => {
  const p = t.regions[0]!.price;
  return p.kind === "hourly" ? p.usdPerKwh[0]! : NaN;
};

describe("compare with trace workloads", () => {
  it("parseHarnessConfig accepts a trace workload and refuses several seeds that would all give the same jobs", () => {
    const dir = tmp();
    const trace = { kind: "trace", file: GENERIC, format: "csv", map: { time: "submitted", duration: "ran_s", gpus: "n_gpu" } };
    expect(config(dir, { workloads: [trace] }).workloads[0]).toMatchObject({ kind: "trace", format: "csv" });
    const r = parseHarnessConfig({ name: "t", topologies: ["t.json"], schedulers: ["fifo"], reference: "fifo", seeds: [1, 2], workloads: [trace, { ...trace, durations: "resample" }] }, "t.json", dir);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(formatConfigIssues(r.issues)).toMatch(/^t\.json: workloads\[0\]: 2 seeds would all give the same jobs; say what a seed changes/);
    expect(r.issues).toHaveLength(1);
    const bad = parseHarnessConfig({ name: "t", topologies: ["t.json"], schedulers: ["fifo"], reference: "fifo", seeds: [1], workloads: [{ kind: "trace", file: "x.csv" }], startUtc: "2023-10-01" }, "t.json", dir);
    expect(!bad.ok && formatConfigIssues(bad.issues)).toMatch(/workloads\[0\]\.format: .*\n.*startUtc: must be a whole UTC hour/);
  });

  it("cellInput(trace cell) prices from the trace's startUtc: 2 Oct 06:00 reads hour (274·24 + 6) = 6582 of 2023, at every load factor", () => {
    const dir = tmp();
    const c = config(dir, { workloads: [{ kind: "trace", file: GENERIC, format: "csv", map: { time: "submitted", duration: "ran_s", gpus: "n_gpu" } }], scenarios: { load: [1, 2] } });
    const cells = expandCells(c);
    const [one, two] = cells.map((cell) => cellInput(cell, { baseDir: c.baseDir, modelsDir: MODELS }));
    // Jan–Sep: 273 days, then 1 October: 274 days before 2 October
    expect(firstPrice(one!.topology)).toBe(274 * 24 + 6);
    expect(firstPrice(two!.topology)).toBe(274 * 24 + 6);
    // load 2 halves the arrival offsets from time 0 (= 06:00): the job of 07:30 arrives at 45 min
    expect(one!.jobs.map((j) => j.arrivalSec)).toEqual([0, 5400, 10800]); // 1.5 GPUs (fractional) is dropped
    expect(two!.jobs.map((j) => j.arrivalSec)).toEqual([0, 2700, 5400]);
    expect(workloadLabel(c.workloads[0]!)).toBe("trace(generic.csv)");
  });

  it("a config startUtc anchors workloads without their own; a trace's own startUtc wins", () => {
    const dir = tmp();
    const c = config(dir, { workloads: [{ kind: "generated", jobs: 3 }, { kind: "trace", file: GENERIC, format: "csv", map: { time: "submitted", gpus: "n_gpu", duration: "ran_s" }, startUtc: "2023-10-02T00:00:00Z" }], startUtc: "2023-02-01T00:00:00Z" });
    const [gen, trace] = expandCells(c).map((cell) => cellInput(cell, { baseDir: c.baseDir, modelsDir: MODELS }));
    expect(firstPrice(gen!.topology)).toBe(31 * 24);
    expect(firstPrice(trace!.topology)).toBe(274 * 24);
    expect(trace!.jobs[0]!.arrivalSec).toBe(6 * 3600);
  });

  it("seeds pick different windows of a trace (windowHours), each a whole number of hours from the trace start", () => {
    const dir = tmp();
    const c = config(dir, { workloads: [{ kind: "trace", file: tenDays(dir), format: "csv", windowHours: 24 }], seeds: [1, 2, 3, 4] });
    const inputs = expandCells(c).map((cell) => cellInput(cell, { baseDir: c.baseDir, modelsDir: MODELS }));
    for (const i of inputs) expect(i.jobs).toHaveLength(24);
    const starts = inputs.map((i) => firstPrice(i.topology));
    expect(new Set(starts).size).toBeGreaterThan(1);
    // 1 October 00:00 is hour 273·24 = 6552; every window starts within the first 9 days
    for (const s of starts) expect(s >= 6552 && s <= 6552 + 9 * 24 && Number.isInteger(s)).toBe(true);
  });

  it("runHarness(records: true) writes records/<cell id>.csv per cell, and re-runs finished cells that have none", async () => {
    const dir = tmp();
    const out = path.join(dir, "out");
    const c = config(dir, { workloads: [{ kind: "trace", file: GENERIC, format: "csv", map: { time: "submitted", gpus: "n_gpu", duration: "ran_s" } }], schedulers: ["fifo", "sjf"] });
    const plain = await runHarness(c, { outDir: out, workers: 0, modelsDir: MODELS });
    expect(plain.ran).toBe(2);
    expect(existsSync(path.join(out, "records"))).toBe(false);
    const kept = await runHarness({ ...c, records: true }, { outDir: out, workers: 0, modelsDir: MODELS });
    expect(kept.ran).toBe(2); // finished, but without records: run again
    const files = readdirSync(path.join(out, "records")).sort();
    expect(files).toEqual(kept.cells.map((x) => `${x.id}.csv`).sort());
    const lines = readFileSync(path.join(out, "records", files[0]!), "utf8").trimEnd().split("\n");
    expect(lines[0]).toMatch(/^jobId,model,arrivalSec,startSec,finishSec,jctSec/);
    expect(lines).toHaveLength(1 + 3);
    rmSync(path.join(out, "records", files[0]!));
    const again = await runHarness(c, { outDir: out, workers: 0, modelsDir: MODELS, records: true });
    expect(again.ran).toBe(1);
  });

  it("checkConfigInputs (compare's preflight) names a missing trace, a trace with a missing column, and an hourly series without originUtc", () => {
    const dir = tmp();
    writeFileSync(path.join(dir, "bad.csv"), "when,g\n1,2\n");
    const noOrigin = loadTopology(path.join(ROOT, "instances", "default", "topology.json"));
    const topo = path.join(dir, "no-origin.json");
    writeFileSync(topo, JSON.stringify({ ...noOrigin, regions: noOrigin.regions.map((r) => ({ ...r, price: { kind: "hourly", usdPerKwh: [0.1, 0.2] } })) }));
    const r = parseHarnessConfig(
      {
        name: "t",
        topologies: [topo],
        schedulers: ["fifo"],
        reference: "fifo",
        seeds: [1],
        workloads: [
          { kind: "trace", file: "missing.csv", format: "philly" },
          { kind: "trace", file: "bad.csv", format: "helios" },
          { kind: "trace", file: GENERIC, format: "csv", map: { time: "submitted", gpus: "n_gpu", duration: "ran_s" } },
        ],
      },
      "t.json",
      dir,
    );
    if (!r.ok) throw new Error(formatConfigIssues(r.issues));
    const issues = checkConfigInputs(r.config, "t.json", MODELS);
    expect(issues.map((i) => i.path)).toEqual(["", "line 1", "regions[0].price.originUtc"]);
    expect(issues[0]!.message).toMatch(/file not found; pass a trace file/);
    expect(issues[1]!.message).toMatch(/missing columns "job_id", "gpu_num", "submit_time", "duration" of a Helios cluster_log\.csv/);
    expect(issues[2]!.file).toContain("(for ");
    expect(issues[2]!.message).toMatch(/an hourly price needs "originUtc"/);
  });
});
