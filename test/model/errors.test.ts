import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InstanceError, loadInstance, loadModels, loadTopology, loadWorkload, readTopology } from "../../src/model/index.js";
import { job, link, model, region, ringTopology, writeFiles } from "./helpers.js";

/** The InstanceError thrown by `f`, or a failed expectation. */
function errorOf(f: () => unknown): InstanceError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InstanceError);
    return e as InstanceError;
  }
  throw new Error("expected an InstanceError, nothing was thrown");
}

function topologyError(topology: unknown): InstanceError {
  const dir = writeFiles({ "topology.json": topology });
  return errorOf(() => loadTopology(join(dir, "topology.json")));
}

function instanceError(over: { topology?: unknown; workload?: unknown; models?: Record<string, unknown> }): InstanceError {
  const models = over.models ?? { "m1.json": model("m1"), "m2.json": model("m2") };
  const files: Record<string, unknown> = {
    "topology.json": over.topology ?? ringTopology(),
    "workload.json": over.workload ?? { name: "w", jobs: [job("j1")] },
  };
  for (const [name, m] of Object.entries(models)) files[`models/${name}`] = m;
  const dir = writeFiles(files);
  return errorOf(() =>
    loadInstance({ topologyPath: join(dir, "topology.json"), workloadPath: join(dir, "workload.json"), modelsDir: join(dir, "models") }),
  );
}

