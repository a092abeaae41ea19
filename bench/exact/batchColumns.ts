/**
 * Batch placement by column generation (current options, and the first
 * version's: `PLAIN_COLUMN_BATCH_OPTIONS`) beside the batch MILP on the same
 * batches: value, proven bound, gap and time of each, one row per method.
 *
 *   npx tsx bench/exact/batchColumns.ts [--batch 5,10,20] [--regions 8,16] [--time-limit 60] [--milp-limit 60] [--seed 1]
 *
 * Batches as in bench/exact/run.ts: a seeded full mesh with max(4, ⌈1.3·8·n/R⌉)
 * GPUs per region, n jobs of 6–10 stages (g = 1), objective (b) at α = 0.5.
 */
import os from "node:os";
import { loadExactSolver } from "../../src/exact/solveSync.js";
import { PLAIN_COLUMN_BATCH_OPTIONS, solveBatchColumns } from "../../src/exact/batchColumns.js";
import { solveBatch } from "../../src/exact/batch.js";
import { intBetween, mulberry32 } from "../../src/util/rng.js";
import { emptyView, meshJob, meshTopology } from "./instances.js";
import { arg, list } from "./args.js";

const BATCH = list(arg("batch", "5,10,20"));
const REGIONS = list(arg("regions", "8,16"));
const LIMIT = Number(arg("time-limit", "60"));
const MILP_LIMIT = Number(arg("milp-limit", "60"));
const SEED = Number(arg("seed", "1"));
const f = (x: number | null, d = 3): string => (x === null || !Number.isFinite(x) ? "–" : x.toFixed(d));
const pct = (v: number | null, b: number | null): string => (v === null || b === null || !Number.isFinite(b) ? "–" : `${((100 * (v - b)) / Math.abs(v)).toFixed(2)}%`);

await loadExactSolver();
console.log(`# bench/exact/batchColumns: node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, CG limit ${LIMIT} s, MILP limit ${MILP_LIMIT} s, seed ${SEED}\n`);
console.log("| R | jobs | method | value | bound | gap | s | rounds | columns | classes | converged |");
console.log("|---|---|---|---|---|---|---|---|---|---|---|");
for (const R of REGIONS) {
  for (const n of BATCH) {
    const rng = mulberry32(SEED * 7 + n + 1000 * R);
    const t = meshTopology(rng, R, Math.max(4, Math.ceil((8 * n * 1.3) / R)));
    const v = emptyView(t);
    const jobs = Array.from({ length: n }, (_, i) => meshJob(`b${i}`, intBetween(rng, 6, 10)));
    for (const [name, options] of [["CG", {}], ["CG first version", PLAIN_COLUMN_BATCH_OPTIONS]] as const) {
      const cg = solveBatchColumns(v, jobs, { ...options, timeLimitSec: LIMIT });
      console.log(`| ${R} | ${n} | ${name} | ${f(cg.value)} | ${f(cg.bound)} | ${pct(cg.value, cg.bound)} | ${(cg.timeMs / 1000).toFixed(1)} | ${cg.rounds} | ${cg.columns} | ${cg.classes} | ${cg.converged ? "yes" : "no"} |`);
    }
    const m = solveBatch(v, jobs, { timeLimitSec: MILP_LIMIT });
    console.log(`| ${R} | ${n} | MILP | ${f(m.value)} | ${f(m.bound)} | ${pct(m.value, m.bound)} | ${((m.buildMs + m.solveMs) / 1000).toFixed(1)} | – | – | – | ${m.status === "optimal" ? "yes" : "no"} |`);
  }
}
