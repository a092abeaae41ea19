/** Test helpers: a temporary instance folder with files written from objects. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** A new empty temporary folder. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "geopipe-model-"));
}

/** Writes `files` (name → object or raw text) under a new temporary folder; returns it. */
export function writeFiles(files: Record<string, unknown>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

/** A small valid region. */
export function region(id: string, gpus = 8): Record<string, unknown> {
  return {
    id,
    cloudRegion: `test:${id}`,
    gpus,
    gpu: { name: "A100-80GB", peakTflopsBf16: 312, powerW: 400, memoryGb: 80 },
    pue: 1.2,
    price: { kind: "constant", usdPerKwh: 0.1 },
    intraBandwidthGbps: 100,
    intraLatencyMs: 0.05,
  };
}

/** A small valid link. */
export function link(a: string, b: string, bandwidthGbps = 5, latencyMs = 10): Record<string, unknown> {
  return { a, b, bandwidthGbps, latencyMs };
}

/** A small valid model. */
export function model(name: string, numLayers = 24): Record<string, unknown> {
  return { name, family: "test", numLayers, hiddenSize: 2048, numHeads: 16, seqLength: 2048, vocabSize: 50257, paramCount: 1.3e9, source: "test" };
}

/** A small valid job. */
export function job(id: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, model: "m1", arrivalSec: 0, stages: 2, gpusPerStage: 2, microBatchSize: 1, microBatches: 8, iterations: 10, mfu: 0.4, ...over };
}

/** A valid four-region ring topology (a–b–c–d, 8 GPUs each). */
export function ringTopology(): Record<string, unknown> {
  return {
    name: "ring",
    regions: ["a", "b", "c", "d"].map((id) => region(id)),
    links: [link("a", "b"), link("b", "c"), link("c", "d"), link("d", "a")],
  };
}
