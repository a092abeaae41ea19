/**
 * Reads a trace file from disk: plain text, or gzip (recognised by its magic
 * bytes, whatever the name) through node:zlib. Also its SHA-256 for the
 * provenance.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { resolve } from "node:path";
import { InstanceError } from "../../model/issues.js";
import { readJsonFile } from "../../model/json.js";
import { importTrace, type TraceImport } from "./import.js";
import { parseTraceMapping, TRACE_MAPPINGS, type TraceMapping } from "./mapping.js";
import type { TraceImportOptions } from "./options.js";

/** A trace file's text and the SHA-256 (hex) of its bytes as stored. */
export function readTraceFile(path: string): { readonly text: string; readonly sha256: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === "ENOENT" ? "file not found" : code === "EISDIR" ? "is a directory, not a file" : `cannot read it (${code ?? String(e)})`;
    throw new InstanceError([{ file: path, path: "", message: `${why}; pass a trace file (.csv, .csv.gz or Philly's cluster_job_log JSON)` }]);
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return { text: gunzipSync(bytes).toString("utf8"), sha256 };
    } catch (e) {
      throw new InstanceError([{ file: path, path: "", message: `not a readable gzip file (${e instanceof Error ? e.message : String(e)}); re-download it or pass the uncompressed file` }]);
    }
  }
  return { text: bytes.toString("utf8"), sha256 };
}

/** {@link importTrace} of a file (gzip or not); `options.file` defaults to `path`. */
export function importTraceFile(path: string, options: TraceImportOptions): TraceImport {
  const { text, sha256 } = readTraceFile(path);
  return importTrace(text, { file: path, ...options }, { sha256 });
}

/** A built-in mapping by name, or a mapping file (`.json`, relative to `baseDir`); throws an {@link InstanceError} naming the file and field. */
export function loadTraceMapping(spec: string, baseDir = "."): TraceMapping {
  const builtIn = TRACE_MAPPINGS[spec];
  if (builtIn !== undefined) return builtIn;
  const names = Object.keys(TRACE_MAPPINGS).join(", ");
  if (!spec.endsWith(".json")) throw new InstanceError([{ file: spec, path: "", message: `unknown mapping; use one of ${names} or a mapping file (.json, docs/workloads.md)` }]);
  const json = readJsonFile(resolve(baseDir, spec), `a trace mapping file (JSON, docs/workloads.md), or one of ${names}`);
  if (!json.ok) throw new InstanceError([json.issue]);
  const r = parseTraceMapping(json.value, spec);
  if (!r.ok) throw new InstanceError(r.issues);
  return r.value;
}
