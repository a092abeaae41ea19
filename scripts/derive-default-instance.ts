/**
 * Derives the default six-region topology from the measured data in
 * `../shared/data` (Skyplane throughput and latency grids, 2022-01-29;
 * GreenDCC 2023 electricity prices) and writes
 *   instances/default/topology.json         (constant prices: 2023 mean)
 *   instances/default/topology-hourly.json  (the 2023 hourly series)
 * and the derived tables in instances/README.md (between the markers).
 *
 *   npx tsx scripts/derive-default-instance.ts --data ../shared/data
 *
 * GPU types and counts, PUE and intra-region figures are assumptions, listed
 * in DEFAULT_REGIONS and in instances/README.md.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseCsv } from "../src/model/csv.js";
import { loadModels, loadWorkload, parseTopology } from "../src/model/load.js";
import { DEFAULT_GPUS_PER_NODE, type GpuType, type Link, type LlmModel, type Region, type Topology, type Workload } from "../src/model/types.js";

/** ASSUMPTION: NVIDIA A100 80GB SXM datasheet: 312 TFLOP/s dense bf16 (624 with sparsity), 400 W max TDP, 80 GB. */
export const A100_80GB: GpuType = { name: "A100-80GB-SXM", peakTflopsBf16: 312, powerW: 400, memoryGb: 80 };
/** ASSUMPTION: NVIDIA H100 SXM5 datasheet: 989 TFLOP/s dense bf16 (1,979 with sparsity), 700 W max TDP, 80 GB. */
export const H100_SXM: GpuType = { name: "H100-SXM-80GB", peakTflopsBf16: 989, powerW: 700, memoryGb: 80 };

/** One chosen region: where its measured figures come from, and the assumed hardware. */
export interface RegionChoice {
  /** Region id in the instance. */
  readonly id: string;
  /** Region name in the Skyplane grids. */
  readonly skyplane: string;
  /** AWS region code in greendcc_price_region_to_cloud_region.csv. */
  readonly awsRegion: string;
  /** GreenDCC market (price_region column). */
  readonly market: string;
  readonly continent: string;
  readonly city: string;
  /** ASSUMPTION: GPU type. */
  readonly gpu: GpuType;
  /** ASSUMPTION: GPUs available. */
  readonly gpus: number;
  /** ASSUMPTION: PUE. */
  readonly pue: number;
  /** ASSUMPTION: GPUs per node (default {@link DEFAULT_GPUS_PER_NODE}). */
  readonly gpusPerNode?: number;
}

/** The six regions (4 continents). All hardware fields are assumptions. */
export const DEFAULT_REGIONS: readonly RegionChoice[] = [
  { id: "us-east-1", skyplane: "aws:us-east-1", awsRegion: "us-east-1", market: "US-NY-NYIS", continent: "North America", city: "N. Virginia", gpu: A100_80GB, gpus: 128, pue: 1.2 },
  { id: "us-west-1", skyplane: "aws:us-west-1", awsRegion: "us-west-1", market: "US-CAL-CISO", continent: "North America", city: "N. California", gpu: H100_SXM, gpus: 64, pue: 1.2 },
  { id: "eu-central-1", skyplane: "aws:eu-central-1", awsRegion: "eu-central-1", market: "DE-LU", continent: "Europe", city: "Frankfurt", gpu: H100_SXM, gpus: 64, pue: 1.2 },
  { id: "ap-northeast-1", skyplane: "aws:ap-northeast-1", awsRegion: "ap-northeast-1", market: "JP-TK", continent: "Asia", city: "Tokyo", gpu: A100_80GB, gpus: 64, pue: 1.3 },
  { id: "ap-southeast-1", skyplane: "aws:ap-southeast-1", awsRegion: "ap-southeast-1", market: "SG", continent: "Asia", city: "Singapore", gpu: A100_80GB, gpus: 32, pue: 1.4 },
  { id: "sa-east-1", skyplane: "aws:sa-east-1", awsRegion: "sa-east-1", market: "BR-SP", continent: "South America", city: "São Paulo", gpu: A100_80GB, gpus: 48, pue: 1.3 },
];

