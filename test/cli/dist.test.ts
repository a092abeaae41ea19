import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_GAP_SETTINGS } from "../../src/harness/config.js";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
/** The built CLI (test/globalSetup.ts rebuilds dist/ when src/ is newer). */
const CLI = path.join(ROOT, "dist", "cli", "main.js");
let cwd = "";

/** Runs the built CLI as a user would, from a folder outside the package. */
function geopipe(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A user error: exit 2, one line on stderr starting "geopipe: ", no stack trace, nothing on stdout. */
function expectOneLineError(r: { code: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr.endsWith("\n")).toBe(true);
  expect(r.stderr.trimEnd().split("\n"), r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(/^geopipe: /);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\bat .*:\d+:\d+/);
  expect(r.stdout).toBe("");
}

beforeAll(() => {
  cwd = mkdtempSync(path.join(tmpdir(), "geopipe-dist-"));
  const rec = {
    id: "a",
    status: "ok",
    spec: { topology: "t.json", workload: { kind: "generated", jobs: 2 }, bandwidthScale: 1, load: 1, scheduler: "bace", seed: 1, gaps: DEFAULT_GAP_SETTINGS },
    metrics: { jobs: 2, finished: 2, unschedulable: 0, policyErrors: 0, meanJctSec: 3600, p95JctSec: null, totalCostUsd: 5, totalEnergyKwh: 1, makespanSec: 1 },
    jctsSec: [3600],
    gaps: null,
    gapError: null,
    wallMs: 1,
  };
  writeFileSync(path.join(cwd, "results.jsonl"), JSON.stringify(rec) + "\n");
  const topo = JSON.parse(readFileSync(path.join(ROOT, "instances/default/topology.json"), "utf8"));
  topo.links[2].latencyMs = -3;
  writeFileSync(path.join(cwd, "bad-topology.json"), JSON.stringify(topo));
  writeFileSync(path.join(cwd, "bad.json"), JSON.stringify({ name: "bad", topologies: ["bad-topology.json"], workloads: [{ kind: "generated", jobs: 5 }], schedulers: ["bace", "fifo"], seeds: [1, 2, 3] }));
});

describe("the built CLI (dist/cli/main.js)", () => {
  it("geopipe --version prints the package version", () => {
    const r = geopipe("--version");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version}\n`);
  });

  it("bare geopipe prints the help, listing every command, and runs none", () => {
    const r = geopipe();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: geopipe \[options\] \[command\]/);
    for (const c of ["inspect", "simulate", "compare", "table", "report", "solve"]) expect(r.stdout).toMatch(new RegExp(`\\n  ${c} `));
    expect(r.stdout).not.toMatch(/regions, \d+ links/);
  });

  it("geopipe inspect loads the bundled instance from a folder outside the package", () => {
    const r = geopipe("inspect");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/6 regions, 15 links/);
  });

  it("every user error is one line, exit 2, no stack trace", () => {
    expectOneLineError(geopipe("table", cwd), /is a folder, not a results file; pass .*results\.jsonl$/m);
    expectOneLineError(geopipe("table", "nope.jsonl"), /results file not found: nope\.jsonl/);
    expectOneLineError(geopipe("table", "results.jsonl", "--columns", "load,jct"), /unknown column jct; valid columns: topology, .*meanJctH/);
    expectOneLineError(geopipe("table", "results.jsonl", "--pivot", "seed"), /option '--pivot <column>' argument 'seed' is invalid\. Allowed choices are scheduler\.; see geopipe table --help/);
    expectOneLineError(geopipe("table", "results.jsonl", "--colums", "load"), /unknown option '--colums'.*; see geopipe table --help/);
    expectOneLineError(geopipe("tabel"), /unknown command 'tabel'/);
    expectOneLineError(geopipe("report", cwd), /is a folder, not a results file/);
    expectOneLineError(geopipe("report", "results.jsonl", "--out", cwd), /--out .*: cannot write it \(EISDIR\)/);
    expectOneLineError(geopipe("compare", "--config", "bad.json"), /bad-topology\.json: links\[2\]\.latencyMs: must be >= 0, got -3$/m);
    expectOneLineError(geopipe("compare", "--config", "missing.json"), /--config: file not found: missing\.json/);
  });

  it("geopipe report writes the page beside the results by default", () => {
    const r = geopipe("report", "results.jsonl");
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(cwd, "report.html"), "utf8")).toMatch(/^<!DOCTYPE html>/);
  });
});
