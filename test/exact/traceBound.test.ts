import { beforeAll, describe, expect, it } from "vitest";
import { loadExactSolver } from "../../src/exact/solveSync.js";
import { traceBound } from "../../src/exact/traceBound.js";
import { loadInstance } from "../../src/model/instance.js";
import { generateWorkload } from "../../src/workload/generate.js";
import { emptyView, simulate } from "../../src/sim/simulate.js";
import { verifyRun } from "../../src/sim/verify.js";
import { placeExact } from "../../src/exact/engine.js";
import { patientScheduler, type JobLeast } from "../../src/exact/patientScheduler.js";
import { getScheduler } from "../../src/schedulers.js";
import { lpOrderScheduler } from "../../src/exact/lpOrderScheduler.js";
import type { TraceMode } from "../../src/exact/traceModes.js";

beforeAll(async () => {
  await loadExactSolver();
});

describe("traceBound(input)", () => {
  it("is below every scheduler's mean JCT and total cost on generated traces of the default instance (loads 0.5 and 2), split by GPU type or not", () => {
    const inst = loadInstance();
    for (const load of [0.5, 2]) {
      const w = generateWorkload({ seed: 3, jobs: 30, load, topology: inst.topology, models: inst.models });
      const input = { topology: inst.topology, models: inst.models, jobs: w.jobs };
      const b = traceBound(input, { slots: 100 });
      const plain = traceBound(input, { slots: 100, byGpuType: false });
      expect(plain.meanJctLowerBoundSec).toBeGreaterThanOrEqual(plain.meanMinRuntimeSec);
      expect(b.status).toBe("ok");
      expect(b.meanJctLowerBoundSec).toBeGreaterThanOrEqual(b.meanMinRuntimeSec);
      expect(b.totalCostLowerBoundUsd).toBeGreaterThan(0);
      for (const name of ["bace", "delay-first", "cost-first", "fifo", "sjf"]) {
        const r = simulate(input, getScheduler(name));
        expect(r.summary.finished, name).toBe(30);
        expect(b.meanJctLowerBoundSec, name).toBeLessThanOrEqual(r.summary.meanJctSec * (1 + 1e-9));
        expect(plain.meanJctLowerBoundSec, name).toBeLessThanOrEqual(r.summary.meanJctSec * (1 + 1e-9));
        expect(b.totalCostLowerBoundUsd, name).toBeLessThanOrEqual(r.summary.totalCostUsd * (1 + 1e-9));
      }
    }
  });
});

describe("traceBound(input) against the reference schedules", () => {
  it("is below the mean JCT of patient schedules (verified runs) on an 8-job trace under heavy load", () => {
    const inst = loadInstance();
    const w = generateWorkload({ seed: 11, jobs: 8, load: 3, topology: inst.topology, models: inst.models });
    const input = { topology: inst.topology, models: inst.models, jobs: w.jobs };
    const b = traceBound(input, { slots: 100 });
    const view = emptyView(input);
    const least = new Map(w.jobs.map((j) => [j.id, { iterationSec: placeExact(view, j, { kind: "time" }).iterationSec as number, costUsd: placeExact(view, j, { kind: "cost", maxIterationSec: Number.MAX_VALUE }).costUsd as number }] as const));
    for (const options of [{ slack: 0 }, { slack: 1 }, { slack: Infinity }, { measure: "cost" as const, slack: 0.01 }]) {
      const r = simulate(input, patientScheduler((j) => least.get(j.id) as JobLeast, options));
      expect(verifyRun(input, r)).toEqual([]);
      expect(r.summary.finished).toBe(8);
      expect(b.meanJctLowerBoundSec).toBeLessThanOrEqual(r.summary.meanJctSec * (1 + 1e-9));
      expect(b.totalCostLowerBoundUsd).toBeLessThanOrEqual(r.summary.totalCostUsd * (1 + 1e-9));
    }
    // the start-slot LP ran, and its α-point list schedule is a real, verified schedule above the bound
    expect(b.startLp?.status).toBe("optimal");
    expect(b.meanJctLowerBoundSec).toBeGreaterThanOrEqual(b.fluidMeanJctSec);
    const sl = b.startLp as NonNullable<typeof b.startLp>;
    const at = new Map(w.jobs.map((j, i) => [j.id, i] as const));
    const hint = (j: { id: string }) => {
      const i = at.get(j.id) as number;
      const lj = sl.jobs[i] as (typeof sl.jobs)[number];
      return { alphaPointSec: lj.alphaPointSec, mode: (b.regionModes[i] as readonly TraceMode[])[lj.mode] as TraceMode };
    };
    const r = simulate(input, lpOrderScheduler(hint, { slack: 1 }));
    expect(verifyRun(input, r)).toEqual([]);
    expect(r.summary.finished).toBe(8);
    expect(b.meanJctLowerBoundSec).toBeLessThanOrEqual(r.summary.meanJctSec * (1 + 1e-9));
  });
});
