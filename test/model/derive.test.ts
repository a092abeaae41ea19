import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { deriveDefaultInstance, formatInstanceJson, median } from "../../scripts/derive-default-instance.js";
import { loadTopology, parseTopology } from "../../src/model/index.js";
import { ROOT } from "./helpers.js";

/** The shared measured data is outside the project; the reproducibility test runs only where it is present. */
const DATA = [join(ROOT, "..", "shared", "data"), "/work/shared/data"].find((d) => existsSync(join(d, "skyplane_latency_grid.csv")));

describe("scripts/derive-default-instance.ts", () => {
  it("median(xs) takes the middle value, or the mean of the two middle ones", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("formatInstanceJson(value, ref) puts $schema first, keeps numeric arrays on one line, and parses back to the value", () => {
    const value = { name: "x", series: [1, -0.5, 2e-7], nested: [{ a: [1, 2] }] };
    const text = formatInstanceJson(value, "../../schema/x.json");
    expect(text).toContain('"series": [1, -0.5, 2e-7]');
    expect(text).toContain('"a": [1, 2]');
    expect(JSON.parse(text)).toEqual({ $schema: "../../schema/x.json", ...value });
  });

  it.skipIf(DATA === undefined)("deriveDefaultInstance(data) reproduces the committed topology files exactly", () => {
    const d = deriveDefaultInstance(DATA!);
    expect(parseTopology(d.topology, "derived").ok).toBe(true);
    expect(d.topology).toEqual(loadTopology(join(ROOT, "instances/default/topology.json")));
    expect(d.hourlyTopology).toEqual(loadTopology(join(ROOT, "instances/default/topology-hourly.json")));
    for (const p of d.prices) expect(Math.abs(p.hourlyMeanUsdPerMwh - p.summaryMeanUsdPerMwh), p.market).toBeLessThan(0.006);
    for (const l of d.links) expect(l.link.perNodePairGbps).toBe(Number(Math.min(median(l.abGbps), median(l.baGbps)).toFixed(3)));
    // us-east-1 (128 GPUs, 16 nodes) – ap-southeast-1 (32 GPUs, 4 nodes): 4 node pairs × 3.026 Gbit/s
    const useApse = d.links.find((l) => l.a === "us-east-1" && l.b === "ap-southeast-1");
    expect(useApse?.link.bandwidthGbps).toBeCloseTo(4 * 3.026, 9);
  });
});
