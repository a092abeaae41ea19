/**
 * The default six-region instance, derived by the same code as
 * `geopipe topology derive` (src/model/derive, docs/topologies.md) from the
 * bundled measured grid (data/grid):
 *
 *   instances/default/topology.json         (constant prices: 2023 mean)
 *   instances/default/topology-hourly.json  (the 2023 hourly series, with originUtc)
 *   instances/README.md                     (the derived tables, between the markers)
 *
 *   npx tsx scripts/derive-default-instance.ts           # checks the committed files, changes nothing (exit 1 when they differ)
 *   npx tsx scripts/derive-default-instance.ts --write   # rewrites them
 *
 * Each topology file is also what `geopipe topology derive` writes with the
 * arguments of {@link defaultDeriveArgs} (a test checks both). GPU types and
 * counts, PUE, GPUs per node and intra-region figures are assumptions, listed
 * in DEFAULT_REGIONS and in instances/README.md.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { A100_80GB, deriveTopology, derivationTables, H100_SXM, type Derivation, type RegionSpec } from "../src/model/derive/index.js";
import { formatInstanceJson } from "../src/model/instanceJson.js";
import { InstanceError } from "../src/model/issues.js";
import { loadModels, loadWorkload } from "../src/model/load.js";
import type { GpuType, LlmModel, Workload } from "../src/model/types.js";

/** The six regions (AWS, 4 continents). All hardware fields are assumptions; markets come from GreenDCC's mapping (first row). */
export const DEFAULT_REGIONS: readonly (RegionSpec & { readonly id: string; readonly continent: string; readonly city: string })[] = [
  { id: "us-east-1", skyplane: "aws:us-east-1", continent: "North America", city: "N. Virginia", gpu: A100_80GB, gpus: 128, pue: 1.2 },
  { id: "us-west-1", skyplane: "aws:us-west-1", continent: "North America", city: "N. California", gpu: H100_SXM, gpus: 64, pue: 1.2 },
  { id: "eu-central-1", skyplane: "aws:eu-central-1", continent: "Europe", city: "Frankfurt", gpu: H100_SXM, gpus: 64, pue: 1.2 },
  { id: "ap-northeast-1", skyplane: "aws:ap-northeast-1", continent: "Asia", city: "Tokyo", gpu: A100_80GB, gpus: 64, pue: 1.3 },
  { id: "ap-southeast-1", skyplane: "aws:ap-southeast-1", continent: "Asia", city: "Singapore", gpu: A100_80GB, gpus: 32, pue: 1.4 },
  { id: "sa-east-1", skyplane: "aws:sa-east-1", continent: "South America", city: "São Paulo", gpu: A100_80GB, gpus: 48, pue: 1.3 },
];

/** The two topologies: file name, topology name, hourly or not. */
export const DEFAULT_TOPOLOGIES = [
  { file: "topology.json", name: "default-6-regions", hourly: false },
  { file: "topology-hourly.json", name: "default-6-regions-hourly-2023", hourly: true },
] as const;

/** `$schema` of the files in instances/default. */
const SCHEMA_REF = "../../schema/topology.schema.json";

const gpuName = (g: GpuType): string => (g === H100_SXM ? "H100" : "A100");

/** The `geopipe topology derive` arguments that give `file` (one of {@link DEFAULT_TOPOLOGIES}), without `--out`. */
export function defaultDeriveArgs(file: (typeof DEFAULT_TOPOLOGIES)[number]["file"]): string[] {
  const t = DEFAULT_TOPOLOGIES.find((x) => x.file === file)!;
  const list = (f: (r: (typeof DEFAULT_REGIONS)[number]) => string | number): string => DEFAULT_REGIONS.map(f).join(",");
  return [
    "topology", "derive",
    "--regions", list((r) => r.skyplane),
    "--gpus", list((r) => r.gpus),
    "--gpu-type", list((r) => gpuName(r.gpu)),
    "--pue", list((r) => r.pue),
    "--name", t.name,
    ...(t.hourly ? ["--hourly"] : []),
  ];
}

/** Derives one of the default topologies. */
export function deriveDefault(hourly: boolean): Derivation {
  const t = DEFAULT_TOPOLOGIES.find((x) => x.hourly === hourly)!;
  const r = deriveTopology(DEFAULT_REGIONS, { name: t.name, hourly });
  if (!r.ok) throw new InstanceError(r.issues);
  return r.value;
}

/** The text of every file of the default instance this script owns, by path relative to the repository root. */
export function defaultInstanceFiles(root: string, readme: string | null): Map<string, string> {
  const files = new Map<string, string>();
  for (const t of DEFAULT_TOPOLOGIES) files.set(`instances/default/${t.file}`, formatInstanceJson(deriveDefault(t.hourly).topology, SCHEMA_REF));
  if (readme !== null) files.set("instances/README.md", withTables(readme, derivedReadmeTables(root)));
  return files;
}

/** The tables of instances/README.md: regions, prices and links, then the workload estimates. */
export function derivedReadmeTables(root: string): string {
  const workloadPath = join(root, "instances", "default", "workload.json");
  const estimates = existsSync(workloadPath)
    ? `\n\nWorkload estimates (instances/default/workload.json; no communication, first stage's layer count):\n\n` +
      workloadEstimates(loadWorkload(workloadPath), loadModels(join(root, "models")))
    : "";
  const regions = DEFAULT_REGIONS.map((r) => `${r.id}: ${r.continent} (${r.city})`).join("; ");
  return `Where: ${regions}.\n\n${derivationTables(deriveDefault(false))}${estimates}`;
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

/** `readme` with the text between the markers replaced by `tables`; throws when the markers are missing. */
export function withTables(readme: string, tables: string): string {
  const i = readme.indexOf(BEGIN);
  const j = readme.indexOf(END);
  if (i < 0 || j < i) throw new Error(`instances/README.md has no derived-table markers (${BEGIN} … ${END})`);
  return `${readme.slice(0, i + BEGIN.length)}\n\n${tables}\n\n${readme.slice(j)}`;
}

function main(argv: readonly string[]): void {
  const root = resolve(".");
  const readmePath = join(root, "instances", "README.md");
  const files = defaultInstanceFiles(root, existsSync(readmePath) ? readFileSync(readmePath, "utf8") : null);
  const stale = [...files].filter(([rel, text]) => !existsSync(join(root, rel)) || readFileSync(join(root, rel), "utf8") !== text);
  if (argv.includes("--write")) {
    for (const [rel, text] of stale) {
      writeFileSync(join(root, rel), text);
      console.log(`wrote ${rel}`);
    }
    if (stale.length === 0) console.log("the default instance is up to date; nothing written");
    return;
  }
  if (stale.length === 0) {
    console.log(`the default instance is up to date (${[...files.keys()].join(", ")})`);
    return;
  }
  console.log(`differ from the derivation: ${stale.map(([rel]) => rel).join(", ")}; run with --write to rewrite them`);
  process.exitCode = 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2));
}
