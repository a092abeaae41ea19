/**
 * Batch placement by column generation (current options, the previous
 * version's: `PREVIOUS_COLUMN_BATCH_OPTIONS`, and with `--first` the first
 * version's: `PLAIN_COLUMN_BATCH_OPTIONS`) beside the batch MILP on the same
 * batches: value, proven bound, gap, CPU and wall time of each, one row per method.
 *
 *   npx tsx bench/exact/batchColumns.ts [--batch 5,10,20] [--regions 8,16] [--time-limit 60] [--clock cpu|wall] [--milp-limit 60] [--methods cg,previous] [--first] [--seed 1]
 *
 * `--methods`: which CG rows to print (`cg`, `previous`, `first`; `--first` adds `first`).
 *
 * `--clock cpu` (default): the CG limit is this process's CPU time
 * (`process.cpuUsage`), so a loaded machine costs wall time, not rounds;
 * the MILP's limit is HiGHS's own (wall); `--milp-limit 0` leaves it out.
 * Batches as in bench/exact/run.ts: a seeded full mesh with max(4, ⌈1.3·8·n/R⌉)
 * GPUs per region, n jobs of 6–10 stages (g = 1), objective (b) at α = 0.5.
 */
import os from "node:os";
import { loadExactSolver } from "../../src/exact/solveSync.js";
import { PLAIN_COLUMN_BATCH_OPTIONS, PREVIOUS_COLUMN_BATCH_OPTIONS, solveBatchColumns, type ColumnBatchOptions } from "../../src/exact/batchColumns.js";
import { solveBatch } from "../../src/exact/batch.js";
import { intBetween, mulberry32 } from "../../src/util/rng.js";
import { emptyView, meshJob, meshTopology } from "./instances.js";
import { arg, list } from "./args.js";

const BATCH = list(arg("batch", "5,10,20"));
const REGIONS = list(arg("regions", "8,16"));
const LIMIT = Number(arg("time-limit", "60"));
const MILP_LIMIT = Number(arg("milp-limit", "60"));
const SEED = Number(arg("seed", "1"));
const CLOCK = arg("clock", "cpu");
const METHODS = new Set([...arg("methods", "cg,previous").split(","), ...(process.argv.includes("--first") ? ["first"] : [])]);
const unknown = [...METHODS].filter((m) => !["cg", "previous", "first"].includes(m));
if (unknown.length > 0) {
  console.error(`bench/exact/batchColumns: --methods takes cg, previous, first; got "${unknown.join(",")}"`);
  process.exit(2);
}
if (CLOCK !== "cpu" && CLOCK !== "wall") {
  console.error(`bench/exact/batchColumns: --clock must be cpu or wall, got "${CLOCK}"`);
  process.exit(2);
}
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const now = CLOCK === "cpu" ? cpuMs : () => performance.now();
const f = (x: number | null, d = 3): string => (x === null || !Number.isFinite(x) ? "–" : x.toFixed(d));
const pct = (v: number | null, b: number | null): string => (v === null || b === null || !Number.isFinite(b) ? "–" : `${((100 * (v - b)) / Math.abs(v)).toFixed(2)}%`);
const ALL: [string, string, ColumnBatchOptions][] = [["cg", "CG", {}], ["previous", "CG previous", PREVIOUS_COLUMN_BATCH_OPTIONS], ["first", "CG first version", PLAIN_COLUMN_BATCH_OPTIONS]];
const methods = ALL.filter(([key]) => METHODS.has(key)).map(([, name, options]) => [name, options] as const);

await loadExactSolver();
console.log(`# bench/exact/batchColumns: node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, CG limit ${LIMIT} s ${CLOCK === "cpu" ? "CPU" : "wall"}, MILP limit ${MILP_LIMIT} s wall, seed ${SEED}, load ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}\n`);
console.log("| R | jobs | method | value | bound | gap | LP | CPU s | wall s | rounds | columns | classes | converged | nodes |");
console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
for (const R of REGIONS) {
  for (const n of BATCH) {
    const rng = mulberry32(SEED * 7 + n + 1000 * R);
    const t = meshTopology(rng, R, Math.max(4, Math.ceil((8 * n * 1.3) / R)));
    const v = emptyView(t);
    const jobs = Array.from({ length: n }, (_, i) => meshJob(`b${i}`, intBetween(rng, 6, 10)));
    for (const [name, options] of methods) {
      const c0 = cpuMs();
      const w0 = performance.now();
      const cg = solveBatchColumns(v, jobs, { ...options, timeLimitSec: LIMIT, now });
      const cpu = (cpuMs() - c0) / 1000;
      const wall = (performance.now() - w0) / 1000;
      console.log(`| ${R} | ${n} | ${name} | ${f(cg.value)}${cg.verified ? "" : " (unverified)"} | ${f(cg.bound)} | ${pct(cg.value, cg.bound)} | ${f(cg.lpValue)} | ${cpu.toFixed(1)} | ${wall.toFixed(1)} | ${cg.rounds} | ${cg.columns} | ${cg.classes} | ${cg.converged ? "yes" : "no"} | ${cg.nodes} |`);
    }
    if (MILP_LIMIT <= 0) continue;
    const c0 = cpuMs();
    const m = solveBatch(v, jobs, { timeLimitSec: MILP_LIMIT });
    const cpu = (cpuMs() - c0) / 1000;
    console.log(`| ${R} | ${n} | MILP | ${f(m.value)} | ${f(m.bound)} | ${pct(m.value, m.bound)} | – | ${cpu.toFixed(1)} | ${((m.buildMs + m.solveMs) / 1000).toFixed(1)} | – | – | – | ${m.status === "optimal" ? "yes" : "no"} | – |`);
  }
}
