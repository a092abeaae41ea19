import { readFileSync } from "node:fs";
import highsDefault, { type Highs } from "highs";
import { describe, expect, it } from "vitest";
import { Model, ModelError } from "../../src/lp/model.js";
import { writeMps } from "../../src/lp/mpsWriter.js";
import { readMps } from "../../src/lp/mpsReader.js";
import { ParseError } from "../../src/lp/parseError.js";

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

function data(m: Model) {
  return { name: m.name, variables: m.variables, rows: m.rows, objective: m.objective };
}

const text = (...lines: string[]): string => `${lines.join("\n")}\n`;

/** A free MPS file around the given ROWS/COLUMNS/RHS/... body lines. */
const mps = (...body: string[]): string => text("NAME t", ...body, "ENDATA");

describe("writeMps(model, options)", () => {
  it("writeMps(model) writes the exact golden free MPS of a maximising MIP with a range and a constant", () => {
    expect(writeMps(tiny())).toBe(
      text(
        "NAME          tiny",
        "* geopipe:constant objconst",
        "* geopipe:maximize",
        "* This model maximises f; the file minimises -f (MPS readers disagree on OBJSENSE).",
        "ROWS",
        " N  obj",
        " L  c1",
        " G  c2",
        "COLUMNS",
        "    MARKER    'MARKER'                 'INTORG'",
        "    x         obj       -3",
        "    x         c1        1",
        "    x         c2        1",
        "    MARKER    'MARKER'                 'INTEND'",
        "    y         obj       -1",
        "    y         c1        2",
        "    y         c2        -1",
        "    objconst  obj       -7",
        "RHS",
        "    RHS       c1        8",
        "    RHS       c2        -2",
        "RANGES",
        "    RNG       c2        6",
        "BOUNDS",
        " UP BND       x         10",
        " LO BND       x         0",
        " UP BND       y         5",
        " LO BND       y         -5",
        " FX BND       objconst  1",
        "ENDATA",
      ),
    );
  });

  it("writeMps(model, { format: 'fixed' }) puts every field in its columns and bounds every integer column", () => {
    const out = writeMps(mixed(), { format: "fixed" });
    expect(out).toBe(
      text(
        "NAME          mixed",
        "* geopipe:constant objconst",
        "ROWS",
        " N  obj",
        " G  cap",
        " E  bal",
        " L  empty",
        "COLUMNS",
        "    a         cap       1e-7",
        "    MARKER    'MARKER'                 'INTORG'",
        "    b         obj       -1",
        "    b         bal       1",
        "    MARKER    'MARKER'                 'INTEND'",
        "    c         cap       -0.5",
        "    d         obj       2",
        "    d         bal       -1",
        "    MARKER    'MARKER'                 'INTORG'",
        "    e_unused  obj       0",
        "    MARKER    'MARKER'                 'INTEND'",
        "    objconst  obj       -1.5",
        "RHS",
        "    RHS       cap       -1e+21",
        "    RHS       empty     3",
        "BOUNDS",
        " FR BND       a",
        " BV BND       b",
        " UP BND       c         -1",
        " MI BND       c",
        " FX BND       d         2.5",
        " PL BND       e_unused",
        " LO BND       e_unused  -3",
        " FX BND       objconst  1",
        "ENDATA",
      ),
    );
    const line = out.split("\n").find((l) => l.startsWith(" LO BND       e_unused")) ?? "";
    expect(line.slice(1, 3)).toBe("LO");
    expect(line.slice(4, 12).trim()).toBe("BND");
    expect(line.slice(14, 22).trim()).toBe("e_unused");
    expect(line.slice(24, 36).trim()).toBe("-3");
  });

  it("writeMps(model, { format: 'fixed' }) refuses names over 8 characters and numbers over 12", () => {
    const m = new Model();
    m.addVar("long_name_x");
    expect(() => writeMps(m, { format: "fixed" })).toThrow(ModelError);
    expect(() => writeMps(m, { format: "fixed" })).toThrow(/longer than the 8 characters of fixed MPS; use format "free"/);
    expect(writeMps(m)).toContain("long_name_x");
    const n = new Model();
    const x = n.addVar("x");
    n.setObjective("min", [[x, 0.30000000000000004]]);
    expect(() => writeMps(n, { format: "fixed" })).toThrow(/more than the 12 of fixed MPS/);
  });

  it("writeMps(model) writes a range whose sides cannot both come from rhs ± R exactly with a comment readMps honours", () => {
    const m = new Model();
    const x = m.addVar("x", { lb: -Infinity });
    m.addRange("r", [[x, 1]], -0.1, 0.3);
    const out = writeMps(m);
    expect(out).toContain("* geopipe:range r -0.1 0.3\n");
    expect(readMps(out).model.rows[0]).toMatchObject({ lb: -0.1, ub: 0.3 });
    const plain = new Model();
    const y = plain.addVar("y");
    plain.addRange("r", [[y, 1]], 0.1, 0.3);
    expect(writeMps(plain)).not.toContain("geopipe:range");
    expect(readMps(writeMps(plain)).model.rows[0]).toMatchObject({ lb: 0.1, ub: 0.3 });
  });

  it("writeMps(model) writes a binary fixed at 1 as an integer column with explicit bounds", () => {
    const m = new Model();
    m.addVar("b", { type: "binary", lb: 1 });
    const out = writeMps(m);
    expect(out).toContain(" FX BND       b         1\n");
    expect(out).not.toContain("BV");
    expect(readMps(out).model.variables[0]).toMatchObject({ type: "integer", lb: 1, ub: 1 });
  });
});

