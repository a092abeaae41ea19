import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AcceptedRecord, RequestRecord } from "../../src/cba/assignment.js";
import { nearestFirstFit } from "../../src/cba/nearestFirstFit.js";
import { nsfnet } from "../../src/cba/nsfnet.js";
import { generateRequests } from "../../src/cba/request.js";
import { mulberry32 } from "../../src/util/rng.js";
import { simulate } from "../../src/cba/simulate.js";
import { verifyAssignments } from "../../src/cba/verify.js";
import { net, record, request, transfer } from "./verifyFixtures.js";

describe("verifyAssignments", () => {
  it("verifyAssignments(net, records) accepts hand-made disjoint assignments", () => {
    const report = verifyAssignments(net, [record("a", 0, transfer([0, 1, 2, 3, 4])), record("b", 0, transfer([5, 6, 7, 8, 9]))]);
    expect(report.violations).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it("verifyAssignments rejects overlapping spectrum, naming request, fibre, slot and instant", () => {
    const report = verifyAssignments(net, [record("a", 0, transfer([0, 1, 2, 3, 4])), record("b", 3, transfer([4, 5, 6, 7, 8]))]);
    expect(report.ok).toBe(false);
    const conflicts = report.violations.filter((v) => v.kind === "slot_conflict");
    expect(conflicts).toHaveLength(2); // slot 4 on fibres 4 and 6
    expect(conflicts[0]).toMatchObject({ requestId: "b", fibreId: 4, slot: 4, atSec: 3 });
    expect(conflicts[1]).toMatchObject({ requestId: "b", fibreId: 6, slot: 4, atSec: 3 });
  });

  it("verifyAssignments allows reuse at the instant of release", () => {
    const report = verifyAssignments(net, [record("a", 0, transfer([0, 1, 2, 3, 4])), record("b", 10, transfer([0, 1, 2, 3, 4]))]);
    expect(report.ok).toBe(true);
  });

  it("verifyAssignments rejects a non-contiguous block and a non-continuous one", () => {
    const gap = verifyAssignments(net, [record("a", 0, transfer([0, 1, 2, 4, 5]))]);
    expect(gap.violations.map((v) => v.kind)).toContain("not_contiguous");
    expect(gap.violations.find((v) => v.kind === "not_contiguous")).toMatchObject({ requestId: "a", fibreId: 4, slot: 4 });
    const shifted = transfer([0, 1, 2, 3, 4], { fibres: [{ fibreId: 4, slots: [0, 1, 2, 3, 4] }, { fibreId: 6, slots: [1, 2, 3, 4, 5] }] });
    const cont = verifyAssignments(net, [record("a", 0, shifted)]);
    expect(cont.violations).toEqual([expect.objectContaining({ kind: "not_continuous", requestId: "a", fibreId: 6 })]);
  });

  it("verifyAssignments rejects too few slots, slots off the grid, formats out of reach", () => {
    expect(verifyAssignments(net, [record("a", 0, transfer([0, 1, 2, 3]))]).violations.map((v) => v.kind)).toContain("not_contiguous");
    expect(verifyAssignments(net, [record("a", 0, transfer([77, 78, 79, 80, 81]))]).violations.map((v) => v.kind)).toContain("slot_out_of_range");
    const few = transfer([0, 1, 2, 3], { dataSlots: 3, bandwidthGbps: 75 });
    expect(verifyAssignments(net, [record("a", 0, few)]).violations.map((v) => v.kind)).toEqual(["insufficient_capacity"]);
    const far = transfer([0, 1, 2, 3, 4], { modulation: "16-QAM", gbpsPerSlot: 50, bandwidthGbps: 200 });
    expect(verifyAssignments(net, [record("a", 0, far)]).violations.map((v) => v.kind)).toEqual(["out_of_reach"]);
  });

  it("verifyAssignments rejects broken routes and missing transfers", () => {
    const jump = transfer([0, 1, 2, 3, 4], { nodes: ["2", "5"], fibres: [{ fibreId: 4, slots: [0, 1, 2, 3, 4] }] });
    expect(verifyAssignments(net, [record("a", 0, jump)]).violations.map((v) => v.kind)).toContain("bad_route");
    const wrongEnd = transfer([0, 1, 2, 3, 4], { nodes: ["2", "4"], fibres: [{ fibreId: 4, slots: [0, 1, 2, 3, 4] }] });
    expect(verifyAssignments(net, [record("a", 0, wrongEnd)]).violations.map((v) => v.kind)).toContain("bad_route");
    const none = record("a", 0, transfer([0, 1, 2, 3, 4]), { transfers: [] });
    expect(verifyAssignments(net, [none]).violations.map((v) => v.kind)).toEqual(["missing_transfer"]);
  });

  it("verifyAssignments rejects GPU over-subscription at the instant it happens", () => {
    const big = (id: string, start: number): AcceptedRecord =>
      record(id, start, transfer([0]), { request: request(id, { gpusPerStage: 24 }), stageDcs: ["dc2", "dc2"], transfers: [] });
    const report = verifyAssignments(net, [big("a", 0), big("b", 4)]);
    expect(report.violations).toEqual([expect.objectContaining({ kind: "gpu_capacity", requestId: "a", atSec: 0 }), expect.objectContaining({ kind: "gpu_capacity", requestId: "b", atSec: 4 })]);
  });

  it("verifyAssignments accepts every nearestFirstFit simulation output (property)", () => {
    let transfers = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.double({ min: 0.2, max: 5, noNaN: true }),
        fc.constantFrom(1, 2, 3),
        fc.constantFrom(16, 32, 64),
        (seed, rate, k, gpus) => {
          const network = nsfnet({ datacenters: net.datacenters.map((d) => ({ ...d, gpus })) });
          const requests = generateRequests(network.nodes, mulberry32(seed), {
            count: 80, arrivalRatePerSec: rate, activationMbChoices: [32, 64, 128], forwardMsChoices: [0.5, 1, 2],
          });
          const { records } = simulate(network, requests, nearestFirstFit({ k }));
          transfers += records.reduce((n, r) => n + (r.status === "accepted" ? r.transfers.length : 0), 0);
          const report = verifyAssignments(network, records as readonly RequestRecord[]);
          expect(report.violations).toEqual([]);
        },
      ),
      { numRuns: 40, seed: 20251220 },
    );
    expect(transfers).toBeGreaterThan(100); // the runs really exercise spectrum assignment
  });
});
