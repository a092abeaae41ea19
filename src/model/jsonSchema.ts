/**
 * JSON Schema documents generated from the zod schemas, so editors can check
 * instance files. `scripts/gen-schema.ts` writes them to `schema/`; a test
 * fails when the committed files drift from what this generates.
 */
import { z } from "zod";
import { LlmModelFileSchema, TopologyFileSchema, WorkloadFileSchema } from "./schemas.js";

/** File name in `schema/` → JSON Schema document. */
export type JsonSchemaFiles = Readonly<Record<"topology.schema.json" | "model.schema.json" | "workload.schema.json", unknown>>;

/** The three JSON Schema documents (draft 2020-12), describing the file *input* (so `$schema` is allowed). */
export function generateJsonSchemas(): JsonSchemaFiles {
  const gen = (schema: z.ZodType): unknown => z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" });
  return {
    "topology.schema.json": gen(TopologyFileSchema),
    "model.schema.json": gen(LlmModelFileSchema),
    "workload.schema.json": gen(WorkloadFileSchema),
  };
}

/** A schema document as written to disk: two-space indent and a final newline. */
export function formatJsonSchema(doc: unknown): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
