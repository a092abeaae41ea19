import { describe, expect, it } from "vitest";
import { Model, ModelError } from "../../src/lp/model.js";
import { checkSolution, finishResult } from "../../src/lp/check.js";

function tiny(): Model {
  const m = new Model("tiny");
  const x = m.addVar("x", { type: "integer", ub: 10 });
  const y = m.addVar("y", { lb: -5, ub: 5 });
  m.addConstraint("c1", [[x, 1], [y, 2]], "<=", 8);
  m.addRange("c2", [[x, 1], [y, -1]], -2, 4);
  m.setObjective("max", [[x, 3], [y, 1]], 7);
  return m;
}

describe("checkSolution(model, values)", () => {
  it("accepts a feasible point and recomputes the objective with its constant", () => {
    const r = checkSolution(tiny(), [4, 2]);
    expect(r.ok).toBe(true);
    expect(r.objective).toBe(3 * 4 + 2 + 7);
  });
  it("names the violated bound, row and integrality", () => {
    const r = checkSolution(tiny(), [4.5, 6]);
    expect(r.ok).toBe(false);
    const kinds = r.violations.map((v) => `${v.kind}:${v.name}`).sort();
    expect(kinds).toEqual(["bound:y", "integrality:x", "row:c1"]);
  });
  it("rejects a reported objective that the values do not give", () => {
    const r = checkSolution(tiny(), [4, 2], 1e-6, 100);
    expect(r.violations.map((v) => v.kind)).toEqual(["objective"]);
  });
});

describe("finishResult(backend, model, raw)", () => {
  it("downgrades an 'optimal' whose point fails the check", () => {
    const res = finishResult("jslp", tiny(), {
      termination: "optimal",
      values: [4.5, 0],
      rawStatus: "feasible",
      timeMs: 1,
    });
    expect(res.primal).toBe("infeasible_point");
    expect(res.termination).toBe("numerical_error");
  });
  it("derives the gap from objective and bound", () => {
    const res = finishResult("highs", tiny(), { termination: "time_limit", values: [4, 2], bound: 22, rawStatus: "", timeMs: 1 });
    expect(res.objective).toBe(21);
    expect(res.gap).toBeCloseTo(1 / 21, 12);
  });
});

describe("Model", () => {
  it("refuses names that LP readers mangle", () => {
    const m = new Model();
    for (const bad of ["x[1]", "a-b", "s:t", "1x", "e1", "E.5", ".x", "a b", ""]) {
      expect(() => m.addVar(bad), bad).toThrow(ModelError);
    }
    expect(m.addVar("x_1.a#2").name).toBe("x_1.a#2");
  });
  it("sums repeated terms and drops zeros", () => {
    const m = new Model();
    const x = m.addVar("x");
    const y = m.addVar("y");
    const r = m.addConstraint("r", [[x, 1], [y, 2], [x, 2], [y, -2]], "<=", 1);
    expect(r.terms).toEqual([{ index: 0, coef: 3 }]);
  });
});