describe("loadTopology(path) errors", () => {
  it("loadTopology(path) names links[3].bandwidthGbps for a negative bandwidth", () => {
    const t = ringTopology() as { links: Record<string, unknown>[] };
    t.links[3]!.bandwidthGbps = -1;
    const e = topologyError(t);
    expect(e.path).toBe("links[3].bandwidthGbps");
    expect(e.file.endsWith("topology.json")).toBe(true);
    expect(e.message).toMatch(/topology\.json: links\[3\]\.bandwidthGbps: must be > 0, got -1$/);
  });

  it("loadTopology(path) lists the valid region ids for a link to an unknown region", () => {
    const t = ringTopology() as { links: Record<string, unknown>[] };
    t.links.push(link("a", "us-eats-1"));
    const e = topologyError(t);
    expect(e.path).toBe("links[4].b");
    expect(e.message).toContain('unknown region "us-eats-1"; valid ids: a, b, c, d');
  });

  it("loadTopology(path) names an unknown key and suggests the intended one", () => {
    const t = ringTopology() as { regions: Record<string, unknown>[] };
    t.regions[1]!.intraBandwidthGbs = 100;
    delete t.regions[1]!.intraBandwidthGbps;
    const e = topologyError(t);
    const lines = e.message.split("\n");
    expect(lines).toContainEqual(expect.stringMatching(/regions\[1\]\.intraBandwidthGbs: unknown key; did you mean "intraBandwidthGbps"\? allowed keys: id, /));
    expect(lines).toContainEqual(expect.stringMatching(/regions\[1\]\.intraBandwidthGbps: is missing; add it \(a number\)$/));
  });

  it("loadTopology(path) rejects an unknown key inside a price variant", () => {
    const t = ringTopology() as { regions: Record<string, unknown>[] };
    t.regions[0]!.price = { kind: "constant", usdPerKwh: 0.1, currency: "EUR" };
    expect(topologyError(t).message).toContain("regions[0].price.currency: unknown key; allowed keys: kind, usdPerKwh");
  });

  it("loadTopology(path) gives the line and column of a JSON syntax error", () => {
    const dir = writeFiles({ "topology.json": '{\n  "name": "x",\n  "regions": [\n    {"id": "a",}\n  ]\n}\n' });
    const e = errorOf(() => loadTopology(join(dir, "topology.json")));
    expect(e.message).toMatch(/topology\.json: invalid JSON at line 4, column 16: .*; fix the syntax there$/);
  });

  it("loadTopology(path) locates a syntax error that the engine reports without a position", () => {
    const dir = writeFiles({ "topology.json": '{\n  "name": \n}' });
    expect(errorOf(() => loadTopology(join(dir, "topology.json"))).message).toContain("invalid JSON at line 3, column 1");
  });

  it("loadTopology(path) says which file is missing and what to pass", () => {
    const e = errorOf(() => loadTopology("/nonexistent/dir/topology.json"));
    expect(e.message).toBe(
      "/nonexistent/dir/topology.json: file not found; pass the path of a topology file (JSON, see schema/topology.schema.json), e.g. instances/default/topology.json",
    );
  });

  it("loadTopology(path) reports several issues together, one per line", () => {
    const t = ringTopology() as { regions: Record<string, unknown>[]; links: Record<string, unknown>[] };
    t.regions[0]!.gpus = 2.5;
    t.regions[1]!.pue = 0.9;
    t.regions[2]!.price = { kind: "hourly", usdPerKwh: [] };
    t.regions[3]!.price = { kind: "spot", usdPerKwh: 1 };
    t.links[0]!.latencyMs = -3;
    const lines = topologyError(t).message.split("\n");
    expect(lines.map((l) => l.replace(/^.*topology\.json: /, ""))).toEqual([
      "regions[0].gpus: must be an integer, got 2.5",
      "regions[1].pue: must be >= 1, got 0.9",
      "regions[2].price.usdPerKwh: must have at least 1 item(s), got 0",
      'regions[3].price.kind: must be one of "constant", "hourly", got "spot"',
      "links[0].latencyMs: must be >= 0, got -3",
    ]);
  });

  it("loadTopology(path) rejects duplicate region ids, self-links and duplicate pairs in either order", () => {
    const t = ringTopology() as { regions: Record<string, unknown>[]; links: Record<string, unknown>[] };
    t.regions.push(region("b"));
    t.links.push(link("c", "c"), link("b", "a"));
    const lines = topologyError(t).message.split("\n").map((l) => l.replace(/^.*topology\.json: /, ""));
    expect(lines).toEqual([
      'regions[4].id: duplicate region id "b" (also regions[1].id); give each region a unique id',
      `links[4]: links region "c" to itself; remove it (traffic inside a region uses the region's intraBandwidthGbps and intraLatencyMs)`,
      'links[5]: duplicate link between "b" and "a" (also links[0]; links are undirected); keep one',
    ]);
  });

  it("readTopology(path) returns the issues as a value instead of throwing", () => {
    const dir = writeFiles({ "topology.json": [] });
    const r = readTopology(join(dir, "topology.json"));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => [i.path, i.message])).toEqual([["", "must be an object, got an array of 0"]]);
  });

  it("loadTopology(path) rejects an idle power above the full power", () => {
    const t = ringTopology() as { regions: { gpu: Record<string, unknown> }[] };
    t.regions[0]!.gpu.idlePowerW = 500;
    expect(topologyError(t).message).toContain("regions[0].gpu.idlePowerW: must be <= powerW (400), got 500");
  });
});

describe("loadWorkload(path) and loadModels(dir) errors", () => {
  it("loadWorkload(path) checks mfu in (0, 1] and integer stages", () => {
    const dir = writeFiles({ "workload.json": { name: "w", jobs: [job("j1", { mfu: 0 }), job("j2", { mfu: 1.5, stages: 0 })] } });
    const e = errorOf(() => loadWorkload(join(dir, "workload.json")));
    expect(e.message.split("\n").map((l) => l.replace(/^.*workload\.json: /, ""))).toEqual([
      "jobs[0].mfu: must be > 0, got 0",
      "jobs[1].stages: must be >= 1, got 0",
      "jobs[1].mfu: must be <= 1, got 1.5",
    ]);
  });

  it("loadModels(dir) rejects two files with the same model name", () => {
    const dir = writeFiles({ "a.json": model("same"), "b.json": model("same") });
    expect(errorOf(() => loadModels(dir)).message).toMatch(/b\.json: name: duplicate model name "same" \(also in .*a\.json\)/);
  });

  it("loadModels(dir) says what to pass when the folder is missing", () => {
    expect(errorOf(() => loadModels("/nonexistent/models")).message).toContain("directory not found; pass the folder that holds the model *.json files (modelsDir)");
  });
});

