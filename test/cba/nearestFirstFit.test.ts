import { describe, expect, it } from "vitest";
import type { ClusterView, Decision } from "../../src/cba/assignment.js";
import { nearestFirstFit, placeStagesNearest } from "../../src/cba/nearestFirstFit.js";
import { buildNetwork, type Datacenter, type OpticalNetwork } from "../../src/cba/network.js";
import type { TrainingRequest } from "../../src/cba/request.js";
import { SpectrumState } from "../../src/cba/spectrum.js";

/** Square a-b-c-d-a (km: ab 100, bc 100, cd 300, da 300) with DCs at a and c, 10 slots per fibre. */
function square(gpus: readonly number[] = [8, 8], scale = 1, slots = 10): OpticalNetwork {
  const dcs: Datacenter[] = [
    { id: "A", node: "a", gpus: gpus[0] ?? 0 },
    { id: "C", node: "c", gpus: gpus[1] ?? 0 },
  ];
  const built = buildNetwork({
    name: "square",
    nodes: ["a", "b", "c", "d"],
    fibres: [["a", "b", 100 * scale], ["b", "c", 100 * scale], ["c", "d", 300 * scale], ["d", "a", 300 * scale]],
    datacenters: dcs,
    slotsPerFibre: slots,
  });
  if (built.status !== "ok") throw new Error(built.issues.join("; "));
  return built.network;
}

function request(over: Partial<TrainingRequest> = {}): TrainingRequest {
  return {
    id: "r0", arrivalSec: 0, holdingSec: 1, sourceNode: "a", gpusPerStage: 4, microBatches: 4,
    stageComputeMs: [3, 3, 3], activationBytes: 1e6, demandGbps: 100, ...over,
  };
}

function view(network: OpticalNetwork, spectrum = new SpectrumState(network.fibres.length, network.slotsPerFibre)): ClusterView {
  return { network, spectrum, freeGpus: new Map(network.datacenters.map((d) => [d.id, d.gpus])) };
}

function accepted(d: Decision): Extract<Decision, { status: "accepted" }> {
  if (d.status !== "accepted") throw new Error(`expected accepted, got ${d.reason}: ${d.detail}`);
  return d;
}

describe("nearestFirstFit", () => {
  it("placeStagesNearest fills the nearest DC before moving to the next nearest", () => {
    const net = square([8, 8]);
    expect(placeStagesNearest(view(net), request({ stageComputeMs: [1, 1, 1, 1] }))).toEqual({ stageDcs: ["A", "A", "C", "C"] });
    expect(placeStagesNearest(view(net), request({ sourceNode: "d", stageComputeMs: [1, 1, 1, 1] }))).toEqual({ stageDcs: ["A", "A", "C", "C"] });
    expect(placeStagesNearest(view(net), request({ sourceNode: "c", stageComputeMs: [1, 1, 1] }))).toEqual({ stageDcs: ["C", "C", "A"] });
    expect(placeStagesNearest(view(net), request({ stageComputeMs: [1, 1, 1, 1, 1] }))).toEqual({ failedStage: 4 });
  });

  it("nearestFirstFit() routes the cross-DC hop on the shortest path at the first free slot", () => {
    const net = square([8, 8]);
    const d = accepted(nearestFirstFit()(view(net), request()));
    expect(d.stageDcs).toEqual(["A", "A", "C"]);
    expect(d.transfers).toHaveLength(1);
    const t = d.transfers[0]!;
    expect(t).toMatchObject({ hop: 1, fromDc: "A", toDc: "C", modulation: "16-QAM", dataSlots: 2, guardSlots: 1, startSlot: 0 });
    expect(t.path.nodes).toEqual(["a", "b", "c"]);
  });

  it("nearestFirstFit() takes the second path when the first has no block", () => {
    const net = square([8, 8]);
    const s = new SpectrumState(net.fibres.length, net.slotsPerFibre);
    s.allocate([0], 0, 5);
    s.allocate([1], 5, 5); // a-b-c: no slot free on both fibres
    const t = accepted(nearestFirstFit()(view(net, s), request())).transfers[0]!;
    expect(t.path.nodes).toEqual(["a", "d", "c"]);
    // 600 km → 8-QAM (37.5 Gbit/s per slot): ⌈100 / 37.5⌉ = 3 data slots + 1 guard
    expect(t).toMatchObject({ modulation: "8-QAM", dataSlots: 3, guardSlots: 1, startSlot: 0 });
  });

  it("nearestFirstFit() is blocked with no_spectrum when no block fits on any of k paths", () => {
    const net = square([8, 8]);
    const s = new SpectrumState(net.fibres.length, net.slotsPerFibre);
    s.allocate([0], 0, 5);
    s.allocate([1], 5, 5);
    s.allocate([2], 0, 3);
    s.allocate([3], 5, 3); // a-d-c free on both fibres only at 3,4 and 8,9: 2-slot gaps
    const d = nearestFirstFit()(view(net, s), request({ demandGbps: 100 })); // needs 3 or 4 slots
    expect(d).toMatchObject({ status: "blocked", reason: "no_spectrum" });
    const one = nearestFirstFit({ k: 1 })(view(net, s), request({ demandGbps: 10 }));
    expect(one).toMatchObject({ status: "blocked", reason: "no_spectrum" });
    const two = accepted(nearestFirstFit({ k: 2 })(view(net, s), request({ demandGbps: 10 })));
    expect(two.transfers[0]!.startSlot).toBe(3);
  });

  it("nearestFirstFit() is blocked with out_of_reach when every path is too long, and no_gpus when no DC has room", () => {
    expect(nearestFirstFit()(view(square([8, 8], 30)), request())).toMatchObject({ status: "blocked", reason: "out_of_reach" });
    expect(nearestFirstFit()(view(square([4, 4])), request())).toMatchObject({ status: "blocked", reason: "no_gpus" });
  });

  it("nearestFirstFit() gives two transfers of one request disjoint slots when they share fibres", () => {
    const built = buildNetwork({
      name: "line",
      nodes: ["a", "b", "c"],
      fibres: [["a", "b", 100], ["b", "c", 100]],
      datacenters: [{ id: "A", node: "a", gpus: 4 }, { id: "B", node: "b", gpus: 4 }, { id: "C", node: "c", gpus: 4 }],
      slotsPerFibre: 10,
    });
    if (built.status !== "ok") throw new Error("fixture");
    // source b: B, then A (tie with C broken by input order), then C: hops B→A on fibre 0, A→C on fibres 0,1.
    const d = accepted(nearestFirstFit()(view(built.network), request({ sourceNode: "b" })));
    expect(d.stageDcs).toEqual(["B", "A", "C"]);
    expect(d.transfers.map((t) => [t.path.fibreIds, t.startSlot])).toEqual([[[0], 0], [[0, 1], 3]]);
  });
});
