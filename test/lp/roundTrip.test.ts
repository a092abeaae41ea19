import fc from "fast-check";
import highsDefault, { type Highs } from "highs";
import { describe, expect, it } from "vitest";
import { checkSolution } from "../../src/lp/check.js";
import { Model, ModelError, objectiveValue, type VarType } from "../../src/lp/model.js";
import { writeLp } from "../../src/lp/lpWriter.js";
import { readLp } from "../../src/lp/lpReader.js";
import { writeMps } from "../../src/lp/mpsWriter.js";
import { readMps } from "../../src/lp/mpsReader.js";

/** The package's CommonJS-flavoured types hide the loader behind `default` under NodeNext. */
const loadHighs = (() => {
  const d = highsDefault as unknown as { default?: unknown };
  return (typeof d === "function" ? d : d.default) as () => Promise<Highs>;
})();

/** Numbers that stress printing: tiny, huge, inexact decimals, negative. */
const NUMBERS = [0, 1, -1, 0.1, -0.1, 0.3, -3.25, 1e-7, 1e20, -1e20, 2.5, 7, -0.5, 1e21, 1e-300, 0.30000000000000004, 123456.789, 1 / 3];
/** Numbers whose shortest text fits the 12 characters of fixed MPS. */
const SHORT_NUMBERS = NUMBERS.filter((x) => String(x).length <= 12);

/** One variable's recipe. */
interface VarSpec {
  readonly prefix: string;
  readonly type: VarType;
  readonly bounds: "default" | "free" | "lower" | "upper" | "box" | "fixed" | "binary01" | "binary1" | "binary0";
  readonly a: number;
  readonly b: number;
}

interface RowSpec {
  readonly prefix: string;
  readonly terms: ReadonlyArray<readonly [number, number]>;
  readonly kind: "<=" | ">=" | "=" | "range";
  readonly a: number;
  readonly b: number;
}

interface ModelSpec {
  readonly vars: ReadonlyArray<VarSpec>;
  readonly rows: ReadonlyArray<RowSpec>;
  readonly sense: "min" | "max";
  readonly objective: ReadonlyArray<readonly [number, number]>;
  readonly constant: number;
}

function specArb(numbers: ReadonlyArray<number>, prefixes: ReadonlyArray<string>): fc.Arbitrary<ModelSpec> {
  const num = fc.constantFrom(...numbers);
  const term = fc.tuple(fc.nat(20), num);
  const varSpec = fc.record({
    prefix: fc.constantFrom(...prefixes),
    type: fc.constantFrom<VarType>("continuous", "integer", "binary"),
    bounds: fc.constantFrom<VarSpec["bounds"]>("default", "free", "lower", "upper", "box", "fixed", "binary01", "binary1", "binary0"),
    a: num,
    b: num,
  });
  const rowSpec = fc.record({
    prefix: fc.constantFrom(...prefixes),
    terms: fc.array(term, { maxLength: 5 }),
    kind: fc.constantFrom<RowSpec["kind"]>("<=", ">=", "=", "range"),
    a: num,
    b: num,
  });
  return fc.record({
    vars: fc.array(varSpec, { minLength: 1, maxLength: 7 }),
    rows: fc.array(rowSpec, { maxLength: 6 }),
    sense: fc.constantFrom<"min" | "max">("min", "max"),
    objective: fc.array(term, { maxLength: 5 }),
    constant: num,
  });
}