describe("loadInstance(paths) cross-checks", () => {
  it("loadInstance(paths) lists the valid models for an unknown model", () => {
    const e = instanceError({ workload: { name: "w", jobs: [job("j1"), job("j2", { model: "gpt5" })] } });
    expect(e.path).toBe("jobs[1].model");
    expect(e.message).toMatch(/workload\.json: jobs\[1\]\.model: job "j2": unknown model "gpt5"; valid models: m1, m2$/);
  });

  it("loadInstance(paths) rejects a job whose stage needs more GPUs than the largest region has", () => {
    const topology = { name: "small", regions: [region("a", 4), region("b", 2)], links: [link("a", "b")] };
    const jobs = [job("j1"), job("j2"), job("j3", { gpusPerStage: 8 })];
    const e = instanceError({ topology, workload: { name: "w", jobs } });
    expect(e.message).toMatch(/workload\.json: jobs\[2\]: needs 8 GPUs per stage but the largest region has 4; lower gpusPerStage or add GPUs$/);
  });

  it("loadInstance(paths) rejects a job whose stages do not fit in all regions together", () => {
    const e = instanceError({ workload: { name: "w", jobs: [job("j1", { stages: 20, gpusPerStage: 3 })] } });
    expect(e.message).toContain("jobs[0]: needs 20 stages × 3 GPUs = 60 GPUs, but the regions hold only 8 stage(s) of 3 GPUs");
  });

  it("loadInstance(paths) rejects a job that fits only across regions with no links between them", () => {
    const topology = { name: "islands", regions: [region("a", 4), region("b", 4)], links: [] };
    const e = instanceError({ topology, workload: { name: "w", jobs: [job("j1", { stages: 3, gpusPerStage: 2 })] } });
    expect(e.message).toContain("jobs[0]: needs 3 stages of 2 GPUs but no connected group of regions holds them (largest: a with 2); add links between regions");
  });

  it("loadInstance(paths) rejects duplicate job ids and more stages than layers", () => {
    const models = { "m1.json": model("m1", 4) };
    const e = instanceError({ models, workload: { name: "w", jobs: [job("j1"), job("j1", { stages: 6, gpusPerStage: 1 })] } });
    expect(e.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'jobs[1].id: duplicate job id "j1" (also jobs[0].id); give each job a unique id',
      "jobs[1].stages: 6 stages but m1 has 4 layers; use at most 4 stages",
    ]);
  });

  it("loadInstance(paths) reports the issues of every file at once", () => {
    const t = ringTopology() as { links: Record<string, unknown>[] };
    t.links[0]!.bandwidthGbps = 0;
    const e = instanceError({ topology: t, workload: { name: "w", jobs: [job("j1", { microBatches: 0 })] }, models: { "m1.json": { ...model("m1"), numHeads: -2 } } });
    expect(e.issues.map((i) => i.file.replace(/^.*\//, "") + ": " + i.path)).toEqual([
      "topology.json: links[0].bandwidthGbps",
      "m1.json: numHeads",
      "workload.json: jobs[0].microBatches",
    ]);
  });

  it("loadInstance(paths) accepts a valid instance and warns when jobs are out of arrival order", () => {
    const dir = writeFiles({
      "topology.json": ringTopology(),
      "workload.json": { name: "w", jobs: [job("j1", { arrivalSec: 10 }), job("j2", { arrivalSec: 5, stages: 4, gpusPerStage: 8 })] },
      "models/m1.json": model("m1"),
    });
    const inst = loadInstance({ topologyPath: join(dir, "topology.json"), workloadPath: join(dir, "workload.json"), modelsDir: join(dir, "models") });
    expect(inst.workload.jobs.map((j) => j.id)).toEqual(["j1", "j2"]);
    expect(inst.warnings.map((w) => w.path)).toEqual(["jobs"]);
  });
});
