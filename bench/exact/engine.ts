/**
 * The combinatorial placement engine against the placement MILP on the same
 * instances: per rung (instance family × send variant × R × S), the engine's
 * share proven optimal, median / p95 / max wall time and median CPU time over
 * `--seeds` instances, beside the MILP's on the first `--milp-seeds` of them
 * (same optimum checked when both prove it: relative difference ≤ 1e-6).
 *
 *   npx tsx bench/exact/engine.ts [--regions 4,8,16] [--stages 4,16,64] [--extra 24x96]
 *       [--families mesh,tight] [--variants blocking,overlap] [--seeds 5] [--time-limit 10]
 *       [--milp-seeds 1] [--milp-limit 10] [--alpha 0.5] [--clock cpu|wall] [--before DIR]
 *
 * `--before DIR`: a checkout of an earlier version of this repository (for
 * example `git worktree add --detach /tmp/engine-before 8619d38`); its
 * `placeExact` runs on the same instances right after this one's, seed by
 * seed, and its columns (proven, median and p95 ms) and "same as before"
 * (objectives within 1e-9 where both proved optimality) are printed beside.
 *
 * Families (bench/exact/instances.ts): `mesh`, the full mesh with ⌈S/2⌉ GPUs
 * per region (so every region's GPUs bind) on the empty cluster; `tight`, the
 * same topology under `tightView` (random free GPUs totalling about 1.25·S
 * stages, links 20–100 % free). Objective (b), weighted at `--alpha`. The
 * engine's limit counts this process's CPU time by default (`--clock cpu`;
 * the machine is shared, wall time is noisy), HiGHS's limit is wall time.
 */
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { placeExact, type ExactResult } from "../../src/exact/engine.js";
import { crossCheckMilp } from "../../src/exact/crossCheck.js";
import { loadExactSolver } from "../../src/exact/solveSync.js";
import { isPlaced } from "../../src/exact/placement.js";
import type { ClusterView } from "../../src/sim/types.js";
import { mulberry32 } from "../../src/util/rng.js";
import { emptyView, meshJob, meshTopology, tightView } from "./instances.js";
import { arg, list } from "./args.js";

const REGIONS = list(arg("regions", "4,8,16"));
const STAGES = list(arg("stages", "4,16,64"));
const EXTRA = arg("extra", "24x96").split(",").filter((s) => s.includes("x")).map((s) => s.split("x").map(Number) as [number, number]);
const FAMILIES = arg("families", "mesh,tight").split(",");
const VARIANTS = arg("variants", "blocking,overlap").split(",");
const SEEDS = Number(arg("seeds", "5"));
const LIMIT = Number(arg("time-limit", "10"));
const MILP_SEEDS = Number(arg("milp-seeds", "1"));
const MILP_LIMIT = Number(arg("milp-limit", "10"));
const ALPHA = Number(arg("alpha", "0.5"));
const CPU_CLOCK = arg("clock", "cpu") === "cpu";
const BEFORE = arg("before", "");
/** The earlier checkout's engine, or null. */
const beforeEngine: typeof placeExact | null =
  BEFORE === "" ? null : ((await import(pathToFileURL(path.resolve(BEFORE, "src/exact/engine.ts")).href)) as { placeExact: typeof placeExact }).placeExact;
/** This process's CPU time, ms: the engine is single-threaded, so on a shared machine its limit counts its own work. */
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const f = (x: number, d = 1): string => (Number.isFinite(x) ? x.toFixed(d) : "–");
function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] as number;
}

function instance(family: string, R: number, S: number, seed: number, overlap: boolean): { view: ClusterView; job: ReturnType<typeof meshJob> } {
  const rng = mulberry32(seed * 1000 + R * 100 + S);
  const t = meshTopology(rng, R, Math.max(2, Math.ceil(S / 2)));
  const view = family === "tight" ? tightView(rng, t, S, 1) : emptyView(t);
  return { view, job: { ...meshJob("j", S), commOverlap: overlap } };
}

