import { afterAll, describe, expect, it } from "vitest";
import type { AsyncAssignmentPolicy, Decision } from "../../src/cba/assignment.js";
import { surrogateObjectiveMs } from "../../src/cba/ilp.js";
import { ilpPolicy } from "../../src/cba/ilpPolicy.js";
import { datacentersByDistance, nearestFirstFit } from "../../src/cba/nearestFirstFit.js";
import { nsfnet } from "../../src/cba/nsfnet.js";
import { generateRequests } from "../../src/cba/request.js";
import { mulberry32 } from "../../src/util/rng.js";
import { simulateAsync } from "../../src/cba/simulate.js";
import { SpectrumState } from "../../src/cba/spectrum.js";
import { verifyAssignments } from "../../src/cba/verify.js";
import { highs, shutdownHighs } from "../../src/lp/backends/highs.js";
import type { Backend } from "../../src/lp/result.js";

afterAll(async () => {
  await shutdownHighs();
});

/** Four DCs of 16 GPUs: 8-GPU stages of 3–4-stage pipelines never fit in one DC, so every admitted request needs the ILP. */
const small = nsfnet({ datacenters: [{ id: "dc2", node: "2", gpus: 16 }, { id: "dc6", node: "6", gpus: 16 }, { id: "dc9", node: "9", gpus: 16 }, { id: "dc13", node: "13", gpus: 16 }] });

const noSolver: Backend = {
  name: "highs",
  limits: { dualBound: true, timeLimit: true, mipStart: false },
  solve: () => Promise.reject(new Error("the solver must not be called")),
};

type Accepted = Extract<Decision, { status: "accepted" }>;

describe("ilpPolicy", () => {
  for (const communication of ["aware", "oblivious"] as const) {
    it(`ilpPolicy(highs, { communication: "${communication}", maxStartsPerPath: 2 }) is never worse than first fit on its objective, and the run verifies`, async () => {
      const requests = generateRequests(small.nodes, mulberry32(11), { count: 14, stageChoices: [3, 4], gpusPerStageChoices: [8], arrivalRatePerSec: 0.5 });
      const p = ilpPolicy(highs, { communication, maxStartsPerPath: 2, timeLimitSec: 10 });
      const ff = nearestFirstFit();
      let compared = 0;
      const checked: AsyncAssignmentPolicy = async (view, r) => {
        const first = ff(view, r);
        const d = await p.policy(view, r);
        if (first.status === "accepted") {
          expect(d.status).toBe("accepted");
          expect(surrogateObjectiveMs(r, d as Accepted, { communication })).toBeLessThanOrEqual(surrogateObjectiveMs(r, first, { communication }) + 1e-6);
          compared += 1;
        }
        return d;
      };
      const res = await simulateAsync(small, requests, checked);
      expect(verifyAssignments(small, res.records).violations).toEqual([]);
      expect(res.metrics.blockedByReason.policy_error).toBe(0);
      expect(compared).toBeGreaterThanOrEqual(4);
      const s = p.stats;
      expect(s.requests).toBe(14);
      expect(s.noGpus + s.shortcut + s.solves).toBe(14);
      expect(s.optimal + s.feasible + s.infeasible + s.fallbacks).toBe(s.solves);
      expect(s.seedKept).toBeLessThanOrEqual(s.feasible); // only a time-limited point can lose to first fit
      expect(s.solves).toBeGreaterThan(0);
      expect(s.shortcut).toBe(0);
    });
  }

  it("ilpPolicy keeps a pipeline that fits in one DC in the DC nearest to its source, without solving", async () => {
    const net = nsfnet();
    const p = ilpPolicy(noSolver);
    const [r] = generateRequests(net.nodes, mulberry32(3), { count: 1, stageChoices: [4], gpusPerStageChoices: [8] });
    const view = { network: net, spectrum: new SpectrumState(net.fibres.length, net.slotsPerFibre), freeGpus: new Map(net.datacenters.map((d) => [d.id, d.gpus])) };
    const d = await p.policy(view, r!);
    const nearest = datacentersByDistance(net, r!.sourceNode)[0]!.id;
    expect(d).toEqual({ status: "accepted", stageDcs: [nearest, nearest, nearest, nearest], transfers: [] });
    expect(p.stats.shortcut).toBe(1);
    expect(p.stats.solves).toBe(0);
  });

  it("ilpPolicy blocks with no_gpus, without solving, when no DC has a stage's GPUs", async () => {
    const net = nsfnet();
    const p = ilpPolicy(noSolver);
    const [r] = generateRequests(net.nodes, mulberry32(3), { count: 1, gpusPerStageChoices: [8] });
    const view = { network: net, spectrum: new SpectrumState(net.fibres.length, net.slotsPerFibre), freeGpus: new Map(net.datacenters.map((d) => [d.id, 4])) };
    const d = await p.policy(view, r!);
    expect(d.status === "blocked" && d.reason).toBe("no_gpus");
    expect(p.stats.noGpus).toBe(1);
  });
});
