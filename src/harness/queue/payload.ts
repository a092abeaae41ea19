/**
 * What a queued cell carries: the cell, the code version it must run with,
 * and references (SHA-256 of the JSON text) to the topology, models and
 * workload documents, which the coordinator stores once in Redis beside the
 * queue. The coordinator reads every file with the same loaders as a local
 * run, so a bad file fails the same way, before anything is queued.
 */
import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { readJsonFile } from "../../model/json.js";
import { loadModels, loadTopology, loadWorkload } from "../../model/load.js";
import { canonicalJson, type Cell } from "../cells.js";
import { cellSources, type CellContext } from "../runCell.js";
import type { ModelFileEntry, ResolvedInputs, SourceBlob } from "./resolvedInputs.js";

/** Format number of {@link CellPayload}; a worker refuses another. */
export const PAYLOAD_FORMAT = 1;

/** A document a payload refers to. */
export interface BlobRef {
  /** SHA-256 (hex) of the document's JSON text. */
  readonly sha256: string;
  /** The file (or models folder) it was read from; named in error messages. */
  readonly file: string;
}

/** The data of one BullMQ job: everything a worker needs to run the cell, by value or by content hash. */
export interface CellPayload {
  /** {@link PAYLOAD_FORMAT}. */
  readonly format: number;
  /** The coordinator's code version (src/harness/queue/codeVersion.ts); a worker with another refuses the job. */
  readonly codeVersion: string;
  /** The cell (id and spec: workload spec or generator settings, scheduler, seed, scales, gap settings). */
  readonly cell: Cell;
  /** The topology document. */
  readonly topology: BlobRef;
  /** The models document (an array of model files). */
  readonly models: BlobRef;
  /** A file workload's document, or a trace workload as imported for the cell's seed; null for a generated workload. */
  readonly workload: BlobRef | null;
}

/** SHA-256 of `text`, hex. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Hex digits of the payload digest in a job id. */
export const JOB_DIGEST_DIGITS = 12;

/**
 * The BullMQ job id of a payload: `cell-<cell id>-<digest of the payload>`. The same cell with the same
 * inputs and code gets the same id (re-adding it is a no-op); other inputs or code get another. No ':'
 * (BullMQ rejects most custom ids that contain one) and never all digits (it rejects integer ids).
 */
export function jobIdOf(payload: CellPayload): string {
  return `cell-${payload.cell.id}-${sha256Hex(canonicalJson(payload)).slice(0, JOB_DIGEST_DIGITS)}`;
}

/** A payload and the documents it refers to. */
export interface ResolvedCell {
  /** The job data. */
  readonly payload: CellPayload;
  /** Its documents (to store in Redis). */
  readonly blobs: readonly SourceBlob[];
}

function blob(file: string, value: unknown): SourceBlob {
  const text = JSON.stringify(value);
  return { sha256: sha256Hex(text), file, text };
}

const ref = (b: SourceBlob): BlobRef => ({ sha256: b.sha256, file: b.file });

/** Reads a validated JSON file's value (the loader has already reported any problem). */
function jsonOf(file: string): unknown {
  const r = readJsonFile(file, "an instance file");
  if (!r.ok) throw new Error(`${file}: changed while being read; run again`);
  return r.value;
}

/** Resolves cells into payloads, reading (and validating) each file once. */
export class CellResolver {
  private readonly docs = new Map<string, SourceBlob>();

  constructor(
    private readonly ctx: CellContext,
    private readonly version: string,
  ) {}

  private doc(key: string, make: () => SourceBlob): SourceBlob {
    const hit = this.docs.get(key);
    if (hit !== undefined) return hit;
    const b = make();
    this.docs.set(key, b);
    return b;
  }

  /** The payload of `cell`; throws as a local run would on a missing or invalid file. */
  resolve(cell: Cell): ResolvedCell {
    const topoFile = path.resolve(this.ctx.baseDir, cell.spec.topology);
    const topology = this.doc(`t:${topoFile}`, () => {
      loadTopology(topoFile);
      return blob(topoFile, jsonOf(topoFile));
    });
    const modelsDir = path.resolve(this.ctx.baseDir, this.ctx.modelsDir);
    const models = this.doc(`m:${modelsDir}`, () => {
      loadModels(modelsDir);
      const names = readdirSync(modelsDir).filter((n) => n.endsWith(".json")).sort();
      return blob(modelsDir, names.map((n): ModelFileEntry => ({ file: path.join(modelsDir, n), value: jsonOf(path.join(modelsDir, n)) })));
    });
    const w = cell.spec.workload;
    const workload =
      w.kind === "file"
        ? this.doc(`w:${path.resolve(this.ctx.baseDir, w.path)}`, () => {
            const file = path.resolve(this.ctx.baseDir, w.path);
            loadWorkload(file);
            return blob(file, jsonOf(file));
          })
        : w.kind === "trace"
          ? this.doc(`w:${canonicalJson({ w, seed: cell.spec.seed, topology: topoFile })}`, () => {
              // The coordinator imports the trace for the cell's seed (window or resample), as a local run
              // does, and ships the imported workload: a worker needs neither the trace file nor its mapping.
              const { file, workload: imported } = cellSources(cell, this.ctx).workload();
              return blob(file, imported);
            })
          : null;
    const payload: CellPayload = { format: PAYLOAD_FORMAT, codeVersion: this.version, cell, topology: ref(topology), models: ref(models), workload: workload === null ? null : ref(workload) };
    return { payload, blobs: workload === null ? [topology, models] : [topology, models, workload] };
  }
}

/** The inputs of a payload from its documents (texts by SHA-256), or the first document missing. */
export function inputsOf(payload: CellPayload, texts: ReadonlyMap<string, string>): ResolvedInputs | { readonly missing: BlobRef } {
  const full = (r: BlobRef): SourceBlob | null => {
    const text = texts.get(r.sha256);
    return text === undefined ? null : { ...r, text };
  };
  const topology = full(payload.topology);
  if (topology === null) return { missing: payload.topology };
  const models = full(payload.models);
  if (models === null) return { missing: payload.models };
  if (payload.workload === null) return { topology, models, workload: null };
  const workload = full(payload.workload);
  return workload === null ? { missing: payload.workload } : { topology, models, workload };
}
