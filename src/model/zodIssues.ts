/**
 * Turns zod issues into {@link InstanceIssue}s with a field path, what was
 * expected, what was found, and (for unknown keys) the likely intended key
 * and the allowed ones.
 */
import type { z } from "zod";
import { closest, describeValue, formatPath, listValid, type InstanceIssue } from "./issues.js";

type AnySchema = z.ZodType;
type ZodIssue = z.core.$ZodIssue;

/** Validates `value` against `schema`; typed output or the issues, each naming `file` and a field path. */
export function validateWith<S extends AnySchema>(
  schema: S,
  value: unknown,
  file: string,
): { readonly ok: true; readonly value: z.infer<S> } | { readonly ok: false; readonly issues: readonly InstanceIssue[] } {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return { ok: true, value: parsed.data as z.infer<S> };
  return { ok: false, issues: parsed.error.issues.flatMap((i) => toInstanceIssues(i, schema, file)) };
}

/** One zod issue to one or more instance issues (one per unknown key). */
export function toInstanceIssues(issue: ZodIssue, root: AnySchema, file: string): InstanceIssue[] {
  const path = formatPath(issue.path);
  const input = (issue as { input?: unknown }).input;
  const got = describeValue(input);
  switch (issue.code) {
    case "unrecognized_keys": {
      const allowed = allowedKeysAt(root, issue.path);
      return issue.keys.map((key) => {
        const hint = allowed.length > 0 ? closest(key, allowed) : null;
        const fix = hint !== null ? `did you mean "${hint}"? ` : "";
        const list = allowed.length > 0 ? `allowed keys: ${listValid(allowed)}` : "remove it";
        return { file, path: formatPath([...issue.path, key]), message: `unknown key; ${fix}${list}` };
      });
    }
    case "invalid_type": {
      if (input === undefined) return [{ file, path, message: `is missing; add it (${article(issue.expected)})` }];
      return [{ file, path, message: `must be ${article(issue.expected)}, got ${got}` }];
    }
    case "too_small": {
      const op = issue.inclusive === false ? ">" : ">=";
      if (issue.origin === "array") {
        return [{ file, path, message: `must have at least ${String(issue.minimum)} item(s), got ${Array.isArray(input) ? input.length : got}` }];
      }
      if (issue.origin === "string") return [{ file, path, message: `must not be empty` }];
      return [{ file, path, message: `must be ${op} ${String(issue.minimum)}, got ${got}` }];
    }
    case "too_big": {
      const op = issue.inclusive === false ? "<" : "<=";
      if (issue.origin === "string") return [{ file, path, message: `must be at most ${String(issue.maximum)} characters long` }];
      return [{ file, path, message: `must be ${op} ${String(issue.maximum)}, got ${got}` }];
    }
    case "invalid_union": {
      const note = issue as { discriminator?: string; options?: readonly unknown[] };
      if (note.discriminator !== undefined && note.options !== undefined) {
        const value = isRecord(input) ? input[note.discriminator] : input;
        const options = note.options.map((o) => JSON.stringify(o)).join(", ");
        return [{ file, path, message: `must be one of ${options}, got ${describeValue(value)}` }];
      }
      return [{ file, path, message: `${issue.message}, got ${got}` }];
    }
    case "invalid_value":
      return [{ file, path, message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${got}` }];
    case "invalid_format":
      return [{ file, path, message: `${issue.message}, got ${got}` }];
    default:
      return [{ file, path, message: `${issue.message}, got ${got}` }];
  }
}

function article(expected: string): string {
  if (expected === "int") return "an integer";
  if (expected === "object" || expected === "array") return `an ${expected}`;
  return `a ${expected}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The keys an object schema at `path` allows (empty when the path does not lead to one object schema). */
export function allowedKeysAt(root: AnySchema, path: readonly PropertyKey[]): string[] {
  let candidates: AnySchema[] = [root];
  for (const seg of path) {
    const next: AnySchema[] = [];
    for (const s of candidates.flatMap(unwrap)) {
      const def = s._zod.def as { type: string; shape?: Record<string, AnySchema>; element?: AnySchema };
      if (def.type === "object" && typeof seg === "string" && def.shape?.[seg] !== undefined) next.push(def.shape[seg]);
      else if (def.type === "array" && typeof seg === "number" && def.element !== undefined) next.push(def.element);
    }
    candidates = next;
  }
  const keys = new Set<string>();
  for (const s of candidates.flatMap(unwrap)) {
    const def = s._zod.def as { type: string; shape?: Record<string, AnySchema> };
    if (def.type === "object" && def.shape !== undefined) for (const k of Object.keys(def.shape)) keys.add(k);
  }
  return [...keys];
}

/** Optional/union wrappers to the schemas inside them. */
function unwrap(s: AnySchema): AnySchema[] {
  const def = s._zod.def as { type: string; innerType?: AnySchema; options?: readonly AnySchema[] };
  if ((def.type === "optional" || def.type === "nullable" || def.type === "default") && def.innerType !== undefined) {
    return unwrap(def.innerType);
  }
  if (def.type === "union" && def.options !== undefined) return def.options.flatMap(unwrap);
  return [s];
}