/** ASSUMPTION: inside a region, 100 Gbit/s between two GPUs (InfiniBand/RoCE class) and 0.05 ms one way. */
export const INTRA_REGION = { intraBandwidthGbps: 100, intraLatencyMs: 0.05 } as const;

/**
 * ASSUMPTION (docs/model.md "Links", instances/README.md): the aggregate
 * capacity a region pair offers is what all GPU nodes of the smaller end get
 * when each streams at the measured one-VM-pair rate:
 * `perNodePairGbps · min(nodes_a, nodes_b)`, nodes = ⌈gpus / gpusPerNode⌉.
 */
export function aggregateCapacityGbps(perNodePairGbps: number, a: RegionChoice, b: RegionChoice): number {
  const nodes = (r: RegionChoice): number => Math.max(1, Math.ceil(r.gpus / (r.gpusPerNode ?? DEFAULT_GPUS_PER_NODE)));
  return perNodePairGbps * Math.min(nodes(a), nodes(b));
}

/** How one link's figures were derived. */
export interface LinkDerivation {
  readonly a: string;
  readonly b: string;
  /** throughput_received_bps of the a→b rows, Gbit/s. */
  readonly abGbps: readonly number[];
  /** throughput_received_bps of the b→a rows, Gbit/s. */
  readonly baGbps: readonly number[];
  /** avg_rtt of the a→b rows, ms. */
  readonly abRttMs: readonly number[];
  /** avg_rtt of the b→a rows, ms. */
  readonly baRttMs: readonly number[];
  readonly link: Link;
}

/** How one region's price was derived. */
export interface PriceDerivation {
  readonly id: string;
  readonly market: string;
  /** Other markets the mapping file also assigns to the same AWS region. */
  readonly alsoMapped: readonly string[];
  /** mean_usd_mwh of the 2023 row of the summary file. */
  readonly summaryMeanUsdPerMwh: number;
  /** Mean of the hourly column, recomputed (cross-check). */
  readonly hourlyMeanUsdPerMwh: number;
  readonly hours: number;
  readonly negativeHours: number;
  readonly minUsdPerMwh: number;
  readonly maxUsdPerMwh: number;
}

/** Everything the script derives. */
export interface Derivation {
  readonly topology: Topology;
  readonly hourlyTopology: Topology;
  readonly links: readonly LinkDerivation[];
  readonly prices: readonly PriceDerivation[];
}

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits)) + 0;

function num(text: string | undefined, where: string): number {
  const x = Number(text);
  if (text === undefined || text.trim() === "" || !Number.isFinite(x)) throw new Error(`${where}: not a number: ${JSON.stringify(text)}`);
  return x;
}

function readCsv(dataDir: string, name: string): ReturnType<typeof parseCsv> {
  const path = join(dataDir, name);
  if (!existsSync(path)) throw new Error(`${path} not found; pass the shared data folder with --data (e.g. --data ../shared/data)`);
  return parseCsv(readFileSync(path, "utf8"));
}

