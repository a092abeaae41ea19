import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluatePlacement } from "../../src/cost/index.js";
import { checkWorkload, WorkloadSchema } from "../../src/model/index.js";
import type { Topology } from "../../src/model/types.js";
import { DEFAULT_MIX, type MixEntry } from "../../src/workload/mix.js";
import { generateWorkload, generateWorkloadWithStats } from "../../src/workload/generate.js";
import { offeredLoad } from "../../src/workload/load.js";
import { referenceRun, totalGpus } from "../../src/workload/reference.js";
import { MODELS, ROOT, thrown, TOPOLOGY } from "./helpers.js";

const base = { topology: TOPOLOGY, models: MODELS };

describe("generateWorkload", () => {
  it("generateWorkload(options) is deterministic in the seed", () => {
    const a = generateWorkload({ ...base, seed: 5, jobs: 200 });
    const b = generateWorkload({ ...base, seed: 5, jobs: 200 });
    const c = generateWorkload({ ...base, seed: 6, jobs: 200 });
    expect(b).toEqual(a);
    expect(c.jobs).not.toEqual(a.jobs);
    expect(a.jobs).toHaveLength(200);
  });

  it("generateWorkload(options) gives unique ids and arrivals in order after startSec", () => {
    const w = generateWorkload({ ...base, seed: 2, jobs: 300, startSec: 1000 });
    expect(new Set(w.jobs.map((j) => j.id)).size).toBe(300);
    expect(w.jobs[0]!.id).toBe("g001");
    expect(w.jobs[0]!.arrivalSec).toBeGreaterThan(1000);
    for (let i = 1; i < w.jobs.length; i++) expect(w.jobs[i]!.arrivalSec).toBeGreaterThanOrEqual(w.jobs[i - 1]!.arrivalSec);
  });

  it.each([
    [0.5, 11],
    [0.8, 12],
    [1.2, 13],
  ])("generateWorkload({ load: %s, seed: %s }) offers that load within 10 percent over 3000 jobs", (load, seed) => {
    const g = generateWorkloadWithStats({ ...base, seed, jobs: 3000, load });
    const measured = offeredLoad(g.workload, TOPOLOGY, MODELS);
    expect(measured.unplaceable).toEqual([]);
    expect(measured.load).not.toBeNull();
    expect(Math.abs(measured.load! - load) / load).toBeLessThan(0.1);
    expect(g.totalGpus).toBe(400);
    // the rate follows the definition λ = ρ · GPUs / E[GPU-seconds]
    expect(g.arrivalRatePerSec).toBeCloseTo((load * 400) / g.meanGpuSeconds, 12);
  });

  it("generateWorkload(options) jobs pass the workload schema, checkWorkload and the cost model on the default instance", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 60 }), (seed, jobs) => {
        const w = generateWorkload({ ...base, seed, jobs });
        expect(WorkloadSchema.safeParse(w).success).toBe(true);
        expect(checkWorkload(w, "gen", TOPOLOGY, MODELS).errors).toEqual([]);
        for (const job of w.jobs) {
          const model = MODELS.get(job.model)!;
          const run = referenceRun(TOPOLOGY, model, job);
          expect(run).not.toBeNull();
          expect(evaluatePlacement(TOPOLOGY, model, job, run!.path).ok).toBe(true);
          const entry = DEFAULT_MIX.find((e) => e.model === job.model)!;
          expect(job.stages).toBeGreaterThanOrEqual(entry.stages[0]);
          expect(job.stages).toBeLessThanOrEqual(entry.stages[1]);
          expect(entry.gpusPerStage).toContain(job.gpusPerStage);
          expect(entry.microBatchSize).toContain(job.microBatchSize);
          expect(job.iterations).toBeGreaterThanOrEqual(entry.iterations[0]);
          expect(job.iterations).toBeLessThanOrEqual(entry.iterations[1]);
          expect(job.mfu).toBeGreaterThanOrEqual(entry.mfu[0]);
          expect(job.mfu).toBeLessThanOrEqual(entry.mfu[1]);
        }
      }),
      { numRuns: 25 },
    );
  });

  it("DEFAULT_MIX holds 16 bytes per parameter in 80 GB GPUs at its smallest shape", () => {
    for (const e of DEFAULT_MIX) {
      const model = MODELS.get(e.model)!;
      const minGpus = e.stages[0] * Math.min(...e.gpusPerStage);
      expect(minGpus * 80e9, e.model).toBeGreaterThanOrEqual(16 * model.paramCount);
    }
  });

  it("generateWorkload(options) spans minutes to hours of reference runtime", () => {
    const w = generateWorkload({ ...base, seed: 1, jobs: 1000 });
    const minutes = w.jobs.map((j) => referenceRun(TOPOLOGY, MODELS.get(j.model)!, j)!.runtimeSec / 60).sort((a, b) => a - b);
    expect(minutes[100]!).toBeGreaterThan(1); // p10 above a minute
    expect(minutes[100]!).toBeLessThan(30);
    expect(minutes[900]!).toBeGreaterThan(60); // p90 above an hour
  });

  it("generateWorkload(options) drops default-mix models that a small topology cannot hold", () => {
    const small: Topology = {
      ...TOPOLOGY,
      name: "small",
      regions: TOPOLOGY.regions.slice(0, 2).map((r) => ({ ...r, gpus: 16 })),
      links: TOPOLOGY.links.filter((l) => [l.a, l.b].sort().join() === [TOPOLOGY.regions[0]!.id, TOPOLOGY.regions[1]!.id].sort().join()),
    };
    expect(totalGpus(small)).toBe(32);
    expect(small.links).toHaveLength(1);
    const g = generateWorkloadWithStats({ ...base, topology: small, seed: 3, jobs: 400 });
    const used = new Set(g.mix.map((e) => e.model));
    expect(used.has("gpt3-175b")).toBe(false);
    expect(used.has("llama2-70b")).toBe(false);
    expect(used.has("gpt3-1.3b")).toBe(true);
    expect(checkWorkload(g.workload, "gen", small, MODELS).errors).toEqual([]);
    expect(g.workload.jobs.some((j) => j.model === "gpt3-175b" || j.model === "llama2-70b")).toBe(false);
  });

  it("generateWorkload(options) with a bad mix names the field path and the fix", () => {
    const ok: MixEntry = DEFAULT_MIX[0]!;
    const e1 = thrown(() => generateWorkload({ ...base, seed: 1, jobs: 5, mix: [ok, { ...ok, model: "gpt5" }] }));
    expect(e1.path).toBe("mix[1].model");
    expect(e1.message).toMatch(/unknown model "gpt5"; valid models: gpt3-1.3b/);
    const e2 = thrown(() => generateWorkload({ ...base, seed: 1, jobs: 5, mix: [{ ...ok, stages: [2, 30] }] }));
    expect(e2.path).toBe("mix[0].stages");
    expect(e2.message).toMatch(/24 layers/);
    const e3 = thrown(() => generateWorkload({ ...base, seed: 1, jobs: 5, mix: [{ ...ok, gpusPerStage: [256] }] }));
    expect(e3.path).toBe("mix[0]");
    expect(e3.message).toMatch(/largest region has 128/);
    const e4 = thrown(() => generateWorkload({ ...base, seed: 1.5, jobs: -1, load: 0 }));
    expect(e4.issues.map((i) => i.path)).toEqual(["seed", "jobs", "load"]);
  });

  it("generateWorkloadWithStats(seed 1, 4000 jobs, load 0.8) gives the figures quoted in docs/workloads.md", () => {
    const g = generateWorkloadWithStats({ ...base, seed: 1, jobs: 4000, load: 0.8 });
    const measured = offeredLoad(g.workload, TOPOLOGY, MODELS);
    const doc = readFileSync(join(ROOT, "docs", "workloads.md"), "utf8");
    const figures = [
      `\u03bb\` = ${Math.round(g.arrivalRatePerSec * 3600)} jobs/h`,
      `mean ${(g.meanGpuSeconds / 3600).toFixed(2)} GPU-hours`,
      `last arrival at ${(measured.spanSec / 3600).toFixed(1)} h`,
      `measured load ${measured.load!.toFixed(3)}`,
    ];
    for (const f of figures) expect(doc).toContain(f);
  });

  it("generateWorkload({ jobs: 0 }) is an empty workload", () => {
    expect(generateWorkload({ ...base, seed: 1, jobs: 0 }).jobs).toEqual([]);
  });
});
