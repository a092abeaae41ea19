/**
 * Reference instances from HiGHS's own test set (Netlib LPs and MIPLIB 3 MIPs,
 * stored unmodified in test/fixtures/miplib with their provenance): our MPS
 * reader, our LP writer's twin of each file, and the HiGHS backend together
 * must reproduce the published optimal objective.
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { highs, shutdownHighs } from "../../src/lp/backends/highs.js";
import { readLp } from "../../src/lp/lpReader.js";
import type { Model } from "../../src/lp/model.js";
import { readMps } from "../../src/lp/mpsReader.js";
import type { SolveResult } from "../../src/lp/result.js";
import { REFERENCE_INSTANCES, type ReferenceInstance } from "../fixtures/miplib/instances.js";

const FIXTURES = new URL("../fixtures/miplib/", import.meta.url);

/** Relative tolerance on the objective against the published optimum. */
const OBJECTIVE_REL_TOL = 1e-6;

function fixture(file: string): string {
  return readFileSync(new URL(file, FIXTURES), "utf8");
}

function size(model: Model): ReferenceInstance["size"] {
  let nonzeros = 0;
  for (const row of model.rows) nonzeros += row.terms.length;
  return {
    vars: model.variables.length,
    rows: model.rows.length,
    integers: model.variables.filter((v) => v.type !== "continuous").length,
    nonzeros,
  };
}

/** Everything that defines the model, in a form `toEqual` can compare. */
function structure(model: Model): unknown {
  return {
    variables: model.variables.map((v) => [v.name, v.type, v.lb, v.ub]),
    rows: model.rows.map((r) => [r.name, r.lb, r.ub, r.terms.map((t) => [t.index, t.coef])]),
    objective: [model.objective.sense, model.objective.constant, model.objective.terms.map((t) => [t.index, t.coef])],
  };
}

function expectPublishedOptimum(result: SolveResult, inst: ReferenceInstance): void {
  expect(result.termination).toBe("optimal");
  expect(result.primal).toBe("feasible_point");
  expect(result.check?.ok).toBe(true);
  expect(result.objective).not.toBeNull();
  const err = Math.abs((result.objective ?? NaN) - inst.optimum) / Math.max(1, Math.abs(inst.optimum));
  expect(err).toBeLessThanOrEqual(OBJECTIVE_REL_TOL);
  if (inst.kind === "mip") {
    // Proven optimal at mipRelGap 0: the dual bound closes the gap.
    expect(result.gap).not.toBeNull();
    expect(result.gap ?? 1).toBeLessThanOrEqual(1e-6);
  }
}

afterAll(async () => {
  await shutdownHighs();
});

describe("reference instances (Netlib LP, MIPLIB 3 MIP)", () => {
  it("REFERENCE_INSTANCES lists LPs and MIPs with distinct names", () => {
    const names = REFERENCE_INSTANCES.map((i) => i.name);
    expect(new Set(names).size).toBe(names.length);
    expect(REFERENCE_INSTANCES.some((i) => i.kind === "lp")).toBe(true);
    expect(REFERENCE_INSTANCES.some((i) => i.kind === "mip")).toBe(true);
  });

  for (const inst of REFERENCE_INSTANCES) {
    describe(inst.name, () => {
      it(`readMps(${inst.name}.mps) has the columns, rows, integers and nonzeros HiGHS reads`, () => {
        const { model } = readMps(fixture(`${inst.name}.mps`));
        expect(size(model)).toEqual(inst.size);
        expect(model.isMip).toBe(inst.kind === "mip");
      });

      it(`readLp(${inst.name}.lp) gives the same model as readMps(${inst.name}.mps)`, () => {
        const fromMps = readMps(fixture(`${inst.name}.mps`)).model;
        const fromLp = readLp(fixture(`${inst.name}.lp`)).model;
        expect(structure(fromLp)).toEqual(structure(fromMps));
      });

      it(
        `highs.solve(readMps(${inst.name}.mps), { mipRelGap: 0 }) reaches the published optimum ${inst.optimum}`,
        async () => {
          const { model } = readMps(fixture(`${inst.name}.mps`));
          expectPublishedOptimum(await highs.solve(model, { mipRelGap: 0 }), inst);
        },
      );

      it(
        `highs.solve(readLp(${inst.name}.lp), { mipRelGap: 0 }) reaches the published optimum ${inst.optimum}`,
        async () => {
          const { model } = readLp(fixture(`${inst.name}.lp`));
          expectPublishedOptimum(await highs.solve(model, { mipRelGap: 0 }), inst);
        },
      );
    });
  }
});
