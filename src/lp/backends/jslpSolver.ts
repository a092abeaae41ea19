/**
 * The javascript-lp-solver instance and one raw call of it, shared by the
 * backend (inline solves) and the worker entry (`jslpWorker.ts`).
 */
import jslpModule, { type Model as JslpModel, type SolveResult as JslpResult } from "javascript-lp-solver";

/**
 * The solver instance. Node loads the package's ESM build, whose default export
 * is the instance; its type declarations are read as CommonJS, where the
 * instance sits under `.default`. Accept both.
 */
const solver: typeof jslpModule.default =
  "Solve" in jslpModule ? (jslpModule as unknown as typeof jslpModule.default) : jslpModule.default;

/** One call of `Solve` on `jsModel` with `options`. */
export function solveRaw(jsModel: JslpModel, options: JslpModel["options"]): JslpResult {
  return solver.Solve({ ...jsModel, options }) as JslpResult;
}

export type { JslpModel, JslpResult };
