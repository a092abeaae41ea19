/**
 * Trace data shipped with the package (data/traces/, README there): compact
 * derived tables that synthesis needs on a fresh install. `philly` is the
 * durations of the 5,620 multi-GPU jobs of the Philly trace's AdaptDL export,
 * by GPU count (no timestamps), rebuilt by `npx tsx scripts/build-trace-data.ts`.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import type { DurationPool } from "./synthesis.js";

/** Named duration sources: bundled ones and `self` (the imported trace's own durations). */
export const DURATION_SOURCES = ["philly", "self"] as const;

/** A duration source name. */
export type DurationSource = (typeof DURATION_SOURCES)[number];

/** The bundled data folder (`data/` at the package root, from src/ and dist/ alike). */
export const DATA_DIR = fileURLToPath(new URL("../../../data/", import.meta.url));

/** The file of the bundled Philly durations. */
export const PHILLY_DURATIONS_FILE = `${DATA_DIR}traces/philly-durations.json.gz`;

/** The bundled durations file: where they come from and the durations by GPU count. */
export interface DurationTable {
  /** Source and licence, one line each. */
  readonly source: readonly string[];
  /** Rows the table was built from. */
  readonly jobs: number;
  /** Durations in seconds, ascending, by GPU count (JSON keys are the counts). */
  readonly durationsSecByGpus: Readonly<Record<string, readonly number[]>>;
}

let philly: DurationPool | null = null;

/** Reads (once) the bundled Philly durations as a pool by GPU count. */
export function phillyDurations(): DurationPool {
  philly ??= poolFromTable(JSON.parse(gunzipSync(readFileSync(PHILLY_DURATIONS_FILE)).toString("utf8")) as DurationTable);
  return philly;
}

/** A pool from a duration table. */
export function poolFromTable(table: DurationTable): DurationPool {
  return new Map(Object.entries(table.durationsSecByGpus).map(([g, d]) => [Number(g), d] as const));
}
