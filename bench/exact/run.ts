/**
 * Exact placement MILPs against size: build and solve time of the single-job
 * placement MILP (regions × stages) and of the batch MILP (jobs per batch),
 * with a time limit, next to the heuristics' time on the same decision and
 * their gap to the MILP's bound.
 *
 *   npx tsx bench/exact/run.ts [--regions 4,8,16] [--stages 4,16,64] [--batch 1,5,10,20] [--time-limit 10] [--seed 1]
 *
 * Synthetic instances from a seeded mulberry32: a full mesh of R regions
 * (A100-like or H100-like GPUs, prices 0.05–0.40 USD/kWh, 10–100 Gbit/s,
 * 2–60 ms, ⌈S/2⌉ GPUs per region so BACE's ≤ 3-region paths fit), a 96-layer GPT-3-175B-shaped model, one job per stage count with
 * g = 1, b = 1, M = 16, I = 1000. Objective (b), alpha = 0.5. The single-job
 * MILP gets the best in-model heuristic value as `incumbentValue` (it caps T),
 * but not its path as a start; the batch MILP gets
 * BACE's summed score when BACE placed the whole batch, and is solved twice:
 * without a start, and with BACE's placement as a MIP start.
 */
import os from "node:os";
import { loadExactSolver } from "../../src/exact/solveSync.js";
import { isPlaced, solvePlacement } from "../../src/exact/placement.js";
import { solveBatch, type BatchOutcome } from "../../src/exact/batch.js";
import { coefficients } from "../../src/exact/coefficients.js";
import { evaluateInView, objectiveOf } from "../../src/exact/evaluate.js";
import { applyStart } from "../../src/exact/exactScheduler.js";
import type { Job } from "../../src/model/types.js";
import type { ClusterView } from "../../src/sim/types.js";
import { getScheduler } from "../../src/schedulers.js";
import { intBetween, mulberry32 } from "../../src/util/rng.js";
import { emptyView, meshJob, meshTopology } from "./instances.js";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
const list = (s: string): number[] => s.split(",").map(Number).filter((n) => n > 0);
const REGIONS = list(arg("regions", "4,8,16"));
const STAGES = list(arg("stages", "4,16,64"));
const BATCH = list(arg("batch", "1,5,10,20"));
const LIMIT = Number(arg("time-limit", "10"));
const SEED = Number(arg("seed", "1"));

const f = (x: number, d = 1): string => (Number.isFinite(x) ? x.toFixed(d) : "–");
const pct = (x: number | null): string => (x === null ? "–" : `${(100 * x).toFixed(2).replace(/^-(0\.0+)$/, "$1")}%`);

/** Heuristic `name`'s time and objective for one job in a view. */
function heuristic(name: string, v: ClusterView, job: Job): { ms: number; value: number | null; inModel: boolean } {
  const s = getScheduler(name);
  const t0 = performance.now();
  const d = s.decide(v, [{ job, waitedSec: 0 }]);
  const ms = performance.now() - t0;
  const p = d.start[0];
  const c = coefficients(v, job);
  const e = p === undefined ? null : evaluateInView(v, job, p.path);
  return { ms, value: e === null || c === null ? null : objectiveOf({ kind: "weighted", alpha: 0.5 }, c, e.breakdown), inModel: e !== null && e.reserveFeasible };
}

await loadExactSolver();
console.log(`# bench/exact: node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, time limit ${LIMIT} s, seed ${SEED}`);
console.log("\n## Single-job placement MILP (objective (b), alpha 0.5)\n");
console.log("| R | S | vars | bin | rows | build ms | solve ms | status | MILP gap | bace ms | bace gap | delay-first ms | delay-first gap |");
console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
for (const R of REGIONS) {
  for (const S of STAGES) {
    const rng = mulberry32(SEED * 1000 + R * 100 + S);
    const t = meshTopology(rng, R, Math.max(2, Math.ceil(S / 2)));
    const v = emptyView(t);
    const job = meshJob("j", S);
    const b = heuristic("bace", v, job);
    const d = heuristic("delay-first", v, job);
    const incumbent = Math.min(...[b, d].filter((h) => h.inModel && h.value !== null).map((h) => h.value as number));
    const out = solvePlacement(v, job, { timeLimitSec: LIMIT, incumbentValue: incumbent });
    const bound = out.bound;
    const gapOf = (h: number | null): string => (h === null || bound === null || !Number.isFinite(bound) ? "–" : pct((h - bound) / Math.abs(h)));
    const milpGap = isPlaced(out) && bound !== null ? (out.value - bound) / Math.abs(out.value) : null;
    console.log(`| ${R} | ${S} | ${out.size.variables} | ${out.size.binaries} | ${out.size.rows} | ${f(out.buildMs)} | ${f(out.solveMs)} | ${out.status} | ${pct(milpGap)} | ${f(b.ms, 2)} | ${gapOf(b.value)} | ${f(d.ms, 2)} | ${gapOf(d.value)} |`);
  }
}

console.log("\n## Batch MILP (R = 8, S = 6…10 per job, alpha 0.5; heuristic = bace on the same queue)\n");
console.log("| jobs | vars | bin | rows | build ms | bace ms | bace placed | bace sum | no start: solve ms | status | MILP gap | MILP sum | BACE start: solve ms | status | MILP gap | MILP sum |");
console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
for (const n of BATCH) {
  const rng = mulberry32(SEED * 7 + n);
  // At least 4 GPUs per region: a 6–10-stage job then fits on BACE's
  // maxRegions = 3 regions even in a batch of one (docs/bace.md).
  const t = meshTopology(rng, 8, Math.max(4, Math.ceil((8 * n * 1.3) / 8)));
  const v = emptyView(t);
  const jobs = Array.from({ length: n }, (_, i) => meshJob(`b${i}`, intBetween(rng, 6, 10)));
  const s = getScheduler("bace");
  const t0 = performance.now();
  const d = s.decide(v, jobs.map((job) => ({ job, waitedSec: 0 })));
  const ms = performance.now() - t0;
  let working: ClusterView = v;
  let sum = 0;
  let allIn = true;
  for (const p of d.start) {
    const job = jobs.find((j) => j.id === p.jobId) as Job;
    const c = coefficients(working, job);
    const e = evaluateInView(working, job, p.path);
    if (c !== null && e !== null) sum += objectiveOf({ kind: "weighted", alpha: 0.5 }, c, e.breakdown);
    if (e === null || !e.reserveFeasible) allIn = false;
    working = applyStart(working, job, p.path);
  }
  const inModel = allIn && d.start.length === n;
  const out = solveBatch(v, jobs, { timeLimitSec: LIMIT, ...(inModel ? { incumbentValue: sum } : {}) });
  const started = inModel ? solveBatch(v, jobs, { timeLimitSec: LIMIT, incumbentValue: sum, start: new Map(d.start.map((p) => [p.jobId, p.path] as const)) }) : null;
  const cells = (o: BatchOutcome | null): string => {
    if (o === null) return "– | – | – | –";
    const gap = o.value !== null && o.bound !== null ? (o.value - o.bound) / Math.abs(o.value) : null;
    return `${f(o.solveMs)} | ${o.status} | ${pct(gap)} | ${o.value === null ? "–" : f(o.value, 3)}`;
  };
  console.log(`| ${n} | ${out.size.variables} | ${out.size.binaries} | ${out.size.rows} | ${f(out.buildMs)} | ${f(ms, 2)} | ${d.start.length}/${n} | ${d.start.length === n ? f(sum, 3) : "–"} | ${cells(out)} | ${cells(started)} |`);
}
