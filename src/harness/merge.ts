/**
 * Combines results files (the slices of `geopipe compare --shard`, or runs on
 * several machines) into one (`geopipe merge`). Within a file the latest
 * record of a cell counts, as on resume. Across files a cell found more than
 * once is a duplicate; a finished record wins over a failed one; two finished
 * records whose content differs (wall times aside) are a conflict — the same
 * cell gave two results, so no file is written and the caller says which.
 */
import { canonicalJson } from "./cells.js";
import { latestById, type CellRecord, type ReadResults } from "./results.js";

/** One input file. */
export interface MergeInput {
  /** Its path (named in reports). */
  readonly file: string;
  /** Its contents. */
  readonly results: ReadResults;
}

/** A cell with two different finished records. */
export interface MergeConflict {
  /** Cell id. */
  readonly id: string;
  /** The file of the kept record, then those whose records differ from it. */
  readonly files: readonly string[];
  /** The record of the first file. */
  readonly first: CellRecord;
}

/** What {@link mergeResults} found. */
export interface MergeOutcome {
  /** One record per cell, in the order cells first appear (input order, then file order). */
  readonly records: readonly CellRecord[];
  /** Cells found in more than one file. */
  readonly duplicates: number;
  /** Cells that failed in one file and finished in another (the finished record is kept). */
  readonly recovered: number;
  /** Cells with finished records of different content; when any, the merge must not be written. */
  readonly conflicts: readonly MergeConflict[];
  /** The code versions the kept records were computed with (`stamp.codeVersion`; "unstamped" for records of older versions); more than one: the merge must not be written. */
  readonly codeVersions: readonly string[];
}

/** Fields that hold wall-clock measurements (machine-dependent), at any depth of a record. */
export const TIMING_FIELDS: readonly string[] = ["wallMs", "solveMs"];

function withoutTimes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTimes);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !TIMING_FIELDS.includes(k)).map(([k, v]) => [k, withoutTimes(v)]));
}

/** A record without its machine-dependent fields ({@link TIMING_FIELDS}): what two runs of a cell must agree on. */
export function recordContent(r: CellRecord): string {
  return canonicalJson(withoutTimes(r));
}

/** Merges `inputs` (see the module comment). */
export function mergeResults(inputs: readonly MergeInput[]): MergeOutcome {
  const seen = new Map<string, Array<{ readonly file: string; readonly record: CellRecord }>>();
  for (const { file, results } of inputs) {
    for (const record of latestById(results.records).values()) {
      const list = seen.get(record.id);
      if (list === undefined) seen.set(record.id, [{ file, record }]);
      else list.push({ file, record });
    }
  }
  const records: CellRecord[] = [];
  const conflicts: MergeConflict[] = [];
  let duplicates = 0;
  let recovered = 0;
  for (const [id, list] of seen) {
    if (list.length > 1) duplicates++;
    const ok = list.filter((x) => x.record.status === "ok");
    const kept = ok[0] ?? (list[0] as (typeof list)[number]);
    if (ok.length > 0 && ok.length < list.length) recovered++;
    const content = recordContent(kept.record);
    const differing = ok.slice(1).filter((x) => recordContent(x.record) !== content);
    if (differing.length > 0) conflicts.push({ id, files: [kept.file, ...differing.map((x) => x.file)], first: kept.record });
    records.push(kept.record);
  }
  const codeVersions = [...new Set(records.map((r) => r.stamp?.codeVersion ?? "unstamped"))].sort();
  return { records, duplicates, recovered, conflicts, codeVersions };
}
