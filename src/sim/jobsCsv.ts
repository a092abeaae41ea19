/**
 * `jobs.csv`: one row per job record of a simulation (written by `geopipe
 * simulate` and, with records on, by `geopipe compare` for every cell).
 */
import type { JobRecord } from "./types.js";

/** Quotes a CSV field when it holds a comma, quote or line break (RFC 4180). */
function csvField(value: string | number | null): string {
  if (value === null) return "";
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Columns of `jobs.csv`. */
export const JOBS_CSV_HEADER = [
  "jobId", "model", "arrivalSec", "startSec", "finishSec", "jctSec", "waitSec", "path",
  "gpusByRegion", "reservedGbps", "iterationSec", "energyKwh", "costUsd", "unschedulableReason",
] as const;

/** `jobs.csv`: one row per job record; the path joined by `>`, maps as `key=value` joined by `;`. */
export function jobsCsv(records: readonly JobRecord[]): string {
  const pairs = (o: Readonly<Record<string, number>>) => Object.entries(o).map(([k, v]) => `${k}=${v}`).join(";");
  const rows = records.map((r) =>
    [r.jobId, r.model, r.arrivalSec, r.startSec, r.finishSec, r.jctSec, r.waitSec, r.path?.join(">") ?? null,
      pairs(r.gpusByRegion), pairs(r.reservedGbps), r.iterationSec, r.energyKwh, r.costUsd, r.unschedulableReason]
      .map(csvField)
      .join(","),
  );
  return [JOBS_CSV_HEADER.join(","), ...rows].join("\n") + "\n";
}
