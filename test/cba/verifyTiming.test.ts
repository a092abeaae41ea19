import { describe, expect, it } from "vitest";
import type { AcceptedRecord, RequestRecord } from "../../src/cba/assignment.js";
import { nearestFirstFit } from "../../src/cba/nearestFirstFit.js";
import { nsfnet } from "../../src/cba/nsfnet.js";
import { generateRequests } from "../../src/cba/request.js";
import { simulate } from "../../src/cba/simulate.js";
import { verifyAssignments } from "../../src/cba/verify.js";
import { mulberry32 } from "../../src/util/rng.js";
import { net, record, request, transfer } from "./verifyFixtures.js";

const kinds = (records: readonly RequestRecord[]): string[] => verifyAssignments(net, records).violations.map((v) => v.kind);

/** dc2 → dc5 over 2-4-5: 1350 km → 6.75 ms one way; 4 QPSK data slots = 100 Gbit/s; A = 1 MB → 0.08 ms per tensor. */
const a = record("a", 0, transfer([0, 1, 2, 3, 4]));

describe("verifyAssignments re-derives every record's timing", () => {
  it("accepts hand-computed figures: c_0 = 2·(6.75 + 0.08) = 13.66 ms, T = 3·(3 + 13.66) + 6 + 13.66 = 69.64 ms, stage 0 communication-bound", () => {
    expect(a.hopMs[0]).toBeCloseTo(13.66, 9);
    expect(a.hopMs[1]).toBe(0);
    expect(a.iterationTimeMs).toBeCloseTo(69.64, 9);
    expect(a.communicationBoundStages).toEqual([0]);
    expect(verifyAssignments(net, [a]).violations).toEqual([]);
  });

  it("rejects a halved iteration time, naming the request", () => {
    const report = verifyAssignments(net, [{ ...a, iterationTimeMs: a.iterationTimeMs / 2 }]);
    expect(report.violations).toEqual([expect.objectContaining({ kind: "iteration_time", requestId: "a" })]);
  });

  it("rejects a halved hop time, naming the stage", () => {
    const report = verifyAssignments(net, [{ ...a, hopMs: [a.hopMs[0]! / 2, 0] }]);
    expect(report.violations).toEqual([expect.objectContaining({ kind: "hop_time", requestId: "a", field: "hopMs[0]" })]);
  });

  it("rejects a hop time list of the wrong length and a hop time inside a DC", () => {
    expect(kinds([{ ...a, hopMs: [a.hopMs[0]!] }])).toEqual(["hop_time"]);
    const inDc = record("b", 0, transfer([0]), { stageDcs: ["dc2", "dc2"], transfers: [] });
    expect(kinds([{ ...inDc, hopMs: [1, 0] }])).toEqual(["hop_time"]);
  });

  it("rejects an emptied or altered communication-bound list", () => {
    expect(kinds([{ ...a, communicationBoundStages: [] }])).toEqual(["comm_bound"]);
    expect(kinds([{ ...a, communicationBoundStages: [1] }])).toEqual(["comm_bound"]);
    expect(kinds([{ ...a, communicationBoundStages: [0, 1] }])).toEqual(["comm_bound"]);
    expect(kinds([{ ...a, communicationBoundStages: [0, 0] }])).toEqual(["comm_bound"]);
    // A hop that is not bound: 4 × 16-QAM slots (200 Gbit/s) on the 300 km fibre 9–13 (1.5 ms one way), A = 0.1 MB:
    // c = 2·(1.5 + 0.004) = 3.008 ms < t_k = 4 ms, so a list naming stage 0 is wrong.
    const slow = request("c", { stageComputeMs: [4, 4], activationBytes: 1e5 });
    const fast = record("c", 0, transfer([0, 1, 2, 3, 4], {
      fromDc: "dc9", toDc: "dc13", nodes: ["9", "13"], lengthKm: 300, modulation: "16-QAM", gbpsPerSlot: 50, bandwidthGbps: 200, latencyMs: 1.5,
      fibres: [{ fibreId: net.fibres.findIndex((f) => (f.a === "9" && f.b === "13") || (f.a === "13" && f.b === "9")), slots: [0, 1, 2, 3, 4] }],
    }), { request: slow, stageDcs: ["dc9", "dc13"] });
    const net9 = nsfnet({ datacenters: [{ id: "dc9", node: "9", gpus: 32 }, { id: "dc13", node: "13", gpus: 32 }] });
    expect(fast.communicationBoundStages).toEqual([]);
    expect(verifyAssignments(net9, [fast]).violations).toEqual([]);
    expect(verifyAssignments(net9, [{ ...fast, communicationBoundStages: [0] }]).violations.map((v) => v.kind)).toEqual(["comm_bound"]);
  });

  it("rejects a recorded bandwidth, latency, length or slot capacity its route and format do not give", () => {
    const t = a.transfers[0]!;
    for (const [field, value] of [["bandwidthGbps", 200], ["latencyMs", 3], ["lengthKm", 1000], ["gbpsPerSlot", 50]] as const) {
      const report = verifyAssignments(net, [{ ...a, transfers: [{ ...t, [field]: value }] }]);
      expect(report.violations).toEqual([expect.objectContaining({ kind: "transfer_figure", requestId: "a", field })]);
    }
  });

  it("rejects every mutation of simulated records (halved T, halved hop, emptied list) on the request that carries it", () => {
    const network = nsfnet({ datacenters: ["1", "2", "3", "4", "5", "6", "8", "10", "12", "13"].map((node) => ({ id: `dc${node}`, node, gpus: 16 })) });
    const { records } = simulate(network, generateRequests(network.nodes, mulberry32(7), { count: 60, gpusPerStageChoices: [8] }), nearestFirstFit());
    expect(verifyAssignments(network, records).violations).toEqual([]);
    const crossing = records.filter((r): r is AcceptedRecord => r.status === "accepted" && r.transfers.length > 0);
    const bound = crossing.filter((r) => r.communicationBoundStages.length > 0);
    expect(crossing.length).toBeGreaterThan(10);
    expect(bound.length).toBeGreaterThan(0);
    const mutate = (victim: AcceptedRecord, changed: AcceptedRecord) => verifyAssignments(network, records.map((r) => (r === victim ? changed : r))).violations;
    for (const r of crossing) {
      const hop = r.transfers[0]!.hop;
      expect(mutate(r, { ...r, iterationTimeMs: r.iterationTimeMs / 2 })).toEqual([expect.objectContaining({ kind: "iteration_time", requestId: r.request.id })]);
      expect(mutate(r, { ...r, hopMs: r.hopMs.map((c, k) => (k === hop ? c / 2 : c)) })).toEqual([expect.objectContaining({ kind: "hop_time", requestId: r.request.id })]);
    }
    for (const r of bound) {
      expect(mutate(r, { ...r, communicationBoundStages: [] })).toEqual([expect.objectContaining({ kind: "comm_bound", requestId: r.request.id })]);
    }
  });
});
