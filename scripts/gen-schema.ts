/**
 * Writes the JSON Schema files in `schema/` from the zod schemas in
 * `src/model/schemas.ts`. Run after changing a schema:
 *
 *   npx tsx scripts/gen-schema.ts
 *
 * A test (test/model/jsonSchema.test.ts) fails when the files drift.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { formatJsonSchema, generateJsonSchemas } from "../src/model/jsonSchema.js";

const outDir = resolve(process.argv[2] ?? "schema");
mkdirSync(outDir, { recursive: true });
for (const [name, doc] of Object.entries(generateJsonSchemas())) {
  writeFileSync(join(outDir, name), formatJsonSchema(doc));
  console.log(`wrote ${join(outDir, name)}`);
}
