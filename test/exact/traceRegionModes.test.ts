import { describe, expect, it } from "vitest";
import { jobModes, regionTypes, type TraceMode } from "../../src/exact/traceModes.js";
import { mergeRegions, regionModes } from "../../src/exact/traceRegionModes.js";
import { loadInstance } from "../../src/model/instance.js";
import { emptyView } from "../../src/sim/simulate.js";
import { generateWorkload } from "../../src/workload/generate.js";
import { runnablePaths } from "./allPaths.js";

describe("regionModes(view, job, typeModes)", () => {
  it("covers every path the cost model can run by a mode it meets: its region's if it stays in one, else a crossing mode of its GPU types (brute force, default instance); merged modes cover them too", () => {
    const inst = loadInstance();
    const w = generateWorkload({ seed: 5, jobs: 40, load: 1, topology: inst.topology, models: inst.models });
    const view = emptyView({ topology: inst.topology, models: inst.models, jobs: w.jobs });
    const types = regionTypes(view);
    const small = w.jobs.filter((j) => j.stages >= 2 && j.stages <= 3).slice(0, 6);
    expect(small.length).toBeGreaterThan(2);
    let checked = 0;
    let crossingAboveTypeMode = 0;
    for (const job of small) {
      const typeModes = jobModes(view, job);
      const modes = regionModes(view, job, typeModes);
      const merged = mergeRegions(modes);
      for (const { path, runtimeSec, meets } of runnablePaths(view, job, types)) {
        const one = new Set(path).size === 1;
        const covering = modes.filter((m) => meets(m) && (one ? m.region === path[0] : m.region === null));
        expect(covering.length, `${job.id} ${path.join(",")}`).toBeGreaterThan(0);
        expect(Math.min(...covering.map((m) => m.minRuntimeSec)), `${job.id} ${path.join(",")}`).toBeLessThanOrEqual(runtimeSec * (1 + 1e-9));
        const mergedCover = merged.filter(meets);
        expect(Math.min(...mergedCover.map((m) => m.minRuntimeSec)), `merged ${job.id} ${path.join(",")}`).toBeLessThanOrEqual(runtimeSec * (1 + 1e-9));
        checked++;
      }
      // the crossing runtimes are raised above the type modes' where a hop costs time
      for (const m of modes.filter((x) => x.region === null)) if (typeModes.some((t) => t.types.join("|") === m.types.join("|") && m.minRuntimeSec > t.minRuntimeSec * 1.01)) crossingAboveTypeMode++;
    }
    expect(checked).toBeGreaterThan(100);
    expect(crossingAboveTypeMode).toBeGreaterThan(0);
  });
});
