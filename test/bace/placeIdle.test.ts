import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bacePlacement, pathPlacement } from "../../src/bace/bace.js";
import { evaluateCandidate } from "../../src/bace/candidate.js";
import { candidateCostUsd } from "../../src/bace/candidatePrice.js";
import { idleView } from "../../src/bace/idleView.js";
import { jobProfile } from "../../src/bace/profile.js";
import { jobArb, viewArb } from "./arbitraries.js";

describe("pathPlacement(...).placeIdle", () => {
  it("placeIdle(view, job) gives the ok, candidate and cost of place(idleView(view), job, false), at every time, also after earlier calls for the job", () => {
    const policies = [bacePlacement(), pathPlacement({}, "fastest")];
    fc.assert(
      fc.property(viewArb, jobArb("j"), fc.array(fc.integer({ min: 0, max: 40 * 3600 }), { minLength: 1, maxLength: 4 }), (view, job, times) => {
        for (const place of policies) {
          for (const timeSec of times) {
            const at = { ...view, timeSec };
            const expected = place(idleView(at), job, false);
            const got = place.placeIdle!(at, job);
            expect(got.ok).toBe(expected.ok);
            if (got.ok && expected.ok) {
              expect(got.candidate).toEqual(expected.candidate);
              // placeIdle gives no breakdown; its candidate's cost is the one place's breakdown gives, to the bit
              const cost = candidateCostUsd(at, jobProfile(at.topology, at.models.get(job.model)!, job), got.candidate);
              expect(cost).toBe(expected.breakdown?.costUsd ?? evaluateCandidate(at, jobProfile(at.topology, at.models.get(job.model)!, job), expected.candidate)!.costUsd);
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
