import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEADLOCK_REASON, emptyView, simulate } from "../../src/sim/simulate.js";
import { SimInputError } from "../../src/sim/errors.js";
import { nearestRank } from "../../src/sim/summary.js";
import type { JobRecord, Scheduler } from "../../src/sim/types.js";
import { firstFit, scripted, toyInput, toyJob, toyRegion, toyTopology } from "./fixtures.js";

function recordOf(records: readonly JobRecord[], id: string): JobRecord {
  const r = records.find((x) => x.jobId === id);
  if (r === undefined) throw new Error(`no record for ${id}`);
  return r;
}

describe("simulate with a first-fit FIFO policy", () => {
  // A and B hold one GPU each; every job takes one GPU for 360 s (30 × 12 s), 0.1 kWh.
  const input = toyInput([toyJob("j1", 0), toyJob("j2", 10), toyJob("j3", 20)]);
  const result = simulate(input, firstFit);

  it("simulate(input, firstFit) gives the hand-checked start, finish, JCT, energy and cost", () => {
    const j1 = recordOf(result.records, "j1");
    expect(j1).toMatchObject({ startSec: 0, path: ["A"], gpusByRegion: { A: 1 }, reservedGbps: {}, unschedulableReason: null });
    expect(j1.iterationSec).toBeCloseTo(12, 9);
    expect(j1.finishSec).toBeCloseTo(360, 9);
    expect(j1.jctSec).toBeCloseTo(360, 9);
    expect(j1.energyKwh).toBeCloseTo(0.1, 12);
    expect(j1.costUsd).toBeCloseTo(0.03, 12); // 0.1 kWh × 0.3 USD/kWh
    const j2 = recordOf(result.records, "j2");
    expect(j2).toMatchObject({ startSec: 10, path: ["B"] });
    expect(j2.finishSec).toBeCloseTo(370, 9);
    expect(j2.costUsd).toBeCloseTo(0.01, 12); // 0.1 kWh × 0.1 USD/kWh
  });

  it("simulate(input, firstFit) starts a waiting job at the instant a completion frees its GPU", () => {
    const j3 = recordOf(result.records, "j3");
    expect(j3.startSec).toBeCloseTo(360, 9); // j1 frees A at 360, before j2 frees B at 370
    expect(j3.path).toEqual(["A"]);
    expect(j3.waitSec).toBeCloseTo(340, 9);
    expect(j3.jctSec).toBeCloseTo(700, 9);
  });

  it("simulate(input, firstFit) summarises JCT, makespan, totals and utilisation", () => {
    const s = result.summary;
    expect(s).toMatchObject({ jobs: 3, finished: 3, unschedulable: 0, policyErrors: 0 });
    expect(s.meanJctSec).toBeCloseTo((360 + 360 + 700) / 3, 9);
    expect(s.p50JctSec).toBeCloseTo(360, 9);
    expect(s.p99JctSec).toBeCloseTo(700, 9);
    expect(s.meanWaitSec).toBeCloseTo(340 / 3, 9);
    expect(s.makespanSec).toBeCloseTo(720, 9);
    expect(s.totalCostUsd).toBeCloseTo(0.07, 12);
    expect(s.totalEnergyKwh).toBeCloseTo(0.3, 12);
    expect(s.meanGpuUtilisation).toBeCloseTo((3 * 360) / (2 * 720), 9);
    expect(result.events).toBe(6);
    expect(result.utilisation.gpu.map((p) => [p.timeSec, p.busyGpus])).toEqual([
      [0, 1],
      [10, 2],
      [370, 1],
      [720, 0],
    ]);
  });

  it("simulate(input, scheduler) never holds more GPUs than a region has (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.integer({ min: 0, max: 2000 }), stages: fc.integer({ min: 1, max: 2 }), g: fc.integer({ min: 1, max: 2 }), iters: fc.integer({ min: 1, max: 60 }) }), { maxLength: 12 }),
        (specs) => {
          const jobs = specs.map((s, i) => toyJob(`j${i}`, s.at, { stages: s.stages, gpusPerStage: s.g, iterations: s.iters }));
          const r = simulate(toyInput(jobs, toyTopology(8e-9, 3, 2)), firstFit); // throws if the verifier objects
          const busy = r.utilisation.gpu.map((p) => p.busyGpus);
          expect(Math.max(...busy)).toBeLessThanOrEqual(5);
          expect(r.summary.finished + r.summary.unschedulable).toBe(jobs.length);
          for (const rec of r.records) if (rec.startSec !== null) expect(rec.startSec).toBeGreaterThanOrEqual(rec.arrivalSec);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("simulate(input, scheduler) twice on the same input gives identical results", () => {
    const jobs = [toyJob("b", 5), toyJob("a", 5), toyJob("c", 0, { iterations: 7 }), toyJob("d", 84)];
    const first = simulate(toyInput(jobs), firstFit);
    const second = simulate(toyInput(jobs), firstFit);
    expect(second).toEqual(first);
    // ties at t = 5 are queued by job id: "a" before "b"
    expect(recordOf(first.records, "a").startSec).toBeLessThan(recordOf(first.records, "b").startSec as number);
  });
});

describe("simulate: jobs that cannot run", () => {
  it("simulate(input, scheduler) reports a job that can never fit as unschedulable with the policy's reason", () => {
    const r = simulate(toyInput([toyJob("big", 0, { gpusPerStage: 3 }), toyJob("ok", 0)]), firstFit);
    const big = recordOf(r.records, "big");
    expect(big).toMatchObject({ startSec: null, finishSec: null, path: null, costUsd: null });
    expect(big.unschedulableReason).toBe("needs 3 GPUs in one region but the largest region has 1");
    expect(r.summary).toMatchObject({ finished: 1, unschedulable: 1 });
  });

  it("simulate(input, scheduler) reports a job whose model is missing as unschedulable, naming the model", () => {
    const r = simulate(toyInput([toyJob("x", 0, { model: "nope" })]), firstFit);
    expect(recordOf(r.records, "x").unschedulableReason).toMatch(/model "nope"/);
  });

  it("simulate(input, scheduler that places nothing) ends with the queued jobs unschedulable instead of looping", () => {
    const idle: Scheduler = { name: "idle", decide: () => ({ start: [] }), canEverPlace: () => null };
    const r = simulate(toyInput([toyJob("j1", 0), toyJob("j2", 50)]), idle);
    expect(r.records.map((x) => x.unschedulableReason)).toEqual([DEADLOCK_REASON, DEADLOCK_REASON]);
    expect(r.events).toBe(2);
  });

  it("simulate(input, scheduler, { horizonSec }) admits nothing after the horizon and lets running jobs finish", () => {
    const r = simulate(toyInput([toyJob("j1", 0), toyJob("j2", 0), toyJob("j3", 0), toyJob("late", 500)]), firstFit, { horizonSec: 100 });
    expect(recordOf(r.records, "j1").finishSec).toBeCloseTo(360, 9);
    expect(recordOf(r.records, "j3").unschedulableReason).toMatch(/still waiting at the horizon/);
    expect(recordOf(r.records, "late").unschedulableReason).toMatch(/after the horizon/);
  });

  it("simulate(input with a duplicate job id) throws SimInputError naming the field", () => {
    expect(() => simulate(toyInput([toyJob("j", 0), toyJob("j", 1)]), firstFit)).toThrow(SimInputError);
    expect(() => simulate(toyInput([toyJob("j", 0), toyJob("j", 1)]), firstFit)).toThrow(/jobs\[1\]\.id/);
  });
});

describe("simulate: policy errors", () => {
  it("simulate(input, scheduler with a bad placement) records a policy error and does not apply it", () => {
    const bad = scripted({ j1: ["Z"], j2: ["A", "B"], j3: ["B"] });
    const r = simulate(toyInput([toyJob("j1", 0), toyJob("j2", 0), toyJob("j3", 0)]), bad);
    expect(recordOf(r.records, "j3").startSec).toBe(0);
    expect(recordOf(r.records, "j1").unschedulableReason).toBe(DEADLOCK_REASON);
    expect(r.summary.policyErrors).toBe(r.policyErrors.length);
    const messages = r.policyErrors.map((e) => e.message);
    expect(messages).toContain('t=0s: job "j1": path[0] = "Z" is not a region of topology "toy"');
    expect(messages).toContain('t=0s: job "j2": path has 2 regions but the job has 1 stages');
    // no GPU was taken for the refused jobs: only j3's
    expect(r.utilisation.gpu[0]).toEqual({ timeSec: 0, busyGpus: 1 });
  });

  it("simulate(input, scheduler over capacity) refuses the second placement into a full region", () => {
    const greedy = scripted({ j1: ["A"], j2: ["A"] });
    const r = simulate(toyInput([toyJob("j1", 0), toyJob("j2", 0)]), greedy);
    expect(r.policyErrors[0]?.message).toBe('t=0s: job "j2": needs 1 GPUs in region "A" but 0 are free');
    // j2 is retried at the next event (j1's completion at 360) and starts then
    expect(recordOf(r.records, "j2").startSec).toBeCloseTo(360, 9);
  });

  it("simulate(input, scheduler) refuses a placement naming an unknown or already started job", () => {
    const liar: Scheduler = {
      name: "liar",
      decide: (_v, q) => ({ start: [...q.map((x) => ({ jobId: x.job.id, path: ["A"] })), { jobId: "ghost", path: ["B"] }, { jobId: "j1", path: ["B"] }] }),
      canEverPlace: () => null,
    };
    const r = simulate(toyInput([toyJob("j1", 0)]), liar);
    expect(r.policyErrors.map((e) => e.jobId)).toEqual(["ghost", "j1"]);
    expect(recordOf(r.records, "j1").path).toEqual(["A"]);
  });
});

describe("simulate: random placements on a shared link", () => {
  it("simulate(input, scripted random paths) always passes the verifier and never over-reserves the link (property)", () => {
    const region = fc.constantFrom("A", "B");
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.integer({ min: 0, max: 600 }), path: fc.array(region, { minLength: 1, maxLength: 3 }), iters: fc.integer({ min: 1, max: 40 }) }), { maxLength: 10 }),
        fc.integer({ min: 1, max: 40 }),
        (specs, linkUnits) => {
          const jobs = specs.map((s, i) => toyJob(`j${i}`, s.at, { stages: s.path.length, iterations: s.iters }));
          const paths = Object.fromEntries(specs.map((s, i) => [`j${i}`, s.path]));
          const capacity = linkUnits * 1e-9;
          const r = simulate(toyInput(jobs, toyTopology(capacity, 3, 3)), scripted(paths)); // throws VerificationError on a bad run
          for (const p of r.utilisation.link.get("A <-> B") ?? []) expect(p.reservedGbps).toBeLessThanOrEqual(capacity * (1 + 1e-12));
          expect(r.summary.finished + r.summary.unschedulable).toBe(jobs.length);
        },
      ),
      { numRuns: 80 },
    );
  });

  it("simulate(input, scheduler whose decide returns no start array) records a policy error and ends", () => {
    const broken: Scheduler = { name: "broken", decide: () => ({}) as never, canEverPlace: () => null };
    const r = simulate(toyInput([toyJob("j1", 0)]), broken);
    expect(r.policyErrors[0]?.message).toMatch(/broken\.decide returned no start array/);
    expect(r.records[0]?.unschedulableReason).toBe(DEADLOCK_REASON);
  });
});

