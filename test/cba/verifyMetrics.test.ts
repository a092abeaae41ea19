import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RequestRecord } from "../../src/cba/assignment.js";
import { nearestFirstFit } from "../../src/cba/nearestFirstFit.js";
import { nsfnet } from "../../src/cba/nsfnet.js";
import { generateRequests } from "../../src/cba/request.js";
import { simulate, type SimulationMetrics } from "../../src/cba/simulate.js";
import { verifyRun } from "../../src/cba/verify.js";
import { mulberry32 } from "../../src/util/rng.js";
import { net, record, request, transfer } from "./verifyFixtures.js";

/**
 * a: admitted at 0 s, holds 5 slots on 2 fibres until 10 s; b: blocked (no GPUs) at 5 s;
 * c: admitted at 8 s (the last arrival) on slots 5–9. Over [0, 8 s] the slots in use are
 * 10 × 8 s = 80 slot·s of 21 fibres × 80 slots × 8 s = 13440: utilisation 1/168.
 */
const records: RequestRecord[] = [
  record("a", 0, transfer([0, 1, 2, 3, 4])),
  { status: "blocked", request: request("b", { arrivalSec: 5 }), reason: "no_gpus", detail: "stage 0" },
  record("c", 8, transfer([5, 6, 7, 8, 9])),
];
const handMetrics: SimulationMetrics = {
  requests: 3, accepted: 2, blocked: 1, blockingRate: 1 / 3,
  blockedByReason: { no_gpus: 1, no_spectrum: 0, out_of_reach: 0, policy_error: 0 },
  meanIterationTimeMs: 69.64, commBoundShare: 1, spectrumUtilisation: 1 / 168,
};

/** Every single-figure mutation a table would show, with the field it must be reported under. */
function mutations(m: SimulationMetrics): Array<[string, SimulationMetrics]> {
  return [
    ["requests", { ...m, requests: m.requests + 1 }],
    ["accepted", { ...m, accepted: m.accepted - 1 }],
    ["blocked", { ...m, blocked: m.blocked + 1 }],
    ["blockingRate", { ...m, blockingRate: m.blockingRate + 0.01 }],
    ["blockedByReason.no_gpus", { ...m, blockedByReason: { ...m.blockedByReason, no_gpus: m.blockedByReason.no_gpus + 1 } }],
    ["blockedByReason.no_spectrum", { ...m, blockedByReason: { ...m.blockedByReason, no_spectrum: m.blockedByReason.no_spectrum + 1 } }],
    ["meanIterationTimeMs", { ...m, meanIterationTimeMs: (m.meanIterationTimeMs ?? 0) / 2 }],
    ["commBoundShare", { ...m, commBoundShare: m.commBoundShare === 0 ? 0.5 : 0 }],
    ["spectrumUtilisation", { ...m, spectrumUtilisation: m.spectrumUtilisation * 2 + 1e-3 }],
  ];
}

describe("verifyRun re-derives the run's metrics from its records", () => {
  it("verifyRun(net, records, metrics) accepts hand-computed metrics (blocking 1/3, mean T 69.64 ms, spectrum 1/168)", () => {
    expect(verifyRun(net, records, handMetrics).violations).toEqual([]);
  });

  it("verifyRun rejects each altered metric, naming the field (blocking count, rate, reason, mean T, comm-bound share, spectrum)", () => {
    for (const [field, m] of mutations(handMetrics)) {
      expect(verifyRun(net, records, m).violations).toEqual([expect.objectContaining({ kind: "metric", field })]);
    }
  });

  it("verifyRun uses re-derived iteration times: a halved record changes nothing in the mean it checks", () => {
    const halved = records.map((r) => (r.status === "accepted" ? { ...r, iterationTimeMs: r.iterationTimeMs / 2 } : r));
    const kinds = verifyRun(net, halved, { ...handMetrics, meanIterationTimeMs: 69.64 / 2 }).violations.map((v) => v.kind);
    expect(kinds).toEqual(["iteration_time", "iteration_time", "metric"]);
  });

  it("verifyRun accepts every nearestFirstFit run's metrics and rejects every single-figure mutation of them (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.double({ min: 0.5, max: 4, noNaN: true }), (seed, rate) => {
        const network = nsfnet({ datacenters: net.datacenters.map((d) => ({ ...d, gpus: 16 })) });
        const requests = generateRequests(network.nodes, mulberry32(seed), { count: 60, arrivalRatePerSec: rate, gpusPerStageChoices: [8] });
        const run = simulate(network, requests, nearestFirstFit());
        expect(verifyRun(network, run.records, run.metrics).violations).toEqual([]);
        for (const [field, m] of mutations(run.metrics)) {
          expect(verifyRun(network, run.records, m).violations).toEqual([expect.objectContaining({ kind: "metric", field })]);
        }
      }),
      { numRuns: 15, seed: 20251221 },
    );
  });
});
