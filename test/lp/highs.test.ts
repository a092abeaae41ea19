import loadHighsDefault, { type Highs, type Model as HighsModel } from "highs";
import { afterAll, describe, expect, it } from "vitest";
import { knapsack as smallKnapsack, assignment, lcg } from "../../bench/memory/smallMilps.js";
import {
  createHighsBackend,
  DEFAULT_HIGHS_BACKEND_OPTIONS,
  highs,
  highsBackendStats,
  shutdownHighs,
} from "../../src/lp/backends/highs.js";
import { toHighsProblem } from "../../src/lp/backends/highsProblem.js";
import { toModelData } from "../../src/lp/backends/highsRun.js";
import { acquireHighs } from "../../src/lp/backends/highsRuntime.js";
import { HIGHS_MODEL_STATUS } from "../../src/lp/backends/highsStatus.js";
import { Model } from "../../src/lp/model.js";
import { valueOf, type SolveResult } from "../../src/lp/result.js";

afterAll(async () => {
  await shutdownHighs();
});

const inline = createHighsBackend({ mode: "inline" });
const MIB = 1024 * 1024;

function expectOptimal(r: SolveResult, objective: number): void {
  expect(r.termination, r.rawStatus).toBe("optimal");
  expect(r.primal).toBe("feasible_point");
  expect(r.check?.ok).toBe(true);
  expect(r.objective).toBeCloseTo(objective, 6);
}

/** min 2x + 3y + 10, x + y ≥ 4, x ≤ 3: optimum (3, 1) → 19. */
function lpWithConstant(): Model {
  const m = new Model("lp");
  const x = m.addVar("x", { ub: 3 });
  const y = m.addVar("y");
  m.addConstraint("cover", [[x, 1], [y, 1]], ">=", 4);
  m.setObjective("min", [[x, 2], [y, 3]], 10);
  return m;
}

/** max 5x + 4y + 100, 6x + 4y ≤ 24, x + 2y ≤ 6, integers, plus a free z = x − y: optimum (4, 0) → 120. */
function mipMax(): Model {
  const m = new Model("mip");
  const x = m.addVar("x", { type: "integer" });
  const y = m.addVar("y", { type: "integer" });
  const z = m.addVar("z", { lb: -Infinity, ub: Infinity });
  m.addConstraint("a", [[x, 6], [y, 4]], "<=", 24);
  m.addConstraint("b", [[x, 1], [y, 2]], "<=", 6);
  m.addConstraint("link", [[z, 1], [x, -1], [y, 1]], "=", 0);
  m.setObjective("max", [[x, 5], [y, 4]], 100);
  return m;
}

/** Knapsack with objective constant 1e5 on which HiGHS stops early at mip_rel_gap 1e-4 (seed 1, found by scanning seeds 1–12). */
function gapKnapsack(): { model: Model; optimum: number } {
  const rnd = lcg(1);
  const n = 25;
  const m = new Model("gapKnapsack");
  const x = Array.from({ length: n }, (_, i) => m.addVar(`x${i}`, { type: "binary" }));
  const w = x.map(() => 20 + Math.floor(rnd() * 80));
  const v = w.map((wi) => wi + Math.floor(rnd() * 10));
  const capacity = Math.floor(w.reduce((a, b) => a + b, 0) / 2);
  m.addConstraint("cap", x.map((xi, i) => [xi, w[i] ?? 0] as const), "<=", capacity);
  m.setObjective("max", x.map((xi, i) => [xi, v[i] ?? 0] as const), 100_000);
  // exact optimum by dynamic programming over the capacity
  const best = new Array<number>(capacity + 1).fill(0);
  for (let i = 0; i < n; i++) {
    const wi = w[i] ?? 0;
    const vi = v[i] ?? 0;
    for (let c = capacity; c >= wi; c--) best[c] = Math.max(best[c] ?? 0, (best[c - wi] ?? 0) + vi);
  }
  return { model: m, optimum: 100_000 + (best[capacity] ?? 0) };
}

