/**
 * Shared backend test suite, run by every `backend.<name>.test.ts`
 * (graphology's `specs(impl)` pattern, PuLP's one suite for all solvers).
 * Cases a backend cannot do are skipped with a title saying why.
 */
import { describe, expect, it } from "vitest";
import { Model, type Variable } from "../../src/lp/model.js";
import { valueOf, type Backend, type SolveResult } from "../../src/lp/result.js";

const TOL = 1e-6;

/** Asserts an accepted optimal point with the given objective. */
function expectOptimal(r: SolveResult, objective: number): void {
  expect(r.termination, r.rawStatus).toBe("optimal");
  expect(r.primal, r.rawStatus).toBe("feasible_point");
  expect(r.check?.ok).toBe(true);
  expect(r.objective).not.toBeNull();
  expect(Math.abs((r.objective ?? NaN) - objective)).toBeLessThanOrEqual(TOL * Math.max(1, Math.abs(objective)));
}

function expectValue(r: SolveResult, v: Variable, expected: number): void {
  expect(Math.abs(valueOf(r, v) - expected), `${v.name} = ${valueOf(r, v)}, expected ${expected}`).toBeLessThanOrEqual(TOL);
}

/** Knapsack data: values, weights, capacity, and the optimum by enumeration. */
const KNAPSACK = (() => {
  const values = [23, 31, 29, 44, 53, 38, 63, 85, 89, 82];
  const weights = [92, 57, 49, 68, 60, 43, 67, 84, 87, 72];
  const capacity = 300;
  let best = 0;
  for (let mask = 0; mask < 1 << values.length; mask++) {
    let w = 0;
    let v = 0;
    for (let i = 0; i < values.length; i++) {
      if (mask & (1 << i)) {
        w += weights[i] ?? 0;
        v += values[i] ?? 0;
      }
    }
    if (w <= capacity && v > best) best = v;
  }
  return { values, weights, capacity, best };
})();

function knapsack(): { model: Model; x: Variable[] } {
  const m = new Model("knapsack");
  const x = KNAPSACK.values.map((_, i) => m.addVar(`x${i}`, { type: "binary" }));
  m.addConstraint("capacity", x.map((xi, i) => [xi, KNAPSACK.weights[i] ?? 0] as const), "<=", KNAPSACK.capacity);
  m.setObjective("max", x.map((xi, i) => [xi, KNAPSACK.values[i] ?? 0] as const));
  return { model: m, x };
}

/** Max 3x + 2y, x + y ≤ 4, x + 3y ≤ 6, x ≤ 3: optimum (3, 1) → 11. */
function smallLp(): { model: Model; x: Variable; y: Variable } {
  const m = new Model("lp");
  const x = m.addVar("x", { ub: 3 });
  const y = m.addVar("y");
  m.addConstraint("c1", [[x, 1], [y, 1]], "<=", 4);
  m.addConstraint("c2", [[x, 1], [y, 3]], "<=", 6);
  m.setObjective("max", [[x, 3], [y, 2]]);
  return { model: m, x, y };
}

/** Max x + 2y, x + y ≤ 3.5, 2y ≤ 5, integers: optimum (1, 2) → 5 (relaxation gives 6). */
function smallMip(): { model: Model; x: Variable; y: Variable } {
  const m = new Model("mip");
  const x = m.addVar("x", { type: "integer", ub: 10 });
  const y = m.addVar("y", { type: "integer", ub: 10 });
  m.addConstraint("c1", [[x, 1], [y, 1]], "<=", 3.5);
  m.addConstraint("c2", [[y, 2]], "<=", 5);
  m.setObjective("max", [[x, 1], [y, 2]]);
  return { model: m, x, y };
}

