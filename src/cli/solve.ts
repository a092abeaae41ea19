/** `geopipe solve FILE.lp|FILE.mps`: read a model file, solve it, report status, objective, bound and gap. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Model } from "../lp/model.js";
import { UnsupportedModelError } from "../lp/unsupported.js";
import { readModelFile, writeModelFile } from "./modelFile.js";
import { getBackend, BACKEND_NAMES } from "../lp/backends/index.js";
import type { BackendName, SolveResult } from "../lp/result.js";
import { UserError, REJECTED_POINT_EXIT } from "./errors.js";

/** Options of the `solve` command as parsed by commander. */
export interface SolveCommandOptions {
  readonly backend: string;
  readonly timeLimit?: string;
  readonly gap?: string;
  readonly presolve: boolean;
  readonly json?: boolean;
  readonly solution?: string;
  /** Write the model as read to this LP file before solving. */
  readonly writeLp?: string;
  /** Write the model as read to this MPS file before solving. */
  readonly writeMps?: string;
}

function parsePositive(flag: string, raw: string | undefined, allowZero: boolean): number | undefined {
  if (raw === undefined) return undefined;
  const x = Number(raw);
  if (!Number.isFinite(x) || x < 0 || (!allowZero && x === 0)) {
    throw new UserError(`${flag}: expected a ${allowZero ? "non-negative" : "positive"} number, got "${raw}"`);
  }
  return x;
}

/** Solves the file and prints the outcome; returns the process exit code. */
export async function solveCommand(file: string, opts: SolveCommandOptions): Promise<number> {
  if (!(BACKEND_NAMES as readonly string[]).includes(opts.backend)) {
    throw new UserError(`--backend: unknown backend "${opts.backend}"; valid: ${BACKEND_NAMES.join(", ")}`);
  }
  const timeLimitSec = parsePositive("--time-limit", opts.timeLimit, false);
  const mipRelGap = parsePositive("--gap", opts.gap, true);
  const { model, originalName } = readModelFile(file);
  if (opts.writeLp !== undefined) writeModelFile(opts.writeLp, model, "--write-lp", "lp");
  if (opts.writeMps !== undefined) writeModelFile(opts.writeMps, model, "--write-mps", "mps");
  const backend = getBackend(opts.backend as BackendName);
  let result: SolveResult;
  try {
    result = await backend.solve(model, {
      ...(timeLimitSec !== undefined ? { timeLimitSec } : {}),
      ...(mipRelGap !== undefined ? { mipRelGap } : {}),
      presolve: opts.presolve,
    });
  } catch (e) {
    if (e instanceof UnsupportedModelError) throw new UserError(`${file}: ${e.message}`);
    throw e;
  }
  if (opts.solution !== undefined && result.values !== null) {
    writeSolution(opts.solution, model, result, originalName);
  }
  if (opts.json) {
    process.stdout.write(JSON.stringify(summary(file, model, result)) + "\n");
  } else {
    process.stdout.write(humanReport(file, model, result));
  }
  return result.primal === "infeasible_point" ? REJECTED_POINT_EXIT : 0;
}

/** The `--json` object: one line, stable keys. */
export function summary(file: string, model: Model, r: SolveResult): Record<string, unknown> {
  return {
    file: path.basename(file),
    status: r.termination,
    primalStatus: r.primal,
    objective: r.objective,
    bound: r.bound,
    gap: r.gap,
    timeMs: Math.round(r.timeMs * 1000) / 1000,
    backend: r.backend,
    variables: model.variables.length,
    rows: model.rows.length,
    integers: model.variables.filter((v) => v.type !== "continuous").length,
    checkOk: r.check?.ok ?? null,
    maxViolation: r.check?.maxViolation ?? null,
    violations: r.check?.violations.slice(0, 10).map((v) => v.message) ?? [],
    rawStatus: r.rawStatus,
    presolveRetried: r.presolveRetried,
  };
}

function humanReport(file: string, model: Model, r: SolveResult): string {
  const lines = [
    `model      ${path.basename(file)}: ${model.variables.length} variables (${model.variables.filter((v) => v.type !== "continuous").length} integer), ${model.rows.length} rows`,
    `backend    ${r.backend}`,
    `status     ${r.termination} (solution: ${r.primal}; solver said "${r.rawStatus}")`,
    `objective  ${r.objective ?? "-"}`,
    `bound      ${r.bound ?? "-"}`,
    `gap        ${r.gap === null ? "-" : `${(r.gap * 100).toPrecision(3)} %`}`,
    `time       ${r.timeMs.toFixed(1)} ms`,
  ];
  if (r.check && !r.check.ok) {
    lines.push(`REJECTED   the returned point fails the model check (${r.check.violations.length} violations):`);
    for (const v of r.check.violations.slice(0, 10)) lines.push(`  ${v.message}`);
  }
  return lines.join("\n") + "\n";
}

function writeSolution(out: string, model: Model, r: SolveResult, originalName: (s: string) => string): void {
  const values = r.values;
  if (values === null) return;
  const body = {
    status: r.termination,
    primalStatus: r.primal,
    objective: r.objective,
    values: Object.fromEntries(model.variables.map((v) => [originalName(v.name), values[v.index]])),
  };
  try {
    writeFileSync(out, JSON.stringify(body, null, 2) + "\n");
  } catch (e) {
    throw new UserError(`--solution: cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}
