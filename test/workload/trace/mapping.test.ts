import { describe, expect, it } from "vitest";
import { mapTraceJob, modelByMemory, parseTraceMapping, pipelineShape, TRACE_MAPPINGS, checkTraceMapping } from "../../../src/workload/trace/mapping.js";
import { splitGpus } from "../../../src/workload/philly.js";
import { referenceRun } from "../../../src/workload/reference.js";
import { MODELS, TOPOLOGY } from "../helpers.js";

describe("trace mapping", () => {
  it("pipelineShape(G, 16, 8) gives S ≥ 2 stages of at most 8 GPUs for every G ≥ 2", () => {
    const table = [1, 2, 3, 4, 8, 12, 16, 24, 32, 64, 128].map((g) => [g, pipelineShape(g, 16, 8)]);
    expect(table).toEqual([
      [1, { stages: 1, gpusPerStage: 1 }],
      [2, { stages: 2, gpusPerStage: 1 }],
      [3, { stages: 3, gpusPerStage: 1 }],
      [4, { stages: 2, gpusPerStage: 2 }],
      [8, { stages: 2, gpusPerStage: 4 }],
      [12, { stages: 2, gpusPerStage: 6 }],
      [16, { stages: 2, gpusPerStage: 8 }],
      [24, { stages: 3, gpusPerStage: 8 }],
      [32, { stages: 4, gpusPerStage: 8 }],
      [64, { stages: 8, gpusPerStage: 8 }],
      [128, { stages: 16, gpusPerStage: 8 }],
    ]);
    for (let g = 2; g <= 200; g++) {
      const s = pipelineShape(g, 16, 8);
      expect(s.stages, `G=${g}`).toBeGreaterThanOrEqual(2);
      expect(s.gpusPerStage, `G=${g}`).toBeLessThanOrEqual(8);
    }
  });

  it("modelByMemory(models, G, S, 80, 16) picks the largest model whose 16 B/param fit G × 80 GB", () => {
    const pick = (g: number, s = 2) => modelByMemory(MODELS, g, s, 80, 16).name;
    // 2 GPUs: 160 GB / 16 B = 10e9 params → llama2-7b (7.0e9 > gpt3-6.7b's 6.7e9)
    expect(pick(2)).toBe("llama2-7b");
    // 4: 20e9 → a 13B (llama2-13b after gpt3-13b by name); 16: 80e9 → llama2-70b; 35: 175e9 → gpt3-175b
    expect(pick(4)).toBe("llama2-13b");
    expect(pick(16)).toBe("llama2-70b");
    expect(pick(34)).toBe("llama2-70b");
    expect(pick(35)).toBe("gpt3-175b");
    // one GPU: 5e9 → gpt3-2.7b
    expect(pick(1, 1)).toBe("gpt3-2.7b");
  });

  it("mapTraceJob(philly-table) is readPhillyTrace's rule: the table model and the largest divisor split", () => {
    const m = mapTraceJob(TRACE_MAPPINGS["philly-table"]!, { id: "x", arrivalSec: 5, gpus: 12, durationSec: 3600 }, TOPOLOGY, MODELS)!;
    expect([m.job.model, m.job.stages, m.job.gpusPerStage, m.job.microBatchSize, m.job.microBatches]).toEqual(["gpt3-13b", 6, 2, 2, 24]);
    expect(splitGpus(12, 8)).toEqual({ stages: 6, gpusPerStage: 2 });
    const ref = referenceRun(TOPOLOGY, MODELS.get("gpt3-13b")!, { ...m.job, iterations: 1 })!;
    expect(m.job.iterations).toBe(Math.round(3600 / ref.iterationSec));
    expect(m.referenceRuntimeSec).toBeCloseTo(m.job.iterations * ref.iterationSec, 9);
    expect(m.lengthened).toBe(false);
  });

  it("mapTraceJob lengthens a job shorter than half an iteration to one iteration and says so", () => {
    const m = mapTraceJob(TRACE_MAPPINGS.pipeline!, { id: "x", arrivalSec: 0, gpus: 64, durationSec: 1 }, TOPOLOGY, MODELS)!;
    expect(m.job.iterations).toBe(1);
    expect(m.lengthened).toBe(true);
    expect(m.job.model).toBe("gpt3-175b");
    expect(m.job.stages * m.job.gpusPerStage).toBe(64);
  });

  it("parseTraceMapping(file) starts from a base mapping, reads maxGpus null as no bound, and names bad fields", () => {
    const r = parseTraceMapping({ base: "pipeline", models: [{ maxGpus: 8, model: "gpt3-6.7b" }, { maxGpus: null, model: "llama2-70b" }], mfu: 0.5 }, "m.json");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ name: "m.json", shape: "pipeline", mfu: 0.5, microBatchSize: 1, models: [{ maxGpus: 8, model: "gpt3-6.7b" }, { maxGpus: Infinity, model: "llama2-70b" }] });
    const bad = parseTraceMapping({ shape: "ring", mfu: 2, stages: 3 }, "m.json");
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues.map((i) => i.path).sort()).toEqual(["mfu", "shape", "stages"]);
    const unknown = checkTraceMapping({ ...TRACE_MAPPINGS["philly-table"]!, models: [{ maxGpus: Infinity, model: "gpt5" }] }, MODELS, "m.json");
    expect(unknown[0]).toMatchObject({ path: "models[0].model", message: expect.stringContaining('unknown model "gpt5"') });
  });
});
