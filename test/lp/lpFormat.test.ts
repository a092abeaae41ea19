import { readFileSync } from "node:fs";
import highsDefault, { type Highs } from "highs";
import { describe, expect, it } from "vitest";
import { Model, ModelError } from "../../src/lp/model.js";
import { writeLp } from "../../src/lp/lpWriter.js";
import { readLp } from "../../src/lp/lpReader.js";
import { ParseError } from "../../src/lp/parseError.js";
import { readMps } from "../../src/lp/mpsReader.js";
import { writeMps } from "../../src/lp/mpsWriter.js";

/** The package's CommonJS-flavoured types hide the loader behind `default` under NodeNext. */
const loadHighs = (() => {
  const d = highsDefault as unknown as { default?: unknown };
  return (typeof d === "function" ? d : d.default) as () => Promise<Highs>;
})();

function tiny(): Model {
  const m = new Model("tiny");
  const x = m.addVar("x", { type: "integer", ub: 10 });
  const y = m.addVar("y", { lb: -5, ub: 5 });
  m.addConstraint("c1", [[x, 1], [y, 2]], "<=", 8);
  m.addRange("c2", [[x, 1], [y, -1]], -2, 4);
  m.setObjective("max", [[x, 3], [y, 1]], 7);
  return m;
}

function mixed(): Model {
  const m = new Model("mixed");
  const a = m.addVar("a", { lb: -Infinity });
  const b = m.addVar("b", { type: "binary" });
  const c = m.addVar("c", { lb: -Infinity, ub: -1 });
  const d = m.addVar("d", { lb: 2.5, ub: 2.5 });
  m.addVar("e_unused", { type: "integer", lb: -3 });
  m.addConstraint("cap", [[c, -0.5], [a, 1e-7]], ">=", -1e21);
  m.addConstraint("bal", [[b, 1], [d, -1]], "=", 0);
  m.addConstraint("empty", [], "<=", 3);
  m.setObjective("min", [[b, -1], [d, 2]], -1.5);
  return m;
}

/** Plain data of a model, for exact comparison. */
function data(m: Model) {
  return { name: m.name, variables: m.variables, rows: m.rows, objective: m.objective };
}

/** One-row-per-line helper for inline LP texts. */
const lp = (...lines: string[]): string => `${lines.join("\n")}\n`;

