import path from "node:path";
import { describe, expect, it } from "vitest";
import { paretoPlot } from "../../src/harness/paretoPlot.js";
import { loadModels, loadTopology } from "../../src/model/load.js";
import { generateWorkload } from "../../src/workload/generate.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("paretoPlot", () => {
  it("paretoPlot(topology, models, job, schedulers): no heuristic point lies below the MILP front", async () => {
    const topology = loadTopology(path.join(ROOT, "instances/default/topology.json"));
    const models = loadModels(path.join(ROOT, "models"));
    const job = generateWorkload({ seed: 1, jobs: 3, topology, models }).jobs[0]!;
    const r = await paretoPlot(topology, models, job, ["bace", "delay-first", "cost-first"], { points: 5 });
    expect(r.status).toBe("ok");
    if (r.status !== "ok") return;
    expect(r.front.length).toBeGreaterThan(0);
    for (const h of r.heuristics) {
      if (h.iterationSec === null || h.costUsd === null) continue;
      // the cheapest front point no slower than the heuristic costs at most the heuristic's cost
      const match = r.front.filter(([t]) => t <= h.iterationSec! * (1 + 1e-6)).map(([, c]) => c);
      expect(match.length).toBeGreaterThan(0);
      expect(Math.min(...match)).toBeLessThanOrEqual(h.costUsd * (1 + 1e-6));
    }
  });
});