/**
 * A multi-dimensional knapsack (100 binaries, 10 rows) whose values are correlated with the weights,
 * which makes its LP bound weak: HiGHS does not close it in 40 s (measured). The uncorrelated
 * 80 × 10 version used before closed in 2.8 s here and in under 1.2 s on the CI machine.
 */
/** A feasible but poor MIP start of `model` (a hardMip): only the first three items, and its objective. */
function poorStart(model: Model): { start: Array<readonly [Model["variables"][number], number]>; value: number } {
  const start = model.variables.map((v, i) => [v, i < 3 ? 1 : 0] as const);
  const value = model.objective.constant + model.objective.terms.filter((t) => t.index < 3).reduce((s, t) => s + t.coef, 0);
  return { start, value };
}

function hardMip(): Model {
  const rnd = lcg(42);
  const n = 100;
  const rows = 10;
  const m = new Model("mkp");
  const x = Array.from({ length: n }, (_, i) => m.addVar(`x${i}`, { type: "binary" }));
  const weights: number[][] = [];
  for (let c = 0; c < rows; c++) {
    const w = x.map(() => 1 + Math.floor(rnd() * 1000));
    weights.push(w);
    m.addConstraint(`c${c}`, x.map((xi, i) => [xi, w[i] ?? 0] as const), "<=", Math.floor(w.reduce((a, b) => a + b, 0) / 2));
  }
  const value = (i: number): number => Math.floor(weights.reduce((s, w) => s + (w[i] ?? 0), 0) / rows) + Math.floor(rnd() * 50);
  m.setObjective("max", x.map((xi, i) => [xi, value(i)] as const), 7);
  return m;
}

describe("toHighsProblem(model)", () => {
  it("toHighsProblem(model) gives CSR rows, infinite bounds as ±Infinity, sense, offset and integrality", () => {
    const p = toHighsProblem(mipMax());
    expect(p.numCols).toBe(3);
    expect(p.numRows).toBe(3);
    expect(p.maximize).toBe(true);
    expect(p.offset).toBe(100);
    expect([...p.colCost]).toEqual([5, 4, 0]);
    expect([...p.colLower]).toEqual([0, 0, -Infinity]);
    expect([...p.colUpper]).toEqual([Infinity, Infinity, Infinity]);
    expect([...p.rowLower]).toEqual([-Infinity, -Infinity, 0]);
    expect([...p.rowUpper]).toEqual([24, 6, 0]);
    expect([...p.starts]).toEqual([0, 2, 4, 7]);
    expect([...p.indices]).toEqual([0, 1, 0, 1, 0, 1, 2]);
    expect([...p.values]).toEqual([6, 4, 1, 2, -1, 1, 1]);
    expect(p.integrality === null ? null : [...p.integrality]).toEqual([1, 1, 0]);
  });

  it("toHighsProblem(model) leaves integrality null for an LP", () => {
    expect(toHighsProblem(lpWithConstant()).integrality).toBeNull();
  });
});

describe("HIGHS_MODEL_STATUS", () => {
  it("HIGHS_MODEL_STATUS maps every HiGHS status code 0..17 by the package's constants", async () => {
    const rt = await acquireHighs();
    const codes = Object.values(rt.constants.modelStatus).sort((a, b) => a - b);
    expect(codes).toEqual(Array.from({ length: 18 }, (_, i) => i));
    for (const [name, code] of Object.entries(rt.constants.modelStatus)) {
      expect(HIGHS_MODEL_STATUS[code].name).toBe(name);
    }
  });
});

