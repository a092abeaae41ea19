import { describe, expect, it } from "vitest";
import { glpk } from "../../src/lp/backends/glpk.js";
import { Model } from "../../src/lp/model.js";
import { valueOf } from "../../src/lp/result.js";
import { backendSpecs } from "./backendSpecs.js";

backendSpecs(glpk);

/** Traps of glpk.js 5, each reproduced in a scratch run and handled in src/lp/backends/glpk.ts. */
describe("glpk.solve(model) around glpk.js traps", () => {
  it("classifies an unbounded MIP that glpk.js reports as GLP_UNDEF", async () => {
    const m = new Model("unboundedMip");
    const x = m.addVar("x", { type: "integer" });
    const y = m.addVar("y");
    m.addConstraint("c", [[x, 1], [y, -1]], "<=", 1);
    m.setObjective("max", [[x, 1], [y, 1]]);
    const r = await glpk.solve(m);
    expect(r.rawStatus).toMatch(/^GLP_UNDEF/);
    expect(r.rawStatus).toMatch(/LP relaxation without presolve: GLP_UNBND/);
    expect(r.termination).toBe("unbounded");
    expect(r.primal).toBe("no_solution");
  });

  it("classifies a presolved infeasible LP that glpk.js reports as GLP_UNDEF", async () => {
    const m = new Model("infeasibleLp");
    const x = m.addVar("x");
    m.addConstraint("a", [[x, 1]], "<=", 1);
    m.addConstraint("b", [[x, 1]], ">=", 2);
    m.setObjective("max", [[x, 1]]);
    const r = await glpk.solve(m);
    expect(r.rawStatus).toBe("GLP_UNDEF; re-solved without presolve: GLP_NOFEAS");
    expect(r.termination).toBe("infeasible");
  });

  it("keeps the presolver on for a MIP asked to run without it, and says so", async () => {
    const m = new Model("mip");
    const x = m.addVar("x", { type: "integer", ub: 10 });
    const y = m.addVar("y", { type: "integer", ub: 10 });
    m.addConstraint("c", [[x, 1], [y, 1]], "<=", 3.5);
    m.setObjective("max", [[x, 1], [y, 2]]);
    const r = await glpk.solve(m, { presolve: false });
    expect(r.rawStatus).toMatch(/presolve kept on/);
    expect(r.termination).toBe("optimal");
    expect(valueOf(r, y)).toBe(3);
    expect(r.objective).toBe(6);
  });

  it("treats an infinite time limit as none (glpk.js would truncate Infinity to 0 ms)", async () => {
    const m = new Model("mip");
    const x = m.addVar("x", { type: "integer", ub: 10 });
    m.addConstraint("c", [[x, 2]], "<=", 7);
    m.setObjective("max", [[x, 1]]);
    const r = await glpk.solve(m, { timeLimitSec: Infinity });
    expect(r.termination).toBe("optimal");
    expect(valueOf(r, x)).toBe(3);
  });

  it("reports an integer variable with no integer in its bounds as infeasible without solving", async () => {
    const m = new Model("gapBounds");
    const x = m.addVar("x", { type: "integer", lb: 0.2, ub: 0.8 });
    m.setObjective("max", [[x, 1]]);
    const r = await glpk.solve(m);
    expect(r.termination).toBe("infeasible");
    expect(r.rawStatus).toMatch(/no integer value in \[0.2, 0.8\]/);
  });

  it("gives a MIP proven optimal with zero gap a bound equal to its objective", async () => {
    const m = new Model("mip");
    const x = m.addVar("x", { type: "integer", ub: 10 });
    m.addConstraint("c", [[x, 2]], "<=", 7);
    m.setObjective("max", [[x, 1]], 0.5);
    const r = await glpk.solve(m);
    expect(r.bound).toBe(3.5);
    expect(r.gap).toBe(0);
  });
});
