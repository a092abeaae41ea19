/**
 * A stand-in for the full Microsoft Philly trace, for the simulator
 * benchmark (bench code only: `src/` never reads `../shared/data`). The full
 * public trace has about 80,000 jobs, 93 % of them on one GPU; the bundled
 * `philly_adaptdl_multigpu_jobs.csv` holds only its 5,620 multi-GPU rows. The
 * stand-in keeps every one of those rows and adds, seeded (mulberry32), as
 * many 1-GPU rows as make them 93 % of the total (74,666 → 80,286 rows), each
 * with the timestamp of a uniformly drawn multi-GPU row plus a uniform jitter
 * in [0, 1 h) and the duration of another uniformly drawn multi-GPU row: the
 * 1-GPU jobs arrive and last like the multi-GPU ones (ASSUMPTION: the trace's
 * 1-GPU rows are not bundled, so their own shape is unknown here). The text
 * is in the Philly format and is mapped by `readPhillyTrace`
 * (src/workload/philly.ts, docs/workloads.md) with its defaults, except
 * `timeScale`, chosen so that the offered load on the topology is `load`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Job, LlmModel, Topology } from "../../src/model/types.js";
import { parseCsv } from "../../src/model/csv.js";
import { mulberry32 } from "../../src/util/rng.js";
import { offeredLoad } from "../../src/workload/load.js";
import { parseTimestampSec, readPhillyTrace } from "../../src/workload/philly.js";

/** Share of 1-GPU jobs in the full Philly trace. */
export const ONE_GPU_SHARE = 0.93;

/** `YYYY-MM-DD HH:MM:SS` (UTC) of a time in seconds. */
const stamp = (sec: number): string => new Date(Math.round(sec) * 1000).toISOString().slice(0, 19).replace("T", " ");

/** The stand-in trace as Philly CSV text (see the module comment). */
export function phillyStandInCsv(dataDir: string, seed: number): string {
  const file = join(dataDir, "philly_adaptdl_multigpu_jobs.csv");
  const text = readFileSync(file, "utf8");
  const rows = parseCsv(text).records;
  const times = rows.map((r) => parseTimestampSec(r.timestamp ?? "") ?? NaN);
  const durations = rows.map((r) => Number(r.duration));
  const rng = mulberry32(seed);
  const extra = Math.round(rows.length / (1 - ONE_GPU_SHARE)) - rows.length;
  const lines = [text.trimEnd()];
  for (let i = 0; i < extra; i++) {
    const t = times[Math.floor(rng() * rows.length)]! + Math.floor(rng() * 3600);
    const d = durations[Math.floor(rng() * rows.length)]!;
    lines.push(`${stamp(t)},${d},1,${d},standin`);
  }
  return lines.join("\n") + "\n";
}

/** The stand-in's jobs on `topology`, arrivals scaled to offered load `load`. */
export function phillyStandInJobs(dataDir: string, seed: number, load: number, topology: Topology, models: ReadonlyMap<string, LlmModel>): readonly Job[] {
  const csv = phillyStandInCsv(dataDir, seed);
  const unscaled = readPhillyTrace(csv, { topology, models, file: "philly-stand-in.csv" });
  const measured = offeredLoad(unscaled, topology, models).load;
  if (measured === null) throw new Error("philly stand-in: offered load undefined (unplaceable jobs or zero span)");
  return readPhillyTrace(csv, { topology, models, file: "philly-stand-in.csv", timeScale: measured / load }).jobs;
}
