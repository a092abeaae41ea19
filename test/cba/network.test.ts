import { describe, expect, it } from "vitest";
import { buildNetwork, fibreBetween } from "../../src/cba/network.js";
import { nsfnet } from "../../src/cba/nsfnet.js";

describe("network", () => {
  it("nsfnet() has 14 nodes, 21 fibres of 80 slots and the listed lengths", () => {
    const net = nsfnet();
    expect(net.graph.order).toBe(14);
    expect(net.graph.size).toBe(21);
    expect(net.fibres).toHaveLength(21);
    expect(net.slotsPerFibre).toBe(80);
    expect(net.slotWidthGhz).toBe(12.5);
    expect(fibreBetween(net, "14", "13")?.lengthKm).toBe(150);
    expect(fibreBetween(net, "1", "8")?.lengthKm).toBe(2400);
    expect(fibreBetween(net, "7", "10")).toBeNull();
    const degree = net.nodes.map((n) => net.graph.degree(n));
    expect(Math.min(...degree)).toBe(2);
    expect(Math.max(...degree)).toBe(4);
  });

  it("nsfnet({ lengthScale: 2 }) doubles every length", () => {
    expect(fibreBetween(nsfnet({ lengthScale: 2 }), "1", "2")?.lengthKm).toBe(2100);
  });

  it("buildNetwork(spec) names the field path of every bad entry", () => {
    const r = buildNetwork({
      name: "bad",
      nodes: ["a", "b", "a"],
      fibres: [["a", "c", 10], ["a", "b", -1]],
      datacenters: [{ id: "d", node: "z", gpus: 1.5 }],
    });
    expect(r.status).toBe("invalid");
    if (r.status !== "invalid") return;
    expect(r.issues.some((m) => m.startsWith("nodes[2]"))).toBe(true);
    expect(r.issues.some((m) => m.startsWith("fibres[0]") && m.includes('"c"'))).toBe(true);
    expect(r.issues.some((m) => m.startsWith("fibres[1]") && m.includes("lengthKm"))).toBe(true);
    expect(r.issues.some((m) => m.startsWith("datacenters[0].node"))).toBe(true);
    expect(r.issues.some((m) => m.startsWith("datacenters[0].gpus"))).toBe(true);
  });
});