describe("simulate: bandwidth and prices", () => {
  const cross = (id: string, at: number) => toyJob(id, at, { stages: 2 });

  it("simulate(input, scheduler) reserves min(cap, residual) and times the hop with the reservation", () => {
    // link 12e-9 Gbit/s aggregate, 8e-9 per node pair: the first job gets its cap 8e-9, the second the residual 4e-9
    const topology = toyTopology(12e-9, 2, 2, 8e-9);
    const r = simulate(toyInput([cross("c1", 0), cross("c2", 0)], topology), scripted({ c1: ["A", "B"], c2: ["A", "B"] }));
    const c1 = recordOf(r.records, "c1");
    const c2 = recordOf(r.records, "c2");
    expect(c1.reservedGbps["A <-> B"]).toBeCloseTo(8e-9, 20);
    expect(c2.reservedGbps["A <-> B"]).toBeCloseTo(4e-9, 20);
    expect(c1.iterationSec).toBeCloseTo(12 + 4, 9); // hop 2·16 bit / 8 bit/s
    expect(c2.iterationSec).toBeCloseTo(12 + 8, 9); // hop 2·16 bit / 4 bit/s
    expect(c1.gpusByRegion).toEqual({ A: 1, B: 1 });
    const link = r.utilisation.link.get("A <-> B") ?? [];
    expect(link[0]?.timeSec).toBe(0);
    expect(link[0]?.reservedGbps).toBeCloseTo(12e-9, 20);
    expect(link[1]?.reservedGbps).toBeCloseTo(4e-9, 20); // c1 ends first (T = 16 s)
  });

  it("simulate(input, scheduler) refuses a start when a hop would get below MIN_RESERVATION_FRACTION of its demand", () => {
    // c1 takes the whole 8e-9 link (no per-pair cap); c2 would get 0
    const topology = toyTopology(8e-9, 2, 2);
    const r = simulate(toyInput([cross("c1", 0), cross("c2", 0)], topology), scripted({ c1: ["A", "B"], c2: ["A", "B"] }));
    expect(r.policyErrors[0]?.message).toMatch(/^t=0s: job "c2": link "A <-> B" would give the hop from stage 0 0 Gbit\/s \(residual 0\), below 0\.01 × its demand/);
    expect(recordOf(r.records, "c2").startSec).toBeCloseTo(16 * 30, 9); // after c1 (T = 12 + 2·16/8 = 16 s, 30 iterations) releases the link
  });

  it("simulate(input, scheduler) integrates an hourly price over the actual run interval", () => {
    const hourly = { kind: "hourly" as const, usdPerKwh: [0.1, 0.5] };
    const topology = { name: "hourly", regions: [toyRegion("H", 1, hourly)], links: [] };
    // blocker holds H on [0, 1800); j runs 300 × 12 s = 1 h from 1800: half at 0.1, half at 0.5 USD/kWh, 1 kW
    const jobs = [toyJob("blocker", 0, { iterations: 150 }), toyJob("j", 0, { iterations: 300 })];
    const r = simulate(toyInput(jobs, topology), firstFit);
    const j = recordOf(r.records, "j");
    expect(j.startSec).toBeCloseTo(1800, 9);
    expect(j.energyKwh).toBeCloseTo(1, 12);
    expect(j.costUsd).toBeCloseTo(0.5 * 0.1 + 0.5 * 0.5, 12);
    expect(recordOf(r.records, "blocker").costUsd).toBeCloseTo(0.5 * 0.1, 12);
  });
});

describe("simulate helpers", () => {
  it("emptyView(input) has every GPU free, every link at capacity, time 0 and nothing running", () => {
    const v = emptyView(toyInput([], toyTopology(5, 3, 2)));
    expect([...v.freeGpus]).toEqual([["A", 3], ["B", 2]]);
    expect([...v.residualGbps]).toEqual([["A <-> B", 5]]);
    expect(v).toMatchObject({ timeSec: 0, running: [] });
  });

  it("nearestRank(sorted, p) is the value at rank ceil(p/100·n)", () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(nearestRank(xs, 50)).toBe(5);
    expect(nearestRank(xs, 95)).toBe(10);
    expect(nearestRank(xs, 0)).toBe(1);
    expect(nearestRank([7], 99)).toBe(7);
    expect(nearestRank([], 50)).toBeNaN();
  });

  it("simulate(input, scheduler, { onProgress }) reports every job once, ending at the total", () => {
    const calls: [number, number][] = [];
    simulate(toyInput([toyJob("j1", 0), toyJob("big", 0, { gpusPerStage: 9 })]), firstFit, { onProgress: (d, t) => calls.push([d, t]) });
    expect(calls).toEqual([[1, 2], [2, 2]]);
  });
});
