/**
 * The shared policy suite (graphology-style `specs(impl)`): every registered
 * scheduler runs the same tests through the simulator, whose verifier
 * re-checks capacity, bandwidth and the cost model on every run and throws
 * on any violation.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Topology } from "../../src/model/types.js";
import { getScheduler } from "../../src/schedulers.js";
import { emptyView, simulate, type SimInput } from "../../src/sim/simulate.js";
import { instanceArb } from "../bace/arbitraries.js";
import { job, link, MODELS, region, T2 } from "../bace/fixtures.js";

/** A fixed small instance with contention: 3 regions (4, 4, 2 GPUs), a full mesh, 8 jobs arriving over 60 s; j3 (8 GPUs) must cross A–B, whose 40 Gbit/s carry its 32 Gbit/s demand. */
export const CONTENDED: SimInput = (() => {
  const topology: Topology = {
    name: "contended",
    regions: [region("A", 4), region("B", 4, { gpu: T2 }), region("C", 2)],
    links: [link("A", "B", 40, 10), link("A", "C", 12, 30), link("B", "C", 8, 15)],
  };
  const jobs = [
    job("j0", 4, { arrivalSec: 0, iterations: 3000 }),
    job("j1", 2, { arrivalSec: 5, iterations: 500, gpusPerStage: 2 }),
    job("j2", 3, { arrivalSec: 10, iterations: 2000, microBatches: 4 }),
    job("j3", 4, { arrivalSec: 15, iterations: 800, gpusPerStage: 2 }),
    job("j4", 1, { arrivalSec: 20, iterations: 4000 }),
    job("j5", 2, { arrivalSec: 30, iterations: 100 }),
    job("j6", 4, { arrivalSec: 45, iterations: 1500, microBatchSize: 2 }),
    job("j7", 2, { arrivalSec: 60, iterations: 300, gpusPerStage: 2 }),
  ];
  return { topology, models: MODELS, jobs };
})();

/** Every job either finished or has a non-empty reason. */
function expectAllResolved(input: SimInput, name: string): ReturnType<typeof simulate> {
  const run = simulate(input, getScheduler(name));
  expect(run.records.length).toBe(input.jobs.length);
  for (const r of run.records) {
    if (r.finishSec === null) expect(r.unschedulableReason).toMatch(/\S/);
    else {
      expect(r.unschedulableReason).toBeNull();
      expect(r.finishSec).toBeGreaterThanOrEqual(r.arrivalSec);
    }
  }
  return run;
}

/** Registers the shared suite for the scheduler `name`. */
export function policySpecs(name: string): void {
  describe(`policySpecs("${name}")`, () => {
    it(`simulate(contended, ${name}) passes the verifier, finishes every job, and makes no policy errors`, () => {
      const run = expectAllResolved(CONTENDED, name);
      expect(run.summary.finished).toBe(CONTENDED.jobs.length);
      expect(run.summary.policyErrors).toBe(0);
      expect(run.scheduler).toBe(name);
    });

    it(`simulate(input, ${name}) twice gives the same result`, () => {
      const a = simulate(CONTENDED, getScheduler(name));
      const b = simulate(CONTENDED, getScheduler(name));
      expect(b.records).toEqual(a.records);
      expect(b.summary).toEqual(a.summary);
    });

    it(`${name}.canEverPlace(emptyView, job) names why a job can never run`, () => {
      const s = getScheduler(name);
      const reason = s.canEverPlace(emptyView(CONTENDED), job("huge", 2, { gpusPerStage: 8 }));
      expect(reason).toMatch(/GPUs/);
      expect(s.canEverPlace(emptyView(CONTENDED), job("small", 1))).toBeNull();
    });

    it(`simulate(random small instance, ${name}) is accepted by the verifier, resolves every job, and makes no policy errors`, () => {
      fc.assert(
        fc.property(instanceArb(6), (input) => {
          const run = expectAllResolved(input, name);
          expect(run.summary.policyErrors).toBe(0);
          for (const r of run.records) if (r.unschedulableReason !== null) expect(r.unschedulableReason).not.toMatch(/idle cluster/);
        }),
        { numRuns: 40 },
      );
    });
  });
}
