/**
 * Child process of the solver benchmark: rebuilds one placement model from its
 * seed, solves a tiny model once untimed (warm-up), then the model `reps` times with one backend, and prints one JSON line per
 * solve on stdout ({@link RepLine}). Runs in its own process so the parent can
 * kill a backend that does not honour its time limit (javascript-lp-solver
 * checks its timeout only between branch-and-bound nodes).
 *
 *   npx tsx bench/solvers/solveChild.ts <backend> <regions> <stages> <seed> <reps> <timeLimitSec>
 */
import { getBackend, shutdownHighs } from "../../src/lp/backends/index.js";
import { placementMilp } from "./placementMilp.js";

/** One solve, as the child reports it. */
export interface RepLine {
  /** 0-based repetition. */
  readonly rep: number;
  /** `SolveResult.termination`. */
  readonly termination: string;
  /** `SolveResult.primal`. */
  readonly primal: string;
  /** Objective recomputed by the checker, or null without a point. */
  readonly objective: number | null;
  /** Whether the checker accepted the point (false without a point). */
  readonly checkOk: boolean;
  /** Largest violation the checker saw, or null without a point. */
  readonly maxViolation: number | null;
  /** `SolveResult.timeMs`: wall time of the solve. */
  readonly timeMs: number;
  /** Backend status text. */
  readonly rawStatus: string;
}

async function main(argv: ReadonlyArray<string>): Promise<void> {
  const [backendName = "", regions = "", stages = "", seed = "", reps = "", timeLimit = ""] = argv;
  const backend = getBackend(backendName);
  const model = placementMilp({ regions: Number(regions), stages: Number(stages), seed: Number(seed) });
  const timeLimitSec = Number(timeLimit);
  // Untimed warm-up on a tiny model: loads WASM runtimes and workers, so the
  // first timed solve does not pay for start-up.
  await backend.solve(placementMilp({ regions: 2, stages: 2, seed: 1 }), { mipRelGap: 0, timeLimitSec });
  for (let rep = 0; rep < Number(reps); rep++) {
    const r = await backend.solve(model, { mipRelGap: 0, timeLimitSec });
    const line: RepLine = {
      rep,
      termination: r.termination,
      primal: r.primal,
      objective: r.objective,
      checkOk: r.check?.ok ?? false,
      maxViolation: r.check?.maxViolation ?? null,
      timeMs: r.timeMs,
      rawStatus: r.rawStatus,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
  await shutdownHighs();
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
