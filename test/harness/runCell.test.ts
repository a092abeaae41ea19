import path from "node:path";
import { describe, expect, it } from "vitest";
import { expandCells } from "../../src/harness/cells.js";
import { formatConfigIssues, parseHarnessConfig } from "../../src/harness/config.js";
import { cellInput } from "../../src/harness/runCell.js";
import { generateWorkload } from "../../src/workload/generate.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const MODELS = path.join(ROOT, "models");

describe("cellInput", () => {
  it("cells that differ only in their scheduler share one topology and one generated workload (the generator's own jobs), and other seeds, loads or scales get their own", () => {
    const raw = {
      name: "share",
      topologies: [path.join(ROOT, "instances", "default", "topology.json")],
      workloads: [{ kind: "generated", jobs: 12 }],
      schedulers: ["bace", "fifo"],
      reference: "bace",
      seeds: [1, 2],
      scenarios: { bandwidthScale: [1, 0.5], load: [1] },
    };
    const r = parseHarnessConfig(raw, "share.json", ROOT);
    if (!r.ok) throw new Error(formatConfigIssues(r.issues));
    const cells = expandCells(r.config);
    const inputs = cells.map((cell) => ({ cell, input: cellInput(cell, { baseDir: ROOT, modelsDir: MODELS }) }));
    const key = (c: (typeof cells)[number]): string => `${c.spec.seed}|${c.spec.bandwidthScale}|${c.spec.load}`;
    for (const a of inputs) {
      for (const b of inputs) {
        const same = key(a.cell) === key(b.cell);
        expect(a.input.jobs === b.input.jobs).toBe(same);
        expect(a.input.topology === b.input.topology).toBe(a.cell.spec.bandwidthScale === b.cell.spec.bandwidthScale);
      }
      const fresh = generateWorkload({ seed: a.cell.spec.seed, jobs: 12, load: a.cell.spec.load, topology: a.input.topology, models: a.input.models }).jobs;
      expect(a.input.jobs).toEqual(fresh);
    }
  });
});
