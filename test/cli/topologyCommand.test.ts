import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { geopipe, ROOT, tmp } from "./geopipe.js";
import { commandLine, parseMarkets, regionSpecs, topologyDeriveCommand } from "../../src/cli/topologyCommand.js";
import { loadTopology } from "../../src/model/load.js";



describe("geopipe topology derive", () => {
  it("geopipe topology derive --regions aws,gcp,azure --hourly --out T.json writes a loadable topology and T.md beside it", () => {
    const out = path.join(tmp(), "t.json");
    const r = geopipe("topology", "derive", "--regions", "aws:us-east-1,gcp:europe-west4-a,azure:koreacentral", "--gpus", "128,64,32", "--gpu-type", "a100,h100,a100", "--hourly", "--market", "gcp:europe-west4-a=NL", "--out", out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("derived-3-regions-hourly-2023: 3 regions, 3 links, hourly prices");
    expect(r.stdout).toMatch(/europe-west4-a +gcp:europe-west4-a +market NL \(override; mapping also gives FR, CH, AT\)/);
    const t = loadTopology(out);
    expect(t.regions.map((x) => [x.id, x.gpus, x.gpu.name])).toEqual([["us-east-1", 128, "A100-80GB-SXM"], ["europe-west4-a", 64, "H100-SXM-80GB"], ["koreacentral", 32, "A100-80GB-SXM"]]);
    expect(t.regions[1]!.price).toMatchObject({ kind: "hourly", originUtc: "2023-01-01T00:00:00Z" });
    const md = readFileSync(out.replace(/\.json$/, ".md"), "utf8");
    expect(md).toContain("Made by `geopipe topology derive --regions aws:us-east-1,gcp:europe-west4-a,azure:koreacentral --gpus 128,64,32 --gpu-type a100,h100,a100 --market gcp:europe-west4-a=NL --hourly");
    expect(md).toContain("| europe-west4-a | gcp:europe-west4-a | NL (mapping also gives FR, CH, AT) | override |");
    expect(readFileSync(out, "utf8")).toMatch(/^\{\n {2}"\$schema": ".*schema\/topology\.schema\.json",/);
  });

  it("geopipe topology derive with unmeasured pairs exits 2 with one line per pair and no stack", () => {
    const r = geopipe("topology", "derive", "--regions", "aws:us-east-1,aws:eu-west-3,gcp:us-east1-b", "--out", path.join(tmp(), "t.json"));
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toEqual([
      "geopipe: deriveTopology(regions): links: no PREMIUM latency measurement between aws:us-east-1 and aws:eu-west-3; pick other regions or pass --allow-partial to leave the pair unlinked",
      "deriveTopology(regions): links: no PREMIUM latency measurement between aws:eu-west-3 and gcp:us-east1-b; pick other regions or pass --allow-partial to leave the pair unlinked",
    ]);
  });

  it("regionSpecs(flags): one value for all or one per region; a wrong count or value names the flag", () => {
    const base = { regions: "aws:us-east-1,azure:westus", out: "t.json" };
    expect(regionSpecs({ ...base, gpus: "16", pue: "1.1,1.3" }).map((s) => [s.gpus, s.pue, s.gpu.name])).toEqual([[16, 1.1, "A100-80GB-SXM"], [16, 1.3, "A100-80GB-SXM"]]);
    expect(() => regionSpecs({ ...base, gpus: "1,2,3" })).toThrow("--gpus 1,2,3: give one value for all 2 regions or one per region, got 3");
    expect(() => regionSpecs({ ...base, gpuType: "V100" })).toThrow('--gpu-type: "V100" is not a GPU type (A100, H100)');
    expect(() => regionSpecs({ ...base, pue: "0.9" })).toThrow('--pue: "0.9" is not a PUE >= 1');
    expect(() => regionSpecs({ ...base, market: ["gcp:x=NL"] })).toThrow("--market gcp:x=…: gcp:x is not one of --regions");
    expect(parseMarkets(["aws:us-east-1=US-MIDA-PJM,azure:westus=US-CAL-CISO"])).toEqual(new Map([["aws:us-east-1", "US-MIDA-PJM"], ["azure:westus", "US-CAL-CISO"]]));
    expect(() => topologyDeriveCommand({ ...base, regions: "aws:us-east-9" })).toThrow(/"aws:us-east-9" is not in the Skyplane grid; did you mean "aws:us-east-1"\?/);
    expect(commandLine({ ...base, hourly: true })).toBe("geopipe topology derive --regions aws:us-east-1,azure:westus --hourly --out t.json");
  });
});
