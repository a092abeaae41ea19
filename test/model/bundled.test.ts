import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_INSTANCE_PATHS, loadInstance, loadModels, loadTopology, loadWorkload, pairKey } from "../../src/model/index.js";
import { ROOT } from "./helpers.js";

const at = (p: string): string => resolve(ROOT, p);

/** Published shapes, typed in again from the papers/configs as a second entry to catch slips in models/*.json. */
const SHAPES: Record<string, [layers: number, hidden: number, heads: number, seq: number, vocab: number, params: number]> = {
  "gpt3-1.3b": [24, 2048, 24, 2048, 50257, 1.3e9],
  "gpt3-2.7b": [32, 2560, 32, 2048, 50257, 2.7e9],
  "gpt3-6.7b": [32, 4096, 32, 2048, 50257, 6.7e9],
  "gpt3-13b": [40, 5120, 40, 2048, 50257, 13e9],
  "gpt3-175b": [96, 12288, 96, 2048, 50257, 175e9],
  "llama2-7b": [32, 4096, 32, 4096, 32000, 7e9],
  "llama2-13b": [40, 5120, 40, 4096, 32000, 13e9],
  "llama2-70b": [80, 8192, 64, 4096, 32000, 70e9],
};

describe("bundled files", () => {
  it("loadModels(models/) loads the eight GPT-3 and Llama-2 shapes with a source each", () => {
    const models = loadModels(at("models"));
    expect([...models.keys()].sort()).toEqual(Object.keys(SHAPES).sort());
    for (const [name, [L, h, heads, s, v, p]] of Object.entries(SHAPES)) {
      const m = models.get(name)!;
      expect([m.numLayers, m.hiddenSize, m.numHeads, m.seqLength, m.vocabSize, m.paramCount], name).toEqual([L, h, heads, s, v, p]);
      expect(m.source).toMatch(m.family === "gpt3" ? /Brown et al\. 2020.*Table 2\.1/ : /Touvron et al\. 2023/);
    }
  });

  it("loadTopology(default) has six regions and a full mesh of 15 distinct links", () => {
    const t = loadTopology(at(DEFAULT_INSTANCE_PATHS.topologyPath));
    expect(t.regions).toHaveLength(6);
    expect(t.links).toHaveLength(15);
    expect(new Set(t.links.map((l) => pairKey(l.a, l.b))).size).toBe(15);
    for (const l of t.links) {
      // one VM pair (Skyplane): 1–10 Gbit/s; the aggregate is the per-pair figure times the smaller end's nodes (4–16)
      expect(l.perNodePairGbps).toBeGreaterThan(1);
      expect(l.perNodePairGbps).toBeLessThan(10);
      expect(l.bandwidthGbps).toBeGreaterThanOrEqual(4 * (l.perNodePairGbps as number) - 1e-9);
      expect(l.bandwidthGbps).toBeLessThanOrEqual(16 * (l.perNodePairGbps as number) + 1e-9);
      expect(l.latencyMs).toBeGreaterThan(10);
      expect(l.latencyMs).toBeLessThan(200);
    }
  });

  it("loadTopology(topology-hourly) holds 8760 hourly prices per region whose mean is the constant price", () => {
    const constant = loadTopology(at("instances/default/topology.json"));
    const hourly = loadTopology(at("instances/default/topology-hourly.json"));
    expect(hourly.links).toEqual(constant.links);
    hourly.regions.forEach((r, k) => {
      const c = constant.regions[k]!;
      expect(r.id).toBe(c.id);
      expect({ ...r, price: null }).toEqual({ ...c, price: null });
      if (r.price.kind !== "hourly" || c.price.kind !== "constant") throw new Error("price kinds");
      expect(r.price.usdPerKwh).toHaveLength(8760);
      const mean = r.price.usdPerKwh.reduce((s, x) => s + x, 0) / 8760;
      expect(Math.abs(mean - c.price.usdPerKwh), r.id).toBeLessThan(1e-5);
    });
  });

  it("loadInstance() loads the default instance: 12 jobs, all models known", () => {
    const inst = loadInstance({
      topologyPath: at(DEFAULT_INSTANCE_PATHS.topologyPath),
      workloadPath: at(DEFAULT_INSTANCE_PATHS.workloadPath),
      modelsDir: at(DEFAULT_INSTANCE_PATHS.modelsDir),
    });
    expect(inst.workload.jobs).toHaveLength(12);
    expect(inst.warnings).toEqual([]);
    for (const j of inst.workload.jobs) expect(inst.models.has(j.model)).toBe(true);
    expect(loadWorkload(at("instances/default/workload.json")).name).toMatch(/hand-made example, not a trace/);
  });

  it("every bundled JSON file points $schema at an existing file in schema/", () => {
    const files = [
      ...readdirSync(at("models")).map((n) => `models/${n}`),
      ...readdirSync(at("instances/default")).filter((n) => n.endsWith(".json")).map((n) => `instances/default/${n}`),
    ];
    expect(files.length).toBeGreaterThanOrEqual(11);
    for (const f of files) {
      const ref = (JSON.parse(readFileSync(at(f), "utf8")) as { $schema?: string }).$schema;
      expect(ref, f).toMatch(/^\.\.\/(\.\.\/)?schema\/(topology|model|workload)\.schema\.json$/);
      expect(existsSync(resolve(dirname(at(f)), ref!)), f).toBe(true);
    }
  });
});