/** Runs the shared suite against `backend`. */
export function backendSpecs(backend: Backend): void {
  describe(`${backend.name}.solve(model)`, () => {
    it("finds an LP optimum and maps values back by Variable handle", async () => {
      const { model, x, y } = smallLp();
      const r = await backend.solve(model);
      expectOptimal(r, 11);
      expectValue(r, x, 3);
      expectValue(r, y, 1);
      expect(r.backend).toBe(backend.name);
    });

    it("finds a MIP optimum below its LP relaxation", async () => {
      const { model, x, y } = smallMip();
      const r = await backend.solve(model);
      expectOptimal(r, 5);
      expectValue(r, x, 1);
      expectValue(r, y, 2);
    });

    it("minimises when the sense is min", async () => {
      const m = new Model("min");
      const x = m.addVar("x");
      const y = m.addVar("y");
      m.addConstraint("cover", [[x, 1], [y, 1]], ">=", 4);
      m.addConstraint("xmin", [[x, 1]], ">=", 1);
      m.setObjective("min", [[x, 2], [y, 3]]);
      const r = await backend.solve(m);
      expectOptimal(r, 8);
      expectValue(r, x, 4);
    });

    it("adds the objective constant to the objective", async () => {
      const m = new Model("constant");
      const x = m.addVar("x", { type: "integer", ub: 9 });
      m.addConstraint("atLeast", [[x, 1]], ">=", 2);
      m.setObjective("min", [[x, 1]], 10);
      const r = await backend.solve(m);
      expectOptimal(r, 12);
    });

    it("respects equality and ranged rows", async () => {
      // min x − y, x + y = 5, 1 ≤ x − 2y ≤ 3: y = 4/3, x = 11/3 → 7/3.
      const m = new Model("ranges");
      const x = m.addVar("x");
      const y = m.addVar("y");
      m.addConstraint("sum", [[x, 1], [y, 1]], "=", 5);
      m.addRange("band", [[x, 1], [y, -2]], 1, 3);
      m.setObjective("min", [[x, 1], [y, -1]]);
      const r = await backend.solve(m);
      expectOptimal(r, 7 / 3);
      expectValue(r, x, 11 / 3);
      expectValue(r, y, 4 / 3);
    });

    it("handles negative lower bounds and free variables", async () => {
      // min x + y, x ∈ [−3, 2], y free, y − x ≥ −1: x = −3, y = −4 → −7.
      const m = new Model("free");
      const x = m.addVar("x", { lb: -3, ub: 2 });
      const y = m.addVar("y", { lb: -Infinity });
      m.addConstraint("link", [[y, 1], [x, -1]], ">=", -1);
      m.setObjective("min", [[x, 1], [y, 1]]);
      const r = await backend.solve(m);
      expectOptimal(r, -7);
      expectValue(r, x, -3);
      expectValue(r, y, -4);
    });

    it("handles a variable bounded only above and a free integer", async () => {
      // max z − 2w, z ≤ 5 (free below), w free integer with 2w ≥ −7: z = 5, w = −3 → 11.
      const m = new Model("upperOnly");
      const z = m.addVar("z", { lb: -Infinity, ub: 5 });
      const w = m.addVar("w", { type: "integer", lb: -Infinity });
      m.addConstraint("wmin", [[w, 2]], ">=", -7);
      m.addConstraint("zmin", [[z, 1]], ">=", -2.5);
      m.setObjective("max", [[z, 1], [w, -2]]);
      const r = await backend.solve(m);
      expectOptimal(r, 11);
      expectValue(r, z, 5);
      expectValue(r, w, -3);
    });

    it("keeps fixed variables, a fixed binary included, at their value", async () => {
      // x fixed at 2.5, b binary fixed at 1; min y + b, y + x ≥ 4: y = 1.5 → 2.5.
      const m = new Model("fixed");
      const x = m.addVar("x", { lb: 2.5, ub: 2.5 });
      const b = m.addVar("b", { type: "binary", lb: 1, ub: 1 });
      const y = m.addVar("y");
      m.addConstraint("need", [[y, 1], [x, 1]], ">=", 4);
      m.setObjective("min", [[y, 1], [b, 1]]);
      const r = await backend.solve(m);
      expectOptimal(r, 2.5);
      expectValue(r, x, 2.5);
      expectValue(r, b, 1);
      expectValue(r, y, 1.5);
    });

    it("reports an infeasible LP with no point", async () => {
      const m = new Model("infeasibleLp");
      const x = m.addVar("x");
      const y = m.addVar("y");
      m.addConstraint("low", [[x, 1], [y, 1]], "<=", 1);
      m.addConstraint("high", [[x, 1], [y, 1]], ">=", 2);
      m.setObjective("max", [[x, 1]]);
      const r = await backend.solve(m);
      expect(r.termination, r.rawStatus).toBe("infeasible");
      expect(r.primal).toBe("no_solution");
      expect(r.objective).toBeNull();
      expect(() => valueOf(r, x)).toThrow(/no accepted solution/);
    });

    it("reports a MIP infeasible whose LP relaxation is feasible", async () => {
      // 2x + 2y + 2z = 3 has no integer solution.
      const m = new Model("infeasibleMip");
      const v = ["x", "y", "z"].map((n) => m.addVar(n, { type: "integer", ub: 5 }));
      m.addConstraint("odd", v.map((x) => [x, 2] as const), "=", 3);
      m.setObjective("max", v.map((x) => [x, 1] as const));
      const r = await backend.solve(m);
      expect(r.termination, r.rawStatus).toBe("infeasible");
      expect(r.primal).toBe("no_solution");
    });

    it("reports an unbounded LP, with no point or a checked feasible one", async () => {
      const m = new Model("unboundedLp");
      const x = m.addVar("x");
      const y = m.addVar("y");
      m.addConstraint("c", [[x, 1], [y, -1]], "<=", 1);
      m.setObjective("max", [[x, 1], [y, 1]]);
      const r = await backend.solve(m);
      expect(r.termination, r.rawStatus).toBe("unbounded");
      // A backend may return the feasible point it stopped at (HiGHS does); it must pass the check.
      expect(["no_solution", "feasible_point"]).toContain(r.primal);
      if (r.primal === "feasible_point") expect(r.check?.ok).toBe(true);
    });

    it("reports an unbounded MIP as unbounded (or, honestly, infeasible_or_unbounded)", async () => {
      const m = new Model("unboundedMip");
      const x = m.addVar("x", { type: "integer" });
      const y = m.addVar("y", { type: "integer" });
      m.addConstraint("c", [[x, 1], [y, -1]], "<=", 1);
      m.setObjective("max", [[x, 1], [y, 1]]);
      const r = await backend.solve(m);
      expect(["unbounded", "infeasible_or_unbounded"], r.rawStatus).toContain(r.termination);
      expect(["no_solution", "feasible_point"]).toContain(r.primal);
      if (r.primal === "feasible_point") expect(r.check?.ok).toBe(true);
    });

    it("solves a model with no rows, integer bounds fractional, a variable used nowhere", async () => {
      // min x − y, x ∈ [−2, 3], y integer ∈ [−2, 3.5]: x = −2, y = 3 → −5.
      const m = new Model("noRows");
      const x = m.addVar("x", { lb: -2, ub: 3 });
      const y = m.addVar("y", { type: "integer", lb: -2, ub: 3.5 });
      const idle = m.addVar("idle", { lb: 1, ub: 2 });
      m.setObjective("min", [[x, 1], [y, -1]]);
      const r = await backend.solve(m);
      expectOptimal(r, -5);
      expectValue(r, x, -2);
      expectValue(r, y, 3);
      expect(valueOf(r, idle)).toBeGreaterThanOrEqual(1 - TOL);
      expect(valueOf(r, idle)).toBeLessThanOrEqual(2 + TOL);
    });

    it("solves a 10-item binary knapsack to the enumerated optimum", async () => {
      const { model, x } = knapsack();
      const r = await backend.solve(model);
      expectOptimal(r, KNAPSACK.best);
      const weight = x.reduce((s, xi, i) => s + valueOf(r, xi) * (KNAPSACK.weights[i] ?? 0), 0);
      expect(weight).toBeLessThanOrEqual(KNAPSACK.capacity + TOL);
    });

    it("solves a 4×4 assignment problem to the enumerated optimum", async () => {
      const cost = [
        [9, 2, 7, 8],
        [6, 4, 3, 7],
        [5, 8, 1, 8],
        [7, 6, 9, 4],
      ];
      const n = cost.length;
      const m = new Model("assignment");
      const x = cost.map((row, i) => row.map((_, j) => m.addVar(`x_${i}_${j}`, { type: "binary" })));
      const at = (i: number, j: number): Variable => x[i]?.[j] as Variable;
      for (let i = 0; i < n; i++) m.addConstraint(`agent${i}`, cost.map((_, j) => [at(i, j), 1] as const), "=", 1);
      for (let j = 0; j < n; j++) m.addConstraint(`task${j}`, cost.map((_, i) => [at(i, j), 1] as const), "=", 1);
      m.setObjective("min", cost.flatMap((row, i) => row.map((c, j) => [at(i, j), c] as const)));
      let best = Infinity;
      const permute = (i: number, used: ReadonlySet<number>, sum: number): void => {
        if (i === n) best = Math.min(best, sum);
        for (let j = 0; j < n; j++) if (!used.has(j)) permute(i + 1, new Set([...used, j]), sum + (cost[i]?.[j] ?? 0));
      };
      permute(0, new Set(), 0);
      const r = await backend.solve(m);
      expectOptimal(r, best);
      for (let i = 0; i < n; i++) {
        const chosen = cost.map((_, j) => Math.round(valueOf(r, at(i, j))));
        expect(chosen.reduce((a, b) => a + b, 0)).toBe(1);
      }
    });

    it("returns the optimum with presolve off, on an LP and a MIP", async () => {
      expectOptimal(await backend.solve(smallLp().model, { presolve: false }), 11);
      expectOptimal(await backend.solve(smallMip().model, { presolve: false }), 5);
    });

    it("returns the optimum whatever MIP start it is given: feasible, partial, infeasible or out of bounds", async () => {
      const { model, x } = knapsack();
      const starts = [
        x.map((xi) => [xi, 0] as const), // feasible, poor
        x.slice(0, 2).map((xi) => [xi, 1] as const), // partial
        x.map((xi) => [xi, 1] as const), // over capacity
        x.map((xi) => [xi, 0.5] as const), // fractional
        [[x[0] as Variable, 7] as const], // outside the binary bounds
      ];
      for (const start of starts) expectOptimal(await backend.solve(model, { start }), KNAPSACK.best);
    });

    it("returns the optimum under a generous finite time limit", async () => {
      expectOptimal(await backend.solve(knapsack().model, { timeLimitSec: 600 }), KNAPSACK.best);
    });

    it("returns a checked point within a requested relative MIP gap", async () => {
      const gap = 0.2;
      const r = await backend.solve(knapsack().model, { mipRelGap: gap });
      expect(r.primal, r.rawStatus).toBe("feasible_point");
      expect(r.check?.ok).toBe(true);
      expect(r.objective ?? 0).toBeGreaterThanOrEqual((1 - gap) * KNAPSACK.best - TOL);
      expect(r.objective ?? Infinity).toBeLessThanOrEqual(KNAPSACK.best + TOL);
    });

    it("gives every returned point a passing check, and a point only with a check", async () => {
      const models = [smallLp().model, smallMip().model, knapsack().model];
      for (const model of models) {
        const r = await backend.solve(model);
        expect(r.values === null).toBe(r.check === null);
        if (r.primal === "feasible_point") expect(r.check?.ok).toBe(true);
        expect(r.values?.length ?? model.variables.length).toBe(model.variables.length);
      }
    });

    it("gives an optimal LP a bound equal to its objective and a zero gap", async () => {
      const r = await backend.solve(smallLp().model);
      expect(r.bound).toBeCloseTo(11, 6);
      expect(r.gap).toBeCloseTo(0, 9);
    });

    it.skipIf(!backend.limits.dualBound)(
      `gives a MIP dual bound and gap${backend.limits.dualBound ? "" : ` (skipped: ${backend.name} reports no MIP dual bound)`}`,
      async () => {
        const r = await backend.solve(knapsack().model);
        expect(r.bound).not.toBeNull();
        expect(r.bound ?? 0).toBeGreaterThanOrEqual(KNAPSACK.best - TOL);
        expect(r.gap).not.toBeNull();
        expect(r.gap ?? 1).toBeLessThanOrEqual(1e-6);
      },
    );
  });
}
