import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { formatJsonSchema, generateJsonSchemas, LlmModelFileSchema, TopologyFileSchema, WorkloadFileSchema } from "../../src/model/index.js";
import { ROOT } from "./helpers.js";
import { jsonSchemaErrors } from "./miniJsonSchema.js";

const schemaDoc = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(ROOT, "schema", name), "utf8")) as Record<string, unknown>;

describe("schema/*.schema.json", () => {
  it("generateJsonSchemas() equals the committed files (run `npx tsx scripts/gen-schema.ts` after changing a schema)", () => {
    const generated = generateJsonSchemas();
    expect(Object.keys(generated).sort()).toEqual(readdirSync(join(ROOT, "schema")).filter((n) => n.endsWith(".json")).sort());
    for (const [name, doc] of Object.entries(generated)) {
      expect(readFileSync(join(ROOT, "schema", name), "utf8"), name).toBe(formatJsonSchema(doc));
    }
  });

  it("every bundled file validates against its JSON Schema", () => {
    const cases: [string, string][] = [
      ...readdirSync(join(ROOT, "models")).map((n): [string, string] => [`models/${n}`, "model.schema.json"]),
      ["instances/default/topology.json", "topology.schema.json"],
      ["instances/default/topology-hourly.json", "topology.schema.json"],
      ["instances/default/workload.json", "workload.schema.json"],
    ];
    for (const [file, schema] of cases) {
      expect(jsonSchemaErrors(schemaDoc(schema), JSON.parse(readFileSync(join(ROOT, file), "utf8"))), file).toEqual([]);
    }
  });

  it("the JSON Schema rejects what the zod schema rejects: unknown keys, bad bounds, a missing field", () => {
    const doc = schemaDoc("workload.schema.json");
    const good = { name: "w", jobs: [{ id: "j", model: "m", arrivalSec: 0, stages: 1, gpusPerStage: 1, microBatchSize: 1, microBatches: 1, iterations: 1, mfu: 1 }] };
    expect(jsonSchemaErrors(doc, good)).toEqual([]);
    expect(WorkloadFileSchema.safeParse(good).success).toBe(true);
    const bad = [
      { ...good, extra: 1 },
      { ...good, jobs: [{ ...good.jobs[0], mfu: 0 }] },
      { ...good, jobs: [{ ...good.jobs[0], stages: 1.5 }] },
      { ...good, jobs: [{ ...good.jobs[0], id: "bad id" }] },
      { name: "w" },
    ];
    for (const b of bad) {
      expect(jsonSchemaErrors(doc, b).length, JSON.stringify(b)).toBeGreaterThan(0);
      expect(WorkloadFileSchema.safeParse(b).success, JSON.stringify(b)).toBe(false);
    }
  });
});

// ---- property: whatever the schema accepts survives a JSON round trip unchanged ----

/** Mostly `valid`, sometimes any finite number (negative, zero, fractional, tiny, huge), so the filter by the schema is exercised both ways. */
const mostly = (valid: fc.Arbitrary<number>): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 30, arbitrary: valid },
    { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
    { weight: 1, arbitrary: fc.constantFrom(0, -0, 1.5, -1, 5e-324, Number.MAX_VALUE) },
  );
const anyNumber = mostly(fc.oneof(fc.integer({ min: 0, max: 1024 }), fc.double({ min: 0, max: 1e9, noNaN: true })));
const posInt = mostly(fc.integer({ min: 1, max: 1_000_000 }));
const id = fc.oneof({ weight: 9, arbitrary: fc.constantFrom("a", "us-east-1", "gpt3-1.3b", "x_1:z", "B.2") }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) });
const text = fc.string({ unit: "grapheme", maxLength: 12 });

const gpu = fc.record(
  { name: text, peakTflopsBf16: anyNumber, powerW: anyNumber, idlePowerW: anyNumber, memoryGb: anyNumber },
  { requiredKeys: ["name", "peakTflopsBf16", "powerW", "memoryGb"] },
);
const price = fc.oneof(
  fc.record({ kind: fc.constant("constant"), usdPerKwh: anyNumber }),
  fc.record({ kind: fc.constant("hourly"), usdPerKwh: fc.array(anyNumber, { maxLength: 5 }) }),
);
const regionArb = fc.record({
  id,
  cloudRegion: text,
  gpus: mostly(fc.integer({ min: 0, max: 4096 })),
  gpu,
  pue: fc.oneof(fc.double({ min: 1, max: 3, noNaN: true }), anyNumber),
  price,
  intraBandwidthGbps: anyNumber,
  intraLatencyMs: anyNumber,
});
const linkArb = fc.record({ a: id, b: id, bandwidthGbps: anyNumber, latencyMs: anyNumber });
const topologyArb = fc.record(
  { $schema: text, name: text, regions: fc.array(regionArb, { minLength: 1, maxLength: 3 }), links: fc.array(linkArb, { maxLength: 3 }) },
  { requiredKeys: ["name", "regions", "links"] },
);
const modelArb = fc.record(
  {
    $schema: text,
    name: id,
    family: text,
    numLayers: posInt,
    hiddenSize: posInt,
    numHeads: posInt,
    seqLength: posInt,
    vocabSize: posInt,
    paramCount: anyNumber,
    source: text,
  },
  { requiredKeys: ["name", "family", "numLayers", "hiddenSize", "numHeads", "seqLength", "vocabSize", "paramCount", "source"] },
);
const jobArb = fc.record({
  id,
  model: id,
  arrivalSec: anyNumber,
  stages: posInt,
  gpusPerStage: posInt,
  microBatchSize: posInt,
  microBatches: posInt,
  iterations: posInt,
  mfu: fc.oneof(fc.double({ min: 0, max: 1, minExcluded: true, noNaN: true }), anyNumber),
});
const workloadArb = fc.record({ name: text, jobs: fc.array(jobArb, { maxLength: 3 }) });

/** Structural equality where numbers compare by value (JSON writes -0 as 0). */
function sameJson(a: unknown, b: unknown): boolean {
  if (typeof a === "number" || typeof b === "number") return a === b;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (typeof a === "object" && typeof b === "object" && a !== null && b !== null) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return sameJson(ka, kb) && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

function roundTrips(name: string, schema: z.ZodType, arb: fc.Arbitrary<unknown>, jsonSchemaFile: string): void {
  it(`${name}.parse(JSON.parse(JSON.stringify(x))) equals x for every x the schema accepts, and the JSON Schema accepts it too`, () => {
    const doc = schemaDoc(jsonSchemaFile);
    let accepted = 0;
    let runs = 0;
    fc.assert(
      fc.property(arb, (candidate) => {
        runs++;
        const first = schema.safeParse(candidate);
        if (!first.success) return;
        accepted++;
        const again = schema.safeParse(JSON.parse(JSON.stringify(first.data)));
        expect(again.success).toBe(true);
        expect(sameJson(again.data, first.data)).toBe(true);
        expect(jsonSchemaErrors(doc, first.data)).toEqual([]);
      }),
      { numRuns: 400 },
    );
    // the property must not hold vacuously
    expect(accepted).toBeGreaterThan(runs / 20);
  });
}

describe("round trip through JSON", () => {
  roundTrips("TopologyFileSchema", TopologyFileSchema, topologyArb, "topology.schema.json");
  roundTrips("LlmModelFileSchema", LlmModelFileSchema, modelArb, "model.schema.json");
  roundTrips("WorkloadFileSchema", WorkloadFileSchema, workloadArb, "workload.schema.json");
});