describe("readMps(text, options)", () => {
  it("readMps(text) reads the golden texts back to identical models", () => {
    expect(data(readMps(writeMps(tiny())).model)).toEqual(data(tiny()));
    expect(data(readMps(writeMps(mixed())).model)).toEqual(data(mixed()));
    expect(data(readMps(writeMps(mixed(), { format: "fixed" }), { format: "fixed" }).model)).toEqual(data(mixed()));
  });

  it("readMps(text) auto-detects fixed MPS with spaces in names and renames them", () => {
    const source = readFileSync(new URL("../fixtures/lp/fixed-spaces.mps", import.meta.url), "utf8");
    const { model, renamed } = readMps(source);
    expect(model.name).toBe("FIXTEST");
    expect(model.variables.map((v) => [v.name, v.type, v.lb, v.ub])).toEqual([
      ["X_ONE", "integer", 0, 4],
      ["Y_TWO", "continuous", -Infinity, 10],
    ]);
    expect(model.rows.map((r) => [r.name, r.lb, r.ub])).toEqual([
      ["LIM_1", 1.5, 4],
      ["LIM_2", 1, Infinity],
      ["MY_EQ", -2, -2],
    ]);
    expect(model.objective).toEqual({ sense: "max", terms: [{ index: 0, coef: 1 }, { index: 1, coef: 2 }], constant: 4.5 });
    expect(renamed.get("X ONE")).toBe("X_ONE");
    expect(renamed.get("MY EQ")).toBe("MY_EQ");
    expect(data(readMps(source, { format: "fixed" }).model)).toEqual(data(model));
    expect(() => readMps(source, { format: "free" })).toThrow(ParseError);
  });

  it("readMps(text) reads OBJSENSE on one line and as a two-line section", () => {
    const body = ["ROWS", " N obj", " G c", "COLUMNS", " x obj 1 c 1", "RHS"];
    expect(readMps(mps("OBJSENSE MAX", ...body)).model.objective.sense).toBe("max");
    expect(readMps(mps("OBJSENSE", "    MAXIMIZE", ...body)).model.objective.sense).toBe("max");
    expect(readMps(mps("OBJSENSE", "    MIN", ...body)).model.objective.sense).toBe("min");
    expect(readMps(mps(...body)).model.objective.sense).toBe("min");
  });

  it("readMps(text) applies the four RANGES rules of the MPS standard", () => {
    const m = readMps(
      mps(
        "ROWS", " N obj", " L l", " G g", " E ep", " E en", " L ln",
        "COLUMNS", " x l 1 g 1", " x ep 1 en 1", " x ln 1",
        "RHS", " RHS l 10 g 10", " RHS ep 10 en 10", " RHS ln 10",
        "RANGES", " RNG l 4 g 4", " RNG ep 4 en -4", " RNG ln -4",
      ),
    ).model;
    expect(m.rows.map((r) => [r.name, r.lb, r.ub])).toEqual([
      ["l", 6, 10],
      ["g", 10, 14],
      ["ep", 10, 14],
      ["en", 6, 10],
      ["ln", 6, 10],
    ]);
  });

  it("readMps(text) reads every bound type", () => {
    const cols = ["a", "b", "c", "d", "e", "f", "g", "h", "i"].map((v) => ` ${v} obj 1`);
    const m = readMps(
      mps(
        "ROWS", " N obj", "COLUMNS", ...cols, "RHS", "BOUNDS",
        " UP BND a 4", " LO BND b -2", " FX BND c 2.5", " FR BND d", " MI BND e", " UP BND e -1",
        " LO BND f 3", " PL BND f", " BV BND g", " LI BND h -3", " UI BND i 7",
      ),
    ).model;
    expect(m.variables.map((v) => [v.name, v.type, v.lb, v.ub])).toEqual([
      ["a", "continuous", 0, 4],
      ["b", "continuous", -2, Infinity],
      ["c", "continuous", 2.5, 2.5],
      ["d", "continuous", -Infinity, Infinity],
      ["e", "continuous", -Infinity, -1],
      ["f", "continuous", 3, Infinity],
      ["g", "binary", 0, 1],
      ["h", "integer", -3, Infinity],
      ["i", "integer", 0, 7],
    ]);
  });

  it("readMps(text) gives a marked integer column with no bounds [0, 1], as HiGHS does, and honours explicit ones", () => {
    const m = readMps(
      mps(
        "ROWS", " N obj", "COLUMNS", " M1 'MARKER' 'INTORG'", " x obj 1", " y obj 1", " z obj 1", " M2 'MARKER' 'INTEND'", " w obj 1",
        "RHS", "BOUNDS", " PL BND y", " LO BND z 2",
      ),
    ).model;
    expect(m.variables.map((v) => [v.name, v.type, v.lb, v.ub])).toEqual([
      ["x", "integer", 0, 1],
      ["y", "integer", 0, Infinity],
      ["z", "integer", 2, Infinity],
      ["w", "continuous", 0, Infinity],
    ]);
  });

  it("readMps(text) reads RHS on the objective row as the negated constant and accepts an empty RHS set name", () => {
    const body = ["ROWS", " N obj", " G c", "COLUMNS", " x obj 1 c 1", "RHS"];
    expect(readMps(mps(...body, " RHS obj 5 c 2")).model.objective.constant).toBe(-5);
    expect(readMps(mps(...body, " RHS obj -5")).model.objective.constant).toBe(5);
    const m = readMps(mps(...body, "    c 3    obj -2.5")).model;
    expect(m.rows[0]).toMatchObject({ lb: 3, ub: Infinity });
    expect(m.objective.constant).toBe(2.5);
  });

  it("readMps(text) skips comment lines, drops extra N rows and uses the first RHS set only", () => {
    const m = readMps(
      text(
        "* comment before NAME", "NAME  withcomments", "ROWS", "* a comment in ROWS", " N obj", " N other", " L c",
        "COLUMNS", " x obj 1 other 9", " x c 1", "RHS", " R1 c 4", " R2 c 99", "ENDATA",
      ),
    ).model;
    expect(m.name).toBe("withcomments");
    expect(m.rows.map((r) => [r.name, r.ub])).toEqual([["c", 4]]);
    expect(m.objective.terms).toEqual([{ index: 0, coef: 1 }]);
  });
});

