import { describe, expect, it } from "vitest";
import { DEFAULT_GAP_SETTINGS, formatConfigIssues, parseHarnessConfig } from "../../src/harness/config.js";

const valid = {
  name: "tiny",
  topologies: ["t.json"],
  workloads: [{ kind: "generated", jobs: 10 }],
  schedulers: ["bace", "delay-first", "bace-no-costmin"],
  seeds: [1, 2],
};

function issues(value: unknown): string {
  const r = parseHarnessConfig(value, "exp.json", "/base");
  expect(r.ok).toBe(false);
  return r.ok ? "" : formatConfigIssues(r.issues);
}

describe("parseHarnessConfig", () => {
  it("parseHarnessConfig(value) fills defaults: scenarios [1], gaps off, roles derived from the names", () => {
    const r = parseHarnessConfig(valid, "exp.json", "/base");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.bandwidthScales).toEqual([1]);
    expect(r.config.loads).toEqual([1]);
    expect(r.config.gaps).toEqual(DEFAULT_GAP_SETTINGS);
    expect(r.config.reference).toBe("bace");
    expect(r.config.baselines).toEqual(["delay-first"]);
    expect(r.config.ablations).toEqual(["bace-no-costmin"]);
    expect(r.config.baseDir).toBe("/base");
    expect(r.config.pareto).toBe(false);
    expect(r.config.models).toBeNull();
  });

  it("parseHarnessConfig(value) names an unknown scheduler's index and lists the valid names", () => {
    const text = issues({ ...valid, schedulers: ["bace", "bace-pipe"] });
    expect(text).toContain("exp.json: schedulers[1]: unknown scheduler \"bace-pipe\"");
    expect(text).toContain("delay-first");
  });

  it("parseHarnessConfig(value) names a missing field and says to add it", () => {
    const { seeds: _omit, ...rest } = valid;
    expect(issues(rest)).toMatch(/seeds: is missing; add it/);
  });

  it("parseHarnessConfig(value) suggests the intended key for a misspelt one", () => {
    expect(issues({ ...valid, scenarios: { bandwidthScales: [1] } })).toMatch(/scenarios\.bandwidthScales: unknown key; did you mean "bandwidthScale"\?/);
  });

  it("parseHarnessConfig(value) rejects a bad workload kind, a non-integer seed and a non-positive scale by path", () => {
    const text = issues({ ...valid, workloads: [{ kind: "slurm", path: "x" }], seeds: [1.5], scenarios: { load: [0] } });
    expect(text).toMatch(/workloads\[0\]/);
    expect(text).toMatch(/seeds\[0\]/);
    expect(text).toMatch(/scenarios\.load\[0\]/);
  });

  it("parseHarnessConfig(value) rejects baselines that are not in schedulers and a missing reference", () => {
    const text = issues({ ...valid, schedulers: ["delay-first"], baselines: ["fifo"] });
    expect(text).toMatch(/baselines\[0\]: "fifo" is not in schedulers/);
    expect(text).toMatch(/schedulers: the reference scheduler "bace" must be listed/);
  });
});
