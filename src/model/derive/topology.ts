/**
 * A topology derived from the measured grids for any regions of Skyplane's
 * grid (docs/topologies.md): links from the PREMIUM-tier throughput and
 * latency samples (./links.ts), prices from each region's GreenDCC market
 * (./markets.ts, ./prices.ts), and assumed hardware (GPU type and count, PUE,
 * GPUs per node, intra-region figures), every one listed in the provenance.
 * Values in, values out: the grid is passed in (default: the bundled one).
 */
import { anchorTopology } from "../calendar.js";
import { closest, type InstanceIssue } from "../issues.js";
import { parseTopology } from "../load.js";
import { DEFAULT_GPUS_PER_NODE, type GpuType, type Price, type Region, type Topology } from "../types.js";
import { measuredGrid, type MeasuredGrid } from "./grid.js";
import { INTRA_REGION } from "./gpus.js";
import { deriveLink, indexGrid, type LinkDerivation } from "./links.js";
import { matchMarket, type MarketMatch } from "./markets.js";
import { marketPrice, type PriceDerivation } from "./prices.js";

/** One region to derive: where its measurements come from and its assumed hardware. */
export interface RegionSpec {
  /** Name in the Skyplane grid, e.g. "gcp:europe-west4-a". */
  readonly skyplane: string;
  /** Region id in the topology. Default: the name after the cloud prefix ("europe-west4-a"), with the cloud prefix kept when two would clash. */
  readonly id?: string;
  /** ASSUMPTION: GPUs available. */
  readonly gpus: number;
  /** ASSUMPTION: GPU type. */
  readonly gpu: GpuType;
  /** ASSUMPTION: PUE (≥ 1). */
  readonly pue: number;
  /** ASSUMPTION: GPUs per node. Default {@link DEFAULT_GPUS_PER_NODE} (8), written into the region either way. */
  readonly gpusPerNode?: number;
  /** A market of the hourly prices instead of GreenDCC's mapping. */
  readonly market?: string;
}

/** Options of {@link deriveTopology}; defaults in {@link DEFAULT_DERIVE_OPTIONS}. */
export interface DeriveOptions {
  /** Topology name. Default "derived-<n>-regions" (with "-hourly-2023" when hourly). */
  readonly name?: string;
  /** Hourly 2023 prices instead of the 2023 mean. Default false. */
  readonly hourly?: boolean;
  /** Rotate the hourly series so hour 0 is this UTC hour (src/model/calendar.ts). Default none. */
  readonly startUtc?: string | null;
  /** Leave out links that cannot be derived (reported) instead of failing. Default false. */
  readonly allowPartial?: boolean;
  /** The measured grid. Default the bundled one (data/grid). */
  readonly grid?: MeasuredGrid;
}

/** Defaults of {@link DeriveOptions}. */
export const DEFAULT_DERIVE_OPTIONS = { hourly: false, startUtc: null as string | null, allowPartial: false } as const;

/** Everything a derivation did. */
export interface Derivation {
  /** The topology (validated). */
  readonly topology: Topology;
  /** The regions asked for, with their ids. */
  readonly regions: readonly (RegionSpec & { readonly id: string })[];
  /** How each region got its market. */
  readonly markets: readonly MarketMatch[];
  /** How each region's price was derived. */
  readonly prices: readonly PriceDerivation[];
  /** How each link was derived. */
  readonly links: readonly LinkDerivation[];
  /** Pairs left out with `allowPartial`, one line each. */
  readonly missing: readonly string[];
  /** The grid's sources and row counts. */
  readonly grid: Pick<MeasuredGrid, "source" | "rows" | "instanceClass" | "tier" | "hoursOriginUtc">;
  /** Whether prices are hourly, and the anchor. */
  readonly hourly: boolean;
  readonly startUtc: string | null;
}

const FILE = "deriveTopology(regions)";

