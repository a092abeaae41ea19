import { describe, expect, it } from "vitest";
import { A100_80GB, deriveTopology, derivationMarkdown, H100_SXM, indexGrid, measuredGrid, median, type RegionSpec } from "../../../src/model/derive/index.js";

const spec = (skyplane: string, gpus = 64, extra: Partial<RegionSpec> = {}): RegionSpec => ({ skyplane, gpus, gpu: A100_80GB, pue: 1.2, ...extra });
const THREE = [spec("aws:us-east-1", 128), spec("gcp:europe-west4-a", 64, { gpu: H100_SXM }), spec("azure:koreacentral", 20)];

function derived(specs: readonly RegionSpec[], options = {}) {
  const r = deriveTopology(specs, options);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
  return r.value;
}

describe("deriveTopology(regions)", () => {
  it("deriveTopology(3 clouds) takes per-direction medians of the PREMIUM samples, the smaller direction, and node pairs of the smaller end", () => {
    const d = derived(THREE);
    const ix = indexGrid(measuredGrid());
    const link = d.topology.links.find((l) => l.a === "us-east-1" && l.b === "europe-west4-a")!;
    // samples: 4.2614 Gbit/s one way, 5.3880 the other → 4.261; 128 GPUs = 16 nodes, 64 = 8 → 8 pairs
    expect(ix.throughputGbps("aws:us-east-1", "gcp:europe-west4-a")).toEqual([4.2613665270440215]);
    expect(ix.throughputGbps("gcp:europe-west4-a", "aws:us-east-1")).toEqual([5.388034]);
    expect(link).toEqual({ a: "us-east-1", b: "europe-west4-a", bandwidthGbps: 34.088, perNodePairGbps: 4.261, latencyMs: 42.275 }); // (84.499 + 84.6)/2/2
    const kr = d.topology.links.find((l) => l.b === "koreacentral" && l.a === "us-east-1")!;
    expect(kr.perNodePairGbps).toBe(Number(Math.min(median(ix.throughputGbps("aws:us-east-1", "azure:koreacentral")), median(ix.throughputGbps("azure:koreacentral", "aws:us-east-1"))).toFixed(3)));
    expect(kr.bandwidthGbps).toBe(Number((kr.perNodePairGbps! * 3).toFixed(3))); // 20 GPUs = ⌈20/8⌉ = 3 nodes
    expect(d.topology.regions.map((r) => [r.id, r.cloudRegion, r.price])).toEqual([
      ["us-east-1", "aws:us-east-1", { kind: "constant", usdPerKwh: 0.03639 }],
      ["europe-west4-a", "gcp:europe-west4-a", { kind: "constant", usdPerKwh: 0.10422 }],
      ["koreacentral", "azure:koreacentral", { kind: "constant", usdPerKwh: 0.11098 }],
    ]);
  });

  it("deriveTopology(hourly) writes the 2023 series with originUtc; startUtc rotates it to that hour", () => {
    const d = derived(THREE.slice(0, 1), { hourly: true });
    const p = d.topology.regions[0]!.price;
    expect(p.kind === "hourly" && [p.usdPerKwh.length, p.usdPerKwh[0], p.originUtc]).toEqual([8760, 0.0377, "2023-01-01T00:00:00Z"]); // NYISO 2023-01-01 00:00: 37.70 USD/MWh
    const oct = derived(THREE.slice(0, 1), { hourly: true, startUtc: "2023-10-01T00:00:00Z" }).topology.regions[0]!.price;
    expect(oct.kind === "hourly" && oct.usdPerKwh[0]).toBe(p.kind === "hourly" ? p.usdPerKwh[6552] : NaN);
  });

  it("deriveTopology reports every unmeasured pair by name, one issue each; allowPartial leaves them out and lists them", () => {
    const specs = [spec("aws:us-east-1"), spec("azure:eastus2", 64, { market: "US-MIDA-PJM" }), spec("gcp:europe-west4-a")];
    const r = deriveTopology(specs);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.message)).toEqual([
      "no PREMIUM latency measurement between aws:us-east-1 and azure:eastus2; pick other regions or pass --allow-partial to leave the pair unlinked",
      "no PREMIUM latency measurement between azure:eastus2 and gcp:europe-west4-a; pick other regions or pass --allow-partial to leave the pair unlinked",
    ]);
    const partial = deriveTopology(specs, { allowPartial: true });
    expect(partial.ok && partial.value.topology.links.map((l) => `${l.a}-${l.b}`)).toEqual(["us-east-1-europe-west4-a"]);
    expect(partial.ok && partial.value.missing).toHaveLength(2);
  });

  it("deriveTopology names an unknown region with a suggestion, a region without a market, and clashing ids", () => {
    const r = deriveTopology([spec("aws:us-east-9"), spec("aws:us-east-2"), spec("aws:us-west-1", 8, { id: "x" }), spec("azure:westus", 8, { id: "x" })]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = r.issues.map((i) => `${i.path}: ${i.message}`).join("\n");
    expect(text).toContain('regions[0]: "aws:us-east-9" is not in the Skyplane grid; did you mean "aws:us-east-1"?');
    expect(text).toContain("regions[1].market: aws:us-east-2: GreenDCC's mapping names no market for it; give one with --market aws:us-east-2=MARKET");
    expect(text).toContain("regions: region ids clash (us-east-9, us-east-2, x, x); give ids");
  });

  it("derivationMarkdown lists the sources, row counts, each region's market and each link's samples", () => {
    const md = derivationMarkdown(derived(THREE), "t.json", "geopipe topology derive …");
    expect(md).toContain("rows: throughput 7053 read, 3968 kept (PREMIUM tier at both ends); latency 8010 read, 4692 kept");
    expect(md).toContain("| europe-west4-a | gcp:europe-west4-a | FR (mapping also gives CH, AT) | GreenDCC mapping |");
    expect(md).toContain("| us-east-1 – europe-west4-a | 4.261 | 5.388 | 4.261 | 16, 8 | 34.088 | 84.499 | 84.600 | 42.275 |");
    expect(md).toContain("Skyplane (skyplane-project/skyplane @2e3b2c01, Apache-2.0)");
    expect(md).toContain("GreenDCC (HewlettPackard/green-dcc @3f6ea95c, MIT)");
  });

  it("derivationMarkdown shows the median beside several samples of one direction", () => {
    const d = derived([spec("azure:germanywestcentral"), spec("aws:eu-west-2", 64, { market: "NL" })]);
    // two samples azure:germanywestcentral → aws:eu-west-2: 9.374, 9.367 Gbit/s
    expect(derivationMarkdown(d, "t.json", "x")).toContain("| germanywestcentral – eu-west-2 | 9.374, 9.367 (median 9.371) |");
  });
});
