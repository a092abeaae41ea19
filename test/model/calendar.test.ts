import { describe, expect, it } from "vitest";
import { priceIntegralUsdPerKw } from "../../src/cost/price.js";
import { anchorTopology, rotateSeries, seriesHourOf } from "../../src/model/calendar.js";
import { InstanceError } from "../../src/model/issues.js";
import { parseWorkload } from "../../src/model/load.js";
import type { Price, Region, Topology } from "../../src/model/types.js";
import { floorToHour, formatUtc, parseUtcDateTime, parseUtcHour } from "../../src/model/utcTime.js";

const GPU = { name: "g", peakTflopsBf16: 100, powerW: 400, memoryGb: 80 };
const region = (id: string, price: Price): Region => ({
  id,
  cloudRegion: `x:${id}`,
  gpus: 8,
  gpu: GPU,
  pue: 1,
  price,
  intraBandwidthGbps: 100,
  intraLatencyMs: 0.05,
});
/** Hour h of the 2023 series costs h USD/kWh, so the hour read is the value read. */
const YEAR_2023: Price = { kind: "hourly", usdPerKwh: Array.from({ length: 8760 }, (_, h) => h), originUtc: "2023-01-01T00:00:00Z" };
const DAY: Price = { kind: "hourly", usdPerKwh: Array.from({ length: 24 }, (_, h) => 100 + h), originUtc: "2023-01-01T00:00:00Z" };
const topo = (...prices: Price[]): Topology => ({ name: "toy", regions: prices.map((p, i) => region(`r${i}`, p)), links: [] });
const hourly = (t: Topology, i: number): readonly number[] => {
  const p = t.regions[i]!.price;
  if (p.kind !== "hourly") throw new Error("expected hourly");
  return p.usdPerKwh;
};

describe("utcTime", () => {
  it("parseUtcHour(text) accepts whole UTC hours only, and real dates only", () => {
    expect(parseUtcHour("2023-10-01T05:00:00Z")).toBe(Date.UTC(2023, 9, 1, 5));
    expect(parseUtcHour("2023-10-01T05:00:00.000Z")).toBe(Date.UTC(2023, 9, 1, 5));
    for (const bad of ["2023-10-01T05:30:00Z", "2023-10-01T05:00:00", "2023-10-01", "2023-02-30T00:00:00Z", "2023-10-01T24:00:00Z"]) {
      expect(parseUtcHour(bad), bad).toBeNull();
    }
  });

  it("parseUtcDateTime(text) reads dates, date-times with a space or T, and zone offsets", () => {
    expect(parseUtcDateTime("2017-10-07 01:11:39")).toBe(Date.UTC(2017, 9, 7, 1, 11, 39));
    expect(parseUtcDateTime("2017-10-07")).toBe(Date.UTC(2017, 9, 7));
    expect(parseUtcDateTime("2020-06-09T18:41:01+08:00")).toBe(Date.UTC(2020, 5, 9, 10, 41, 1));
    expect(parseUtcDateTime("2020-06-09T18:41-0130")).toBe(Date.UTC(2020, 5, 9, 20, 11));
    expect(parseUtcDateTime("2017-13-01")).toBeNull();
    expect(parseUtcDateTime("yesterday")).toBeNull();
  });

  it("formatUtc(ms) and floorToHour(ms) give whole-second ISO text and the hour at or before", () => {
    const ms = Date.UTC(2017, 9, 7, 1, 11, 39, 250);
    expect(formatUtc(ms)).toBe("2017-10-07T01:11:39Z");
    expect(formatUtc(floorToHour(ms))).toBe("2017-10-07T01:00:00Z");
  });
});