describe("readMps(text) parse errors", () => {
  const cases: Array<[string, string, number, RegExp]> = [
    ["a column entry in an unknown row", mps("ROWS", " N obj", "COLUMNS", " x obj 1 nope 2", "RHS"), 5, /column "x" names row "nope", which ROWS does not define/],
    ["a value that is not a number", mps("ROWS", " N obj", " L c", "COLUMNS", " x c abc", "RHS"), 6, /expected a number for column "x" in row "c", got "abc"/],
    ["an unknown bound type", mps("ROWS", " N obj", "COLUMNS", " x obj 1", "RHS", "BOUNDS", " XX BND x 1"), 8, /bound type must be/],
    ["a bound on an unknown column", mps("ROWS", " N obj", "COLUMNS", " x obj 1", "RHS", "BOUNDS", " UP BND y 1"), 8, /column "y", which COLUMNS does not define/],
    ["a negative UP on a column with lower bound 0", mps("ROWS", " N obj", "COLUMNS", " x obj 1", "RHS", "BOUNDS", " UP BND x -3"), 8, /lower bound 0 above upper bound -3 .*MI BND x/],
    ["a bad OBJSENSE", mps("OBJSENSE", "    UP", "ROWS", " N obj", "COLUMNS", " x obj 1", "RHS"), 3, /OBJSENSE must be MAX or MIN/],
    ["an unknown section", mps("ROWS", " N obj", "COLUMS", " x obj 1"), 4, /unknown section "COLUMS"/],
    ["a bad row type", mps("ROWS", " N obj", " Q c", "COLUMNS"), 4, /row type must be N, L, G or E, got "Q"/],
  ];
  for (const [what, source, line, message] of cases) {
    it(`readMps(text) reports ${what} on line ${line}`, () => {
      let error: unknown;
      try {
        readMps(source, { format: "free" });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ParseError);
      expect((error as ParseError).format).toBe("mps");
      expect((error as ParseError).line).toBe(line);
      expect((error as ParseError).message).toMatch(message);
      expect((error as ParseError).message.startsWith(`line ${line}: `)).toBe(true);
    });
  }

  it("readMps(text) reports a file that ends before ENDATA on its last line", () => {
    expect(() => readMps("NAME t\nROWS\n N obj\nCOLUMNS\n x obj 1\n")).toThrow(/ends before ENDATA/);
  });
});

