/**
 * Rebuilds the bundled measured grid (data/grid/skyplane-greendcc.json.gz,
 * see data/README.md) from the shared data folder:
 *
 *   npx tsx scripts/build-grid-data.ts --data ../shared/data
 *
 * Kept: rows of skyplane_throughput_grid_slim.csv and skyplane_latency_grid.csv
 * whose two ends are both PREMIUM tier (GCP rows also come in STANDARD tier;
 * AWS and Azure are PREMIUM only), with `throughput_received_bps` and
 * `avg_rtt` per direction, every sample; the rows of
 * greendcc_price_region_to_cloud_region.csv as written; each market's 2023
 * hourly prices from greendcc_hourly_prices_2023_usd_mwh_wide.csv in cents
 * per MWh (checked: 8,760 consecutive hours from 2023-01-01 00:00 UTC, at
 * most 2 decimals) and its 2023 mean from
 * greendcc_electricity_price_summary_usd_per_mwh.csv. A test
 * (test/model/derive/grid.test.ts) rebuilds the file and compares whenever
 * the shared folder is present.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { parseCsv } from "../src/model/csv.js";
import { GRID_FILE, type DirectedSamples, type MarketPrices, type MeasuredGrid } from "../src/model/derive/grid.js";
import { formatUtc, parseUtcDateTime } from "../src/model/utcTime.js";

/** The shared files the grid is built from. */
export const GRID_SOURCES = {
  throughput: "skyplane_throughput_grid_slim.csv",
  latency: "skyplane_latency_grid.csv",
  mapping: "greendcc_price_region_to_cloud_region.csv",
  hourly: "greendcc_hourly_prices_2023_usd_mwh_wide.csv",
  summary: "greendcc_electricity_price_summary_usd_per_mwh.csv",
} as const;

type Records = ReturnType<typeof parseCsv>["records"];

function num(text: string | undefined, where: string): number {
  const x = Number(text);
  if (text === undefined || text.trim() === "" || !Number.isFinite(x)) throw new Error(`${where}: not a number: ${JSON.stringify(text)}`);
  return x;
}

/** Samples of `column` per direction, PREMIUM at both ends, directions in first-seen order. */
function directed(records: Records, column: string, file: string): { samples: DirectedSamples[]; kept: number } {
  const by = new Map<string, { src: string; dst: string; values: number[] }>();
  let kept = 0;
  records.forEach((r, k) => {
    if (r.src_tier !== "PREMIUM" || r.dst_tier !== "PREMIUM") return;
    kept++;
    const key = `${r.src_region}\u0000${r.dst_region}`;
    const e = by.get(key) ?? { src: r.src_region!, dst: r.dst_region!, values: [] };
    e.values.push(num(r[column], `${file} row ${k + 2} ${column}`));
    by.set(key, e);
  });
  return { samples: [...by.values()].map((e) => [e.src, e.dst, e.values] as const), kept };
}

