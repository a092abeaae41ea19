import { beforeAll, describe, expect, it } from "vitest";
import { loadExactSolver } from "../../src/exact/solveSync.js";
import { traceBound } from "../../src/exact/traceBound.js";
import { searchListOrder } from "../../src/exact/traceOrderSearch.js";
import type { TraceMode } from "../../src/exact/traceModes.js";
import { loadInstance } from "../../src/model/instance.js";
import { verifyRun } from "../../src/sim/verify.js";
import { generateWorkload } from "../../src/workload/generate.js";

beforeAll(async () => {
  await loadExactSolver();
});

/** A 20-job trace under heavy load, its bound, and the search's inputs from the start-slot LP. */
function setup() {
  const inst = loadInstance();
  const w = generateWorkload({ seed: 5, jobs: 20, load: 2, topology: inst.topology, models: inst.models });
  const input = { topology: inst.topology, models: inst.models, jobs: w.jobs };
  const b = traceBound(input, { slots: 100 });
  const sl = b.startLp as NonNullable<typeof b.startLp>;
  const at = new Map(w.jobs.map((j, i) => [j.id, i] as const));
  const key = (id: string): number => (sl.jobs[at.get(id) as number] as (typeof sl.jobs)[number]).meanCompletionSec;
  const order = w.jobs.map((j) => j.id).sort((a, c) => key(a) - key(c));
  const modes = new Map(w.jobs.map((j, i) => [j.id, (sl.jobs[i] as (typeof sl.jobs)[number]).mode] as const));
  const choices = (j: { id: string }): readonly TraceMode[] => b.regionModes[at.get(j.id) as number] as readonly TraceMode[];
  return { input, b, order, modes, choices };
}

describe("searchListOrder(input, choices, order, modes)", () => {
  it("returns a verified run that finishes every job, no worse than its start and above the bound, keeping only candidates no worse than the incumbent", () => {
    const { input, b, order, modes, choices } = setup();
    expect(b.startLp?.status).toBe("optimal");
    const seen: { meanJctSec: number; kept: boolean }[] = [];
    const r = searchListOrder(input, choices, order, modes, { maxRuns: 12, onRun: (_, meanJctSec, kept) => seen.push({ meanJctSec, kept }) });
    expect(r.status).toBe("ok");
    expect(r.runs).toBe(1 + seen.length);
    expect(r.runs).toBeLessThanOrEqual(12);
    expect(verifyRun(input, r.run)).toEqual([]);
    expect(r.run.summary.finished).toBe(input.jobs.length);
    expect(r.run.summary.meanJctSec).toBeLessThanOrEqual(r.startMeanJctSec);
    expect(b.meanJctLowerBoundSec).toBeLessThanOrEqual(r.run.summary.meanJctSec * (1 + 1e-9));
    // the incumbent after each run is the least kept value so far; rejected runs are never better
    let incumbent = r.startMeanJctSec;
    for (const s of seen) {
      if (s.kept) {
        expect(s.meanJctSec).toBeLessThanOrEqual(incumbent);
        incumbent = s.meanJctSec;
      } else expect(s.meanJctSec).toBeGreaterThan(incumbent);
    }
    expect(r.run.summary.meanJctSec).toBe(incumbent);
    // the order is a permutation of the jobs, and each mode index names one of the job's modes
    expect([...r.order].sort()).toEqual(input.jobs.map((j) => j.id).sort());
    for (const j of input.jobs) expect(choices(j)[r.modeIndex.get(j.id) as number]).toBeDefined();
  });

  it("gives the same schedule for the same seed, and improves on a start with every job in its slowest mode", () => {
    const { input, order, choices } = setup();
    const slowest = new Map(input.jobs.map((j) => {
      const ms = choices(j);
      return [j.id, ms.reduce((k, m, i) => (m.minRuntimeSec > (ms[k] as TraceMode).minRuntimeSec ? i : k), 0)] as const;
    }));
    // weighed by regret: on this trace few jobs wait, but jobs in a slow mode run above their least
    const a = searchListOrder(input, choices, order, slowest, { maxRuns: 12, seed: 7, weigh: "regret" });
    const c = searchListOrder(input, choices, order, slowest, { maxRuns: 12, seed: 7, weigh: "regret" });
    expect(c.order).toEqual(a.order);
    expect([...c.modeIndex]).toEqual([...a.modeIndex]);
    expect(c.run.summary.meanJctSec).toBe(a.run.summary.meanJctSec);
    expect(a.improvements).toBeGreaterThan(0);
    expect(a.run.summary.meanJctSec).toBeLessThan(a.startMeanJctSec);
  });
});
