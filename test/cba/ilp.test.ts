import { afterAll, describe, expect, it } from "vitest";
import type { ClusterView, Decision } from "../../src/cba/assignment.js";
import { solveCbaIlp, surrogateObjectiveMs } from "../../src/cba/ilp.js";
import { nearestFirstFit } from "../../src/cba/nearestFirstFit.js";
import { nsfnet } from "../../src/cba/nsfnet.js";
import { generateRequests, type TrainingRequest } from "../../src/cba/request.js";
import { mulberry32 } from "../../src/util/rng.js";
import { recordFor } from "../../src/cba/simulate.js";
import { SpectrumState } from "../../src/cba/spectrum.js";
import { verifyAssignments } from "../../src/cba/verify.js";
import { highs, shutdownHighs } from "../../src/lp/backends/highs.js";

afterAll(async () => {
  await shutdownHighs();
});

/** Three DCs of 8 GPUs on NSFNET, so a 3-stage request of 8 GPUs per stage must cross DCs twice. */
const net = nsfnet({ datacenters: [{ id: "dc2", node: "2", gpus: 8 }, { id: "dc8", node: "8", gpus: 8 }, { id: "dc13", node: "13", gpus: 8 }] });

/** A seeded, fragmented snapshot: random busy runs on random fibres. */
function snapshot(seed: number, busyRuns = 160): ClusterView {
  const rng = mulberry32(seed);
  const spectrum = new SpectrumState(net.fibres.length, net.slotsPerFibre);
  for (let i = 0; i < busyRuns; i++) {
    const f = Math.floor(rng() * net.fibres.length);
    const s = Math.floor(rng() * 78);
    const n = 1 + Math.floor(rng() * 6);
    for (let q = s; q < Math.min(s + n, 80); q++) if (spectrum.isFree(f, q)) spectrum.allocate([f], q, 1);
  }
  return { network: net, spectrum, freeGpus: new Map(net.datacenters.map((d) => [d.id, d.gpus])) };
}

function applies(view: ClusterView, request: TrainingRequest, d: Extract<Decision, { status: "accepted" }>): boolean {
  const s = (view.spectrum as SpectrumState).clone();
  try {
    for (const t of d.transfers) s.allocate(t.path.fibreIds, t.startSlot, t.dataSlots + t.guardSlots);
  } catch {
    return false;
  }
  const used = new Map<string, number>();
  for (const dc of d.stageDcs) used.set(dc, (used.get(dc) ?? 0) + request.gpusPerStage);
  return [...used].every(([dc, n]) => n <= (view.freeGpus.get(dc) ?? 0));
}

describe("solveCbaIlp", () => {
  it("solveCbaIlp(view, request, highs) is never worse than nearestFirstFit on the surrogate, and its point is valid", async () => {
    let compared = 0;
    for (const seed of [1, 2, 3, 4]) {
      const view = snapshot(seed);
      const requests = generateRequests(net.nodes, mulberry32(100 + seed), { count: 2, stageChoices: [3], gpusPerStageChoices: [8] });
      for (const r of requests) {
        const res = await solveCbaIlp(view, r, highs);
        const ff = nearestFirstFit()(view, r);
        if (ff.status === "accepted") {
          expect(res.status).toBe("optimal");
          if (res.status !== "optimal") continue;
          expect(res.objectiveMs).toBeLessThanOrEqual(surrogateObjectiveMs(r, ff) + 1e-6);
          compared += 1;
        }
        if (res.status === "optimal" || res.status === "feasible") {
          expect(res.objectiveMs).toBeCloseTo(surrogateObjectiveMs(r, res.decision), 6);
          expect(res.decision.transfers).toHaveLength(2); // three DCs of one stage each
          expect(applies(view, r, res.decision)).toBe(true);
          expect(verifyAssignments(net, [recordFor(r, res.decision, 0)]).violations).toEqual([]);
        }
      }
    }
    expect(compared).toBeGreaterThanOrEqual(3);
  });

  it("solveCbaIlp keeps all stages in one DC when it has room (c_k = 0 beats any lightpath)", async () => {
    const view: ClusterView = { ...snapshot(9, 0), freeGpus: new Map([["dc2", 0], ["dc8", 32], ["dc13", 0]]) };
    const r: TrainingRequest = {
      id: "r", arrivalSec: 0, holdingSec: 1, sourceNode: "1", gpusPerStage: 8, microBatches: 8,
      stageComputeMs: [3, 3, 3], activationBytes: 32e6, demandGbps: 128,
    };
    const res = await solveCbaIlp(view, r, highs);
    expect(res.status).toBe("optimal");
    if (res.status !== "optimal") return;
    expect(res.decision.stageDcs).toEqual(["dc8", "dc8", "dc8"]);
    expect(res.decision.transfers).toEqual([]);
    expect(res.objectiveMs).toBeCloseTo(7 * 3 + 9, 9);
  });

  it("solveCbaIlp is infeasible when no DC has room for a stage", async () => {
    const view: ClusterView = { ...snapshot(9, 0), freeGpus: new Map([["dc2", 4], ["dc8", 4], ["dc13", 4]]) };
    const [r] = generateRequests(net.nodes, mulberry32(1), { count: 1, gpusPerStageChoices: [8] });
    const res = await solveCbaIlp(view, r!, highs);
    expect(res.status).toBe("infeasible");
  });
});
