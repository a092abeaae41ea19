import { describe, expect, it } from "vitest";
import { mappedMarkets, marketColumn, matchMarket, measuredGrid } from "../../../src/model/derive/index.js";

const grid = measuredGrid();
const rows = grid.marketMapping;
const columns = Object.keys(grid.markets);
const market = (region: string, override?: string) => {
  const r = matchMarket(region, rows, columns, override);
  return r.ok ? [r.value.market, r.value.rule, r.value.alternatives] : r.message;
};

describe("GreenDCC market matching", () => {
  it("matchMarket(aws/gcp/azure name) uses the AWS code, the GCP region without its zone and the Azure display name without spaces", () => {
    expect(market("aws:us-east-1")).toEqual(["US-NY-NYIS", "mapping", []]);
    expect(market("gcp:europe-west4-a")).toEqual(["FR", "mapping", ["CH", "AT"]]); // the mapping's first row names europe-west4 for FR
    expect(market("azure:koreacentral")).toEqual(["KR", "mapping", []]); // "Korea Central"
    expect(market("azure:germanywestcentral")).toEqual(["DE-LU", "mapping", []]); // "Germany West Central"
    expect(market("aws:eu-central-1")).toEqual(["DE-LU", "mapping", ["CH", "AT"]]);
  });

  it("marketColumn('IN(-WE)') is the hourly column IN-WE; a name with no column is null", () => {
    expect(marketColumn("IN(-WE)", columns)).toBe("IN-WE");
    expect(marketColumn("IN(-XX)", ["IN"])).toBe("IN");
    expect(marketColumn("NOWHERE", columns)).toBeNull();
    expect(market("gcp:asia-south1-a")).toEqual(["IN-WE", "mapping", []]);
    expect(mappedMarkets("aws:ap-south-1", rows)).toEqual(["IN(-WE)"]);
  });

  it("matchMarket(region, override) takes any hourly market and keeps the mapping's as alternatives; unknown overrides and unmapped regions name the fix", () => {
    expect(market("gcp:europe-west4-a", "NL")).toEqual(["NL", "override", ["FR", "CH", "AT"]]);
    expect(market("gcp:europe-west4-a", "XX")).toMatch(/^--market gcp:europe-west4-a=XX: no hourly prices for "XX"; markets: AT, AU-NSW/);
    expect(market("aws:us-east-2")).toMatch(/^aws:us-east-2: GreenDCC's mapping names no market for it; give one with --market aws:us-east-2=MARKET/);
    expect(market("aws:us-east-2", "US-MIDA-PJM")).toEqual(["US-MIDA-PJM", "override", []]);
  });
});
