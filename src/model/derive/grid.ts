/**
 * The measured grid shipped with the package (data/grid/, README there): the
 * PREMIUM-tier rows of Skyplane's throughput and latency grids (received
 * throughput and average RTT, per direction, every sample), the GreenDCC
 * mapping of electricity markets to cloud regions (its rows, in file order),
 * and the markets' 2023 hourly prices (integer cents per MWh) with their 2023
 * means from the GreenDCC summary. Rebuilt from `../shared/data` by
 * `npx tsx scripts/build-grid-data.ts`; read here, never the shared folder.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

/** The bundled grid file. */
export const GRID_FILE = fileURLToPath(new URL("../../../data/grid/skyplane-greendcc.json.gz", import.meta.url));

/** Samples of one direction of a region pair. */
export type DirectedSamples = readonly [src: string, dst: string, values: readonly number[]];

/** One row of GreenDCC's price_region_to_cloud_region mapping, as written there. */
export interface MarketMappingRow {
  /** Market name (`price_region`), e.g. "DE-LU", "IN(-WE)". */
  readonly market: string;
  /** GCP region (no zone), e.g. "europe-west1". */
  readonly gcp: string;
  /** AWS region, e.g. "eu-central-1". */
  readonly aws: string;
  /** Azure region display name, e.g. "Germany West Central". */
  readonly azure: string;
}

/** A market's prices. */
export interface MarketPrices {
  /** `mean_usd_mwh` of its 2023 row in the GreenDCC summary, USD/MWh. */
  readonly mean2023UsdPerMwh: number;
  /** Hourly prices from `hoursOriginUtc`, cents per MWh (USD/MWh × 100, exact: the source has 2 decimals). */
  readonly hourlyCentsPerMwh: readonly number[];
}

/** The bundled grid (JSON). */
export interface MeasuredGrid {
  /** Where every part comes from, one line each (sources, commits, licences, filters). */
  readonly source: readonly string[];
  /** Tier of every kept row ("PREMIUM"; GCP's STANDARD-tier rows are left out). */
  readonly tier: "PREMIUM";
  /** Rows read and kept, for the provenance. */
  readonly rows: { readonly throughputRead: number; readonly throughputKept: number; readonly latencyRead: number; readonly latencyKept: number };
  /** Instance class at each cloud in the throughput grid (one VM pair, 64 iperf3 connections). */
  readonly instanceClass: Readonly<Record<string, string>>;
  /** `throughput_received_bps` samples per direction (bits/s). */
  readonly throughputBps: readonly DirectedSamples[];
  /** `avg_rtt` samples per direction (ms). */
  readonly rttMs: readonly DirectedSamples[];
  /** GreenDCC's mapping rows, in file order. */
  readonly marketMapping: readonly MarketMappingRow[];
  /** UTC time of hour 0 of every hourly series. */
  readonly hoursOriginUtc: string;
  /** Prices by market (the hourly file's column names, e.g. "IN-WE"). */
  readonly markets: Readonly<Record<string, MarketPrices>>;
}

let grid: MeasuredGrid | null = null;

/** The bundled grid, read once. */
export function measuredGrid(): MeasuredGrid {
  grid ??= JSON.parse(gunzipSync(readFileSync(GRID_FILE)).toString("utf8")) as MeasuredGrid;
  return grid;
}
