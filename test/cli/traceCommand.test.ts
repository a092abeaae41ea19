import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { geopipe, ROOT, tmp } from "./geopipe.js";
import { DEFAULT_TOPOLOGY, MODELS_DIR } from "../../src/cli/paths.js";
import { parseColumnMap, traceImportCommand } from "../../src/cli/traceCommand.js";
import { loadWorkload } from "../../src/model/load.js";

const FIX = path.join(ROOT, "test", "fixtures", "traces");


describe("geopipe trace import", () => {
  it("geopipe trace import philly.csv.gz --format philly --out W.json prints the drops and writes a loadable workload with provenance", () => {
    const dir = tmp();
    const gz = path.join(dir, "philly.csv.gz");
    writeFileSync(gz, gzipSync(readFileSync(path.join(FIX, "philly-adaptdl.csv"))));
    const out = path.join(dir, "w.json");
    const r = geopipe("trace", "import", gz, "--format", "philly", "--min-gpus", "2", "--out", out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("5 row(s), 4 job(s); 1 unreadable row(s), dropped");
    expect(r.stdout).toContain("unreadable (first 1 of 1; all in provenance.badRows up to 50): line 4: column duration");
    expect(r.stdout).toContain("dropped 1 of 4 job(s):");
    expect(r.stdout).toMatch(/1 {2}below-min-gpus: fewer GPUs than --min-gpus/);
    expect(r.stdout).toContain("time 0 = 2017-10-07T01:00:00Z");
    expect(r.stdout).toContain(`wrote ${out} (3 jobs)`);
    const w = loadWorkload(out);
    expect(w.startUtc).toBe("2017-10-07T01:00:00Z");
    expect(w.jobs.map((j) => j.id)).toEqual(["t3", "t2", "t5"]);
    const file = JSON.parse(readFileSync(out, "utf8"));
    expect(file.provenance.dropped).toMatchObject({ "bad-row": 1, "below-min-gpus": 1 });
    expect(file.provenance.source.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("geopipe trace import openb-without-times says on stderr what it lacks; without --target-load it exits 2 naming the fix", () => {
    const dir = tmp();
    const pods = path.join(FIX, "openb_pod_list_multigpu50.csv");
    const bad = geopipe("trace", "import", pods, "--format", "alibaba-openb-2023", "--out", path.join(dir, "w.json"));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("targetLoad: the trace has no arrival times");
    expect(bad.stderr).toContain("--target-load RHO");
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const ok = geopipe("trace", "import", pods, "--format", "alibaba-openb-2023", "--target-load", "0.5", "--mapping", "pipeline", "--seed", "7", "--out", path.join(dir, "w.json"));
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toContain("no arrival times in this trace; arrivals are Poisson at load 0.5");
    expect(ok.stderr).toContain("no durations in this trace");
    expect(ok.stdout).toContain("arrivals: Poisson at load 0.5");
    expect(ok.stdout).toContain("durations: resampled by GPU count from philly (seed 7)");
    expect(JSON.parse(readFileSync(path.join(dir, "w.json"), "utf8")).provenance.notices).toHaveLength(2);
  });

  it("traceImportCommand: a bad flag value, an unknown mapping, a bad date or --map key is one message naming the flag", () => {
    const out = path.join(tmp(), "w.json");
    const base = { format: "philly", out, topology: DEFAULT_TOPOLOGY, models: MODELS_DIR };
    const csv = path.join(FIX, "philly-adaptdl.csv");
    const cases: [Record<string, string>, RegExp][] = [
      [{ maxJobs: "0" }, /^--max-jobs: expected an integer >= 1, got "0"$/],
      [{ mapping: "ring" }, /^ring: unknown mapping; use one of philly-table, pipeline/],
      [{ from: "last tuesday" }, /from: expected an ISO date or date-time/],
      [{ utcOffset: "20" }, /^--utc-offset: expected hours between -14 and 14/],
      [{ format: "slurm" }, /^--format slurm: unknown format; use one of philly, helios/],
    ];
    for (const [flags, message] of cases) {
      expect(() => traceImportCommand(csv, { ...base, ...flags }), JSON.stringify(flags)).toThrow(message);
    }
    expect(() => traceImportCommand(path.join(FIX, "generic.csv"), { ...base, format: "csv", map: "arrival=submitted" })).toThrow(/"arrival=submitted" is not key=COLUMN/);
    const mapping = path.join(tmp(), "m.json");
    writeFileSync(mapping, JSON.stringify({ base: "pipeline", mfu: 1.5, stages: 2 }));
    expect(() => traceImportCommand(csv, { ...base, mapping })).toThrow(/m\.json: mfu: must be <= 1, got 1\.5\n.*m\.json: stages: unknown key/);
  });

  it("traceImportCommand(--mapping FILE) uses the file's fields on top of its base and records them in the provenance", () => {
    const dir = tmp();
    const mapping = path.join(dir, "m.json");
    writeFileSync(mapping, JSON.stringify({ name: "big", base: "pipeline", models: [{ maxGpus: null, model: "llama2-70b" }] }));
    const out = path.join(dir, "w.json");
    const write = process.stdout.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      traceImportCommand(path.join(FIX, "philly-adaptdl.csv"), { format: "philly", out, topology: DEFAULT_TOPOLOGY, models: MODELS_DIR, mapping, minGpus: "2" });
    } finally {
      process.stdout.write = write;
    }
    const file = JSON.parse(readFileSync(out, "utf8"));
    expect(file.provenance.mapping).toMatchObject({ name: "big", shape: "pipeline", models: [{ maxGpus: null, model: "llama2-70b" }], jobsByModel: { "llama2-70b": 3 } });
  });

  it("geopipe trace import MISSING.csv exits 2 with one line and no stack", () => {
    const none = geopipe("trace", "import", "no-such.csv", "--format", "helios", "--out", path.join(tmp(), "w.json"));
    expect(none.code).toBe(2);
    expect(none.stderr.trim()).toMatch(/^geopipe: no-such\.csv: file not found; pass a trace file/);
    expect(none.stderr.trim().split("\n")).toHaveLength(1);
    const flag = geopipe("trace", "import", "x.csv", "--out", "w.json");
    expect(flag.code).toBe(2);
    expect(flag.stderr).toBe("geopipe: required option '--format <name>' not specified; see geopipe trace import --help\n");
  });

  it("parseColumnMap(spec) reads key=COLUMN pairs", () => {
    expect(parseColumnMap("time=submitted, duration=ran_s,gpus=n_gpu")).toEqual({ time: "submitted", duration: "ran_s", gpus: "n_gpu" });
  });

  it("geopipe simulate on an imported trace reads its startUtc into summary.json", () => {
    const dir = tmp();
    const w = path.join(dir, "w.json");
    expect(geopipe("trace", "import", path.join(FIX, "philly-adaptdl.csv"), "--format", "philly", "--out", w).code).toBe(0);
    const r = geopipe("simulate", "--scheduler", "fifo", "--workload", w, "--out", dir);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, "summary.json"), "utf8")).inputs.startUtc).toBe("2017-10-07T01:00:00Z");
  });
});
