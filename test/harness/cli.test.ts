import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cliTestSetup, runCli as run } from "../cli/inProcess.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const tmp = cliTestSetup("geopipe-compare-");

function writeConfig(dir: string, config: object): string {
  const file = path.join(dir, "c.json");
  writeFileSync(file, JSON.stringify(config));
  return file;
}

const topology = path.join(ROOT, "instances/default/topology.json");

describe("geopipe compare / table", () => {
  it("geopipe compare --config C prints the main, ablation and gap tables and exits 0; geopipe table prints them again as LaTeX", async () => {
    const dir = tmp();
    const config = writeConfig(dir, {
      name: "cli",
      topologies: [topology],
      workloads: [{ kind: "generated", jobs: 6 }],
      schedulers: ["bace", "delay-first", "bace-no-costmin"],
      seeds: [1],
      gaps: { enabled: true, timeLimitSec: 5, maxDecisions: 2, offlineJobs: 3 },
    });
    const out = path.join(dir, "out");
    const r = await run(["compare", "--config", config, "--out", out, "--workers", "0", "--quiet"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\| bace \| 1\/1 \|/);
    expect(r.out).toMatch(/Ablations of bace/);
    expect(r.out).toMatch(/Optimality gap/);
    const t = await run(["table", path.join(out, "results.jsonl"), "--format", "tex", "--table", "gaps"]);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/\\toprule/);
    expect(t.out).toBe(readFileSync(path.join(out, "gaps.tex"), "utf8"));
  }, 60_000);

  it("geopipe compare with an unknown scheduler exits 2 naming the field and the valid names, without a stack trace", async () => {
    const dir = tmp();
    const config = writeConfig(dir, { name: "bad", topologies: [topology], workloads: [{ kind: "generated", jobs: 3 }], schedulers: ["bace", "bace-pipe"], seeds: [1] });
    const r = await run(["compare", "--config", config, "--out", path.join(dir, "out")]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/schedulers\[1\]: unknown scheduler "bace-pipe"; use one of: .*delay-first/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it("geopipe compare with a missing config file, and geopipe table with a missing results file, exit 2 with the fix", async () => {
    const a = await run(["compare", "--config", "/nonexistent/x.json"]);
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/--config: file not found: \/nonexistent\/x\.json; pass an experiment config/);
    const b = await run(["table", "/nonexistent/results.jsonl"]);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/results file not found/);
  });

  it("geopipe compare records a failing cell, finishes the others, lists the failure and exits 1", async () => {
    const dir = tmp();
    const config = writeConfig(dir, {
      name: "partial",
      topologies: [topology],
      workloads: [{ kind: "generated", jobs: 4 }, { kind: "file", path: "missing-workload.json" }],
      schedulers: ["bace"],
      seeds: [1],
    });
    const out = path.join(dir, "out");
    const r = await run(["compare", "--config", config, "--out", out, "--workers", "0"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/ran 2, skipped 0, failed 1/);
    expect(r.err).toMatch(/missing-workload/);
    expect(r.out).toMatch(/\| gen\(jobs=4\) \|.*\| bace \| 1\/1 \|/);
  }, 60_000);
});
