import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { geopipe } from "../cli/runCli.js";
import { parseGenSpec, restrictTopology, jobsCsv } from "../../src/cli/simulate.js";
import { simulate } from "../../src/sim/simulate.js";
import { firstFit, toyInput, toyJob, toyTopology } from "./fixtures.js";

/** The end-to-end tests need the policies' registry (src/schedulers.ts). */


describe("geopipe simulate", () => {
  it("geopipe simulate --scheduler fifo --out DIR writes jobs.csv and summary.json for the default instance", () => {
    const out = mkdtempSync(path.join(tmpdir(), "geopipe-sim-"));
    const r = geopipe("simulate", "--scheduler", "fifo", "--out", out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/mean JCT h/);
    const csv = readFileSync(path.join(out, "jobs.csv"), "utf8").trimEnd().split("\n");
    expect(csv[0]).toBe("jobId,model,arrivalSec,startSec,finishSec,jctSec,waitSec,path,gpusByRegion,reservedGbps,iterationSec,energyKwh,costUsd,unschedulableReason");
    expect(csv).toHaveLength(1 + 12); // the default workload has 12 jobs
    const summary = JSON.parse(readFileSync(path.join(out, "summary.json"), "utf8"));
    expect(summary.scheduler).toBe("fifo");
    expect(summary.seed).toBe(1);
    expect(summary.summary.jobs).toBe(12);
    expect(summary.summary.finished + summary.summary.unschedulable).toBe(12);
    expect(summary.inputs.topology).toMatch(/topology\.json$/);
  });

  it("geopipe simulate --workload gen:jobs=12 --seed 3 is reproducible", () => {
    const a = mkdtempSync(path.join(tmpdir(), "geopipe-sim-"));
    const b = mkdtempSync(path.join(tmpdir(), "geopipe-sim-"));
    expect(geopipe("simulate", "--scheduler", "sjf", "--workload", "gen:jobs=12,load=0.9", "--seed", "3", "--out", a).code).toBe(0);
    expect(geopipe("simulate", "--scheduler", "sjf", "--workload", "gen:jobs=12,load=0.9", "--seed", "3", "--out", b).code).toBe(0);
    const csvA = readFileSync(path.join(a, "jobs.csv"), "utf8");
    expect(csvA.trimEnd().split("\n")).toHaveLength(13);
    expect(readFileSync(path.join(b, "jobs.csv"), "utf8")).toBe(csvA);
  });

  it("geopipe simulate --scheduler NOPE exits 2 listing the valid schedulers", () => {
    const r = geopipe("simulate", "--scheduler", "nope");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown scheduler; valid schedulers: .*bace.*delay-first.*cost-first/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("geopipe simulate --regions with an unknown region exits 2 listing the valid regions", () => {
    const r = geopipe("simulate", "--scheduler", "fifo", "--regions", "us-east-1,mars-1");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown region mars-1; valid regions: .*us-east-1/);
  });
});

describe("simulate command helpers", () => {
  it("parseGenSpec('gen:jobs=200,load=0.8') reads the keys and rejects unknown ones", () => {
    expect(parseGenSpec("gen:jobs=200,load=0.8")).toEqual({ jobs: 200, load: 0.8 });
    expect(parseGenSpec("gen:load=2")).toEqual({ jobs: 100, load: 2 });
    expect(() => parseGenSpec("gen:jobz=3")).toThrow(/key of jobs, load/);
    expect(() => parseGenSpec("gen:jobs=x")).toThrow(/not a number/);
    expect(() => parseGenSpec("gen:jobs=1.5")).toThrow(/integer/);
  });

  it("restrictTopology(topology, ids) keeps those regions and the links among them", () => {
    const t = restrictTopology(toyTopology(), ["A"]);
    expect(t.regions.map((r) => r.id)).toEqual(["A"]);
    expect(t.links).toEqual([]);
    expect(() => restrictTopology(toyTopology(), ["A", "Q"])).toThrow(/unknown region Q; valid regions: A, B/);
  });

  it("jobsCsv(records) writes one row per record with paths joined by > and null as empty", () => {
    const r = simulate(toyInput([toyJob("j1", 0, { stages: 2 }), toyJob("x,y", 0, { gpusPerStage: 5 })], toyTopology(8e-9, 2, 1)), firstFit);
    const lines = jobsCsv(r.records).trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^j1,tiny,0,0,[\d.]+,[\d.]+,0,A>A,A=2,,/);
    expect(lines[2]).toMatch(/^"x,y",tiny,0,,,,,,,,,,,needs 5 GPUs/);
  });
});
