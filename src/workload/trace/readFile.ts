/**
 * Reads a trace file from disk: plain text, or gzip (recognised by its magic
 * bytes, whatever the name) through node:zlib. Also its SHA-256 for the
 * provenance.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { InstanceError } from "../../model/issues.js";
import { importTrace, type TraceImport } from "./import.js";
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