/** Builds the model a spec describes; `distinct` keeps one term per variable (no summed coefficients). */
function build(spec: ModelSpec, distinct: boolean): Model {
  const m = new Model("random");
  const vars = spec.vars.map((v, i) => {
    const lo = Math.min(v.a, v.b);
    const hi = Math.max(v.a, v.b);
    if (v.type === "binary") {
      const [lb, ub] = v.bounds === "binary1" ? [1, 1] : v.bounds === "binary0" ? [0, 0] : [0, 1];
      return m.addVar(`${v.prefix}${i}`, { type: "binary", lb, ub });
    }
    const bounds: Record<VarSpec["bounds"], [number, number]> = {
      default: [0, Infinity],
      free: [-Infinity, Infinity],
      lower: [v.a, Infinity],
      upper: [-Infinity, v.a],
      box: [lo, hi],
      fixed: [v.a, v.a],
      binary01: [0, Infinity],
      binary1: [lo, hi],
      binary0: [-Infinity, v.a],
    };
    const [lb, ub] = bounds[v.bounds];
    return m.addVar(`${v.prefix}${i}`, { type: v.type, lb, ub });
  });
  const terms = (list: ReadonlyArray<readonly [number, number]>) => {
    const seen = new Set<number>();
    const out: Array<readonly [(typeof vars)[number], number]> = [];
    for (const [k, coef] of list) {
      const i = k % vars.length;
      if (distinct && seen.has(i)) continue;
      seen.add(i);
      out.push([vars[i] as (typeof vars)[number], coef]);
    }
    return out;
  };
  spec.rows.forEach((r, i) => {
    const name = `${r.prefix}${i}`;
    if (r.kind === "range") m.addRange(name, terms(r.terms), Math.min(r.a, r.b), Math.max(r.a, r.b));
    else m.addConstraint(name, terms(r.terms), r.kind, r.a);
  });
  m.setObjective(spec.sense, terms(spec.objective), spec.constant);
  return m;
}

function data(m: Model) {
  return { name: m.name, variables: m.variables, rows: m.rows, objective: m.objective };
}

/** What MPS keeps: a binary with bounds other than [0, 1] comes back as an integer. */
function mpsData(m: Model) {
  const d = data(m);
  return {
    ...d,
    variables: d.variables.map((v) => (v.type === "binary" && (v.lb !== 0 || v.ub !== 1) ? { ...v, type: "integer" as const } : v)),
  };
}

const LONG_PREFIXES = ["x", "y_", "v.", "#", "Ab#", "a_rather_long_variable_name_"];
const SHORT_PREFIXES = ["x", "y_", "v.", "#", "Ab#"];

describe("round trips", () => {
  it("readLp(writeLp(model)) gives an identical model", () => {
    fc.assert(
      fc.property(specArb(NUMBERS, LONG_PREFIXES), (spec) => {
        const m = build(spec, false);
        expect(data(readLp(writeLp(m)).model)).toEqual(data(m));
      }),
      { numRuns: 300 },
    );
  });

  it("readMps(writeMps(model)) gives an identical model (free format), binaries outside [0, 1] read as integers", () => {
    fc.assert(
      fc.property(specArb(NUMBERS, LONG_PREFIXES), (spec) => {
        const m = build(spec, false);
        expect(data(readMps(writeMps(m)).model)).toEqual(mpsData(m));
        expect(data(readMps(writeMps(m), { format: "free" }).model)).toEqual(mpsData(m));
      }),
      { numRuns: 300 },
    );
  });

  it("readMps(writeMps(model, { format: 'fixed' })) gives an identical model or the writer refuses a number over 12 characters", () => {
    let written = 0;
    fc.assert(
      fc.property(specArb(SHORT_NUMBERS, SHORT_PREFIXES), (spec) => {
        const m = build(spec, true);
        let text: string;
        try {
          text = writeMps(m, { format: "fixed" });
        } catch (e) {
          expect(e).toBeInstanceOf(ModelError);
          expect((e as Error).message).toMatch(/more than the 12 of fixed MPS/);
          return;
        }
        written++;
        expect(data(readMps(text, { format: "fixed" }).model)).toEqual(mpsData(m));
        expect(data(readMps(text).model)).toEqual(mpsData(m));
      }),
      { numRuns: 300 },
    );
    expect(written).toBeGreaterThan(150);
  });
});

