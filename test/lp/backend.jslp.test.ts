import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createJslpBackend, jslp, jslpTermination, readJslpResult, toJslp } from "../../src/lp/backends/jslp.js";
import { readMps } from "../../src/lp/mpsReader.js";
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
    // egout is feasible, yet a 1 s or 3 s timeout came back feasible: false
    expect(jslpTermination("infeasible", true, 3_000, 3_000)).toBe("time_limit");
    expect(jslpTermination("infeasible", true, 10, 3_000)).toBe("infeasible");
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

/**
 * Time limits, on the MIPLIB MIP egout (141 columns, 55 integers; optimum
 * 568.1007), which javascript-lp-solver does not finish in seconds. The
 * assertions are on statuses; the only time bound is a generous one
 * (limit + grace + 30 s), so they hold on a machine 10× slower.
 */
describe("jslp.solve(model, { timeLimitSec }) stops and says time_limit", () => {
  const egout = (): ReturnType<typeof readMps>["model"] =>
    readMps(readFileSync(path.resolve(import.meta.dirname, "..", "fixtures", "miplib", "egout.mps"), "utf8")).model;

  it("jslp.solve(egout, { timeLimitSec: 1 }) ends time_limit, never optimal or infeasible, with no accepted point below the optimum", async () => {
    const t0 = performance.now();
    const r = await jslp.solve(egout(), { timeLimitSec: 1 });
    expect((performance.now() - t0) / 1000).toBeLessThan(1 + 1 + 30);
    expect(r.termination, r.rawStatus).toBe("time_limit");
    expect(r.primal, "its fractional relaxation is not passed on as a point").not.toBe("infeasible_point");
    if (r.primal === "feasible_point") expect(r.objective ?? 0).toBeGreaterThanOrEqual(568.1007 - 1e-3);
  });

  it("a worker whose solver ignores the limit is terminated at limit + grace: time_limit, no point", async () => {
    // solverTimeout: false hands the solver no timeout at all, as on the 87- and
    // 302-column MILPs where its own timeout was not honoured for over 100 s.
    const stubborn = createJslpBackend({ solverTimeout: false, graceSec: 0.5 });
    const t0 = performance.now();
    const r = await stubborn.solve(egout(), { timeLimitSec: 0.5 });
    expect((performance.now() - t0) / 1000).toBeLessThan(0.5 + 0.5 + 30);
    expect(r.termination).toBe("time_limit");
    expect(r.primal).toBe("no_solution");
    expect(r.rawStatus).toMatch(/worker terminated 1 s into the solve/);
  });

  it("a time-limited solve that finishes in the worker is the same as inline (optimal, checked)", async () => {
    const m = new Model("small");
    const x = m.addVar("x", { type: "integer", ub: 10 });
    const y = m.addVar("y", { type: "integer", ub: 10 });
    m.addConstraint("c1", [[x, 1], [y, 1]], "<=", 3.5);
    m.addConstraint("c2", [[y, 2]], "<=", 5);
    m.setObjective("max", [[x, 1], [y, 2]]);
    for (const backend of [jslp, createJslpBackend({ mode: "worker" })]) {
      const r = await backend.solve(m, { timeLimitSec: 600 });
      expect([r.termination, r.primal, r.objective]).toEqual(["optimal", "feasible_point", 5]);
    }
  });
});
