/**
 * The input of a queued cell as the worker receives it: the JSON of the
 * coordinator's topology file, model files and workload file (no shared file
 * system), parsed with the same validators as the local loaders and cached by
 * content hash, then turned into the same simulator input as a local run.
 * Runs inside the worker thread (src/harness/cellWorker.ts).
 */
import { InstanceError } from "../../model/issues.js";
import { parseModels, parseTopology, parseWorkload, type Parsed } from "../../model/load.js";
import type { LlmModel, Topology, Workload } from "../../model/types.js";
import type { SimInput } from "../../sim/result.js";
import type { Cell } from "../cells.js";
import type { CellRecord } from "../results.js";
import { cellInputFrom, runCellWith } from "../runCell.js";

/** A JSON document shipped with a queued cell, named by the SHA-256 of its text. */
export interface SourceBlob {
  /** SHA-256 (hex) of `text`. */
  readonly sha256: string;
  /** The file (or models folder) it was read from on the coordinator; named in error messages. */
  readonly file: string;
  /** The JSON text. */
  readonly text: string;
}

/** One model file of a models blob (the blob's JSON is an array of these, in file-name order). */
export interface ModelFileEntry {
  /** The model file's path on the coordinator. */
  readonly file: string;
  /** Its parsed JSON. */
  readonly value: unknown;
}

/** Everything a queued cell reads. */
export interface ResolvedInputs {
  /** The topology file (links unscaled). */
  readonly topology: SourceBlob;
  /** The models folder: an array of {@link ModelFileEntry}. */
  readonly models: SourceBlob;
  /** A file workload, or a trace workload as the coordinator imported it for the cell's seed; null for a generated one (the worker generates it from the cell's spec and seed). */
  readonly workload: SourceBlob | null;
}

/** Parsed documents a thread keeps per kind (the oldest is dropped beyond this). */
export const PARSED_CACHE_ENTRIES = 16;

const topologies = new Map<string, Topology>();
const modelSets = new Map<string, ReadonlyMap<string, LlmModel>>();
const workloads = new Map<string, Workload>();

function once<T, U>(cache: Map<string, U>, blob: SourceBlob, parse: (value: unknown) => Parsed<T>, pick: (t: T) => U): U {
  const hit = cache.get(blob.sha256);
  if (hit !== undefined) return hit;
  const r = parse(JSON.parse(blob.text));
  if (!r.ok) throw new InstanceError(r.issues);
  const value = pick(r.value);
  if (cache.size >= PARSED_CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(blob.sha256, value);
  return value;
}

/** The simulator input of `cell` from shipped inputs (throws on invalid ones, as the loaders do). */
export function resolvedCellInput(cell: Cell, inputs: ResolvedInputs): SimInput {
  const topology = once(topologies, inputs.topology, (v) => parseTopology(v, inputs.topology.file), (t) => t);
  const models = once(modelSets, inputs.models, (v) => parseModels(v as readonly ModelFileEntry[]), (m) => m);
  const w = inputs.workload;
  const workload = (): { file: string; workload: Workload } => {
    if (w === null) throw new Error(`cell ${cell.id}: its ${cell.spec.workload.kind} workload was not shipped with the job; the coordinator's payload is incomplete`);
    return { file: w.file, workload: once(workloads, w, (v) => parseWorkload(v, w.file), (x) => x) };
  };
  return cellInputFrom(cell, { topology, models, workload });
}

/** Runs `cell` on shipped inputs; never throws (a failure is an error record, as in {@link runCellWith}). */
export function runResolvedCell(cell: Cell, inputs: ResolvedInputs): Promise<CellRecord> {
  return runCellWith(cell, () => resolvedCellInput(cell, inputs));
}