await loadExactSolver();
console.log(
  `# bench/exact/engine: node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, engine limit ${LIMIT} s (${CPU_CLOCK ? "CPU" : "wall"}), MILP limit ${MILP_LIMIT} s, ${SEEDS} seeds per rung (MILP on the first ${MILP_SEEDS}), weighted α = ${ALPHA}${beforeEngine === null ? "" : `, before: ${BEFORE}`}\n`,
);
const beforeHead = beforeEngine === null ? "" : " before proven | before median ms | before p95 ms | same as before |";
console.log(`| family | sends | R | S | engine proven | median ms | p95 ms | max ms | median CPU ms |${beforeHead} MILP proven | MILP median ms | MILP gap (worst) | same optimum |`);
console.log(`|---|---|---|---|---|---|---|---|---|${beforeEngine === null ? "" : "---|---|---|---|"}---|---|---|---|`);
const rungs: [number, number][] = [...REGIONS.flatMap((R) => STAGES.map((S) => [R, S] as [number, number])), ...EXTRA];
const objective = { kind: "weighted", alpha: ALPHA } as const;
for (const family of FAMILIES) {
  for (const variant of VARIANTS) {
    for (const [R, S] of rungs) {
      const wall: number[] = [];
      const cpu: number[] = [];
      let proven = 0;
      const results: ExactResult[] = [];
      const before = { wall: [] as number[], proven: 0, compared: 0, same: 0 };
      for (let seed = 1; seed <= SEEDS; seed++) {
        const { view, job } = instance(family, R, S, seed, variant === "overlap");
        const c0 = process.cpuUsage();
        const r = placeExact(view, job, objective, { timeLimitSec: LIMIT, ...(CPU_CLOCK ? { now: cpuMs } : {}) });
        const c1 = process.cpuUsage(c0);
        wall.push(r.timeMs);
        cpu.push((c1.user + c1.system) / 1000);
        if (r.status === "optimal" || r.status === "infeasible") proven++;
        results.push(r);
        if (beforeEngine !== null) {
          const b = beforeEngine(view, job, objective, { timeLimitSec: LIMIT, ...(CPU_CLOCK ? { now: cpuMs } : {}) });
          before.wall.push(b.timeMs);
          if (b.status === "optimal" || b.status === "infeasible") before.proven++;
          if (b.status === "optimal" && r.status === "optimal") {
            before.compared++;
            if (Math.abs((b.objective as number) - (r.objective as number)) <= 1e-9 * Math.abs(b.objective as number)) before.same++;
          } else if (b.status === "infeasible" && r.status === "infeasible") {
            before.compared++;
            before.same++;
          }
        }
      }
      let milpProven = 0;
      let same = 0;
      let compared = 0;
      let worstGap = 0;
      const milpMs: number[] = [];
      for (let seed = 1; seed <= Math.min(MILP_SEEDS, SEEDS); seed++) {
        const { view, job } = instance(family, R, S, seed, variant === "overlap");
        const check = crossCheckMilp(view, job, objective, results[seed - 1] as ExactResult, { timeLimitSec: MILP_LIMIT });
        milpMs.push(check.milp.solveMs);
        if (check.milp.status === "optimal" || check.milp.status === "infeasible") milpProven++;
        if (isPlaced(check.milp) && check.milp.bound !== null) worstGap = Math.max(worstGap, (check.milp.value - check.milp.bound) / Math.abs(check.milp.value));
        else if (check.milp.status !== "infeasible") worstGap = Infinity;
        if (check.relDiff !== null) {
          compared++;
          if (check.relDiff <= 1e-6) same++;
        }
      }
      const m = Math.min(MILP_SEEDS, SEEDS);
      console.log(
        `| ${family} | ${variant} | ${R} | ${S} | ${proven}/${SEEDS} | ${f(quantile(wall, 0.5))} | ${f(quantile(wall, 0.95))} | ${f(Math.max(...wall))} | ${f(quantile(cpu, 0.5))} |${beforeEngine === null ? "" : ` ${before.proven}/${SEEDS} | ${f(quantile(before.wall, 0.5))} | ${f(quantile(before.wall, 0.95))} | ${before.compared === 0 ? "–" : `${before.same}/${before.compared}`} |`} ${milpProven}/${m} | ${f(quantile(milpMs, 0.5))} | ${Number.isFinite(worstGap) ? `${(100 * worstGap).toFixed(2)}%` : "no point"} | ${compared === 0 ? "–" : `${same}/${compared}`} |`,
      );
    }
  }
}