/** Reads the CSVs in `dataDir` and derives both topologies. Throws on missing rows. */
export function deriveDefaultInstance(dataDir: string, regions: readonly RegionChoice[] = DEFAULT_REGIONS): Derivation {
  const throughput = readCsv(dataDir, "skyplane_throughput_grid_slim.csv").records;
  const latency = readCsv(dataDir, "skyplane_latency_grid.csv").records;
  const mapping = readCsv(dataDir, "greendcc_price_region_to_cloud_region.csv").records;
  const summary = readCsv(dataDir, "greendcc_electricity_price_summary_usd_per_mwh.csv").records;
  const hourly = readCsv(dataDir, "greendcc_hourly_prices_2023_usd_mwh_wide.csv");

  const rowsOf = (recs: typeof throughput, src: string, dst: string) => recs.filter((r) => r.src_region === src && r.dst_region === dst);
  const links: LinkDerivation[] = [];
  for (let i = 0; i < regions.length; i++) {
    for (let j = i + 1; j < regions.length; j++) {
      const a = regions[i]!;
      const b = regions[j]!;
      const gbps = (rows: typeof throughput, dir: string) =>
        rows.map((r) => num(r.throughput_received_bps, `throughput ${dir}`) / 1e9);
      const rtt = (rows: typeof latency, dir: string) => rows.map((r) => num(r.avg_rtt, `latency ${dir}`));
      const abGbps = gbps(rowsOf(throughput, a.skyplane, b.skyplane), `${a.id}→${b.id}`);
      const baGbps = gbps(rowsOf(throughput, b.skyplane, a.skyplane), `${b.id}→${a.id}`);
      const abRttMs = rtt(rowsOf(latency, a.skyplane, b.skyplane), `${a.id}→${b.id}`);
      const baRttMs = rtt(rowsOf(latency, b.skyplane, a.skyplane), `${b.id}→${a.id}`);
      if (abGbps.length === 0 || baGbps.length === 0) throw new Error(`no throughput rows for ${a.skyplane} ↔ ${b.skyplane} in both directions`);
      if (abRttMs.length + baRttMs.length === 0) throw new Error(`no latency rows for ${a.skyplane} ↔ ${b.skyplane}`);
      // one VM pair: min over the two directions of the per-direction median
      const perNodePairGbps = round(Math.min(median(abGbps), median(baGbps)), 3);
      links.push({
        a: a.id,
        b: b.id,
        abGbps,
        baGbps,
        abRttMs,
        baRttMs,
        link: {
          a: a.id,
          b: b.id,
          bandwidthGbps: round(aggregateCapacityGbps(perNodePairGbps, a, b), 3),
          perNodePairGbps,
          // one way = RTT / 2, RTT = median over the rows of both directions
          latencyMs: round(median([...abRttMs, ...baRttMs]) / 2, 3),
        },
      });
    }
  }

  const prices: PriceDerivation[] = [];
  const series = new Map<string, number[]>();
  const hours = hourly.records;
  for (const r of regions) {
    const mapped = mapping.filter((m) => m.aws_region === r.awsRegion).map((m) => m.price_region!);
    if (!mapped.includes(r.market)) throw new Error(`mapping file does not map ${r.market} to aws ${r.awsRegion} (it maps: ${mapped.join(", ") || "nothing"})`);
    const srow = summary.find((s) => s.region === r.market && s.year === "2023");
    if (srow === undefined) throw new Error(`no 2023 row for ${r.market} in the price summary`);
    if (!hourly.header.includes(r.market)) throw new Error(`no column ${r.market} in the hourly prices`);
    const values = hours.map((h, k) => num(h[r.market], `hourly ${r.market} row ${k + 2}`));
    series.set(r.id, values);
    prices.push({
      id: r.id,
      market: r.market,
      alsoMapped: mapped.filter((m) => m !== r.market),
      summaryMeanUsdPerMwh: num(srow.mean_usd_mwh, `summary ${r.market}`),
      hourlyMeanUsdPerMwh: values.reduce((s, x) => s + x, 0) / values.length,
      hours: values.length,
      negativeHours: values.filter((x) => x < 0).length,
      minUsdPerMwh: Math.min(...values),
      maxUsdPerMwh: Math.max(...values),
    });
  }

  const region = (r: RegionChoice, price: Region["price"]): Region => ({
    id: r.id,
    cloudRegion: r.skyplane,
    gpus: r.gpus,
    gpu: r.gpu,
    pue: r.pue,
    price,
    ...INTRA_REGION,
    gpusPerNode: r.gpusPerNode ?? DEFAULT_GPUS_PER_NODE,
  });
  const topology: Topology = {
    name: "default-6-regions",
    regions: regions.map((r, k) => region(r, { kind: "constant", usdPerKwh: round(prices[k]!.summaryMeanUsdPerMwh / 1000, 6) })),
    links: links.map((l) => l.link),
  };
  const hourlyTopology: Topology = {
    name: "default-6-regions-hourly-2023",
    regions: regions.map((r) => region(r, { kind: "hourly", usdPerKwh: series.get(r.id)!.map((x) => round(x / 1000, 6)) })),
    links: links.map((l) => l.link),
  };
  return { topology, hourlyTopology, links, prices };
}

