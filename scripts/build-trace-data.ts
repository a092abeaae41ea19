/**
 * Rebuilds the bundled trace data (data/traces/, see data/README.md) from the
 * shared measured data:
 *
 *   npx tsx scripts/build-trace-data.ts --data ../shared/data
 *
 * data/traces/philly-durations.json.gz: the `duration` column of
 * philly_adaptdl_multigpu_jobs.csv (petuum/adaptdl @de25dcc9,
 * simulator/traces/philly.csv, rows with num_gpus >= 2), grouped by
 * `num_gpus`, ascending; no timestamps, no cluster ids. A test
 * (test/workload/traceData.test.ts) rebuilds it and compares whenever the
 * shared folder is present.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { parseCsv } from "../src/model/csv.js";
import { PHILLY_DURATIONS_FILE, type DurationTable } from "../src/workload/trace/bundled.js";

/** The shared file the Philly durations come from. */
export const PHILLY_SOURCE = "philly_adaptdl_multigpu_jobs.csv";

/** The duration table of the Philly AdaptDL CSV text. */
export function phillyDurationTable(csvText: string): DurationTable {
  const { records } = parseCsv(csvText);
  const by = new Map<number, number[]>();
  records.forEach((r, k) => {
    const g = Number(r.num_gpus);
    const d = Number(r.duration);
    if (!Number.isInteger(g) || !(d >= 0)) throw new Error(`${PHILLY_SOURCE}: row ${k + 2}: bad num_gpus or duration`);
    by.set(g, [...(by.get(g) ?? []), d]);
  });
  const counts = [...by.keys()].sort((a, b) => a - b);
  return {
    source: [
      "Microsoft Philly trace (msr-fiddle/philly-traces, provided as is; cite Jeon et al., ATC'19), AdaptDL export petuum/adaptdl @de25dcc9 simulator/traces/philly.csv (Apache-2.0), rows with num_gpus >= 2",
      "durations in seconds by num_gpus, ascending; timestamps and cluster ids dropped (scripts/build-trace-data.ts)",
    ],
    jobs: records.length,
    durationsSecByGpus: Object.fromEntries(counts.map((g) => [String(g), by.get(g)!.sort((a, b) => a - b)] as const)),
  };
}

/** JSON text of a duration table: one line per GPU count. */
export function durationTableJson(table: DurationTable): string {
  const lines = Object.entries(table.durationsSecByGpus).map(([g, d]) => `    ${JSON.stringify(g)}: ${JSON.stringify(d)}`);
  return `{\n  "source": ${JSON.stringify(table.source)},\n  "jobs": ${table.jobs},\n  "durationsSecByGpus": {\n${lines.join(",\n")}\n  }\n}\n`;
}

function main(argv: readonly string[]): void {
  const k = argv.indexOf("--data");
  const dataDir = resolve(k >= 0 && argv[k + 1] !== undefined ? argv[k + 1]! : "../shared/data");
  const src = join(dataDir, PHILLY_SOURCE);
  if (!existsSync(src)) throw new Error(`${src} not found; pass the shared data folder with --data (e.g. --data ../shared/data)`);
  const table = phillyDurationTable(readFileSync(src, "utf8"));
  mkdirSync(dirname(PHILLY_DURATIONS_FILE), { recursive: true });
  writeFileSync(PHILLY_DURATIONS_FILE, gzipSync(durationTableJson(table), { level: 9 }));
  console.log(`wrote ${PHILLY_DURATIONS_FILE} (${table.jobs} jobs, GPU counts ${Object.keys(table.durationsSecByGpus).join(", ")})`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2));
}
