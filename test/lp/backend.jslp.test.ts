import { describe, expect, it } from "vitest";
import { jslp, jslpTermination, readJslpResult, toJslp } from "../../src/lp/backends/jslp.js";
import { finishResult } from "../../src/lp/check.js";
import { Model } from "../../src/lp/model.js";
import { valueOf } from "../../src/lp/result.js";
import { backendSpecs } from "./backendSpecs.js";

backendSpecs(jslp);

/** Traps of javascript-lp-solver 1.0.3, each reproduced in a scratch run and handled in src/lp/backends/jslp.ts. */
describe("jslp.solve(model) around javascript-lp-solver traps", () => {
  it("solves variables named like its result fields (result, feasible, bounded, isIntegral)", async () => {
    const m = new Model("names");
    const names = ["result", "feasible", "bounded", "isIntegral"];
    const v = names.map((n) => m.addVar(n, { type: "integer", ub: 10 }));
    m.addConstraint("cap", v.map((x) => [x, 1] as const), "<=", 3);
    m.setObjective("max", v.map((x, i) => [x, i + 1] as const));
    const r = await jslp.solve(m);
    expect(r.termination).toBe("optimal");
    expect(r.objective).toBe(12);
    expect(valueOf(r, v[3]!)).toBe(3);
    expect(valueOf(r, v[1]!)).toBe(0);
  });

  it("toJslp(model) hands over safe keys only, bounds as rows, and shifts lower bounds", () => {
    const m = new Model("keys");
    const x = m.addVar("feasible", { lb: 2, ub: 5 });
    const y = m.addVar("result", { lb: -Infinity, ub: 1 });
    m.addConstraint("c", [[x, 1], [y, 1]], ">=", 4);
    m.setObjective("min", [[x, 1]], 3);
    const t = toJslp(m);
    expect(Object.keys(t.model.variables).sort()).toEqual(["c0", "c1"]);
    expect(t.model.constraints).toEqual({ b0: { max: 3 }, r0: { min: 1 } });
    expect(t.model.variables).toEqual({ c0: { b0: 1, r0: 1, objective: 1 }, c1: { r0: -1 } });
    expect(t.objectiveOffset).toBe(5);
  });

  it("rejects the fractional point it marks feasible when branch and cut stops early", () => {
    // Scripted from a real run: a 40-item knapsack with timeout 1 ms came back
    // { feasible: true, bounded: true, result: 326.33…, x: 0.83333333 } and no isIntegral.
    const m = new Model("stopped");
    const x = m.addVar("x", { type: "integer", ub: 1 });
    m.addConstraint("w", [[x, 6]], "<=", 5);
    m.setObjective("max", [[x, 10]]);
    const t = toJslp(m);
    const read = readJslpResult(m, t, { feasible: true, bounded: true, result: 8.33333333, c0: 0.83333333 });
    expect(read.outcome).toBe("stopped");
    const r = finishResult("jslp", m, { termination: "other_error", values: read.values, rawStatus: "", timeMs: 0 });
    expect(r.primal).toBe("infeasible_point");
    expect(r.check?.violations.map((v) => v.kind)).toEqual(["integrality"]);
  });

  it("jslpTermination(outcome, isMip, elapsed, timeout) never calls a timed-out MIP's integral point optimal", () => {
    expect(jslpTermination("optimal", true, 61_300, 60_000)).toBe("time_limit");
    expect(jslpTermination("stopped", true, 60_000, 60_000)).toBe("time_limit");
    expect(jslpTermination("optimal", true, 59_000, 60_000)).toBe("optimal");
    expect(jslpTermination("optimal", false, 61_000, 60_000)).toBe("optimal"); // an LP's simplex finished: its optimum stands
    expect(jslpTermination("optimal", true, 61_000, undefined)).toBe("optimal");
    expect(jslpTermination("stopped", true, 10, 60_000)).toBe("other_error");
  });

  it("reads bounded: false as unbounded and feasible: false as infeasible", () => {
    const m = new Model("read");
    m.addVar("x");
    const t = toJslp(m);
    expect(readJslpResult(m, t, { feasible: true, bounded: false, result: Infinity }).outcome).toBe("unbounded");
    expect(readJslpResult(m, t, { feasible: false, bounded: true, result: 0 }).outcome).toBe("infeasible");
  });

  it("keeps the objective of a variable its presolve would fix (presolve stays off)", async () => {
    // Found by the agreement property: with presolve on, jslp returned x = 1 but result 0.
    const m = new Model("presolveTrap");
    const x = m.addVar("x", { type: "integer", ub: 1 });
    const y = m.addVar("y", { type: "integer", ub: 0 });
    m.addConstraint("r", [[x, -1], [y, 0]], "<=", -1);
    m.setObjective("min", [[x, -1]]);
    const r = await jslp.solve(m, { presolve: true });
    expect(r.check?.violations).toEqual([]);
    expect(r.termination).toBe("optimal");
    expect(r.objective).toBe(-1);
    expect(r.rawStatus).toMatch(/presolve off/);
  });

  it("reports a row with no terms that excludes 0 as infeasible without solving", async () => {
    const m = new Model("emptyRow");
    m.addVar("x");
    m.addConstraint("nothing", [], ">=", 1);
    const r = await jslp.solve(m);
    expect(r.termination).toBe("infeasible");
    expect(r.rawStatus).toMatch(/no terms/);
  });
});
