import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bacePlacement } from "../../src/bace/bace.js";
import { evaluateCandidate } from "../../src/bace/candidate.js";
import { candidateCostUsd } from "../../src/bace/candidatePrice.js";
import { withinTolerance } from "../../src/bace/choose.js";
import { deferringPlacement } from "../../src/bace/deferral.js";
import { idleView } from "../../src/bace/idleView.js";
import { jobProfile } from "../../src/bace/profile.js";
import { DEFAULT_PATHFINDER_OPTIONS } from "../../src/bace/pathfinder.js";
import type { Topology } from "../../src/model/types.js";
import type { ClusterView } from "../../src/sim/types.js";
import { jobArb, stateArb, topologyArb } from "./arbitraries.js";
import { MODELS } from "./fixtures.js";

/** The topology with every region on an hourly price series made of its constant price (one hour in five at twice the price). */
function hourly(topology: Topology): Topology {
  const series = (usd: number): number[] => Array.from({ length: 24 }, (_, h) => (h % 5 === 0 ? 2 * usd : usd + h * 1e-3));
  return { ...topology, regions: topology.regions.map((r) => ({ ...r, price: r.price.kind === "constant" ? { kind: "hourly" as const, usdPerKwh: series(r.price.usdPerKwh) } : r.price })) };
}

/** The view with one GPU fewer free in every region that has one (room then changes for some shapes, for others only beyond their stages). */
function oneGpuLess(view: ClusterView): ClusterView {
  return { ...view, freeGpus: new Map([...view.freeGpus].map(([id, n]) => [id, Math.max(n - 1, 0)] as const)) };
}

/** States of one topology (constant or hourly prices) at 0–40 h, each followed by its {@link oneGpuLess}, then all again later at another time (the kept candidates then serve). */
const statesArb = fc.tuple(topologyArb, fc.boolean()).chain(([topology, byHour]) => {
  const t = byHour ? hourly(topology) : topology;
  return fc
    .array(stateArb(t, fc.double({ min: 0, max: 40 * 3600, noNaN: true })), { minLength: 1, maxLength: 4 })
    .map((views) => views.flatMap((v) => [v, oneGpuLess(v)]))
    .map((views) => [...views, ...views.map((v) => ({ ...v, timeSec: v.timeSec + 5400.25 }))]);
});

describe("bace-wait's kept placements", () => {
  it("placeKept(view, job) gives the ok and candidate of place(view, job, false) along a run of states, also when a state comes back", () => {
    fc.assert(
      fc.property(statesArb, jobArb("j"), (views, job) => {
        const place = bacePlacement();
        for (const view of views) {
          const expected = place(view, job, false);
          const got = place.placeKept!(view, job);
          expect(got.ok).toBe(expected.ok);
          if (got.ok && expected.ok) expect(got.candidate).toEqual(expected.candidate);
        }
      }),
      { numRuns: 80 },
    );
  });

  it("candidateCostUsd(view, profile, c) is evaluateCandidate's costUsd to the bit, at every time, for constant and hourly prices", () => {
    fc.assert(
      fc.property(statesArb, jobArb("j"), (views, job) => {
        for (const view of views) {
          const profile = jobProfile(view.topology, MODELS.get("toy")!, job);
          // the candidates of the first state, priced at every state's time (kept terms after the first call)
          for (const c of withinTolerance(views[0]!, profile, DEFAULT_PATHFINDER_OPTIONS)) {
            expect(candidateCostUsd(view, profile, c)).toBe(evaluateCandidate(view, profile, c)?.costUsd ?? null);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it("deferringPlacement(...).canEverPlace(view, job) is the answer of placing with explain on the view, idle or not", () => {
    fc.assert(
      fc.property(statesArb, jobArb("j"), fc.constantFrom(0.1, 0, -0.5), (views, job, costSlack) => {
        const place = deferringPlacement(bacePlacement(), { costSlack });
        for (const view of [...views, ...views.map(idleView)]) {
          const outcome = place(view, job, true);
          expect(place.canEverPlace!(view, job)).toBe(outcome.ok ? null : outcome.reason);
        }
      }),
      { numRuns: 60 },
    );
  });
});
