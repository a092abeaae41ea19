/**
 * The files geopipe writes, read by other solvers: every model below is
 * exported with writeLp and writeMps (free), solved by native CBC and glpsol
 * (Debian's coinor-cbc 2.10.8 and glpk-utils 5.0, installed by .ci/run), and
 * each must give the objective geopipe's HiGHS backend gives on the model
 * itself. Skipped when a binary is absent, except under CI (process.env.CI),
 * where a missing binary fails the test.
 *
 * Before objective constants became a fixed column, a bare "+ 18" in the LP
 * objective made glpsol refuse the file and CBC drop the constant, and glpsol
 * read the MPS objective-row RHS with the opposite sign (docs/solvers.md).
 */
import { afterAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { highs, shutdownHighs } from "../../src/lp/backends/highs.js";
import { readLp } from "../../src/lp/lpReader.js";
import { writeLp } from "../../src/lp/lpWriter.js";
import { writeMps } from "../../src/lp/mpsWriter.js";
import { exportModels } from "../../bench/solvers/exportModels.js";
import { available, solveNative, tempFile, type NativeSolver } from "../../bench/solvers/native.js";

afterAll(async () => {
  await shutdownHighs();
});

const SOLVERS: readonly NativeSolver[] = ["cbc", "glpsol"];
const inCi = process.env.CI !== undefined && process.env.CI !== "";

describe.each(SOLVERS)("native %s reads geopipe's LP and MPS files as geopipe does", (solver) => {
  const here = available(solver);
  it.skipIf(!here && !inCi)(`${solver} is installed${here ? "" : " (skipped: not on PATH; .ci/run installs it)"}`, () => {
    expect(here, `${solver} not found on PATH; CI must install it (.ci/run: apt-get install coinor-cbc glpk-utils)`).toBe(true);
  });

  it.skipIf(!here && !inCi)(`${solver} gives HiGHS's objective on the CBA ILPs (objective constants), mixed MILPs (ranges, negative bounds, free and integer variables) and an LP`, async () => {
    expect(here, `${solver} not found on PATH`).toBe(true);
    const models = await exportModels();
    expect(models[0]?.model.objective.constant).toBeGreaterThan(0);
    for (const { label, model } of models) {
      const ref = await highs.solve(model);
      expect(ref.termination, `${label}: ${ref.rawStatus}`).toBe("optimal");
      const want = ref.objective as number;
      for (const [ext, text] of [["lp", writeLp(model)], ["mps", writeMps(model)]] as const) {
        const got = solveNative(solver, tempFile(`${label}.${ext}`, text));
        // A maximisation's MPS file minimises −f (readers disagree on OBJSENSE): the native optimum is −want.
        const sign = ext === "mps" && model.objective.sense === "max" ? -1 : 1;
        expect(got.status, `${solver} on ${label}.${ext}`).toBe("optimal");
        expect(Math.abs(sign * (got.objective ?? NaN) - want), `${solver} on ${label}.${ext}: ${got.objective} vs HiGHS ${want}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(want)));
      }
    }
  });
});

describe("native CBC reads semi-continuous and semi-integer variables from geopipe's files", () => {
  const here = available("cbc");
  it.skipIf(!here && !inCi)("cbc gives the hand-proved optimum 10 of test/fixtures/lp/semi.lp from writeLp and writeMps", () => {
    expect(here, "cbc not found on PATH").toBe(true);
    const model = readLp(readFileSync(path.resolve(import.meta.dirname, "..", "fixtures", "lp", "semi.lp"), "utf8")).model;
    for (const [ext, text] of [["lp", writeLp(model)], ["mps", writeMps(model)]] as const) {
      const got = solveNative("cbc", tempFile(`semi.${ext}`, text));
      expect([got.status, got.objective]).toEqual(["optimal", 10]);
    }
  });
});
