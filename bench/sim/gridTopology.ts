/**
 * Topologies of 2–63 regions derived from the Skyplane grid in
 * `../shared/data` (bench code only: `src/` never reads that folder), for the
 * simulator benchmark's regions ladder.
 *
 * - Regions: every region of `skyplane_throughput_grid_slim.csv` (63: AWS 21,
 *   Azure 15, GCP 27), ordered by provider round-robin (aws, azure, gcp, aws,
 *   …; names ascending within a provider); a topology of n regions takes the
 *   first n, so the rungs are nested. Id = the grid's name (`aws:us-east-1`).
 * - Links, as in instances/README.md for the default instance: rows whose GCP
 *   ends (if any) are on the PREMIUM tier; per direction the median
 *   `throughput_received_bps`; `perNodePairGbps` = the smaller direction;
 *   `bandwidthGbps` = per pair × min(nodes of the two ends);
 *   `latencyMs` = median `avg_rtt` of both directions of
 *   `skyplane_latency_grid.csv` ÷ 2. A pair without throughput in both
 *   directions or without any latency row gets no link (the latency grid lacks
 *   aws:eu-west-3, azure:eastus2 and azure:westus2, so they are linked to
 *   nobody and only run single-region jobs).
 * - Prices: the 2023 mean of the first GreenDCC market that
 *   `greendcc_price_region_to_cloud_region.csv` maps to the region (AWS by
 *   name; GCP by name without the zone suffix; Azure by display name without
 *   spaces, lower case); a region with no mapped market gets the median of
 *   the 2023 means of all mapped markets (FALLBACK, not a measurement).
 * - ASSUMPTIONS (as the default instance): 64 GPUs per region, 8 per node;
 *   A100-80GB and H100 alternating in ladder order; PUE 1.2; 100 Gbit/s and
 *   0.05 ms inside a region.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "../../src/model/csv.js";
import { parseTopology } from "../../src/model/load.js";
import type { GpuType, Link, Region, Topology } from "../../src/model/types.js";

const A100: GpuType = { name: "A100-80GB-SXM", peakTflopsBf16: 312, powerW: 400, memoryGb: 80 };
const H100: GpuType = { name: "H100-SXM-80GB", peakTflopsBf16: 989, powerW: 700, memoryGb: 80 };
const GPUS_PER_REGION = 64;
const GPUS_PER_NODE = 8;

type Row = Record<string, string | undefined>;

function readCsv(dataDir: string, name: string): Row[] {
  const file = join(dataDir, name);
  if (!existsSync(file)) throw new Error(`${file} not found; pass the shared data folder with --data (e.g. --data ../shared/data)`);
  return [...parseCsv(readFileSync(file, "utf8")).records];
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (x: number, digits: number): number => Number(x.toFixed(digits));

/** Whether a grid row's GCP ends are on the PREMIUM tier. */
const premium = (r: Row): boolean => !((r.src_region ?? "").startsWith("gcp:") && r.src_tier !== "PREMIUM") && !((r.dst_region ?? "").startsWith("gcp:") && r.dst_tier !== "PREMIUM");

/** Values per directed pair `src>dst`. */
function byDirection(rows: readonly Row[], column: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const r of rows.filter(premium)) {
    const key = `${r.src_region}>${r.dst_region}`;
    const list = out.get(key) ?? [];
    list.push(Number(r[column]));
    out.set(key, list);
  }
  return out;
}

/** The 63 grid regions in ladder order (provider round-robin, names ascending). */
function ladderOrder(throughput: readonly Row[]): string[] {
  const names = [...new Set(throughput.flatMap((r) => [r.src_region!, r.dst_region!]))].sort();
  const byProvider = ["aws", "azure", "gcp"].map((p) => names.filter((n) => n.startsWith(`${p}:`)));
  const out: string[] = [];
  for (let i = 0; out.length < names.length; i++) for (const list of byProvider) if (i < list.length) out.push(list[i]!);
  return out;
}