/** Boxed, moderately scaled random models that HiGHS can solve (HiGHS takes |x| >= 1e20 as infinite). */
function solvableArb(): fc.Arbitrary<Model> {
  const coef = fc.constantFrom(1, -1, 2, -3.25, 0.5, 0.1, 4);
  const term = fc.tuple(fc.nat(10), coef);
  return fc
    .record({
      vars: fc.array(fc.record({ type: fc.constantFrom<VarType>("continuous", "integer", "binary"), lb: fc.integer({ min: -5, max: 0 }), width: fc.integer({ min: 0, max: 8 }) }), { minLength: 1, maxLength: 6 }),
      rows: fc.array(fc.record({ terms: fc.array(term, { minLength: 1, maxLength: 4 }), kind: fc.constantFrom("<=", ">=", "=", "range"), a: fc.integer({ min: -6, max: 6 }), w: fc.integer({ min: 1, max: 5 }) }), { maxLength: 5 }),
      sense: fc.constantFrom<"min" | "max">("min", "max"),
      objective: fc.array(term, { maxLength: 5 }),
      constant: fc.constantFrom(0, 2.5, -7),
    })
    .map((s) => {
      const m = new Model("solvable");
      const vars = s.vars.map((v, i) =>
        v.type === "binary" ? m.addVar(`b${i}`, { type: "binary" }) : m.addVar(`x${i}`, { type: v.type, lb: v.lb, ub: v.lb + v.width }),
      );
      const terms = (list: ReadonlyArray<readonly [number, number]>) => list.map(([k, c]) => [vars[k % vars.length] as (typeof vars)[number], c] as const);
      s.rows.forEach((r, i) => {
        if (r.kind === "range") m.addRange(`r${i}`, terms(r.terms), r.a, r.a + r.w);
        else m.addConstraint(`r${i}`, terms(r.terms), r.kind as "<=" | ">=" | "=", r.a);
      });
      m.setObjective(s.sense, terms(s.objective), s.constant);
      return m;
    });
}

describe("HiGHS reads writeLp and writeMps as we mean them", () => {
  it("HiGHS's one-shot solve(writeLp(model)) and its MPS model API agree with each other and with checkSolution(model)", async () => {
    const highs = await loadHighs();
    const optimal = highs.constants.modelStatus.optimal;
    const infeasible = highs.constants.modelStatus.infeasible;
    let optimalCount = 0;
    fc.assert(
      fc.property(solvableArb(), (m) => {
        const lpSolution = highs.solve(writeLp(m), { output_flag: false, mip_rel_gap: 0 });
        const mpsModel = highs.createModel({ format: "mps", data: writeMps(m) });
        let mpsStatus: number;
        let mpsObjective: number;
        try {
          mpsModel.options.set({ output_flag: false, mip_rel_gap: 0 });
          mpsModel.run();
          mpsStatus = mpsModel.getModelStatus();
          mpsObjective = mpsModel.getObjectiveValue();
        } finally {
          mpsModel.dispose();
        }
        if (lpSolution.Status === "Optimal") {
          optimalCount++;
          expect(mpsStatus).toBe(optimal);
          // writeMps writes a maximisation as the minimisation of −f (no reader agrees on OBJSENSE).
          expect((m.objective.sense === "max" ? -1 : 1) * mpsObjective).toBeCloseTo(lpSolution.ObjectiveValue, 6);
          const values = m.variables.map((v) => lpSolution.Columns[v.name]?.Primal ?? NaN);
          const report = checkSolution(m, values, 1e-6);
          expect(report.violations).toEqual([]);
          expect(objectiveValue(m, values)).toBeCloseTo(lpSolution.ObjectiveValue, 6);
        } else {
          expect(lpSolution.Status).toBe("Infeasible");
          expect(mpsStatus).toBe(infeasible);
        }
      }),
      { numRuns: 40, seed: 20261122 },
    );
    expect(optimalCount).toBeGreaterThan(10);
  });

  it("HiGHS gives the same optimum, constant included, for hand-made models through LP and MPS text", async () => {
    const highs = await loadHighs();
    const m = new Model("hand");
    const x = m.addVar("x", { type: "integer", lb: -3, ub: 7 });
    const y = m.addVar("y", { lb: -Infinity, ub: 4.5 });
    const z = m.addVar("z", { type: "binary" });
    m.addRange("band", [[x, 1], [y, 1]], -0.1, 0.3);
    m.addConstraint("link", [[y, 1], [z, -10]], ">=", -20);
    m.setObjective("max", [[x, 2], [y, 1], [z, -0.5]], 100);
    const lp = highs.solve(writeLp(m), { output_flag: false });
    expect(lp.Status).toBe("Optimal");
    // Best: y = 0.3 - x with x as large as allowed: y >= -20 + 10 z; z = 0 gives y >= -20, x = 7, y = -6.7: 14 - 6.7 + 100 = 107.3.
    expect(lp.ObjectiveValue).toBeCloseTo(107.3, 9);
    const mps = highs.createModel({ format: "mps", data: writeMps(m) });
    try {
      mps.options.set("output_flag", false);
      mps.run();
      expect(mps.getObjectiveValue()).toBeCloseTo(-107.3, 9); // the file minimises −f of this maximisation
    } finally {
      mps.dispose();
    }
  });
});
