/**
 * `geopipe topology derive --regions aws:us-east-1,gcp:europe-west4-a,… --out T.json`:
 * a topology for any regions of the bundled Skyplane grid, priced by their
 * GreenDCC markets, with its provenance written beside it (`T.md`);
 * docs/topologies.md.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { deriveTopology, derivationMarkdown, derivationSummary, GPU_TYPES, type RegionSpec } from "../model/derive/index.js";
import { formatInstanceJson } from "../model/instanceJson.js";
import { InstanceError } from "../model/issues.js";
import type { GpuType } from "../model/types.js";
import { UserError } from "./errors.js";
import { PACKAGE_ROOT } from "./paths.js";

/** Options of `geopipe topology derive` as commander passes them. */
export interface TopologyDeriveOptions {
  readonly regions: string;
  readonly out: string;
  readonly ids?: string;
  readonly gpus?: string;
  readonly gpuType?: string;
  readonly pue?: string;
  readonly gpusPerNode?: string;
  readonly market?: readonly string[];
  readonly hourly?: boolean;
  readonly startUtc?: string;
  readonly name?: string;
  readonly allowPartial?: boolean;
}

/** Defaults of the assumed hardware when the flags are not given (listed in the provenance). */
export const DERIVE_HARDWARE_DEFAULTS = { gpus: 64, gpuType: "A100", pue: 1.2 } as const;

/** One value for every region, or one per region; a bad count or value is a {@link UserError} naming the flag. */
export function perRegion<T>(flag: string, raw: string | undefined, n: number, fallback: T | undefined, parse: (s: string) => T | null, want: string): (T | undefined)[] {
  if (raw === undefined) return Array.from({ length: n }, () => fallback);
  const parts = raw.split(",").map((s) => s.trim());
  if (parts.length !== 1 && parts.length !== n) throw new UserError(`${flag} ${raw}: give one value for all ${n} regions or one per region, got ${parts.length}`);
  const values = parts.map((p) => {
    const v = parse(p);
    if (v === null) throw new UserError(`${flag}: "${p}" is not ${want}`);
    return v;
  });
  return parts.length === 1 ? Array.from({ length: n }, () => values[0]!) : values;
}

const int = (min: number) => (s: string): number | null => (/^\d+$/.test(s) && Number(s) >= min ? Number(s) : null);

