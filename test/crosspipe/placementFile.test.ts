import path from "node:path";
import { describe, expect, test } from "vitest";
import { hopTiming } from "../../src/crosspipe/instance.js";
import { readPlacementFile, resolvePlacement } from "../../src/crosspipe/placementFile.js";
import { formatIssue } from "../../src/model/issues.js";

const settings = { microBatches: 6, memoryLimit: 2, modelsDir: path.resolve("models") };
const explicit = {
  stages: [
    { forwardMs: 100, backwardMs: 200 },
    { forwardMs: 50, backwardMs: 150 },
  ],
  hops: [{ latencyMs: 40, bandwidthGbps: 8, activationBytes: 1e9 }],
};
const messages = (r: ReturnType<typeof resolvePlacement>): string[] => (r.ok ? [] : r.issues.map(formatIssue));

describe("placement file", () => {
  test("resolvePlacement(explicit) converts ms to s and takes M and K from the settings", () => {
    const r = resolvePlacement(explicit, "p.json", settings);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.form).toBe("explicit");
    expect(r.value.name).toBe("p");
    expect(r.value.instance.forwardSec).toEqual([0.1, 0.05]);
    expect(r.value.instance.backwardSec).toEqual([0.2, 0.15]);
    expect(r.value.instance.microBatches).toBe(6);
    expect(r.value.instance.memoryLimit).toBe(2);
    expect(hopTiming(r.value.instance, 0)).toEqual({ transmitSec: 1, latencySec: 0.04 });
  });

  test("resolvePlacement(value) names the field path of each bad number", () => {
    const bad = { ...explicit, stages: [{ forwardMs: -1, backwardMs: 200 }, explicit.stages[1]], hops: [{ latencyMs: 1, bandwidthGbps: 0, activationBytes: 1 }] };
    const m = messages(resolvePlacement(bad, "p.json", settings));
    expect(m).toContain("p.json: stages[0].forwardMs: must be > 0, got -1");
    expect(m).toContain("p.json: hops[0].bandwidthGbps: must be > 0, got 0");
  });

  test("resolvePlacement(value) suggests the key meant for a misspelt one", () => {
    const bad = { ...explicit, stages: [{ forwardMs: 1, backwardMS: 2 }, explicit.stages[1]] };
    const m = messages(resolvePlacement(bad, "p.json", settings)).join("\n");
    expect(m).toMatch(/stages\[0\]\.backwardMS: unknown key; did you mean "backwardMs"\?/);
    expect(m).toMatch(/stages\[0\]\.backwardMs: is missing/);
  });

  test("resolvePlacement(value) that is neither form says which keys to give", () => {
    const m = messages(resolvePlacement({ name: "x" }, "p.json", settings));
    expect(m).toHaveLength(1);
    expect(m[0]).toMatch(/"stages" and "hops".*"topology", "model", "job" and "path"/);
  });

  test("readPlacementFile(example) resolves topology, model and path through the cost model", () => {
    const r = readPlacementFile(path.resolve("experiments/crosspipe/example-placement.json"), settings);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const inst = r.value.instance;
    expect(r.value.form).toBe("references");
    expect(inst.forwardSec).toHaveLength(4);
    // A100 stages (us-east-1) are slower than H100 stages (eu-central-1): 989 / 312 ≈ 3.17.
    expect((inst.forwardSec[0] ?? 0) / (inst.forwardSec[3] ?? 1)).toBeCloseTo(989 / 312, 6);
    // Hop 1 crosses us-east-1 → eu-central-1 (the link in instances/default/topology.json); the others stay inside a region.
    expect(inst.hops.map((h) => h.latencyMs)).toEqual([0.05, 44.901, 0.05]);
    expect(inst.hops[1]?.activationBytes).toBe(1 * 2048 * 4096 * 2);
  });

  test("resolvePlacement(references) with an unknown model lists the known ones", () => {
    const ref = { topology: path.resolve("instances/default/topology.json"), model: "gpt5", job: { gpusPerStage: 1, microBatchSize: 1, mfu: 0.4 }, path: ["us-east-1"] };
    const m = messages(resolvePlacement(ref, "p.json", settings)).join("\n");
    expect(m).toMatch(/^p\.json: model: unknown model "gpt5"; use one of .*gpt3-6\.7b/);
  });
});
