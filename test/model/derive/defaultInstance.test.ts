import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_TOPOLOGIES, defaultDeriveArgs, defaultInstanceFiles, deriveDefault, withTables } from "../../../scripts/derive-default-instance.js";
import { anchorTopology } from "../../../src/model/calendar.js";
import { priceIntegralUsdPerKw } from "../../../src/cost/price.js";
import { formatInstanceJson } from "../../../src/model/instanceJson.js";
import { loadTopology } from "../../../src/model/load.js";
import { ROOT } from "../helpers.js";

const MAIN = path.join(ROOT, "src", "cli", "main.ts");
const committed = (rel: string): string => readFileSync(path.join(ROOT, rel), "utf8");

describe("the default instance comes out of geopipe topology derive", () => {
  it("defaultInstanceFiles() reproduces instances/default/topology*.json and the README tables byte for byte", () => {
    const files = defaultInstanceFiles(ROOT, committed("instances/README.md"));
    for (const [rel, text] of files) expect(text, `${rel} (npx tsx scripts/derive-default-instance.ts --write)`).toBe(committed(rel));
  });

  it("geopipe topology derive with the default's regions and assumptions writes the same topology files (bar the $schema path)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "geopipe-default-"));
    for (const t of DEFAULT_TOPOLOGIES) {
      const out = path.join(dir, t.file);
      const r = spawnSync(process.execPath, ["--import", "tsx", MAIN, ...defaultDeriveArgs(t.file), "--out", out], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      const schemaLine = /^ {2}"\$schema": .*\n/m;
      expect(readFileSync(out, "utf8").replace(schemaLine, "")).toBe(committed(`instances/default/${t.file}`).replace(schemaLine, ""));
    }
  });

  it("deriveDefault prices every region by its GreenDCC market (the first mapping row), PREMIUM rows only, 15 links", () => {
    const d = deriveDefault(true);
    expect(d.markets.map((m) => [m.region, m.market, m.alternatives])).toEqual([
      ["aws:us-east-1", "US-NY-NYIS", []],
      ["aws:us-west-1", "US-CAL-CISO", []],
      ["aws:eu-central-1", "DE-LU", ["CH", "AT"]],
      ["aws:ap-northeast-1", "JP-TK", []],
      ["aws:ap-southeast-1", "SG", []],
      ["aws:sa-east-1", "BR-SP", []],
    ]);
    expect(d.topology.links).toHaveLength(15);
    for (const r of d.topology.regions) expect(r.price).toMatchObject({ kind: "hourly", originUtc: "2023-01-01T00:00:00Z" });
    for (const p of d.prices) expect(Math.abs(p.hourlyMeanUsdPerMwh - p.summaryMeanUsdPerMwh), p.market).toBeLessThan(0.006);
    expect(formatInstanceJson({ a: [1, 2] }, "x")).toBe('{\n  "$schema": "x",\n  "a": [1, 2]\n}\n');
  });

  it("withTables(readme, tables) replaces only the text between the markers and refuses a README without them", () => {
    const readme = "head\n<!-- BEGIN derived tables (scripts/derive-default-instance.ts) -->\nold\n<!-- END derived tables -->\ntail\n";
    expect(withTables(readme, "new")).toBe("head\n<!-- BEGIN derived tables (scripts/derive-default-instance.ts) -->\n\nnew\n\n<!-- END derived tables -->\ntail\n");
    expect(() => withTables("no markers", "x")).toThrow(/no derived-table markers/);
  });

  it("the bundled hourly topology read from 2017-10-01T00:00Z prices us-east-1 with NYISO's 1 October 2023 hours (23.59, 25.62 USD/MWh)", () => {
    const t = anchorTopology(loadTopology(path.join(ROOT, "instances/default/topology-hourly.json")), "2017-10-01T00:00:00Z");
    const p = t.regions.find((r) => r.id === "us-east-1")!.price;
    // greendcc_hourly_prices_2023_usd_mwh_wide.csv, row 2023-10-01 00:00:00: US-NY-NYIS 23.59, then 25.62 at 01:00
    expect(p.kind === "hourly" && p.usdPerKwh.slice(0, 2)).toEqual([0.02359, 0.02562]);
    expect(priceIntegralUsdPerKw(p, 0, 7200)).toBeCloseTo(0.02359 + 0.02562, 12); // 1 kW for 2 h from time 0
  });
});