/** `REGION=MARKET` pairs of `--market` (repeatable, or comma-separated). */
export function parseMarkets(specs: readonly string[] = []): Map<string, string> {
  const m = new Map<string, string>();
  for (const part of specs.flatMap((s) => s.split(",")).map((s) => s.trim()).filter((s) => s !== "")) {
    const eq = part.lastIndexOf("=");
    if (eq <= 0 || eq === part.length - 1) throw new UserError(`--market ${part}: expected REGION=MARKET, e.g. --market gcp:europe-west4-a=NL`);
    m.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return m;
}

/** The region specs the flags describe. */
export function regionSpecs(opts: TopologyDeriveOptions): RegionSpec[] {
  const names = opts.regions.split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (names.length === 0) throw new UserError("--regions: give at least one region, e.g. --regions aws:us-east-1,gcp:europe-west4-a,azure:koreacentral");
  const n = names.length;
  const gpus = perRegion("--gpus", opts.gpus, n, DERIVE_HARDWARE_DEFAULTS.gpus, int(0), "a whole number of GPUs");
  const types = perRegion("--gpu-type", opts.gpuType, n, GPU_TYPES[DERIVE_HARDWARE_DEFAULTS.gpuType], (s) => GPU_TYPES[s.toUpperCase()] ?? null, `a GPU type (${Object.keys(GPU_TYPES).join(", ")})`);
  const pue = perRegion("--pue", opts.pue, n, DERIVE_HARDWARE_DEFAULTS.pue, (s) => (Number(s) >= 1 && Number.isFinite(Number(s)) ? Number(s) : null), "a PUE >= 1");
  const perNode = perRegion<number>("--gpus-per-node", opts.gpusPerNode, n, undefined, int(1), "a whole number >= 1");
  const ids = opts.ids === undefined ? [] : opts.ids.split(",").map((s) => s.trim());
  if (opts.ids !== undefined && ids.length !== n) throw new UserError(`--ids ${opts.ids}: give one id per region (${n})`);
  const markets = parseMarkets(opts.market);
  for (const r of markets.keys()) if (!names.includes(r)) throw new UserError(`--market ${r}=…: ${r} is not one of --regions`);
  return names.map((skyplane, i) => ({
    skyplane,
    ...(ids[i] === undefined ? {} : { id: ids[i] }),
    gpus: gpus[i]!,
    gpu: types[i] as GpuType,
    pue: pue[i]!,
    ...(perNode[i] === undefined ? {} : { gpusPerNode: perNode[i] }),
    ...(markets.has(skyplane) ? { market: markets.get(skyplane) } : {}),
  }));
}

/** The provenance file beside a topology file: `T.json` → `T.md`. */
export function provenancePath(out: string): string {
  return out.replace(/\.json$/i, "") + ".md";
}

/** Runs `geopipe topology derive`; returns the exit code. */
export function topologyDeriveCommand(opts: TopologyDeriveOptions): number {
  const r = deriveTopology(regionSpecs(opts), { name: opts.name, hourly: opts.hourly === true, startUtc: opts.startUtc ?? null, allowPartial: opts.allowPartial === true });
  if (!r.ok) throw new InstanceError(r.issues);
  const outDir = path.dirname(path.resolve(opts.out));
  mkdirSync(outDir, { recursive: true });
  const schemaRef = path.relative(outDir, path.join(PACKAGE_ROOT, "schema", "topology.schema.json")).split(path.sep).join("/");
  writeFileSync(opts.out, formatInstanceJson(r.value.topology, schemaRef));
  const md = provenancePath(opts.out);
  writeFileSync(md, derivationMarkdown(r.value, path.basename(opts.out), commandLine(opts)));
  process.stdout.write(`${derivationSummary(r.value)}wrote ${opts.out} and ${md}\n`);
  return 0;
}

/** Adds `geopipe topology derive` to `program`. */
export function registerTopologyCommand(program: Command): void {
  const topology = program.command("topology").description("topologies from the bundled measured grids");
  topology
    .command("derive")
    .description("derive a topology for regions of the Skyplane grid (AWS, GCP, Azure), priced by their GreenDCC markets; writes T.json and its provenance T.md")
    .requiredOption("--regions <list>", "Skyplane region names, e.g. aws:us-east-1,gcp:europe-west4-a,azure:koreacentral")
    .requiredOption("--out <T.json>", "topology file to write (the provenance goes beside it as T.md)")
    .option("--ids <list>", "region ids, one per region (default: the name after the cloud prefix)")
    .option("--gpus <n|list>", `GPUs per region, one for all or one each (assumption; default ${DERIVE_HARDWARE_DEFAULTS.gpus})`)
    .option("--gpu-type <name|list>", `GPU type: ${Object.keys(GPU_TYPES).join(", ")} (assumption; default ${DERIVE_HARDWARE_DEFAULTS.gpuType})`)
    .option("--pue <x|list>", `PUE (assumption; default ${DERIVE_HARDWARE_DEFAULTS.pue})`)
    .option("--gpus-per-node <n|list>", "GPUs per node (assumption; default 8)")
    .option("--market <REGION=MARKET>", "price a region by this market instead of GreenDCC's mapping (repeatable)", (v: string, prev: string[] = []) => [...prev, v])
    .option("--hourly", "the 2023 hourly price series instead of the 2023 mean")
    .option("--start-utc <iso>", "with --hourly: rotate the series so hour 0 is this UTC hour")
    .option("--name <name>", "topology name (default derived-<n>-regions[-hourly-2023])")
    .option("--allow-partial", "leave out pairs the grid did not measure instead of failing (they are listed)")
    .action((opts: TopologyDeriveOptions) => {
      process.exitCode = topologyDeriveCommand(opts);
    });
}

/** The command line the options stand for (for the provenance), flags in a fixed order. */
export function commandLine(opts: TopologyDeriveOptions): string {
  const out = ["geopipe topology derive", `--regions ${opts.regions}`];
  const flag = (name: string, v: string | undefined): void => void (v !== undefined && out.push(`--${name} ${v}`));
  flag("ids", opts.ids);
  flag("gpus", opts.gpus);
  flag("gpu-type", opts.gpuType);
  flag("pue", opts.pue);
  flag("gpus-per-node", opts.gpusPerNode);
  for (const m of opts.market ?? []) flag("market", m);
  if (opts.hourly === true) out.push("--hourly");
  flag("start-utc", opts.startUtc);
  flag("name", opts.name);
  if (opts.allowPartial === true) out.push("--allow-partial");
  out.push(`--out ${opts.out}`);
  return out.join(" ");
}
