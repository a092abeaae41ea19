import { describe, expect, it } from "vitest";
import type { AsyncAssignmentPolicy } from "../../src/cba/assignment.js";
import { nearestFirstFit } from "../../src/cba/nearestFirstFit.js";
import { nsfnet } from "../../src/cba/nsfnet.js";
import { generateRequests } from "../../src/cba/request.js";
import { mulberry32 } from "../../src/util/rng.js";
import { simulate, simulateAsync } from "../../src/cba/simulate.js";

const net = nsfnet();

describe("simulateAsync", () => {
  it("simulateAsync(network, requests, async ff) gives exactly the records and metrics of simulate(..., ff)", async () => {
    const requests = generateRequests(net.nodes, mulberry32(5), { count: 200, arrivalRatePerSec: 1.5 });
    const ff = nearestFirstFit();
    const sync = simulate(net, requests, ff);
    const asyncPolicy: AsyncAssignmentPolicy = async (view, r) => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      return ff(view, r);
    };
    const later = await simulateAsync(net, requests, asyncPolicy);
    expect(later.records).toEqual(sync.records);
    expect(later.metrics).toEqual(sync.metrics);
    expect(sync.metrics.blocked).toBeGreaterThan(0); // the stream is loaded enough to exercise departures and blocking
  });

  it("simulateAsync records a decision the state cannot hold as policy_error", async () => {
    const requests = generateRequests(net.nodes, mulberry32(1), { count: 3 });
    const bad: AsyncAssignmentPolicy = async (_view, r) => ({ status: "accepted", stageDcs: r.stageComputeMs.map(() => "nowhere"), transfers: [] });
    const res = await simulateAsync(net, requests, bad);
    expect(res.records.map((r) => (r.status === "blocked" ? r.reason : r.status))).toEqual(["policy_error", "policy_error", "policy_error"]);
  });
});
