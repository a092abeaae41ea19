/**
 * `geopipe convert` and `geopipe solve --write-lp/--write-mps`, run as a user
 * would (a child process from source); bad input exits 2 with one line.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { geopipe, ROOT } from "./runCli.js";
import { readLp } from "../../src/lp/lpReader.js";
import { readMps } from "../../src/lp/mpsReader.js";



const dir = (): string => mkdtempSync(path.join(tmpdir(), "geopipe-convert-"));

/** Exit 2, exactly one stderr line matching `message`, no stack trace. */
function expectUserError(r: ReturnType<typeof geopipe>, message: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe("geopipe convert IN OUT", () => {
  it("geopipe convert egout.mps OUT.lp then OUT.lp → OUT.mps keeps the model (same solve, published optimum 568.1007)", () => {
    const d = dir();
    const lpFile = path.join(d, "egout.lp");
    const mpsFile = path.join(d, "egout.mps");
    const first = geopipe("convert", "test/fixtures/miplib/egout.mps", lpFile);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^wrote .*egout\.lp: 141 variables \(55 integer\), 98 rows; 43 names that LP\/MPS text cannot hold were renamed/);
    expect(geopipe("convert", lpFile, mpsFile).code).toBe(0);
    const original = readMps(readFileSync(path.join(ROOT, "test/fixtures/miplib/egout.mps"), "utf8")).model;
    const back = readMps(readFileSync(mpsFile, "utf8")).model;
    expect(back.variables).toEqual(original.variables);
    expect(back.rows).toEqual(original.rows);
    const solved = JSON.parse(geopipe("solve", mpsFile, "--json").stdout);
    expect(solved.status).toBe("optimal");
    expect(Math.abs(solved.objective - 568.1007) / 568.1007).toBeLessThan(1e-6);
  });

  it("geopipe convert semi.lp OUT.mps keeps semi kinds and the constant; names LP cannot hold are renamed and reported", () => {
    const d = dir();
    const out = path.join(d, "semi.mps");
    const r = geopipe("convert", "test/fixtures/lp/semi.lp", out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/5 variables \(0 integer, 3 semi-continuous or semi-integer\), 3 rows/);
    expect(readMps(readFileSync(out, "utf8")).model.variables.map((v) => v.type)).toEqual(["semicontinuous", "continuous", "semiinteger", "semiinteger", "continuous"]);
    const odd = path.join(d, "odd.lp");
    writeFileSync(odd, "Minimize\n obj: x[1] + 3\nSubject To\n c1: x[1] >= 2\nEnd\n");
    const renamed = geopipe("convert", odd, path.join(d, "odd.mps"));
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(renamed.stdout).toMatch(/1 names that LP\/MPS text cannot hold were renamed \(e\.g\. "x\[1\]" → "x_1_"\)/);
    expect(readMps(readFileSync(path.join(d, "odd.mps"), "utf8")).model.objective.constant).toBe(3);
  });

  it("geopipe convert exits 2 with one line for an unknown output format, a missing file, 1e400 and >= NaN", () => {
    const d = dir();
    expectUserError(geopipe("convert", "test/fixtures/lp/semi.lp", path.join(d, "out.txt")), /out\.txt: unknown format; the output file name must end in \.lp or \.mps/);
    expectUserError(geopipe("convert", "no/such.lp", path.join(d, "x.mps")), /cannot read no\/such\.lp/);
    const big = path.join(d, "big.lp");
    writeFileSync(big, "Minimize\n obj: 1e400 x\nSubject To\n c1: x >= 1\nEnd\n");
    expectUserError(geopipe("convert", big, path.join(d, "big.mps")), /big\.lp:2: the number 1e400 is too large for a double .*write a finite number/);
    const nan = path.join(d, "nan.lp");
    writeFileSync(nan, "Minimize\n obj: x\nSubject To\n c1: x >= NaN\nEnd\n");
    expectUserError(geopipe("convert", nan, path.join(d, "nan.mps")), /nan\.lp:4: "NaN" is not a number a model can hold/);
  });
});

describe("geopipe solve … --write-lp F --write-mps F", () => {
  it("geopipe solve FILE --write-lp A.lp --write-mps B.mps writes the model as read, and both files solve to the same optimum", () => {
    const d = dir();
    const a = path.join(d, "a.lp");
    const b = path.join(d, "b.mps");
    const r = geopipe("solve", "test/fixtures/lp/semi.lp", "--json", "--write-lp", a, "--write-mps", b);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).objective).toBeCloseTo(10, 9);
    expect(readLp(readFileSync(a, "utf8")).model.variables).toEqual(readMps(readFileSync(b, "utf8")).model.variables);
    for (const file of [a, b]) expect(JSON.parse(geopipe("solve", file, "--json").stdout).objective).toBeCloseTo(10, 9);
  });

  it("geopipe solve exits 2 with one line for 1e400, >= NaN, and a semi model on glpk or jslp", () => {
    const d = dir();
    const big = path.join(d, "big.lp");
    writeFileSync(big, "Minimize\n obj: x\nSubject To\n c1: 1e400 x >= 1\nEnd\n");
    expectUserError(geopipe("solve", big), /big\.lp:4: the number 1e400 is too large/);
    const nan = path.join(d, "nan.mps");
    writeFileSync(nan, "NAME t\nROWS\n N obj\n G c1\nCOLUMNS\n x obj 1 c1 1\nRHS\n RHS c1 NaN\nENDATA\n");
    expectUserError(geopipe("solve", nan), /nan\.mps:8: expected a number for RHS of row "c1", got "NaN"/);
    for (const backend of ["glpk", "jslp"]) {
      expectUserError(geopipe("solve", "test/fixtures/lp/semi.lp", "--backend", backend), new RegExp(`semi\\.lp: ${backend} cannot solve semicontinuous variable "x" \\(and 2 more\\); use the highs backend`));
    }
    expectUserError(geopipe("solve", "test/fixtures/lp/semi.lp", "--write-lp", path.join(d, "nope", "x.lp")), /--write-lp: cannot write .*x\.lp: ENOENT/);
  });
});
