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
import type { ClusterView } from "../../src/cba/assignment.js";
import { solveCbaIlp } from "../../src/cba/ilp.js";
import { nsfnet } from "../../src/cba/nsfnet.js";
import { generateRequests } from "../../src/cba/request.js";
import { SpectrumState } from "../../src/cba/spectrum.js";
import { highs, shutdownHighs } from "../../src/lp/backends/highs.js";
import { writeLp } from "../../src/lp/lpWriter.js";
import { Model } from "../../src/lp/model.js";
import { writeMps } from "../../src/lp/mpsWriter.js";
import type { Backend } from "../../src/lp/result.js";
import { mulberry32 } from "../../src/util/rng.js";
import { readLp } from "../../src/lp/lpReader.js";
import { readFileSync } from "node:fs";
import path from "node:path";
import { available, solveNative, tempFile, type NativeSolver } from "./nativeSolvers.js";

afterAll(async () => {
  await shutdownHighs();
});

/** The two CBA ILPs (communication-aware and oblivious) of the first request on a fragmented NSFNET snapshot, as test/cba/ilp.test.ts builds them; objective constant = Σ stage compute ms. */
async function cbaIlps(): Promise<Model[]> {
  const net = nsfnet({ datacenters: [{ id: "dc2", node: "2", gpus: 8 }, { id: "dc8", node: "8", gpus: 8 }, { id: "dc13", node: "13", gpus: 8 }] });
  const rng = mulberry32(1);
  const spectrum = new SpectrumState(net.fibres.length, net.slotsPerFibre);
  for (let i = 0; i < 160; i++) {
    const f = Math.floor(rng() * net.fibres.length);
    const s = Math.floor(rng() * 78);
    const n = 1 + Math.floor(rng() * 6);
    for (let q = s; q < Math.min(s + n, 80); q++) if (spectrum.isFree(f, q)) spectrum.allocate([f], q, 1);
  }
  const view: ClusterView = { network: net, spectrum, freeGpus: new Map(net.datacenters.map((d) => [d.id, d.gpus])) };
  const [request] = generateRequests(net.nodes, mulberry32(101), { count: 1, stageChoices: [3], gpusPerStageChoices: [8] });
  const models: Model[] = [];
  const capture: Backend = { ...highs, solve: (m, o) => (models.push(m), highs.solve(m, o)) };
  for (const communication of ["aware", "oblivious"] as const) await solveCbaIlp(view, request!, capture, { communication });
  return models;
}

/** max 3a − 2b + c + 2.5d − 7: a free, b ∈ [−4, −1], c integer ∈ [−3, 5], d ∈ [0, 2] binary-ish integer; a range row, an equality, a ≥ row. */
function mixedModel(sense: "min" | "max"): Model {
  const m = new Model(`mixed_${sense}`);
  const a = m.addVar("a", { lb: -Infinity });
  const b = m.addVar("b", { lb: -4, ub: -1 });
  const c = m.addVar("c", { type: "integer", lb: -3, ub: 5 });
  const d = m.addVar("d", { type: "integer", ub: 2 });
  m.addRange("band", [[a, 1], [b, 1], [c, 0.5]], -2.5, 6);
  m.addConstraint("tie", [[a, 1], [d, -1], [c, 1]], "=", 1.5);
  m.addConstraint("floor", [[b, -1], [d, 1]], ">=", 1);
  m.setObjective(sense, [[a, 3], [b, -2], [c, 1], [d, 2.5]], sense === "max" ? -7 : 18);
  return m;
}

/** A pure LP with a negative constant and a free variable. */
function lpModel(): Model {
  const m = new Model("lp");
  const x = m.addVar("x", { ub: 3 });
  const y = m.addVar("y", { lb: -Infinity });
  m.addConstraint("c1", [[x, 1], [y, 1]], ">=", 4);
  m.addRange("c2", [[y, 1]], -10, 2.5);
  m.setObjective("min", [[x, 2], [y, 3]], -12.25);
  return m;
}

const SOLVERS: readonly NativeSolver[] = ["cbc", "glpsol"];
const inCi = process.env.CI !== undefined && process.env.CI !== "";

describe.each(SOLVERS)("native %s reads geopipe's LP and MPS files as geopipe does", (solver) => {
  const here = available(solver);
  it.skipIf(!here && !inCi)(`${solver} is installed${here ? "" : " (skipped: not on PATH; .ci/run installs it)"}`, () => {
    expect(here, `${solver} not found on PATH; CI must install it (.ci/run: apt-get install coinor-cbc glpk-utils)`).toBe(true);
  });

  it.skipIf(!here && !inCi)(`${solver} gives HiGHS's objective on the CBA ILPs (objective constants), mixed MILPs (ranges, negative bounds, free and integer variables) and an LP`, async () => {
    expect(here, `${solver} not found on PATH`).toBe(true);
    const models = [...(await cbaIlps()), mixedModel("min"), mixedModel("max"), lpModel()];
    expect(models[0]?.objective.constant).toBeGreaterThan(0);
    for (const model of models) {
      const ref = await highs.solve(model);
      expect(ref.termination, `${model.name}: ${ref.rawStatus}`).toBe("optimal");
      const want = ref.objective as number;
      for (const [ext, text] of [["lp", writeLp(model)], ["mps", writeMps(model)]] as const) {
        const got = solveNative(solver, tempFile(`${model.name}.${ext}`, text));
        // A maximisation's MPS file minimises −f (readers disagree on OBJSENSE): the native optimum is −want.
        const sign = ext === "mps" && model.objective.sense === "max" ? -1 : 1;
        expect(got.status, `${solver} on ${model.name}.${ext}`).toBe("optimal");
        expect(Math.abs(sign * (got.objective ?? NaN) - want), `${solver} on ${model.name}.${ext}: ${got.objective} vs HiGHS ${want}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(want)));
      }
    }
  }, 300_000);
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
