/**
 * Whole-trace lower bounds (`traceBound`) against every scheduler's run of
 * the same generated trace on the default instance: each scheduler's mean
 * JCT and total cost as "% above the bound".
 *
 *   npx tsx bench/exact/traceBound.ts [--jobs 200] [--loads 0.5,1] [--seeds 1]
 */
import os from "node:os";
import { loadExactSolver } from "../../src/exact/solveSync.js";
import { traceBound } from "../../src/exact/traceBound.js";
import { loadInstance } from "../../src/model/instance.js";
import { generateWorkload } from "../../src/workload/generate.js";
import { simulate } from "../../src/sim/simulate.js";
import { getScheduler, SCHEDULER_NAMES } from "../../src/schedulers.js";
import { arg } from "./args.js";

const JOBS = Number(arg("jobs", "200"));
const LOADS = arg("loads", "0.5,1").split(",").map(Number);
const SEEDS = arg("seeds", "1").split(",").map(Number);

await loadExactSolver();
const inst = loadInstance();
console.log(`# bench/exact/traceBound: node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${JOBS} jobs, default instance\n`);
console.log("| load | seed | bound s | JCT bound s | trivial part s | cost bound USD | scheduler | mean JCT s | above bound | cost USD | above bound |");
console.log("|---|---|---|---|---|---|---|---|---|---|---|");
for (const load of LOADS) {
  for (const seed of SEEDS) {
    const w = generateWorkload({ seed, jobs: JOBS, load, topology: inst.topology, models: inst.models });
    const input = { topology: inst.topology, models: inst.models, jobs: w.jobs };
    const b = traceBound(input);
    for (const name of SCHEDULER_NAMES) {
      const r = simulate(input, getScheduler(name));
      const above = (x: number, lb: number): string => `${(100 * (x / lb - 1)).toFixed(1)}%`;
      console.log(
        `| ${load} | ${seed} | ${(b.timeMs / 1000).toFixed(1)} | ${b.meanJctLowerBoundSec.toFixed(1)} | ${b.meanMinRuntimeSec.toFixed(1)} | ${b.totalCostLowerBoundUsd.toFixed(2)} | ${name} | ${r.summary.meanJctSec.toFixed(1)} | ${above(r.summary.meanJctSec, b.meanJctLowerBoundSec)} | ${r.summary.totalCostUsd.toFixed(2)} | ${above(r.summary.totalCostUsd, b.totalCostLowerBoundUsd)} |`,
      );
    }
  }
}