describe("highs.solve(model) outcomes", () => {
  it("highs.solve(lp) finds the optimum with the objective constant and bound = objective", async () => {
    const r = await highs.solve(lpWithConstant());
    expectOptimal(r, 19);
    expect(r.bound).toBeCloseTo(19, 6);
    expect(r.gap).toBe(0);
    expect(r.backend).toBe("highs");
  });

  it("highs.solve(mip) maximises with a constant, a free variable, a dual bound and gap 0", async () => {
    const m = mipMax();
    const r = await highs.solve(m);
    expectOptimal(r, 120);
    expect(valueOf(r, m.variable("x")!)).toBeCloseTo(4, 9);
    expect(valueOf(r, m.variable("z")!)).toBeCloseTo(4, 9);
    expect(r.bound).toBeCloseTo(120, 6);
    expect(r.gap).toBeCloseTo(0, 9);
  });

  it("highs.solve(model, { presolve: false }) gives the same optimum", async () => {
    expectOptimal(await highs.solve(mipMax(), { presolve: false }), 120);
  });

  it("highs.solve(infeasible lp and mip) is infeasible with no point", async () => {
    for (const type of ["continuous", "integer"] as const) {
      const m = new Model("infeasible");
      const x = m.addVar("x", { type });
      m.addConstraint("lo", [[x, 1]], ">=", 2);
      m.addConstraint("hi", [[x, 1]], "<=", 1);
      m.setObjective("min", [[x, 1]]);
      const r = await highs.solve(m);
      expect(r.termination, r.rawStatus).toBe("infeasible");
      expect(r.primal).toBe("no_solution");
      expect(r.values).toBeNull();
    }
  });

  it("highs.solve(unbounded lp) is unbounded (infeasible_or_unbounded allowed with presolve)", async () => {
    const m = new Model("unbounded");
    const x = m.addVar("x");
    const y = m.addVar("y");
    m.addConstraint("c", [[x, 1], [y, -1]], "<=", 1);
    m.setObjective("max", [[x, 1], [y, 1]]);
    const withPresolve = await highs.solve(m);
    expect(["unbounded", "infeasible_or_unbounded"]).toContain(withPresolve.termination);
    const without = await highs.solve(m, { presolve: false });
    expect(without.termination, without.rawStatus).toBe("unbounded");
  });

  it("highs.solve(model) defaults to mipRelGap 0: exact where mipRelGap 1e-4 stops early", async () => {
    const { model, optimum } = gapKnapsack();
    const loose = await highs.solve(model, { mipRelGap: 1e-4 });
    expect(loose.primal).toBe("feasible_point");
    expect(loose.objective).toBeLessThan(optimum); // the case is meaningful: 1e-4 stops short
    expect((optimum - (loose.objective ?? 0)) / optimum).toBeLessThanOrEqual(1e-4);
    const exact = await highs.solve(model);
    expectOptimal(exact, optimum);
    expect(exact.gap).toBe(0);
  });

  it("highs.solve(model, { timeLimitSec: -1 }) rejects the option, naming it", async () => {
    await expect(highs.solve(lpWithConstant(), { timeLimitSec: -1 })).rejects.toThrow(/options\.timeLimitSec/);
  });
});

describe("createHighsBackend({ mode: 'worker' })", () => {
  it("createHighsBackend() defaults: auto mode, 1 s grace, time limit passed to HiGHS", () => {
    expect(DEFAULT_HIGHS_BACKEND_OPTIONS).toEqual({
      mode: "auto",
      graceSec: 1,
      solverTimeLimit: true,
      solverOptions: {},
      injectAbort: null,
    });
  });

  it("worker.solve(model) gives the same optimum as inline", async () => {
    const worker = createHighsBackend({ mode: "worker" });
    const [a, b] = [await worker.solve(mipMax()), await inline.solve(mipMax())];
    expectOptimal(a, 120);
    expect(a.objective).toBe(b.objective);
    expect(highsBackendStats().workerSpawns).toBeGreaterThanOrEqual(1);
  });

  it("highs.solve(model, { timeLimitSec }) routes through the worker in auto mode", async () => {
    const before = highsBackendStats().workerSpawns;
    await shutdownHighs(); // the next worker solve must spawn
    const r = await highs.solve(smallKnapsack(8, 3), { timeLimitSec: 30 });
    expect(r.termination).toBe("optimal");
    expect(highsBackendStats().workerSpawns).toBe(before + 1);
  });

  // Both tests below give HiGHS a poor feasible start, so an incumbent exists from the first
  // moment whatever the machine's speed or load: they assert behaviour (status, a checked
  // point at least as good as the start), not how much HiGHS finds within 1 s.
  it("worker.solve(hard mip, { timeLimitSec: 1 }) returns a checked incumbent with time_limit", async () => {
    const worker = createHighsBackend({ mode: "worker", graceSec: 0.5 });
    const { start, value } = poorStart(hardMip());
    const r = await worker.solve(hardMip(), { timeLimitSec: 1, start });
    expect(r.termination, r.rawStatus).toBe("time_limit");
    expect(r.primal).toBe("feasible_point");
    expect(r.check?.ok).toBe(true);
    expect(r.objective).toBeGreaterThanOrEqual(value - 1e-9);
  });

  it("worker.solve(hard mip) terminates a worker that ignores the limit and returns its last incumbent", async () => {
    // solverTimeLimit: false keeps time_limit away from HiGHS, so only the parent's timer can stop it
    const worker = createHighsBackend({ mode: "worker", graceSec: 0.2, solverTimeLimit: false });
    const model = hardMip();
    const r = await worker.solve(model, { timeLimitSec: 1, start: poorStart(model).start });
    expect(r.rawStatus).toMatch(/worker terminated/);
    expect(r.termination).toBe("time_limit");
    expect(r.primal).toBe("feasible_point");
    expect(r.check?.ok).toBe(true);
    expect(r.objective).toBeGreaterThanOrEqual(poorStart(model).value - 1e-9);
    // the next solve spawns a fresh worker
    const spawnsBefore = highsBackendStats().workerSpawns;
    expectOptimal(await worker.solve(mipMax(), { timeLimitSec: 30 }), 120);
    expect(highsBackendStats().workerSpawns).toBe(spawnsBefore + 1);
  });
});

