/**
 * Test helper: a small JSON Schema (2020-12) checker for exactly the keywords
 * our generated schemas use. It throws on any other keyword, so a generator
 * change that emits something new fails the tests instead of being ignored.
 */
const KNOWN = new Set([
  "$schema", "title", "description", "type", "properties", "required", "additionalProperties",
  "items", "minItems", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
  "minLength", "maxLength", "pattern", "const", "oneOf",
]);

type Schema = Record<string, unknown>;

/** Error strings `path: reason`; empty when `value` conforms. */
export function jsonSchemaErrors(schema: Schema, value: unknown, path = "$"): string[] {
  for (const k of Object.keys(schema)) if (!KNOWN.has(k)) throw new Error(`miniJsonSchema: unsupported keyword ${k} at ${path}`);
  const errs: string[] = [];
  const t = schema.type as string | undefined;
  if (t !== undefined && !hasType(value, t)) return [`${path}: expected ${t}`];
  if ("const" in schema && value !== schema.const) errs.push(`${path}: expected const ${JSON.stringify(schema.const)}`);
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) errs.push(`${path}: < minimum`);
    if (typeof schema.maximum === "number" && value > schema.maximum) errs.push(`${path}: > maximum`);
    if (typeof schema.exclusiveMinimum === "number" && value <= schema.exclusiveMinimum) errs.push(`${path}: <= exclusiveMinimum`);
    if (typeof schema.exclusiveMaximum === "number" && value >= schema.exclusiveMaximum) errs.push(`${path}: >= exclusiveMaximum`);
  }
  if (typeof value === "string") {
    const n = [...value].length;
    if (typeof schema.minLength === "number" && n < schema.minLength) errs.push(`${path}: too short`);
    if (typeof schema.maxLength === "number" && n > schema.maxLength) errs.push(`${path}: too long`);
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) errs.push(`${path}: pattern`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems) errs.push(`${path}: too few items`);
    if (schema.items !== undefined) value.forEach((v, i) => errs.push(...jsonSchemaErrors(schema.items as Schema, v, `${path}[${i}]`)));
  }
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const r of (schema.required ?? []) as string[]) if (!(r in obj)) errs.push(`${path}.${r}: required`);
    for (const [k, v] of Object.entries(obj)) {
      if (props[k] !== undefined) errs.push(...jsonSchemaErrors(props[k], v, `${path}.${k}`));
      else if (schema.additionalProperties === false) errs.push(`${path}.${k}: additional property`);
    }
  }
  if (Array.isArray(schema.oneOf)) {
    const passing = (schema.oneOf as Schema[]).filter((s) => jsonSchemaErrors(s, value, path).length === 0).length;
    if (passing !== 1) errs.push(`${path}: matches ${passing} of oneOf`);
  }
  return errs;
}

function hasType(v: unknown, t: string): boolean {
  switch (t) {
    case "object": return typeof v === "object" && v !== null && !Array.isArray(v);
    case "array": return Array.isArray(v);
    case "string": return typeof v === "string";
    case "number": return typeof v === "number" && Number.isFinite(v);
    case "integer": return typeof v === "number" && Number.isInteger(v);
    case "boolean": return typeof v === "boolean";
    case "null": return v === null;
    default: throw new Error(`miniJsonSchema: unsupported type ${t}`);
  }
}
