/**
 * Cross-backend agreement: on random small feasible bounded MILPs, HiGHS,
 * GLPK and javascript-lp-solver reach the same optimal objective, and the
 * checker rejects a HiGHS optimum once one coordinate is broken.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { BACKEND_NAMES, getBackend, shutdownHighs, UnknownBackendError } from "../../src/lp/backends/index.js";
import { checkSolution } from "../../src/lp/check.js";
import { Model, type VarType } from "../../src/lp/model.js";

/** A random MILP built around a known integer point, so it is feasible; all bounds finite, so it is bounded. */
interface Instance {
  readonly vars: ReadonlyArray<{ readonly type: VarType; readonly lb: number; readonly width: number; readonly at: number }>;
  readonly rows: ReadonlyArray<{ readonly coefs: ReadonlyArray<number>; readonly kind: "<=" | ">=" | "=" | "range"; readonly slack: number }>;
  readonly objective: ReadonlyArray<number>;
  readonly sense: "min" | "max";
  readonly constant: number;
}

const instanceArb: fc.Arbitrary<Instance> = fc.integer({ min: 2, max: 8 }).chain((n) =>
  fc.record({
    vars: fc.array(
      fc.record({
        type: fc.constantFrom<VarType>("integer", "integer", "continuous", "binary"),
        lb: fc.integer({ min: -5, max: 2 }),
        width: fc.integer({ min: 0, max: 8 }),
        at: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      { minLength: n, maxLength: n },
    ),
    rows: fc.array(
      fc.record({
        coefs: fc.array(fc.integer({ min: -6, max: 6 }), { minLength: n, maxLength: n }),
        kind: fc.constantFrom<"<=" | ">=" | "=" | "range">("<=", ">=", "<=", ">=", "=", "range"),
        slack: fc.integer({ min: 0, max: 6 }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    objective: fc.array(fc.integer({ min: -9, max: 9 }), { minLength: n, maxLength: n }),
    sense: fc.constantFrom<"min" | "max">("min", "max"),
    constant: fc.integer({ min: -20, max: 20 }),
  }),
);

function build(inst: Instance): Model {
  const m = new Model("random");
  const point: number[] = [];
  const vars = inst.vars.map((s, i) => {
    const lb = s.type === "binary" ? 0 : s.lb;
    const ub = s.type === "binary" ? 1 : s.lb + s.width;
    point.push(lb + Math.round(s.at * (ub - lb)));
    return m.addVar(`x${i}`, { type: s.type, lb, ub });
  });
  inst.rows.forEach((row, r) => {
    const terms = vars.map((v, i) => [v, row.coefs[i] ?? 0] as const);
    const activity = terms.reduce((s, [v, c]) => s + c * (point[v.index] ?? 0), 0);
    if (row.kind === "range") m.addRange(`r${r}`, terms, activity - row.slack, activity + row.slack + 1);
    else if (row.kind === "=") m.addConstraint(`r${r}`, terms, "=", activity);
    else m.addConstraint(`r${r}`, terms, row.kind, row.kind === "<=" ? activity + row.slack : activity - row.slack);
  });
  m.setObjective(inst.sense, vars.map((v, i) => [v, inst.objective[i] ?? 0] as const), inst.constant);
  return m;
}

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

afterAll(async () => {
  await shutdownHighs();
});

describe("getBackend(name)", () => {
  it("returns the backend of each name in BACKEND_NAMES", () => {
    expect(BACKEND_NAMES.map((name) => getBackend(name).name)).toEqual(["highs", "glpk", "jslp"]);
  });
  it("names the valid backends for an unknown name", () => {
    expect(() => getBackend("cplex")).toThrow(UnknownBackendError);
    expect(() => getBackend("cplex")).toThrow('unknown solver "cplex"; use one of highs, glpk, jslp');
  });
});

describe("backends agree", () => {
  it("highs, glpk and jslp reach the same optimum on random feasible bounded MILPs", async () => {
    await fc.assert(
      fc.asyncProperty(instanceArb, async (inst) => {
        const model = build(inst);
        const results = [];
        for (const name of BACKEND_NAMES) results.push(await getBackend(name).solve(model));
        const [reference] = results;
        expect(reference?.termination, reference?.rawStatus).toBe("optimal");
        expect(reference?.check?.ok).toBe(true);
        for (const r of results) {
          expect(r.termination, `${r.backend}: ${r.rawStatus}`).toBe("optimal");
          expect(r.primal, `${r.backend}: ${r.rawStatus}`).toBe("feasible_point");
          expect(close(r.objective ?? NaN, reference?.objective ?? NaN), `${r.backend} ${r.objective} vs highs ${reference?.objective}`).toBe(true);
        }
      }),
      { numRuns: 60, seed: 20_260_422 },
    );
  });

  it("checkSolution(model, values) rejects a HiGHS optimum with one coordinate broken", async () => {
    const highs = getBackend("highs");
    await fc.assert(
      fc.asyncProperty(instanceArb, fc.nat(), async (inst, pick) => {
        const model = build(inst);
        const r = await highs.solve(model);
        expect(r.values).not.toBeNull();
        const values = Float64Array.from(r.values ?? []);
        const v = model.variables[pick % model.variables.length];
        if (v === undefined) throw new Error("no variable");
        // Integer: a half step breaks integrality; continuous: step past the upper bound.
        values[v.index] = v.type === "continuous" ? v.ub + 1 : (values[v.index] ?? 0) + 0.5;
        const report = checkSolution(model, values);
        expect(report.ok).toBe(false);
        expect(report.violations.some((x) => x.name === v.name)).toBe(true);
      }),
      { numRuns: 30, seed: 7 },
    );
  });
});