/** JSON with two-space indent, numeric arrays kept on one line, a `$schema` key first, and a final newline. */
export function formatInstanceJson(value: object, schemaRef: string): string {
  const text = JSON.stringify({ $schema: schemaRef, ...value }, null, 2);
  return `${text.replace(/\[\s*(-?[0-9][^\][{}"]*?)\s*\]/g, (_m, inner: string) => `[${inner.replace(/\s+/g, " ").trim()}]`)}\n`;
}

const f3 = (x: number): string => x.toFixed(3);

/** Markdown tables of the derived figures, for instances/README.md. */
export function derivedTables(d: Derivation, regions: readonly RegionChoice[] = DEFAULT_REGIONS): string {
  const out: string[] = [];
  out.push("| region | Skyplane name | continent (city) | GreenDCC market | 2023 mean USD/MWh (summary) | recomputed from hourly | → usdPerKwh | hours | negative hours | min / max USD/MWh |");
  out.push("| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |");
  d.prices.forEach((p, k) => {
    const r = regions[k]!;
    const also = p.alsoMapped.length > 0 ? ` (file also maps ${p.alsoMapped.join(", ")} here)` : "";
    out.push(
      `| ${r.id} | ${r.skyplane} | ${r.continent} (${r.city}) | ${p.market}${also} | ${p.summaryMeanUsdPerMwh.toFixed(2)} | ${p.hourlyMeanUsdPerMwh.toFixed(2)} | ` +
        `${(p.summaryMeanUsdPerMwh / 1000).toFixed(5)} | ${p.hours} | ${p.negativeHours} | ${p.minUsdPerMwh.toFixed(2)} / ${p.maxUsdPerMwh.toFixed(2)} |`,
    );
  });
  out.push("");
  out.push("| link | a→b Gbit/s | b→a Gbit/s | perNodePairGbps = min | nodes a, b | bandwidthGbps = per pair × min nodes | RTT a→b ms | RTT b→a ms | latencyMs = median RTT / 2 |");
  out.push("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  const byId = new Map(regions.map((r) => [r.id, r] as const));
  const nodes = (id: string): number => {
    const r = byId.get(id);
    return r === undefined ? 0 : Math.max(1, Math.ceil(r.gpus / (r.gpusPerNode ?? DEFAULT_GPUS_PER_NODE)));
  };
  for (const l of d.links) {
    out.push(
      `| ${l.a} – ${l.b} | ${l.abGbps.map(f3).join(", ")} | ${l.baGbps.map(f3).join(", ")} | ${l.link.perNodePairGbps} | ${nodes(l.a)}, ${nodes(l.b)} | ${l.link.bandwidthGbps} | ` +
        `${l.abRttMs.map(f3).join(", ") || "–"} | ${l.baRttMs.map(f3).join(", ") || "–"} | ${l.link.latencyMs} |`,
    );
  }
  return out.join("\n");
}

/**
 * Rough per-job estimates for the README, by DESIGN §2 without communication:
 * t_stage = ⌈L/S⌉ · 3 · (24bsh² + 4bs²h) / (g · peak · mfu), T = (M − 1 + S) · t_stage,
 * runtime = I · T; cross-region demand = 16bsh / t_stage (bits/s each way, docs/model.md "Bandwidth demand").
 */
export function workloadEstimates(workload: Workload, models: ReadonlyMap<string, LlmModel>, gpus: readonly GpuType[] = [A100_80GB, H100_SXM]): string {
  const head = `| job | model | arrival h | S × g | b, M, I, mfu | ${gpus.map((g) => `${g.name}: T s, runtime h, demand Gbit/s`).join(" | ")} |`;
  const rows = [head, `| --- | --- | ---: | --- | --- | ${gpus.map(() => "---").join(" | ")} |`];
  for (const j of workload.jobs) {
    const m = models.get(j.model);
    if (m === undefined) throw new Error(`unknown model ${j.model}`);
    const { hiddenSize: h, seqLength: s, numLayers: L } = m;
    const b = j.microBatchSize;
    const flopsPerLayer = 24 * b * s * h * h + 4 * b * s * s * h;
    const cells = gpus.map((g) => {
      const tf = (Math.ceil(L / j.stages) * flopsPerLayer) / (j.gpusPerStage * g.peakTflopsBf16 * 1e12 * j.mfu);
      const T = (j.microBatches - 1 + j.stages) * 3 * tf;
      return `${T.toFixed(2)}, ${((j.iterations * T) / 3600).toFixed(2)}, ${((16 * b * s * h) / (3 * tf) / 1e9).toFixed(2)}`;
    });
    rows.push(
      `| ${j.id} | ${j.model} | ${(j.arrivalSec / 3600).toFixed(2)} | ${j.stages} × ${j.gpusPerStage} | ${b}, ${j.microBatches}, ${j.iterations}, ${j.mfu} | ${cells.join(" | ")} |`,
    );
  }
  return rows.join("\n");
}

const BEGIN = "<!-- BEGIN derived tables (scripts/derive-default-instance.ts) -->";
const END = "<!-- END derived tables -->";

function main(argv: readonly string[]): void {
  const arg = (flag: string, fallback: string): string => {
    const k = argv.indexOf(flag);
    return k >= 0 && argv[k + 1] !== undefined ? argv[k + 1]! : fallback;
  };
  const dataDir = resolve(arg("--data", "../shared/data"));
  const outDir = resolve(arg("--out", "instances/default"));
  const readme = resolve(arg("--readme", "instances/README.md"));
  const d = deriveDefaultInstance(dataDir);
  for (const [name, topo] of [["topology.json", d.topology], ["topology-hourly.json", d.hourlyTopology]] as const) {
    const check = parseTopology(topo, name);
    if (!check.ok) throw new Error(`derived ${name} does not validate:\n${check.issues.map((i) => `${i.path}: ${i.message}`).join("\n")}`);
    writeFileSync(join(outDir, name), formatInstanceJson(topo, "../../schema/topology.schema.json"));
    console.log(`wrote ${join(outDir, name)}`);
  }
  const workloadPath = join(outDir, "workload.json");
  const estimates = existsSync(workloadPath)
    ? `\n\nWorkload estimates (${workloadPath.replace(/^.*\/instances\//, "instances/")}; no communication, first stage's layer count):\n\n` +
      workloadEstimates(loadWorkload(workloadPath), loadModels(resolve(arg("--models", "models"))))
    : "";
  const tables = derivedTables(d) + estimates;
  if (existsSync(readme)) {
    const text = readFileSync(readme, "utf8");
    const i = text.indexOf(BEGIN);
    const j = text.indexOf(END);
    if (i >= 0 && j > i) {
      writeFileSync(readme, `${text.slice(0, i + BEGIN.length)}\n\n${tables}\n\n${text.slice(j)}`);
      console.log(`updated the derived tables in ${readme}`);
    } else console.log(`${readme} has no derived-table markers; tables:\n${tables}`);
  } else console.log(tables);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2));
}