/** The grid from the five shared files' text. */
export function buildGrid(text: Readonly<Record<keyof typeof GRID_SOURCES, string>>): MeasuredGrid {
  const tp = parseCsv(text.throughput).records;
  const lat = parseCsv(text.latency).records;
  const throughput = directed(tp, "throughput_received_bps", GRID_SOURCES.throughput);
  const rtt = directed(lat, "avg_rtt", GRID_SOURCES.latency);
  const instanceClass: Record<string, string> = {};
  for (const r of tp) {
    for (const side of ["src", "dst"] as const) {
      const cloud = r[`${side}_region`]!.split(":")[0]!;
      const cls = r[`${side}_instance_class`]!;
      if (instanceClass[cloud] !== undefined && instanceClass[cloud] !== cls) throw new Error(`${GRID_SOURCES.throughput}: ${cloud} has two instance classes`);
      instanceClass[cloud] = cls;
    }
  }
  const marketMapping = parseCsv(text.mapping).records.map((r) => ({ market: r.price_region!, gcp: r.gcp_region!, aws: r.aws_region!, azure: r.azure_region! }));
  const hourly = parseCsv(text.hourly);
  const hours = hourly.records.map((r, k) => {
    const ms = parseUtcDateTime(r.datetime_utc!);
    if (ms === null) throw new Error(`${GRID_SOURCES.hourly} row ${k + 2}: bad datetime_utc`);
    return ms;
  });
  hours.forEach((ms, k) => {
    if (ms !== hours[0]! + k * 3_600_000) throw new Error(`${GRID_SOURCES.hourly} row ${k + 2}: hours are not consecutive`);
  });
  const summary = parseCsv(text.summary).records.filter((r) => r.year === "2023");
  const markets: Record<string, MarketPrices> = {};
  for (const market of hourly.header.filter((h) => h !== "datetime_utc")) {
    const cents = hourly.records.map((r, k) => {
      const c = num(r[market], `${GRID_SOURCES.hourly} row ${k + 2} ${market}`) * 100;
      if (Math.abs(c - Math.round(c)) > 1e-6) throw new Error(`${GRID_SOURCES.hourly} row ${k + 2} ${market}: more than 2 decimals`);
      return Math.round(c);
    });
    const row = summary.find((s) => s.region === market);
    if (row === undefined) throw new Error(`${GRID_SOURCES.summary}: no 2023 row for ${market}`);
    markets[market] = { mean2023UsdPerMwh: num(row.mean_usd_mwh, `${GRID_SOURCES.summary} ${market}`), hourlyCentsPerMwh: cents };
  }
  return {
    source: [
      "Skyplane (skyplane-project/skyplane @2e3b2c01, Apache-2.0): profiles/throughput.csv (iperf3, 64 connections, one VM pair: AWS m5.8xlarge, GCP n2-standard-32, Azure Standard_D32_v5; measured 2022-01-29) and profiles/latency.csv (ping RTT), as ../shared/data/skyplane_throughput_grid_slim.csv and skyplane_latency_grid.csv",
      "kept: rows with PREMIUM tier at both ends (GCP's STANDARD-tier rows left out); columns throughput_received_bps and avg_rtt, every sample, per direction",
      "GreenDCC (HewlettPackard/green-dcc @3f6ea95c, MIT): utils/transmission_region_mapper.py as greendcc_price_region_to_cloud_region.csv (rows as written), 2023 hourly prices of 22 markets joined on UTC hour (greendcc_hourly_prices_2023_usd_mwh_wide.csv, USD/MWh with 2 decimals, stored as integer cents per MWh) and the 2023 means of greendcc_electricity_price_summary_usd_per_mwh.csv",
      "rebuilt by: npx tsx scripts/build-grid-data.ts --data ../shared/data",
    ],
    tier: "PREMIUM",
    rows: { throughputRead: tp.length, throughputKept: throughput.kept, latencyRead: lat.length, latencyKept: rtt.kept },
    instanceClass,
    throughputBps: throughput.samples,
    rttMs: rtt.samples,
    marketMapping,
    hoursOriginUtc: formatUtc(hours[0]!),
    markets,
  };
}

/** JSON text of the grid: one line per direction and per market. */
export function gridJson(g: MeasuredGrid): string {
  const list = (xs: readonly unknown[]): string => `[\n${xs.map((x) => `    ${JSON.stringify(x)}`).join(",\n")}\n  ]`;
  const markets = Object.entries(g.markets).map(([m, p]) => `    ${JSON.stringify(m)}: ${JSON.stringify(p)}`).join(",\n");
  return (
    `{\n  "source": ${JSON.stringify(g.source)},\n  "tier": ${JSON.stringify(g.tier)},\n  "rows": ${JSON.stringify(g.rows)},\n` +
    `  "instanceClass": ${JSON.stringify(g.instanceClass)},\n  "throughputBps": ${list(g.throughputBps)},\n  "rttMs": ${list(g.rttMs)},\n` +
    `  "marketMapping": ${list(g.marketMapping)},\n  "hoursOriginUtc": ${JSON.stringify(g.hoursOriginUtc)},\n  "markets": {\n${markets}\n  }\n}\n`
  );
}

/** Reads the five files from `dataDir`. */
export function readGridSources(dataDir: string): Record<keyof typeof GRID_SOURCES, string> {
  const out = {} as Record<keyof typeof GRID_SOURCES, string>;
  for (const [k, name] of Object.entries(GRID_SOURCES) as [keyof typeof GRID_SOURCES, string][]) {
    const p = join(dataDir, name);
    if (!existsSync(p)) throw new Error(`${p} not found; pass the shared data folder with --data (e.g. --data ../shared/data)`);
    out[k] = readFileSync(p, "utf8");
  }
  return out;
}

function main(argv: readonly string[]): void {
  const k = argv.indexOf("--data");
  const dataDir = resolve(k >= 0 && argv[k + 1] !== undefined ? argv[k + 1]! : "../shared/data");
  const g = buildGrid(readGridSources(dataDir));
  mkdirSync(dirname(GRID_FILE), { recursive: true });
  writeFileSync(GRID_FILE, gzipSync(gridJson(g), { level: 9 }));
  console.log(`wrote ${GRID_FILE}: ${g.throughputBps.length} throughput and ${g.rttMs.length} RTT directions, ${Object.keys(g.markets).length} markets`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2));
}
