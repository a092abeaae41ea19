import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bacePlacement, pathPlacement } from "../../src/bace/bace.js";
import { evaluateCandidate } from "../../src/bace/candidate.js";
import { idleView } from "../../src/bace/idleView.js";
import { jobProfile } from "../../src/bace/profile.js";
import { jobArb, viewArb } from "./arbitraries.js";

describe("pathPlacement(...).placeIdle", () => {
  it("placeIdle(view, job) gives what place(idleView(view), job, false) gives, at every time, also after earlier calls for the job", () => {
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
              // a breakdown, when an outcome carries one, is the candidate's own price now (place leaves a lone candidate unpriced)
              const profile = jobProfile(at.topology, at.models.get(job.model)!, job);
              const price = (o: typeof got) => (o.ok ? (o.breakdown ?? evaluateCandidate(at, profile, o.candidate)) : null);
              expect(price(got)).toEqual(price(expected));
              if (expected.breakdown !== undefined) expect(got.breakdown).toEqual(expected.breakdown);
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