describe("highs MIP start", () => {
  it("a full MIP start gives HiGHS an incumbent when a 1 ms limit stops it at once (inline and worker)", async () => {
    // Without a start this solve returns no point on the development machine;
    // with one it must return the start or something better, never nothing.
    const model = hardMip();
    // a deliberately poor feasible point: only the first three items packed
    const x = model.variables;
    const start = x.map((v, i) => [v, i < 3 ? 1 : 0] as const);
    const value = 7 + model.objective.terms.filter((t) => t.index < 3).reduce((s, t) => s + t.coef, 0);
    for (const backend of [inline, createHighsBackend({ mode: "worker" })]) {
      const r = await backend.solve(model, { timeLimitSec: 0.001, start });
      expect(r.primal, r.rawStatus).toBe("feasible_point");
      expect(r.check?.ok).toBe(true);
      expect(r.objective).toBeGreaterThanOrEqual(value - 1e-9);
    }
  });
});

describe("shutdownHighs()", () => {
  it("shutdownHighs() ends a worker solve in flight as other_error instead of hanging", async () => {
    const worker = createHighsBackend({ mode: "worker" });
    const pending = worker.solve(hardMip()); // no time limit: runs until stopped
    await new Promise((resolve) => setTimeout(resolve, 300));
    await shutdownHighs();
    const r = await pending;
    expect(r.termination).toBe("other_error");
    expect(r.rawStatus).toMatch(/worker exited/);
    expect(r.primal).not.toBe("infeasible_point");
  });
});