describe("HiGHS's MPS reader (the conventions writeMps relies on)", () => {
  /** Reads `source` with HiGHS's model API and returns what HiGHS made of it. */
  async function highsView(source: string) {
    const highs = await loadHighs();
    const model = highs.createModel({ format: "mps", data: source });
    try {
      const lp = model.getLp("csr");
      model.run();
      return {
        offset: model.getObjectiveOffset(),
        lower: Array.from(lp.colLower),
        upper: Array.from(lp.colUpper),
        status: model.getModelStatus(),
        objective: model.getObjectiveValue(),
        optimal: highs.constants.modelStatus.optimal,
      };
    } finally {
      model.dispose();
    }
  }

  it("HiGHS reads RHS v on the objective row as the constant -v, as readMps does", async () => {
    const source = mps("ROWS", " N obj", " G c", "COLUMNS", " x obj 1 c 1", "RHS", " RHS obj 5 c 1");
    const view = await highsView(source);
    expect(view.offset).toBe(-5);
    expect(view.objective).toBe(-4);
    expect(readMps(source).model.objective.constant).toBe(-5);
  });

  it("HiGHS gives a marked integer column with no bounds [0, 1], as readMps does", async () => {
    const source = mps("ROWS", " N obj", "COLUMNS", " M 'MARKER' 'INTORG'", " x obj -1", " M 'MARKER' 'INTEND'", "RHS");
    const view = await highsView(source);
    expect([view.lower[0], view.upper[0]]).toEqual([0, 1]);
    expect(readMps(source).model.variables[0]).toMatchObject({ lb: 0, ub: 1 });
  });

  it("HiGHS keeps lower bound 0 under a negative UP (readMps reports it as an error)", async () => {
    const source = mps("ROWS", " N obj", " G c", "COLUMNS", " x obj 1 c 1", "RHS", " RHS c -10", "BOUNDS", " UP BND x -3");
    const view = await highsView(source);
    expect([view.lower[0], view.upper[0]]).toEqual([0, -3]);
    expect(() => readMps(source)).toThrow(ParseError);
  });

  it("HiGHS solves writeMps(tiny), a maximisation written as min −f, to minus the optimum, constant included", async () => {
    const view = await highsView(writeMps(tiny()));
    expect(view.status).toBe(view.optimal);
    // max 3x + y + 7 s.t. x + 2y <= 8, -2 <= x - y <= 4, x int <= 10, -5 <= y <= 5:
    // x = 6 needs y >= 2 and y <= 1; x = 5, y = 1.5 gives 23.5. The file minimises −(3x + y + 7).
    expect(view.objective).toBeCloseTo(-23.5, 9);
  });

  it("readMps refuses a file with both OBJSENSE and the maximize comment, naming the OBJSENSE line", () => {
    const text = writeMps(tiny()).replace("ROWS\n", "OBJSENSE MAX\nROWS\n");
    expect(() => readMps(text)).toThrow(/line 5: OBJSENSE and the "\* geopipe:maximize" comment both set the sense; keep one/);
  });
});

describe("readMps(text) numbers out of range", () => {
  it("readMps(text) reports a coefficient or bound of 1e400 on its line, and NaN as not a number", () => {
    const file = (coef: string, bound: string) => mps("ROWS", " N obj", " G c", "COLUMNS", ` x obj ${coef} c 1`, "RHS", " RHS c 1", "BOUNDS", ` UP BND x ${bound}`);
    expect(() => readMps(file("1e400", "3"))).toThrow(/line 6: the number 1e400 for column "x" in row "obj" is too large for a double/);
    expect(() => readMps(file("1", "1e400"))).toThrow(/line 10: the number 1e400 for the UP bound of "x" is too large/);
    expect(() => readMps(file("NaN", "3"))).toThrow(/line 6: expected a number for column "x" in row "obj", got "NaN"/);
  });
});
