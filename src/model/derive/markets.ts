/**
 * Which electricity market prices a cloud region, through GreenDCC's mapping
 * (`utils/transmission_region_mapper.py`, one row per market with its GCP,
 * AWS and Azure region). The mapping goes from market to region, so a region
 * can be named by several rows (AWS eu-central-1 by DE-LU, CH and AT; GCP
 * europe-west1 by DE-LU, PT, ES, BE and NL): **the first row in file order
 * wins** and the others are reported as alternatives; an override
 * (`--market REGION=MARKET`) picks any market of the hourly file instead.
 *
 * Names are matched per cloud: AWS by region code (`aws:eu-central-1`), GCP by
 * region without the zone letter (`gcp:europe-west4-a` → `europe-west4`),
 * Azure by display name without spaces, case-insensitively (`Korea Central` →
 * `azure:koreacentral`). A market written `IN(-WE)` in the mapping is the
 * hourly column `IN-WE` (parentheses dropped; failing that, the part before
 * them).
 */
import type { MarketMappingRow } from "./grid.js";

/** How a region got its market. */
export interface MarketMatch {
  /** Skyplane region name, e.g. "azure:koreacentral". */
  readonly region: string;
  /** The market (a column of the hourly prices). */
  readonly market: string;
  /** `mapping` (first GreenDCC row naming the region) or `override`. */
  readonly rule: "mapping" | "override";
  /** The market as the mapping writes it (e.g. "IN(-WE)"); null for an override. */
  readonly mappedAs: string | null;
  /** Other markets the mapping also assigns to this region (hourly column names). */
  readonly alternatives: readonly string[];
}

/** The mapping's name of a Skyplane region's cloud region, and the row field to compare with. */
function cloudKey(region: string): { readonly field: "aws" | "gcp" | "azure"; readonly name: string } | null {
  const [cloud, code] = [region.slice(0, region.indexOf(":")), region.slice(region.indexOf(":") + 1)];
  if (cloud === "aws") return { field: "aws", name: code };
  if (cloud === "gcp") return { field: "gcp", name: code.replace(/-[a-z]$/, "") };
  if (cloud === "azure") return { field: "azure", name: code.toLowerCase() };
  return null;
}

const azureName = (display: string): string => display.toLowerCase().replace(/\s+/g, "");

/** Markets the mapping assigns to `region`, as written there, in file order. */
export function mappedMarkets(region: string, rows: readonly MarketMappingRow[]): string[] {
  const key = cloudKey(region);
  if (key === null) return [];
  return rows.filter((r) => (key.field === "azure" ? azureName(r.azure) === key.name : r[key.field] === key.name)).map((r) => r.market);
}

/** The hourly column of a market as the mapping writes it: exact, else without parentheses (`IN(-WE)` → `IN-WE`), else before them (`IN`); null when none is a column. */
export function marketColumn(name: string, columns: readonly string[]): string | null {
  const tries = [name, name.replace(/[()]/g, ""), name.replace(/\(.*$/, "")];
  return tries.find((t) => columns.includes(t)) ?? null;
}

/** The market of `region` (an override first, else the first mapping row), or why there is none. */
export function matchMarket(
  region: string,
  rows: readonly MarketMappingRow[],
  columns: readonly string[],
  override?: string,
): { readonly ok: true; readonly value: MarketMatch } | { readonly ok: false; readonly message: string } {
  const mapped = mappedMarkets(region, rows);
  const usable = mapped.flatMap((m) => {
    const c = marketColumn(m, columns);
    return c === null ? [] : [{ as: m, column: c }];
  });
  if (override !== undefined) {
    if (!columns.includes(override)) return { ok: false, message: `--market ${region}=${override}: no hourly prices for "${override}"; markets: ${columns.join(", ")}` };
    return { ok: true, value: { region, market: override, rule: "override", mappedAs: null, alternatives: usable.map((u) => u.column).filter((c) => c !== override) } };
  }
  const first = usable[0];
  if (first === undefined) {
    const why = mapped.length > 0 ? `the mapping names ${mapped.join(", ")}, none of which has hourly prices` : "GreenDCC's mapping names no market for it";
    return { ok: false, message: `${region}: ${why}; give one with --market ${region}=MARKET (markets: ${columns.join(", ")})` };
  }
  return { ok: true, value: { region, market: first.column, rule: "mapping", mappedAs: first.as, alternatives: usable.slice(1).map((u) => u.column) } };
}