describe("highs abort recovery", () => {
  it("inline: an aborted solve is other_error with the message, and the next solve runs on a fresh runtime", async () => {
    const flaky = createHighsBackend({ mode: "inline", injectAbort: (i) => i === 0 });
    await inline.solve(mipMax()); // make sure a runtime is loaded
    const loadsBefore = highsBackendStats().inlineLoads;
    const aborted = await flaky.solve(mipMax());
    expect(aborted.termination).toBe("other_error");
    expect(aborted.primal).toBe("no_solution");
    expect(aborted.rawStatus).toMatch(/Aborted\(/);
    expect(highsBackendStats().inlineHeapBytes).toBeNull(); // the trapped runtime was dropped
    expectOptimal(await flaky.solve(mipMax()), 120);
    expect(highsBackendStats().inlineLoads).toBe(loadsBefore + 1);
  });

  it("worker: an aborted solve is other_error and the worker's next solve succeeds", async () => {
    const flaky = createHighsBackend({ mode: "worker", injectAbort: (i) => i === 0 });
    const aborted = await flaky.solve(mipMax());
    expect(aborted.termination).toBe("other_error");
    expect(aborted.rawStatus).toMatch(/Aborted\(/);
    expectOptimal(await flaky.solve(mipMax()), 120);
  });
});

describe("highs disposal", () => {
  /** Records every HiGHS model the backend creates on the inline runtime; `failRun` makes `run()` throw. */
  async function recordCreated(failRun: boolean, body: () => Promise<void>): Promise<HighsModel[]> {
    const rt = await acquireHighs();
    const original = rt.createModel;
    const created: HighsModel[] = [];
    (rt as { createModel: Highs["createModel"] }).createModel = (source) => {
      const m = original.call(rt, source);
      created.push(m);
      if (failRun) m.run = () => { throw new Error("injected run failure"); };
      return m;
    };
    try {
      await body();
    } finally {
      (rt as { createModel: Highs["createModel"] }).createModel = original;
    }
    return created;
  }

  it("highs.solve(model) disposes every HiGHS model it creates", async () => {
    const created = await recordCreated(false, async () => {
      await inline.solve(mipMax());
      await inline.solve(lpWithConstant());
    });
    expect(created).toHaveLength(2);
    expect(created.every((m) => m.disposed)).toBe(true);
  });

  it("highs.solve(model) disposes the model when run() throws and reports other_error", async () => {
    let result: SolveResult | undefined;
    const created = await recordCreated(true, async () => {
      result = await inline.solve(mipMax());
    });
    expect(result?.termination).toBe("other_error");
    expect(result?.rawStatus).toMatch(/injected run failure/);
    expect(created).toHaveLength(1);
    expect(created[0]?.disposed).toBe(true);
  });
});

describe("createHighsBackend({ solverOptions })", () => {
  it("createHighsBackend({ solverOptions }) passes HiGHS options through and reports a bad name as other_error", async () => {
    const fast = createHighsBackend({ mode: "inline", solverOptions: { mip_heuristic_run_feasibility_jump: false } });
    expectOptimal(await fast.solve(mipMax()), 120);
    const bad = createHighsBackend({ mode: "inline", solverOptions: { no_such_option: 1 } });
    const r = await bad.solve(mipMax());
    expect(r.termination).toBe("other_error");
    expect(r.rawStatus).toMatch(/HiGHS failed/);
  });
});

describe("highs memory over many solves", () => {
  // Feasibility jump costs ~30 ms per tiny MIP in this build; switching it off keeps 2,000 solves to seconds.
  const FAST = { mip_heuristic_run_feasibility_jump: false } as const;
  const tiny = [smallKnapsack(5, 1), assignment(2, 2), smallKnapsack(8, 3), assignment(3, 4)];

  it("2,000 inline solves keep the WASM heap flat between solve 500 and 2,000 (< 8 MiB)", async () => {
    const fast = createHighsBackend({ mode: "inline", solverOptions: FAST });
    let at500 = 0;
    for (let i = 1; i <= 2000; i++) {
      const r = await fast.solve(tiny[i % tiny.length]!);
      if (r.termination !== "optimal") throw new Error(`solve ${i}: ${r.termination} ${r.rawStatus}`);
      if (i === 500) at500 = highsBackendStats().inlineHeapBytes ?? NaN;
    }
    const at2000 = highsBackendStats().inlineHeapBytes ?? NaN;
    expect(at2000 - at500).toBeLessThan(8 * MIB);
  });

  it("control: the same loop without dispose() grows the heap past 8 MiB within 600 solves", async () => {
    // a separate runtime, so the leak does not touch the backend's
    const load = ((d: unknown) => (typeof d === "function" ? d : (d as { default: unknown }).default))(loadHighsDefault) as () => Promise<Highs>;
    const rt = await load();
    const before = rt.memoryBytes;
    const problems = tiny.map((m) => toModelData(rt, toHighsProblem(m)));
    for (let i = 1; i <= 600; i++) {
      const m = rt.createModel(problems[i % problems.length]!);
      m.options.set({ ...FAST, output_flag: false, mip_rel_gap: 0 });
      m.run();
      m.getSolution(); // ...and never m.dispose()
    }
    expect(rt.memoryBytes - before).toBeGreaterThan(8 * MIB);
  });
});