/** USD/kWh of each grid region (see the module comment). */
function prices(dataDir: string, names: readonly string[]): Map<string, number> {
  const mapping = readCsv(dataDir, "greendcc_price_region_to_cloud_region.csv");
  const summary = readCsv(dataDir, "greendcc_electricity_price_summary_usd_per_mwh.csv").filter((r) => r.year === "2023");
  const mean = new Map(summary.map((r) => [r.region!, Number(r.mean_usd_mwh)] as const));
  const marketOf = (name: string): string | undefined => {
    const [provider, region] = name.split(":") as [string, string];
    const hit = mapping.find((m) =>
      provider === "aws" ? m.aws_region === region : provider === "gcp" ? m.gcp_region === region.replace(/-[a-z]$/, "") : (m.azure_region ?? "").replace(/\s+/g, "").toLowerCase() === region,
    );
    return hit?.price_region !== undefined && mean.has(hit.price_region) ? hit.price_region : undefined;
  };
  const mapped = [...new Set(mapping.map((m) => m.price_region!).filter((p) => mean.has(p)))].map((p) => mean.get(p)!);
  const fallback = median(mapped);
  return new Map(names.map((n) => [n, round((mean.get(marketOf(n) ?? "") ?? fallback) / 1000, 6)] as const));
}

/** Every grid region in ladder order, with all links among them (the 63-region topology). */
export function gridTopology(dataDir: string): Topology {
  const throughput = readCsv(dataDir, "skyplane_throughput_grid_slim.csv");
  const gbps = byDirection(throughput, "throughput_received_bps");
  const rtt = byDirection(readCsv(dataDir, "skyplane_latency_grid.csv"), "avg_rtt");
  const names = ladderOrder(throughput);
  const price = prices(dataDir, names);
  const regions: Region[] = names.map((id, i) => ({
    id,
    cloudRegion: id,
    gpus: GPUS_PER_REGION,
    gpu: i % 2 === 0 ? A100 : H100,
    pue: 1.2,
    price: { kind: "constant", usdPerKwh: price.get(id)! },
    intraBandwidthGbps: 100,
    intraLatencyMs: 0.05,
    gpusPerNode: GPUS_PER_NODE,
  }));
  const links: Link[] = [];
  const nodes = Math.ceil(GPUS_PER_REGION / GPUS_PER_NODE);
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const [a, b] = [names[i]!, names[j]!];
      const ab = gbps.get(`${a}>${b}`);
      const ba = gbps.get(`${b}>${a}`);
      const rtts = [...(rtt.get(`${a}>${b}`) ?? []), ...(rtt.get(`${b}>${a}`) ?? [])];
      if (ab === undefined || ba === undefined || rtts.length === 0) continue;
      const perNodePairGbps = round(Math.min(median(ab), median(ba)) / 1e9, 3);
      links.push({ a, b, bandwidthGbps: round(perNodePairGbps * nodes, 3), perNodePairGbps, latencyMs: round(median(rtts) / 2, 3) });
    }
  }
  const parsed = parseTopology({ name: `skyplane-grid-${names.length}`, regions, links }, "bench/sim/gridTopology.ts");
  if (!parsed.ok) throw new Error(`derived grid topology is invalid: ${parsed.issues.map((x) => `${x.path}: ${x.message}`).join("; ")}`);
  return parsed.value;
}

/** The first `n` regions of {@link gridTopology} in ladder order and the links among them. */
export function gridLadderTopology(full: Topology, n: number): Topology {
  if (!(Number.isInteger(n) && n >= 1 && n <= full.regions.length)) throw new Error(`--regions: ${n} is not in 1…${full.regions.length}`);
  const keep = new Set(full.regions.slice(0, n).map((r) => r.id));
  return { name: `skyplane-grid-${n}`, regions: full.regions.filter((r) => keep.has(r.id)), links: full.links.filter((l) => keep.has(l.a) && keep.has(l.b)) };
}