function defaultIds(specs: readonly RegionSpec[]): string[] {
  const short = specs.map((s) => s.skyplane.slice(s.skyplane.indexOf(":") + 1));
  return specs.map((s, i) => s.id ?? (short.filter((x) => x === short[i]).length > 1 ? s.skyplane.replace(":", "-") : short[i]!));
}

/** Derives a topology; every problem is an issue naming the region or pair (missing pairs one line each). */
export function deriveTopology(specs: readonly RegionSpec[], options: DeriveOptions = {}): { ok: true; value: Derivation } | { ok: false; issues: readonly InstanceIssue[] } {
  const o = { ...DEFAULT_DERIVE_OPTIONS, ...options };
  const grid = o.grid ?? measuredGrid();
  const index = indexGrid(grid);
  const issues: InstanceIssue[] = [];
  const bad = (path: string, message: string): void => void issues.push({ file: FILE, path, message });
  if (specs.length === 0) bad("regions", "give at least one region, e.g. aws:us-east-1,gcp:europe-west4-a,azure:koreacentral");
  const ids = defaultIds(specs);
  const columns = Object.keys(grid.markets);
  const markets: MarketMatch[] = [];
  specs.forEach((s, i) => {
    if (!index.regions.includes(s.skyplane)) {
      const hint = closest(s.skyplane, index.regions);
      bad(`regions[${i}]`, `"${s.skyplane}" is not in the Skyplane grid${hint !== null ? `; did you mean "${hint}"?` : ""} (${index.regions.length} regions, e.g. aws:us-east-1, gcp:europe-west4-a, azure:koreacentral)`);
      return;
    }
    if (specs.findIndex((t) => t.skyplane === s.skyplane) !== i) bad(`regions[${i}]`, `"${s.skyplane}" is listed twice; list each region once`);
    const m = matchMarket(s.skyplane, grid.marketMapping, columns, s.market);
    if (m.ok) markets.push(m.value);
    else bad(`regions[${i}].market`, m.message);
  });
  if (new Set(ids).size !== ids.length) bad("regions", `region ids clash (${ids.join(", ")}); give ids`);
  if (issues.length > 0) return { ok: false, issues };
  const regions = specs.map((s, i) => ({ ...s, id: ids[i]! }));
  const links: LinkDerivation[] = [];
  const missing: string[] = [];
  for (let i = 0; i < regions.length; i++) {
    for (let j = i + 1; j < regions.length; j++) {
      const l = deriveLink(index, regions[i]!, regions[j]!);
      if (l.ok) links.push(l.value);
      else missing.push(...l.missing);
    }
  }
  if (missing.length > 0 && !o.allowPartial) {
    return { ok: false, issues: missing.map((m) => ({ file: FILE, path: "links", message: `${m}; pick other regions or pass --allow-partial to leave the pair unlinked` })) };
  }
  const priced = regions.map((r, i) => marketPrice(grid, r.id, markets[i]!.market));
  const region = (r: (typeof regions)[number], price: Price): Region => ({
    id: r.id,
    cloudRegion: r.skyplane,
    gpus: r.gpus,
    gpu: r.gpu,
    pue: r.pue,
    price,
    ...INTRA_REGION,
    gpusPerNode: r.gpusPerNode ?? DEFAULT_GPUS_PER_NODE,
  });
  const name = o.name ?? `derived-${regions.length}-regions${o.hourly ? "-hourly-2023" : ""}`;
  let topology: Topology = {
    name,
    regions: regions.map((r, i) => region(r, o.hourly ? priced[i]!.hourly : priced[i]!.constant)),
    links: links.map((l) => l.link),
  };
  if (o.startUtc !== null) topology = anchorTopology(topology, o.startUtc, "--start-utc");
  const check = parseTopology(topology, name);
  if (!check.ok) return { ok: false, issues: check.issues };
  const { source, rows, instanceClass, tier, hoursOriginUtc } = grid;
  return {
    ok: true,
    value: { topology, regions, markets, prices: priced.map((p) => p.derivation), links, missing, grid: { source, rows, instanceClass, tier, hoursOriginUtc }, hourly: o.hourly, startUtc: o.startUtc },
  };
}
