/**
 * Result handling without a real solver: a scripted mock backend (as JuMP's
 * MockOptimizer) hands raw outcomes to finishResult, the same path every
 * real backend takes.
 */
import { describe, expect, it } from "vitest";
import { finishResult, type RawOutcome } from "../../src/lp/check.js";
import { Model, type Variable } from "../../src/lp/model.js";
import { valueOf, type Backend, type SolveOptions } from "../../src/lp/result.js";

/** A backend that answers each solve with the next scripted raw outcome and records the options it got. */
function mockBackend(script: ReadonlyArray<Omit<RawOutcome, "timeMs">>): Backend & { readonly calls: SolveOptions[] } {
  const calls: SolveOptions[] = [];
  let next = 0;
  return {
    // BackendName has no "mock"; the mock borrows a real name.
    name: "highs",
    limits: { dualBound: true, timeLimit: true, mipStart: false },
    calls,
    async solve(model, options = {}) {
      calls.push(options);
      const raw = script[next++];
      if (raw === undefined) throw new Error("mock backend: script exhausted");
      return finishResult("highs", model, { ...raw, timeMs: 0 }, options.feasibilityTol);
    },
  };
}

/** max 3x + y + 7, x integer in [0, 10], y in [−5, 5], x + 2y ≤ 8. */
function tiny(): { model: Model; x: Variable; y: Variable } {
  const model = new Model("tiny");
  const x = model.addVar("x", { type: "integer", ub: 10 });
  const y = model.addVar("y", { lb: -5, ub: 5 });
  model.addConstraint("c1", [[x, 1], [y, 2]], "<=", 8);
  model.setObjective("max", [[x, 3], [y, 1]], 7);
  return { model, x, y };
}

describe("mockBackend(script).solve(model)", () => {
  it("accepts a scripted optimal point and recomputes the objective with the constant", async () => {
    const { model, x, y } = tiny();
    const b = mockBackend([{ termination: "optimal", values: [8, 0], reportedObjective: 31, bound: 31, rawStatus: "Optimal" }]);
    const r = await b.solve(model);
    expect(r.termination).toBe("optimal");
    expect(r.primal).toBe("feasible_point");
    expect(r.objective).toBe(31);
    expect(r.gap).toBe(0);
    expect(valueOf(r, x)).toBe(8);
    expect(valueOf(r, y)).toBe(0);
    expect(r.rawStatus).toBe("Optimal");
  });

  it("rejects a scripted 'optimal' point that breaks integrality, and never reports it optimal", async () => {
    const { model, x } = tiny();
    const r = await mockBackend([{ termination: "optimal", values: [7.5, 0.25], rawStatus: "feasible" }]).solve(model);
    expect(r.primal).toBe("infeasible_point");
    expect(r.termination).toBe("numerical_error");
    expect(r.check?.violations.map((v) => v.kind)).toEqual(["integrality"]);
    expect(() => valueOf(r, x)).toThrow(/no accepted solution/);
  });

  it("rejects a point whose reported objective the values do not give", async () => {
    const { model } = tiny();
    const r = await mockBackend([{ termination: "optimal", values: [8, 0], reportedObjective: 24, rawStatus: "" }]).solve(model);
    expect(r.primal).toBe("infeasible_point");
    expect(r.check?.violations.map((v) => v.kind)).toEqual(["objective"]);
  });

  it("derives the gap of a time-limited incumbent from the scripted bound", async () => {
    const { model } = tiny();
    const r = await mockBackend([{ termination: "time_limit", values: [6, 1], bound: 35, rawStatus: "Time limit reached" }]).solve(model);
    expect(r.termination).toBe("time_limit");
    expect(r.primal).toBe("feasible_point");
    expect(r.objective).toBe(26);
    expect(r.gap).toBeCloseTo(9 / 26, 12);
  });

  it("drops a non-finite bound and gives no gap", async () => {
    const { model } = tiny();
    const r = await mockBackend([{ termination: "time_limit", values: [6, 1], bound: Infinity, rawStatus: "" }]).solve(model);
    expect(r.bound).toBeNull();
    expect(r.gap).toBeNull();
  });

  it("gives an optimal LP its objective as bound when the backend reports none", async () => {
    const model = new Model("lp");
    const x = model.addVar("x", { ub: 4 });
    model.setObjective("max", [[x, 2]], 1);
    const r = await mockBackend([{ termination: "optimal", values: [4], rawStatus: "" }]).solve(model);
    expect(r.bound).toBe(9);
    expect(r.gap).toBe(0);
  });

  it("maps scripted infeasible and unbounded outcomes without a point", async () => {
    const { model, x } = tiny();
    const b = mockBackend([
      { termination: "infeasible", values: null, rawStatus: "Infeasible" },
      { termination: "infeasible_or_unbounded", values: null, rawStatus: "Primal infeasible or unbounded" },
    ]);
    for (const expected of ["infeasible", "infeasible_or_unbounded"] as const) {
      const r = await b.solve(model);
      expect(r.termination).toBe(expected);
      expect(r.primal).toBe("no_solution");
      expect(r.objective).toBeNull();
      expect(r.values).toBeNull();
      expect(r.check).toBeNull();
      expect(() => valueOf(r, x)).toThrow(/termination/);
    }
  });

  it("passes the solve options through and uses their feasibilityTol in the check", async () => {
    const { model } = tiny();
    const b = mockBackend([
      { termination: "optimal", values: [8, 0.0001], rawStatus: "" },
      { termination: "optimal", values: [8, 0.0001], rawStatus: "" },
    ]);
    // x + 2y = 8.0002 breaks c1 by 2e-4: rejected at the default 1e-6, accepted at 1e-3.
    expect((await b.solve(model)).primal).toBe("infeasible_point");
    expect((await b.solve(model, { feasibilityTol: 1e-3 })).primal).toBe("feasible_point");
    expect(b.calls).toEqual([{}, { feasibilityTol: 1e-3 }]);
  });
});