describe("writeLp(model)", () => {
  it("writeLp(model) writes the exact golden text of a small MIP with a ranged row", () => {
    expect(writeLp(tiny())).toBe(
      lp(
        "\\ Problem name: tiny",
        "\\ geopipe:range c2 c2#rng",
        "\\ geopipe:constant objconst",
        "Maximize",
        " obj: 3 x + y + 7 objconst",
        "Subject To",
        " c1: x + 2 y <= 8",
        " c2: x - y - c2#rng = 0",
        "Bounds",
        " 0 <= x <= 10",
        " -5 <= y <= 5",
        " -2 <= c2#rng <= 4",
        " objconst = 1",
        "Generals",
        " x",
        "End",
      ),
    );
  });

  it("writeLp(model) writes free, -inf, fixed and unused variables, an empty row and keeps index order with zero objective terms", () => {
    expect(writeLp(mixed())).toBe(
      lp(
        "\\ Problem name: mixed",
        "\\ geopipe:constant objconst",
        "Minimize",
        " obj: 0 a - b + 0 c + 2 d - 1.5 objconst",
        "Subject To",
        " cap: 1e-7 a - 0.5 c >= -1e+21",
        " bal: b - d = 0",
        " empty: 0 a <= 3",
        "Bounds",
        " a free",
        " -inf <= c <= -1",
        " d = 2.5",
        " e_unused >= -3",
        " objconst = 1",
        "Generals",
        " e_unused",
        "Binaries",
        " b",
        "End",
      ),
    );
  });

  it("writeLp(model) moves constants to the right-hand side and never puts a number left of a comparison", () => {
    const text = writeLp(tiny());
    const rows = text.split("Subject To\n")[1]?.split("Bounds")[0] ?? "";
    for (const line of rows.split("\n").filter((l) => l !== "")) {
      expect(line).toMatch(/^ \w+: [^<>=]*[a-z#][^<>=]* (<=|>=|=) -?[0-9.e+]+$/);
    }
  });

  it("writeLp(model, { maxLineChars }) wraps long expressions without splitting a term", () => {
    const m = new Model("wide");
    const vars = Array.from({ length: 60 }, (_, i) => m.addVar(`variable_${i}`));
    m.addConstraint("sum", vars.map((v) => [v, 1.25] as const), "<=", 100);
    m.setObjective("min", vars.map((v) => [v, -0.5] as const));
    const text = writeLp(m, { maxLineChars: 80 });
    for (const line of text.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
    expect(text).toContain("+ 1.25 variable_1");
    expect(data(readLp(text).model)).toEqual(data(m));
    const long = writeLp(m);
    for (const line of long.split("\n")) expect(line.length).toBeLessThanOrEqual(255);
  });

  it("new Model().addVar(name) refuses LP keywords and inf/nan prefixes, so writeLp never meets them", () => {
    const m = new Model();
    for (const name of ["end", "free", "Bin", "inflow", "Inf2", "nancy"]) {
      expect(() => m.addVar(name), name).toThrow(ModelError);
    }
    const x = m.addVar("x");
    expect(() => m.addConstraint("free", [[x, 1]], "<=", 1)).toThrow(/row name "free"/);
    expect(m.addVar("_inflow").name).toBe("_inflow");
  });

  it("writeLp(model) names the objective obj_ when a row is called obj", () => {
    const m = new Model();
    const x = m.addVar("x");
    m.addConstraint("obj", [[x, 1]], "<=", 1);
    m.setObjective("min", [[x, 1]]);
    expect(writeLp(m)).toContain(" obj_: x\n");
    expect(data(readLp(writeLp(m)).model)).toEqual(data(m));
  });
});

describe("readLp(text)", () => {
  it("readLp(text) reads the golden texts back to identical models", () => {
    expect(data(readLp(writeLp(tiny())).model)).toEqual(data(tiny()));
    expect(data(readLp(writeLp(mixed())).model)).toEqual(data(mixed()));
  });

  it("readLp(text) accepts min/max spellings, an unnamed objective spread over lines and a constant", () => {
    const m = readLp(lp("maximise", "  3 x", "  + 2 y - 4", "  + z", "st", "c1: x + y + z <= 1", "end")).model;
    expect(m.objective.sense).toBe("max");
    expect(m.objective.terms).toEqual([
      { index: 0, coef: 3 },
      { index: 1, coef: 2 },
      { index: 2, coef: 1 },
    ]);
    expect(m.objective.constant).toBe(-4);
    expect(readLp(lp("MIN", "cost: x", "such that", "r: x >= 1", "END")).model.objective.sense).toBe("min");
    expect(readLp(lp("Minimum", " obj:", "s.t.", " r: x >= 1", "End")).model.objective.terms).toEqual([]);
  });

  it("readLp(text) reads every comparison spelling", () => {
    const m = readLp(lp("min", " obj: x", "subject to", " a: x =< 1", " b: x < 2", " c: x => 3", " d: x > 4", " e: x = 5", " f: x <= 6", " g: x >= 7", "end")).model;
    expect(m.rows.map((r) => [r.lb, r.ub])).toEqual([
      [-Infinity, 1],
      [-Infinity, 2],
      [3, Infinity],
      [4, Infinity],
      [5, 5],
      [-Infinity, 6],
      [7, Infinity],
    ]);
  });

  it("readLp(text) moves constants from either side to the right-hand side with the right sign", () => {
    const m = readLp(lp("min", " obj: x", "st", " a: x + 3 >= 1", " b: 2 <= x + y", " c: 5 - x >= 2 y - 1", " d: 2 x - 4 = 0", "end")).model;
    const [a, b, c, d] = m.rows;
    expect([a?.lb, a?.ub]).toEqual([-2, Infinity]);
    expect([b?.lb, b?.ub]).toEqual([-Infinity, -2]);
    expect(b?.terms).toEqual([
      { index: 0, coef: -1 },
      { index: 1, coef: -1 },
    ]);
    expect(c?.terms).toEqual([
      { index: 0, coef: -1 },
      { index: 1, coef: -2 },
    ]);
    expect([c?.lb, c?.ub]).toEqual([-6, Infinity]);
    expect([d?.lb, d?.ub, d?.terms]).toEqual([4, 4, [{ index: 0, coef: 2 }]]);
  });

  it("readLp(text) reads ranged rows written lb <= expr <= ub, ub >= expr >= lb, and over several lines", () => {
    const m = readLp(lp("min", " obj: x", "st", " r1: -2 <= x + y <= 4", " r2: 4 >= x - y >= -2", " r3: 1 <= x", "   + y", "   <= 3", "end")).model;
    expect(m.rows.map((r) => [r.name, r.lb, r.ub])).toEqual([
      ["r1", -2, 4],
      ["r2", -2, 4],
      ["r3", 1, 3],
    ]);
    expect(m.rows[2]?.terms.length).toBe(2);
  });

  it("readLp(text) reads multi-line rows and names unnamed rows R<k>", () => {
    const m = readLp(lp("min", " obj: x", "st", " x + y", " + z", " >= 1", " -x + y <= 2", " R2_: x <= 9", "end")).model;
    expect(m.rows.map((r) => r.name)).toEqual(["R1", "R2", "R2_"]);
    expect(m.rows[0]?.terms.length).toBe(3);
    expect(m.rows[1]?.terms).toEqual([
      { index: 0, coef: -1 },
      { index: 1, coef: 1 },
    ]);
  });

  it("readLp(text) reads every bound form and keeps default bounds [0, inf)", () => {
    const m = readLp(
      lp(
        "min", " obj: a + b + c + d + e + f + g + h + i", "st", " r: a + b + c + d + e + f + g + h + i >= 0",
        "bounds", " a free", " -inf <= b <= 3", " c >= -2", " d <= 5", " e = 1.5", " -1 <= f <= +inf",
        " 7 >= g", " h >= -infinity", "end",
      ),
    ).model;
    expect(m.variables.map((v) => [v.name, v.lb, v.ub])).toEqual([
      ["a", -Infinity, Infinity],
      ["b", -Infinity, 3],
      ["c", -2, Infinity],
      ["d", 0, 5],
      ["e", 1.5, 1.5],
      ["f", -1, Infinity],
      ["g", 0, 7],
      ["h", -Infinity, Infinity],
      ["i", 0, Infinity],
    ]);
  });

  it("readLp(text) reads General, Integers, Binary and Bin sections; a binary is [0, 1] integer unless bounded", () => {
    const m = readLp(lp("min", " obj: x + y + z + w", "st", " r: x + y + z + w >= 1", "bounds", " z = 1", " 0 <= w <= 4", "integers", " x", "bin", " y z", " w", "end")).model;
    expect(m.variables.map((v) => [v.name, v.type, v.lb, v.ub])).toEqual([
      ["x", "integer", 0, Infinity],
      ["y", "binary", 0, 1],
      ["z", "binary", 1, 1],
      ["w", "integer", 0, 4],
    ]);
    expect(readLp(lp("min", " obj: x", "st", " r: x >= 1", "general", " x", "binary", " q", "end")).model.variables.map((v) => v.type)).toEqual(["integer", "binary"]);
  });

  it("readLp(text) creates variables in order of first appearance and ignores comments and text after End", () => {
    const m = readLp(lp("\\ a comment", "min", " obj: b \\ trailing comment", "st", " r: c + a >= 1", "bounds", " d >= 1", "end", "garbage ::: <= here")).model;
    expect(m.variables.map((v) => v.name)).toEqual(["b", "c", "a", "d"]);
  });

  it("readLp(text) renames unsafe names and reports them", () => {
    const { model, renamed } = readLp(lp("min", " obj: x[1] + x(1) + x_1_", "st", " c[0]: x[1] >= 1", "end"));
    expect(model.variables.map((v) => v.name)).toEqual(["x_1__2", "x_1__3", "x_1_"]);
    expect([...renamed]).toEqual([
      ["x[1]", "x_1__2"],
      ["x(1)", "x_1__3"],
      ["c[0]", "c_0_"],
    ]);
    expect(model.rows[0]?.name).toBe("c_0_");
  });

  it("readLp(text) reads the hand-written fixture file", () => {
    const text = readFileSync(new URL("../fixtures/lp/hand.lp", import.meta.url), "utf8");
    const m = readLp(text).model;
    expect(m.name).toBe("hand");
    expect(m.objective).toEqual({ sense: "max", terms: [{ index: 0, coef: 2 }, { index: 1, coef: 3 }, { index: 2, coef: -1 }], constant: 10 });
    expect(m.rows.map((r) => [r.name, r.lb, r.ub])).toEqual([
      ["labour", -Infinity, 40],
      ["material", 5, 30],
      ["R3", 1, 1],
    ]);
    expect(m.variables.map((v) => [v.name, v.type, v.lb, v.ub])).toEqual([
      ["x", "integer", 0, 12],
      ["y", "continuous", -Infinity, Infinity],
      ["z", "binary", 0, 1],
    ]);
  });
});

describe("readLp(text) parse errors", () => {
  const cases: Array<[string, string, number, RegExp]> = [
    ["a non-number right-hand side", lp("min", " obj: x", "st", " c1: x >= 1", " c3: x <= : 2", "end"), 5, /expected a number after '<=' in row "c3", got ":"/],
    ["a row with no comparison", lp("min", " obj: x", "st", " c1: x + y", "bounds", "end"), 4, /row "c1" has no comparison operator/],
    ["a missing right-hand side", lp("min", " obj: x", "st", " c1: x + y <=", "end"), 4, /expected a number after '<=' in row "c1"/],
    ["a bad bound", lp("min", " obj: x", "st", " c1: x >= 1", "bounds", " x >= y", "end"), 6, /cannot read the bound "x >= y"/],
    ["no objective section", lp("st", " c1: x >= 1", "end"), 1, /expected Minimize or Maximize/],
    ["two terms without a sign", lp("min", " obj: x y", "st", " c1: x >= 1", "end"), 2, /expected '\+' or '-' before "y"/],
    ["a negative upper bound with the default lower bound", lp("min", " obj: x", "st", " c1: x >= -9", "bounds", " x <= -1", "end"), 6, /lower bound 0 above upper bound -1/],
    ["a duplicate row name", lp("min", " obj: x", "st", " c1: x >= 1", " c1: x <= 2", "end"), 5, /row "c1" is defined twice/],
    ["an SOS section", lp("min", " obj: x", "st", " c1: x >= 1", "sos", "end"), 5, /"sos" section \(special ordered sets\) is not supported by any backend/],
    ["a non-name in Generals", lp("min", " obj: x", "st", " c1: x >= 1", "generals", " x 3", "end"), 6, /expected a variable name/],
    ["a coefficient of 1e400", lp("min", " obj: 1e400 x", "st", " c1: x >= 1", "end"), 2, /the number 1e400 is too large for a double .*write a finite number, or inf\/infinity/],
    ["a right-hand side of 1e400", lp("min", " obj: x", "st", " c1: x <= 1e400", "end"), 4, /the number 1e400 is too large/],
    ["a '>= NaN' right-hand side", lp("min", " obj: x", "st", " c1: x >= NaN", "end"), 4, /"NaN" is not a number a model can hold .*write a finite number/],
    ["a NaN bound", lp("min", " obj: x", "st", " c1: x >= 1", "bounds", " x <= nan", "end"), 6, /"nan" is not a number/],
  ];
  for (const [what, text, line, message] of cases) {
    it(`readLp(text) reports ${what} on line ${line}`, () => {
      let error: unknown;
      try {
        readLp(text);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ParseError);
      const pe = error as ParseError;
      expect(pe.format).toBe("lp");
      expect(pe.line).toBe(line);
      expect(pe.message).toMatch(message);
      expect(pe.message.startsWith(`line ${line}: `)).toBe(true);
    });
  }
});

describe("HiGHS's LP reader (the behaviour writeLp is built around)", () => {
  it("HiGHS drops a constant on a row's left side, so writeLp never writes one there", async () => {
    const highs = await loadHighs();
    const text = lp("Minimize", " obj: x", "Subject To", " c1: x + 3 >= 1", "End");
    const s = highs.solve(text, { output_flag: false });
    expect(s.Status).toBe("Optimal");
    // Meant: x >= -2 so x = 0; HiGHS reads x >= 1.
    expect(s.ObjectiveValue).toBe(1);
    expect(readLp(text).model.rows[0]?.lb).toBe(-2);
  });

  it("HiGHS keeps a constant in the objective, so writeLp writes it there", async () => {
    const highs = await loadHighs();
    const s = highs.solve(lp("Maximize", " obj: - x + 3.5", "Subject To", " c1: x >= -4", "Bounds", " x free", "End"), { output_flag: false });
    expect(s.Status).toBe("Optimal");
    expect(s.ObjectiveValue).toBe(7.5);
  });

  it("HiGHS reads writeLp's ranged row (activity variable) with both sides", async () => {
    const highs = await loadHighs();
    const m = new Model();
    const x = m.addVar("x", { lb: -Infinity });
    m.addRange("r", [[x, 2]], 0.1, 0.3);
    m.setObjective("max", [[x, 1]]);
    const s = highs.solve(writeLp(m), { output_flag: false });
    expect(s.Status).toBe("Optimal");
    expect(s.ObjectiveValue).toBeCloseTo(0.15, 12);
    m.setObjective("min", [[x, 1]]);
    expect(highs.solve(writeLp(m), { output_flag: false }).ObjectiveValue).toBeCloseTo(0.05, 12);
  });

  it("HiGHS reads a variable named Inf2 as infinity and rejects one named inflow; readLp renames it", async () => {
    const highs = await loadHighs();
    const inf2 = highs.createModel({ format: "lp", data: lp("Minimize", " obj: 2 Inf2 + 3", "Subject To", " c1: 3 Inf2 >= 1", "End") });
    try {
      expect(inf2.getDimensions().numCols).toBe(0);
    } finally {
      inf2.dispose();
    }
    expect(() => highs.solve(lp("Minimize", " obj: inflow", "Subject To", " c1: inflow >= 1", "End"), { output_flag: false })).toThrow();
    const read = readLp(lp("Minimize", " obj: inflow", "Subject To", " c1: inflow >= 1", "End"));
    expect(read.model.variables[0]?.name).toBe("_inflow");
    expect(read.renamed.get("inflow")).toBe("_inflow");
  });

  it("HiGHS 1.15 rejects the 'lb <= expr <= ub' row form that readLp accepts", async () => {
    const highs = await loadHighs();
    const text = lp("Minimize", " obj: x", "Subject To", " c1: 2 <= x + y <= 4", "End");
    expect(() => highs.solve(text, { output_flag: false })).toThrow();
    expect(readLp(text).model.rows[0]).toMatchObject({ lb: 2, ub: 4 });
  });
});

describe("readLp(text) range columns ('-R' ranges)", () => {
  it("readLp(text) folds glpsol 5.0's range column '- ~r_1 = 2' with '0 <= ~r_1 <= 3' into the row [2, 5]", () => {
    // What `glpsol --freemps rng.mps --wlp out.lp` wrote for the row 2 <= x + y <= 5 (G row, RANGES 3).
    const text = lp("\\* Problem: rng *\\", "", "Minimize", " obj: + x + 2 y", "", "Subject To", " c1: + x + y - ~r_1 = 2", "",
      "Bounds", " 0 <= ~r_1 <= 3", " 0 <= x <= 10", " 0 <= y <= 10", "", "End");
    const m = readLp(text).model;
    expect(m.variables.map((v) => v.name)).toEqual(["x", "y"]);
    expect(m.rows.map((r) => [r.name, r.lb, r.ub, r.terms.length])).toEqual([["c1", 2, 5, 2]]);
  });

  it("readLp(text) folds CPLEX's 'RgC1' range column of row C1, with negative and one-sided bounds", () => {
    const text = lp("min", " obj: x", "st", " C1: x + y - RgC1 = 1", " C2: x - RgC1x = 0", "bounds", " -2 <= RgC1 <= 4", " RgC1x >= -1", "end");
    const m = readLp(text).model;
    expect(m.variables.map((v) => v.name)).toEqual(["x", "y", "RgC1x"]); // RgC1x is not C2's range name: stays a column
    expect(m.rows.map((r) => [r.name, r.lb, r.ub])).toEqual([["C1", -1, 5], ["C2", 0, 0]]);
  });

  it("readLp(text) keeps a conventionally named column that is not an exact range column (in the objective, or in two rows)", () => {
    const inObjective = readLp(lp("min", " obj: x + ~r_1", "st", " c1: x - ~r_1 = 2", "bounds", " 0 <= ~r_1 <= 3", "end")).model;
    expect(inObjective.variables.map((v) => v.name)).toEqual(["x", "_r_1"]);
    const twoRows = readLp(lp("min", " obj: x", "st", " c1: x - ~r_1 = 2", " c2: x + ~r_1 <= 9", "bounds", " 0 <= ~r_1 <= 3", "end")).model;
    expect(twoRows.rows.map((r) => [r.lb, r.ub])).toEqual([[2, 2], [-Infinity, 9]]);
  });
});

describe("writeLp(model) objective constants", () => {
  it("readLp(text) refuses a constant comment naming a column that is not fixed at 1", () => {
    const text = lp("\\ geopipe:constant k", "min", " obj: x + 5 k", "st", " c1: x >= 1", "bounds", " k <= 1", "end");
    expect(() => readLp(text)).toThrow(/line 1: the constant comment names variable "k", but it is not fixed at 1 in Bounds/);
  });

  it("readLp(writeLp(model)) keeps a negative constant and an objective with no terms", () => {
    for (const c of [-18, 2.5e-7]) {
      const m = new Model("k");
      const x = m.addVar("x");
      m.addConstraint("c1", [[x, 1]], ">=", 1);
      m.setObjective("max", [], c);
      expect(data(readLp(writeLp(m)).model)).toEqual(data(m));
      expect(data(readMps(writeMps(m)).model)).toEqual(data(m));
    }
  });
});
