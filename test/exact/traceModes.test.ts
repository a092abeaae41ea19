import { describe, expect, it } from "vitest";
import { jobModes, regionTypes } from "../../src/exact/traceModes.js";
import { loadInstance } from "../../src/model/instance.js";
import { emptyView } from "../../src/sim/simulate.js";
import { generateWorkload } from "../../src/workload/generate.js";
import { runnablePaths } from "./allPaths.js";

describe("jobModes(view, job)", () => {
  it("gives every path the cost model can run a mode of its GPU types whose least runtime and GPUs per type it meets (brute force, default instance)", () => {
    const inst = loadInstance();
    const w = generateWorkload({ seed: 5, jobs: 40, load: 1, topology: inst.topology, models: inst.models });
    const input = { topology: inst.topology, models: inst.models, jobs: w.jobs };
    const view = emptyView(input);
    const types = regionTypes(view);
    const small = w.jobs.filter((j) => j.stages >= 2 && j.stages <= 3).slice(0, 6);
    expect(small.length).toBeGreaterThan(2);
    let checked = 0;
    for (const job of small) {
      const modes = jobModes(view, job);
      for (const { path, runtimeSec, meets } of runnablePaths(view, job, types)) {
        // some mode of exactly these types covers the run: runtime at least its least, GPUs at least its claim
        const covering = modes.filter(meets);
        expect(covering.length, `${job.id} ${path.join(",")}`).toBeGreaterThan(0);
        expect(Math.min(...covering.map((m) => m.minRuntimeSec)), `${job.id} ${path.join(",")}`).toBeLessThanOrEqual(runtimeSec * (1 + 1e-9));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
