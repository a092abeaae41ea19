import { describe, expect, it } from "vitest";
import type { AssignmentPolicy } from "../../src/cba/assignment.js";
import { nearestFirstFit } from "../../src/cba/nearestFirstFit.js";
import { nsfnet } from "../../src/cba/nsfnet.js";
import { generateRequests, type TrainingRequest } from "../../src/cba/request.js";
import { mulberry32 } from "../../src/util/rng.js";
import { simulate } from "../../src/cba/simulate.js";

const net = nsfnet();

function run(seed: number, count = 150) {
  const requests = generateRequests(net.nodes, mulberry32(seed), { count, arrivalRatePerSec: 1 });
  return simulate(net, requests, nearestFirstFit());
}

describe("simulate", () => {
  it("simulate(network, stream(seed), policy) gives the same metrics for the same seed", () => {
    const a = run(7);
    const b = run(7);
    expect(a.metrics).toEqual(b.metrics);
    expect(a.records).toEqual(b.records);
    expect(run(8).metrics).not.toEqual(a.metrics);
  });

  it("simulate(...) metrics add up and lie in range", () => {
    const { metrics: m, records } = run(3, 300);
    expect(m.requests).toBe(300);
    expect(m.accepted + m.blocked).toBe(300);
    expect(Object.values(m.blockedByReason).reduce((s, n) => s + n, 0)).toBe(m.blocked);
    expect(m.blockingRate).toBeCloseTo(m.blocked / 300, 12);
    expect(m.accepted).toBeGreaterThan(0);
    expect(m.spectrumUtilisation).toBeGreaterThan(0);
    expect(m.spectrumUtilisation).toBeLessThan(1);
    const iters = records.flatMap((r) => (r.status === "accepted" ? [r.iterationTimeMs] : []));
    expect(m.meanIterationTimeMs).toBeCloseTo(iters.reduce((s, x) => s + x, 0) / iters.length, 9);
    expect(m.blockedByReason.policy_error).toBe(0);
  });

  it("simulate(...) frees GPUs and spectrum at departure ([start, end) intervals)", () => {
    const two = nsfnet({ datacenters: [{ id: "dc2", node: "2", gpus: 32 }, { id: "dc4", node: "4", gpus: 32 }] });
    const base: TrainingRequest = {
      id: "r0", arrivalSec: 0, holdingSec: 5, sourceNode: "2", gpusPerStage: 32, microBatches: 4,
      stageComputeMs: [3, 3], activationBytes: 1e6, demandGbps: 100,
    };
    // r0 fills both DCs (dc2 → dc4 over fibre 2–4); r1 overlaps it; r2 arrives exactly at r0's departure.
    const reqs = [base, { ...base, id: "r1", arrivalSec: 1 }, { ...base, id: "r2", arrivalSec: 5 }];
    const { records, metrics } = simulate(two, reqs, nearestFirstFit());
    expect(records.map((r) => r.status)).toEqual(["accepted", "blocked", "accepted"]);
    expect(records[1]).toMatchObject({ reason: "no_gpus" });
    const r0 = records[0]!;
    const r2 = records[2]!;
    if (r0.status !== "accepted" || r2.status !== "accepted") throw new Error("unreachable");
    expect(r0.stageDcs).toEqual(["dc2", "dc4"]);
    expect(r0.transfers[0]!.nodes).toEqual(["2", "4"]);
    expect(r2.transfers[0]!.fibres).toEqual(r0.transfers[0]!.fibres); // same slots again: they were freed
    expect(r0.transfers[0]!.fibres[0]!.slots[0]).toBe(0);
    expect(metrics.blockingRate).toBeCloseTo(1 / 3, 12);
  });

  it("simulate(...) records a policy's impossible decision as policy_error instead of applying it", () => {
    const bad: AssignmentPolicy = () => ({ status: "accepted", stageDcs: ["dc2", "dc2"], transfers: [] });
    const r: TrainingRequest = {
      id: "r0", arrivalSec: 0, holdingSec: 5, sourceNode: "2", gpusPerStage: 32, microBatches: 4,
      stageComputeMs: [3, 3], activationBytes: 1e6, demandGbps: 100,
    };
    const { records } = simulate(net, [r], bad);
    expect(records[0]).toMatchObject({ status: "blocked", reason: "policy_error" });
  });
});
