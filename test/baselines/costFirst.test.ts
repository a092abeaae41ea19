import { describe, expect, it } from "vitest";
import { costFirstPlacement } from "../../src/baselines/costFirst.js";
import { linkKey } from "../../src/cost/index.js";
import type { Topology } from "../../src/model/types.js";
import { constant, job, link, region, view } from "../bace/fixtures.js";

// Prices: C 0.04 < A 0.08 < B 0.12 USD/kWh; 2 GPUs each; full mesh.
const topology: Topology = {
  name: "abc",
  regions: [region("A", 2, { price: constant(0.08) }), region("B", 2, { price: constant(0.12) }), region("C", 2, { price: constant(0.04) })],
  links: [link("A", "B", 10, 5), link("A", "C", 10, 5), link("B", "C", 10, 5)],
};

describe("costFirstPlacement", () => {
  it("costFirstPlacement(view, job) pours stages into the cheapest regions in price order", () => {
    const out = costFirstPlacement(view(topology), job("x", 5));
    if (!out.ok) throw new Error(out.reason);
    expect(out.candidate.path).toEqual(["C", "C", "A", "A", "B"]);
  });

  it("costFirstPlacement(view, job) is bandwidth-blind: it keeps a path whose hop stalls", () => {
    // C → A carries the 2-stage job's hop (demand 8 Gbit/s) on 1 Gbit/s of residual.
    const out = costFirstPlacement(view(topology, { freeGpus: { C: 1 }, residualGbps: { [linkKey("A", "C")]: 1 } }), job("x", 2));
    if (!out.ok) throw new Error(out.reason);
    expect(out.candidate.path).toEqual(["C", "A"]);
    expect(out.candidate.stalls).toBe(true);
  });

  it("costFirstPlacement(view, job) follows hourly prices at the view's time", () => {
    const hourly: Topology = {
      ...topology,
      regions: [region("A", 2, { price: { kind: "hourly", usdPerKwh: [0.01, 0.5] } }), region("B", 2, { price: constant(0.1) })],
      links: [link("A", "B", 10, 5)],
    };
    const early = costFirstPlacement(view(hourly, { timeSec: 10 }), job("x", 2));
    const late = costFirstPlacement(view(hourly, { timeSec: 3700 }), job("x", 2));
    expect(early.ok && early.candidate.path).toEqual(["A", "A"]);
    expect(late.ok && late.candidate.path).toEqual(["B", "B"]);
  });

  it("costFirstPlacement(view, job) waits when the rigid path needs a missing link", () => {
    const line: Topology = { ...topology, links: [link("A", "B", 10, 5)] };
    const out = costFirstPlacement(view(line, { freeGpus: { A: 0 } }), job("x", 4));
    expect(out).toEqual({ ok: false, reason: 'cheapest-first path C → B: no link between "C" and "B"' });
  });
});