describe("anchorTopology(topology, startUtc)", () => {
  it("seriesHourOf(origin, 8760, t) aligns a year-long series by the calendar: October 2017 reads October 2023", () => {
    const origin = Date.UTC(2023, 0, 1);
    // Jan–Sep 2023: 31+28+31+30+31+30+31+31+30 = 273 days = 6552 h
    expect(seriesHourOf(origin, 8760, Date.UTC(2017, 9, 1))).toBe(6552);
    expect(seriesHourOf(origin, 8760, Date.UTC(2023, 9, 1))).toBe(6552);
    // 29 Feb 2024 13:00 reads 28 Feb 13:00: (31 + 27)·24 + 13 = 1405
    expect(seriesHourOf(origin, 8760, Date.UTC(2024, 1, 29, 13))).toBe(1405);
    // a series that is not a calendar year repeats every n hours from its origin: 2 days 5 h later, mod 24 = 5
    expect(seriesHourOf(origin, 24, Date.UTC(2023, 0, 3, 5))).toBe(5);
    expect(seriesHourOf(origin, 24, Date.UTC(2022, 11, 31, 23))).toBe(23);
  });

  it("rotateSeries(series, k) starts the series at hour k and wraps", () => {
    expect(rotateSeries([0, 1, 2, 3], 1)).toEqual([1, 2, 3, 0]);
    expect(rotateSeries([0, 1, 2, 3], -1)).toEqual([3, 0, 1, 2]);
    expect(rotateSeries([0, 1, 2, 3], 8)).toEqual([0, 1, 2, 3]);
  });

  it("anchorTopology(t, '2017-10-01T00:00:00Z') rotates hourly series to October's hours and leaves constants alone", () => {
    const constant: Price = { kind: "constant", usdPerKwh: 0.1 };
    const t = anchorTopology(topo(YEAR_2023, DAY, constant), "2017-10-01T00:00:00Z");
    expect(hourly(t, 0).slice(0, 3)).toEqual([6552, 6553, 6554]);
    expect(hourly(t, 0)[8760 - 6552]).toBe(0); // wraps to 1 January after 31 December
    expect(hourly(t, 0)).toHaveLength(8760);
    // the 24-hour series: (2017-10-01 − 2023-01-01) is a whole number of days, so hour 0 stays hour 0
    expect(hourly(t, 1)[0]).toBe(100);
    expect(t.regions[2]!.price).toBe(constant);
    expect(t.regions[0]!.price).toMatchObject({ originUtc: "2017-10-01T00:00:00Z" });
  });

  it("the cost model prices the anchored run from the right hour: 1 kW for 2 h from 10:00 on 1 Oct costs hours 6562 + 6563", () => {
    const t = anchorTopology(topo(YEAR_2023), "2017-10-01T00:00:00Z");
    // 6552 + 10 = 6562: the series value is the hour index, so 1 kW over [10 h, 12 h) = 6562 + 6563 USD
    expect(priceIntegralUsdPerKw(t.regions[0]!.price, 10 * 3600, 12 * 3600)).toBeCloseTo(6562 + 6563, 9);
    // without anchoring the same run reads 1 January, hours 10 and 11
    expect(priceIntegralUsdPerKw(YEAR_2023, 10 * 3600, 12 * 3600)).toBeCloseTo(10 + 11, 9);
  });

  it("anchorTopology(anchorTopology(t, s), s) equals anchorTopology(t, s)", () => {
    const once = anchorTopology(topo(YEAR_2023, DAY), "2019-03-05T17:00:00Z");
    expect(anchorTopology(once, "2019-03-05T17:00:00Z")).toEqual(once);
  });

  it("anchorTopology names the field when startUtc is not a whole hour or a series has no originUtc", () => {
    const noOrigin: Price = { kind: "hourly", usdPerKwh: [1, 2, 3] };
    expect(() => anchorTopology(topo(YEAR_2023), "2017-10-01T00:30:00Z", "w.json")).toThrow(/w\.json: startUtc: must be a whole UTC hour/);
    try {
      anchorTopology(topo(YEAR_2023, noOrigin), "2017-10-01T00:00:00Z", "t.json");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InstanceError);
      expect((e as InstanceError).path).toBe("regions[1].price.originUtc");
      expect((e as InstanceError).message).toMatch(/needs "originUtc"/);
    }
  });

  it("parseWorkload accepts startUtc and provenance, rejects a startUtc off the hour by field path", () => {
    const job = { id: "j", model: "m", arrivalSec: 0, stages: 1, gpusPerStage: 1, microBatchSize: 1, microBatches: 1, iterations: 1, mfu: 1 };
    const ok = parseWorkload({ name: "w", startUtc: "2017-10-01T00:00:00Z", provenance: { source: "x" }, jobs: [job] }, "w.json");
    expect(ok.ok && ok.value).toEqual({ name: "w", startUtc: "2017-10-01T00:00:00Z", jobs: [job] });
    const bad = parseWorkload({ name: "w", startUtc: "2017-10-01 00:00", jobs: [job] }, "w.json");
    expect(!bad.ok && bad.issues[0]).toMatchObject({ path: "startUtc" });
  });
});
