import { copyFileSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { expandCells, type Cell } from "../../../src/harness/cells.js";
import { parseHarnessConfig } from "../../../src/harness/config.js";
import { CellResolver, inputsOf, jobIdOf } from "../../../src/harness/queue/payload.js";
import { resolvedCellInput, runResolvedCell } from "../../../src/harness/queue/resolvedInputs.js";
import { cellInput, runCell, type CellContext } from "../../../src/harness/runCell.js";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const ctx: CellContext = { baseDir: ROOT, modelsDir: "models" };

function cells(workloads: unknown[]): Cell[] {
  const r = parseHarnessConfig(
    { name: "p", topologies: ["instances/default/topology.json"], workloads, schedulers: ["bace", "fifo"], seeds: [1, 2], scenarios: { bandwidthScale: [1, 0.5], load: [1, 2] } },
    "p.json",
    ROOT,
  );
  if (!r.ok) throw new Error("bad config");
  return expandCells(r.config);
}

function shipped(resolver: CellResolver, cell: Cell) {
  const r = resolver.resolve(cell);
  const inputs = inputsOf(r.payload, new Map(r.blobs.map((b) => [b.sha256, b.text])));
  if ("missing" in inputs) throw new Error("a document is missing");
  return { ...r, inputs };
}

describe("queue payloads", () => {
  it("resolvedCellInput(cell, shipped documents) equals cellInput(cell, files) for generated and file workloads at every scale", () => {
    const resolver = new CellResolver(ctx, "test-version");
    for (const cell of cells([{ kind: "generated", jobs: 10 }, { kind: "file", path: "instances/default/workload.json" }])) {
      expect(resolvedCellInput(cell, shipped(resolver, cell).inputs)).toEqual(cellInput(cell, ctx));
    }
  });

  it("a trace workload is imported by the coordinator for each seed and shipped: the worker's input equals the local one and needs no trace file", () => {
    const trace = { kind: "trace", file: "test/fixtures/traces/generic.csv", format: "csv", map: { time: "submitted", duration: "ran_s", gpus: "n_gpu" }, durations: "resample" };
    const resolver = new CellResolver(ctx, "test-version");
    const all = cells([trace]);
    const bySeed = new Map<number, string>();
    for (const cell of all) {
      const r = shipped(resolver, cell);
      expect(r.payload.workload).not.toBeNull();
      expect(resolvedCellInput(cell, r.inputs)).toEqual(cellInput(cell, ctx));
      bySeed.set(cell.spec.seed, r.payload.workload!.sha256);
    }
    expect(new Set(bySeed.values()).size).toBe(2); // seeds 1 and 2 resample different durations
  });

  it("runResolvedCell(cell, documents) gives the record runCell(cell, files) gives, wall time aside", async () => {
    const resolver = new CellResolver(ctx, "test-version");
    const cell = cells([{ kind: "generated", jobs: 8 }])[1] as Cell;
    const { wallMs: _a, ...queued } = await runResolvedCell(cell, shipped(resolver, cell).inputs);
    const { wallMs: _b, ...local } = await runCell(cell, ctx);
    expect(queued).toEqual(local);
    expect(queued.status).toBe("ok");
  });

  it("jobIdOf(payload) is the same for the same cell, inputs and code, differs otherwise, and has no ':' and not only digits", () => {
    const [a, b] = cells([{ kind: "generated", jobs: 10 }]) as [Cell, Cell];
    const id = jobIdOf(new CellResolver(ctx, "v1").resolve(a).payload);
    expect(jobIdOf(new CellResolver(ctx, "v1").resolve(a).payload)).toBe(id);
    expect(jobIdOf(new CellResolver(ctx, "v2").resolve(a).payload)).not.toBe(id);
    expect(jobIdOf(new CellResolver(ctx, "v1").resolve(b).payload)).not.toBe(id);
    const fewer = mkdtempSync(path.join(tmpdir(), "geopipe-models-")); // other inputs: a models folder with two of the files
    for (const f of readdirSync(path.join(ROOT, "models")).sort().slice(0, 2)) copyFileSync(path.join(ROOT, "models", f), path.join(fewer, f));
    expect(jobIdOf(new CellResolver({ ...ctx, modelsDir: fewer }, "v1").resolve(a).payload)).not.toBe(id);
    expect(id).toMatch(new RegExp(`^cell-${a.id}-[0-9a-f]{12}$`));
    expect(id).not.toContain(":");
  });

  it("CellResolver.resolve(cell) with a missing workload file throws what the local loader throws (the cell's error record is the same)", async () => {
    const cell = cells([{ kind: "file", path: "no/such/workload.json" }])[0] as Cell;
    const local = await runCell(cell, ctx);
    expect(local.status).toBe("error");
    expect(() => new CellResolver(ctx, "v").resolve(cell)).toThrow(local.status === "error" ? local.error.replace(/^InstanceError: /, "") : "?");
  });
});
