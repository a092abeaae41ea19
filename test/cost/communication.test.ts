import { describe, expect, it } from "vitest";
import {
  activationBytes,
  demandGbps,
  hopCapGbps,
  hopSec,
  isBandwidthFeasible,
  nodePairsOfHop,
  nodesOfStage,
  serialisationSec,
  linkKey,
  resolveChannel,
} from "../../src/cost/communication.js";
import type { Topology } from "../../src/model/types.js";
import { constant, region } from "./fixtures.js";

const TOPOLOGY: Topology = {
  name: "tri",
  regions: [
    region("A", 1.2, constant(0.1), { intraBandwidthGbps: 400, intraLatencyMs: 0.02 }),
    region("B", 1.1, constant(0.1)),
    region("C", 1.3, constant(0.1)),
  ],
  // stored as B–A: lookups A→B must still find it
  links: [{ a: "B", b: "A", bandwidthGbps: 10, latencyMs: 30 }],
};

describe("activationBytes", () => {
  it("activationBytes(b, s, h) is b·s·h·2 (bf16)", () => {
    // 1 · 2048 · 5120 · 2 = 20,971,520
    expect(activationBytes(1, 2048, 5120)).toBe(20_971_520);
    // 4 · 1024 · 4096 · 2 = 33,554,432
    expect(activationBytes(4, 1024, 4096)).toBe(33_554_432);
  });
});

describe("hopSec", () => {
  it("hopSec(A, latencyMs, bandwidthGbps) is 2·(latency + A·8/bandwidth)", () => {
    // 1e9 B = 8e9 bit over 8 Gbit/s = 1 s; + 10 ms; ×2 = 2.02 s
    expect(hopSec(1e9, 10, 8)).toBeCloseTo(2.02, 12);
    // 20,971,520 B = 167,772,160 bit / 5e9 = 0.033554432 s; + 0.035 s; ×2 = 0.137108864 s
    expect(hopSec(20_971_520, 35, 5)).toBeCloseTo(0.137108864, 12);
    // zero latency, infinite bandwidth: free
    expect(hopSec(1e6, 0, Infinity)).toBe(0);
  });
});

describe("demandGbps", () => {
  it("demandGbps(A, t_f + t_b) is A·8/(t_f + t_b) in Gbit/s", () => {
    // 1.25e8 B = 1e9 bit per 0.5 s of the sender's forward + backward → 2 Gbit/s
    expect(demandGbps(1.25e8, 0.5)).toBeCloseTo(2, 12);
    // worked example: 167,772,160 bit / 0.04129776246 s (t_f 0.01376592082 + t_b 0.02753184164) → 4.0625
    expect(demandGbps(20_971_520, 0.01376592082 + 0.02753184164)).toBeCloseTo(4.0625, 8);
  });

  it("serialisationSec(A, bandwidth) is A·8/bandwidth", () => {
    // 20,971,520 B = 167,772,160 bit at 4.4 Gbit/s
    expect(serialisationSec(20_971_520, 4.4)).toBeCloseTo(0.03813003636, 10);
  });

  it("isBandwidthFeasible(share, demand) holds exactly when share ≥ demand", () => {
    expect(isBandwidthFeasible(2, 2)).toBe(true);
    expect(isBandwidthFeasible(1.99, 2)).toBe(false);
    expect(isBandwidthFeasible(100, 2)).toBe(true);
  });
});

describe("hopCapGbps", () => {
  const link = { a: "A", b: "B", bandwidthGbps: 20, perNodePairGbps: 4, latencyMs: 30 };
  const a8 = region("A", 1, constant(0.1));
  const b4 = region("B", 1, constant(0.1), { gpusPerNode: 4 });
  it("nodesOfStage(g, n) is ⌈g/n⌉, at least one node, 8 GPUs per node by default", () => {
    expect([1, 8, 9, 16, 17].map((g) => nodesOfStage(g))).toEqual([1, 1, 2, 2, 3]);
    expect(nodesOfStage(8, 4)).toBe(2);
  });

  it("nodePairsOfHop(g, from, to) takes the smaller node count of the two ends", () => {
    // 8 GPUs: 1 node in A (8 per node), 2 in B (4 per node) → 1 pair
    expect(nodePairsOfHop(8, a8, b4)).toBe(1);
    expect(nodePairsOfHop(16, b4, a8)).toBe(2);
  });

  it("hopCapGbps(link, g, from, to) is node pairs × per-pair throughput, at most the aggregate", () => {
    expect(hopCapGbps(link, 8, a8, b4)).toBe(4);
    expect(hopCapGbps(link, 32, a8, b4)).toBe(16);
    expect(hopCapGbps(link, 64, a8, b4)).toBe(20); // 8 pairs × 4 = 32, capped by 20
    // without perNodePairGbps one hop may use the whole link
    expect(hopCapGbps({ a: "A", b: "B", bandwidthGbps: 20, latencyMs: 30 }, 1, a8, b4)).toBe(20);
  });
});

describe("resolveChannel", () => {
  it("resolveChannel(topology, r, r) uses the region's intra-region figures", () => {
    const c = resolveChannel(TOPOLOGY, "A", "A");
    expect(c).toEqual({ ok: true, value: { kind: "intra", regionId: "A", bandwidthGbps: 400, latencyMs: 0.02 } });
  });

  it("resolveChannel(topology, a, b) finds an undirected link stored in either order", () => {
    for (const [from, to] of [["A", "B"], ["B", "A"]] as const) {
      const c = resolveChannel(TOPOLOGY, from, to);
      expect(c.ok).toBe(true);
      if (!c.ok || c.value.kind !== "inter") throw new Error("expected an inter-region channel");
      expect(c.value.bandwidthGbps).toBe(10);
      expect(c.value.latencyMs).toBe(30);
      expect(c.value.key).toBe("A <-> B");
      expect(c.value.link).toBe(TOPOLOGY.links[0]);
    }
  });

  it("resolveChannel(topology, a, c) with no link is a no_link error naming the pair and the fix", () => {
    const c = resolveChannel(TOPOLOGY, "A", "C", 2);
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(c.error.kind).toBe("no_link");
    expect(c.error.message).toContain('"A"');
    expect(c.error.message).toContain('"C"');
    expect(c.error.message).toContain("path[2] -> path[3]");
    expect(c.error.message).toContain("topology.links");
  });

  it("resolveChannel(topology, a, x) with an unknown region is an unknown_region error listing the regions", () => {
    const c = resolveChannel(TOPOLOGY, "A", "X");
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(c.error).toMatchObject({ kind: "unknown_region", regionId: "X" });
    expect(c.error.message).toContain("A, B, C");
  });

  it("linkKey(a, b) is the same for either order", () => {
    expect(linkKey("us", "eu")).toBe(linkKey("eu", "us"));
    expect(linkKey("us", "eu")).toBe("eu <-> us");
    expect(linkKey("a", "b")).not.toBe(linkKey("a", "c"));
  });
});
