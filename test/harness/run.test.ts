import { appendFileSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseHarnessConfig, type HarnessConfig } from "../../src/harness/config.js";
import { readResults } from "../../src/harness/results.js";
import { runHarness } from "../../src/harness/run.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const MODELS = path.join(ROOT, "models");

function tinyConfig(schedulers: readonly string[] = ["bace", "delay-first", "bace-no-costmin"]): HarnessConfig {
  const r = parseHarnessConfig(
    {
      name: "tiny",
      topologies: ["instances/default/topology.json"],
      workloads: [{ kind: "generated", jobs: 12 }],
      schedulers: ["bace", "delay-first", "bace-no-costmin"],
      seeds: [1, 2],
      scenarios: { bandwidthScale: [1, 0.5] },
    },
    "tiny.json",
    ROOT,
  );
  if (!r.ok) throw new Error("bad test config");
  return { ...r.config, schedulers }; // bypasses validation on purpose for the failure test
}

const tmp = (): string => mkdtempSync(path.join(tmpdir(), "geopipe-harness-"));

/** Every report file except the wall-time table, by name. */
function reportFiles(dir: string): Map<string, string> {
  const names = readdirSync(dir).filter((n) => n !== "timing.md" && n !== "results.jsonl").sort();
  return new Map(names.map((n) => [n, readFileSync(path.join(dir, n), "utf8")]));
}

describe("runHarness", () => {
  it("runHarness(config) killed mid-way (cell limit + truncated last line) then resumed writes byte-identical tables", async () => {
    const whole = tmp();
    const full = await runHarness(tinyConfig(), { outDir: whole, workers: 2, modelsDir: MODELS });
    expect(full.ran).toBe(12);
    expect(full.failed).toBe(0);

    const killed = tmp();
    const part = await runHarness(tinyConfig(), { outDir: killed, workers: 1, modelsDir: MODELS, maxCells: 5 });
    expect(part.ran).toBe(5);
    expect(part.pending).toBe(7);
    appendFileSync(path.join(killed, "results.jsonl"), '{"id":"deadbeef","status":"ok","spec":{"topo'); // a kill mid-write
    const resumed = await runHarness(tinyConfig(), { outDir: killed, workers: 2, modelsDir: MODELS });
    expect(resumed.skipped).toBe(5);
    expect(resumed.ran).toBe(7);
    expect(resumed.ignoredLines).toBe(1);
    expect(readResults(path.join(killed, "results.jsonl")).ignoredLines).toBe(0);

    const a = reportFiles(whole);
    const b = reportFiles(killed);
    expect([...a.keys()]).toContain("main.md");
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [name, text] of a) expect(b.get(name), name).toBe(text);
  });

  it("runHarness(config) with the same seeds twice writes byte-identical tables (in-thread run vs workers)", async () => {
    const x = tmp();
    const y = tmp();
    await runHarness(tinyConfig(["bace", "delay-first"]), { outDir: x, workers: 0, modelsDir: MODELS });
    await runHarness(tinyConfig(["bace", "delay-first"]), { outDir: y, workers: 1, modelsDir: MODELS });
    const a = reportFiles(x);
    const b = reportFiles(y);
    for (const [name, text] of a) expect(b.get(name), name).toBe(text);
    expect(a.get("main.md")).toMatch(/delay-first/);
  });

  it("runHarness(config) records a failing cell with its error and finishes the rest", async () => {
    const out = tmp();
    const run = await runHarness(tinyConfig(["bace", "no-such-scheduler", "delay-first"]), { outDir: out, workers: 2, modelsDir: MODELS });
    expect(run.records).toHaveLength(12);
    expect(run.failed).toBe(4);
    const bad = run.records.filter((r) => r.status === "error");
    expect(bad.every((r) => r.spec.scheduler === "no-such-scheduler")).toBe(true);
    expect(bad[0]?.status === "error" ? bad[0].error : "").toMatch(/UnknownSchedulerError/);
    expect(readFileSync(path.join(out, "failures.md"), "utf8")).toMatch(/no-such-scheduler/);
    expect(readFileSync(path.join(out, "main.md"), "utf8")).toMatch(/\| delay-first \| 2\/2 \|/);
    // a resume retries only the failed cells
    const again = await runHarness(tinyConfig(["bace", "no-such-scheduler", "delay-first"]), { outDir: out, workers: 0, modelsDir: MODELS });
    expect(again.ran).toBe(4);
    expect(again.skipped).toBe(8);
  });
});

describe("runHarness with gaps", () => {
  it("runHarness(config with gaps.enabled, pareto) writes the gap table (at most maxDecisions decisions, offline bound on the first offlineJobs jobs) and pareto.svg", async () => {
    const base = tinyConfig(["bace", "delay-first"]);
    // The offline bound must be proven optimal below, so its time limit is a hang guard (300 s), not a
    // speed target: with 5 s it ended time_limit on a loaded machine (issue 16).
    const config: HarnessConfig = { ...base, seeds: [1], bandwidthScales: [1], gaps: { enabled: true, solver: "engine", timeLimitSec: 300, maxDecisions: 3, offlineJobs: 4, offlineSlots: 40, alpha: 0.5, maxWaitEvents: 2, maxRefused: 2 }, pareto: true };
    const out = tmp();
    const run = await runHarness(config, { outDir: out, workers: 0, modelsDir: MODELS });
    expect(run.failed).toBe(0);
    for (const r of run.records) {
      expect(r.status === "ok" ? r.gapError : "error").toBeNull();
      const gaps = r.status === "ok" ? r.gaps : null;
      expect(gaps?.version).toBe(2);
      expect(gaps?.solver).toBe("engine");
      expect(gaps?.decisions.length ?? 0).toBeGreaterThan(0);
      expect(gaps?.decisions.length ?? 99).toBeLessThanOrEqual(3);
      // a proven decision is never better than the exact optimum in either direction
      for (const d of gaps?.decisions ?? []) {
        if (d.status !== "proven") continue;
        for (const x of [d.costExcessAtTime, d.timeExcessAtCost, d.weightedGap]) expect(x ?? -1).toBeGreaterThanOrEqual(-1e-6);
      }
      const sg = gaps?.schedule ?? null;
      expect(sg?.jobs).toBe(4);
      expect(sg?.status).toBe("optimal");
      // a bound that covers the schedule is never above the schedule's mean JCT
      if (sg !== null && sg.covered) expect(sg.boundMeanJctSec ?? Infinity).toBeLessThanOrEqual(sg.heuristicMeanJctSec * (1 + 1e-9));
    }
    expect(readFileSync(path.join(out, "gaps.md"), "utf8")).toMatch(/\| bace \| engine \| \d+ \| \d+ \|/);
    expect(readFileSync(path.join(out, "gaps.md"), "utf8")).toMatch(/offline gap %/);
    expect(readFileSync(path.join(out, "timing.md"), "utf8")).toMatch(/solve time sgm/);
    expect(readFileSync(path.join(out, "timing.md"), "utf8")).toMatch(/offline sgm/);
    expect(run.paretoNote).toMatch(/^pareto\.svg: job /);
    const svg = readFileSync(path.join(out, "pareto.svg"), "utf8");
    expect(svg).toMatch(/MILP front/);
    expect(svg).toMatch(/delay-first/);
  });
});
