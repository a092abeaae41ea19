import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { expandCells } from "../../src/harness/cells.js";
import { parseHarnessConfig, type HarnessConfig } from "../../src/harness/config.js";
import { checkConfigInputs } from "../../src/harness/preflight.js";
import { runCell } from "../../src/harness/runCell.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const MODELS = path.join(ROOT, "models");
const TOPOLOGY = path.join(ROOT, "instances/default/topology.json");

function config(dir: string, value: object): HarnessConfig {
  const r = parseHarnessConfig({ name: "p", schedulers: ["bace"], seeds: [1], topologies: [TOPOLOGY], ...value }, "p.json", dir);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("; "));
  return r.config;
}

const job = (id: string, model: string, extra: object = {}) => ({ id, model, arrivalSec: 0, stages: 2, gpusPerStage: 8, microBatchSize: 1, microBatches: 8, iterations: 10, mfu: 0.4, ...extra });

describe("checkConfigInputs", () => {
  it("checkConfigInputs(config) is empty for the bundled instance and a generated workload", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "geopipe-preflight-"));
    expect(checkConfigInputs(config(dir, { workloads: [{ kind: "generated", jobs: 5 }, { kind: "file", path: path.join(ROOT, "instances/default/workload.json") }] }), "p.json", MODELS)).toEqual([]);
  });

  it("checkConfigInputs(config) names a job that cannot fit and a mix entry with an unknown model, by field path", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "geopipe-preflight-"));
    writeFileSync(path.join(dir, "w.json"), JSON.stringify({ name: "w", jobs: [job("big", "gpt3-1.3b", { gpusPerStage: 4096 })] }));
    const mix = [{ model: "gpt-9", weight: 1, stages: [1, 2], gpusPerStage: [8], microBatchSize: [1], microBatches: [4, 8], iterations: [10, 20], mfu: [0.3, 0.4] }];
    const issues = checkConfigInputs(config(dir, { workloads: [{ kind: "file", path: "w.json" }, { kind: "generated", jobs: 5, mix }] }), "p.json", MODELS);
    expect(issues.map((i) => `${i.file}|${i.path}`)).toEqual([`${path.join(dir, "w.json")}|jobs[0]`, "p.json|workloads[1].mix[0].model"]);
    expect(issues[0]?.message).toMatch(/needs 4096 GPUs per stage/);
    expect(issues[1]?.message).toMatch(/unknown model "gpt-9"; valid models: gpt3-1\.3b/);
  });

  it("checkConfigInputs(config) with two topologies names the one a job does not fit, and reports a topology-independent issue once", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "geopipe-preflight-"));
    const full = JSON.parse(readFileSync(TOPOLOGY, "utf8"));
    const one = full.regions[0];
    writeFileSync(path.join(dir, "one.json"), JSON.stringify({ ...full, name: "one", regions: [{ ...one, gpus: 16 }], links: [] }));
    writeFileSync(path.join(dir, "w.json"), JSON.stringify({ name: "w", jobs: [job("a", "nope"), job("b", "gpt3-1.3b", { stages: 4 })] }));
    const issues = checkConfigInputs(config(dir, { topologies: [TOPOLOGY, "one.json"], workloads: [{ kind: "file", path: "w.json" }] }), "p.json", MODELS);
    expect(issues.map((i) => i.path)).toEqual(["jobs[0].model", "jobs[1]"]);
    expect(issues[0]?.message).not.toMatch(/with topology/);
    expect(issues[1]?.message).toMatch(new RegExp(`needs 4 stages × 8 GPUs.*\\(with topology ${path.join(dir, "one.json").replace(/[.]/g, "\\.")}\\)$`));
  });
});

describe("runCell with a file workload", () => {
  it("runCell(cell) records a job with an unknown model as an error naming the job, not as unschedulable", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "geopipe-preflight-"));
    writeFileSync(path.join(dir, "w.json"), JSON.stringify({ name: "w", jobs: [job("ok", "gpt3-1.3b"), job("typo", "gpt3-13")] }));
    const [cell] = expandCells(config(dir, { workloads: [{ kind: "file", path: "w.json" }] }));
    const r = await runCell(cell!, { baseDir: dir, modelsDir: MODELS });
    expect(r.status).toBe("error");
    expect(r.status === "error" ? r.error : "").toMatch(/InstanceError: .*jobs\[1\]\.model: job "typo": unknown model "gpt3-13"/);
  });
});
