/**
 * What produced a results record: the code version (package version + hash
 * of the running code, `codeVersion`) and a hash of the input files the cell
 * reads (its topology, its workload file if any, every model file). The
 * coordinator stamps each record it appends; a resumed run skips a finished
 * cell only when its stamp matches, and refuses to mix records of another
 * version or other input files into one results file (docs/harness.md,
 * "Resume").
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Cell } from "./cells.js";
import { codeVersion } from "./queue/codeVersion.js";
import type { CellContext } from "./runCell.js";

/** The provenance of one record. */
export interface RecordStamp {
  /** `codeVersion()` of the process that ran the grid, e.g. `0.1.0+dist.3f9a0c41d2e7`. */
  readonly codeVersion: string;
  /** SHA-256 (16 hex digits) over the cell's input files. */
  readonly inputs: string;
}

const fileHashes = new Map<string, string>();

/** SHA-256 of a file's bytes, or of every `.json` file of a folder (sorted by name), memoised per path; "missing" when absent. */
function hashPath(p: string): string {
  const hit = fileHashes.get(p);
  if (hit !== undefined) return hit;
  const h = createHash("sha256");
  if (!existsSync(p)) h.update("missing");
  else if (statSync(p).isDirectory()) {
    for (const f of readdirSync(p).filter((x) => x.endsWith(".json")).sort()) h.update(f).update("\0").update(readFileSync(path.join(p, f))).update("\0");
  } else h.update(readFileSync(p));
  const out = h.digest("hex");
  fileHashes.set(p, out);
  return out;
}

/** The input files of a cell: topology, models folder, and the workload's files when it has them (a trace's mapping too). */
function inputFiles(cell: Cell, ctx: CellContext): string[] {
  const w = cell.spec.workload as { readonly kind: string; readonly path?: string; readonly file?: string; readonly mapping?: string };
  // a file workload's `path`; a trace's `file` and its pipeline mapping
  const own = [w.path, w.file, w.mapping].filter((f): f is string => f !== undefined);
  return [path.resolve(ctx.baseDir, cell.spec.topology), path.resolve(ctx.baseDir, ctx.modelsDir), ...own.map((f) => path.resolve(ctx.baseDir, f))];
}

/** The stamp a record of `cell` gets when this process runs it with `ctx`. */
export function stampOf(cell: Cell, ctx: CellContext): RecordStamp {
  const h = createHash("sha256");
  for (const f of inputFiles(cell, ctx)) h.update(hashPath(f)).update("\0");
  return { codeVersion: codeVersion(), inputs: h.digest("hex").slice(0, 16) };
}

/** Whether two stamps are the same. */
export function sameStamp(a: RecordStamp | undefined, b: RecordStamp): boolean {
  return a !== undefined && a.codeVersion === b.codeVersion && a.inputs === b.inputs;
}

/** A results file that holds records of another code version or other inputs for cells of this grid. */
export class StaleResultsError extends Error {
  override readonly name = "StaleResultsError";
}
