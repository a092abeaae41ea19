import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildGrid, gridJson, GRID_SOURCES, readGridSources } from "../../../scripts/build-grid-data.js";
import { GRID_FILE, measuredGrid } from "../../../src/model/derive/grid.js";
import { ROOT } from "../helpers.js";

/** The shared measured data is outside the project; the rebuild test runs only where it is present. */
const DATA = [join(ROOT, "..", "shared", "data"), "/work/shared/data"].find((d) => existsSync(join(d, GRID_SOURCES.throughput)));

describe("data/grid (bundled)", () => {
  it("measuredGrid() keeps PREMIUM rows only and holds 22 markets of 8,760 hours from 2023-01-01T00:00:00Z", () => {
    const g = measuredGrid();
    expect(g.tier).toBe("PREMIUM");
    expect(g.rows).toEqual({ throughputRead: 7053, throughputKept: 3968, latencyRead: 8010, latencyKept: 4692 });
    expect(g.throughputBps.reduce((n, [, , v]) => n + v.length, 0)).toBe(3968);
    expect(Object.keys(g.markets)).toHaveLength(22);
    for (const m of Object.values(g.markets)) expect(m.hourlyCentsPerMwh).toHaveLength(8760);
    expect(g.hoursOriginUtc).toBe("2023-01-01T00:00:00Z");
    expect(g.instanceClass).toEqual({ aws: "m5.8xlarge", gcp: "n2-standard-32", azure: "Standard_D32_v5" });
    expect(GRID_FILE.startsWith(join(ROOT, "data"))).toBe(true);
  });

  it.skipIf(DATA === undefined)("scripts/build-grid-data.ts rebuilds the committed file from the shared data exactly", () => {
    expect(gunzipSync(readFileSync(GRID_FILE)).toString("utf8")).toBe(gridJson(buildGrid(readGridSources(DATA!))));
  });
});
