/**
 * Simulator benchmark: how the multi-tenant simulator's wall time grows with
 * the number of jobs, for every scheduling policy.
 *
 *   npx tsx bench/sim/run.ts [--sizes 1000,2000,4000,8000] [--schedulers all]
 *                            [--reps N] [--seed 1] [--load 0.5]
 *
 * For each size a workload is generated (`generateWorkload`, default mix, on
 * the default six-region topology, fixed seed); each scheduler simulates it
 * `reps` times (default 3 below 8,000 jobs, 1 from 8,000 on) and the median
 * wall time is reported with events/s, the ratio to the previous size and the
 * local exponent `log(t₂/t₁) / log(n₂/n₁)`; a least-squares exponent over all
 * sizes closes each scheduler's rows. Before its timed runs, each scheduler
 * simulates the first `WARMUP_JOBS` jobs once, untimed (JIT warm-up). Times
 * include the verifier that `simulate` runs on every result. Progress goes to
 * stderr, tables to stdout.
 */
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { textTable } from "../../src/cli/table.js";
import { DEFAULT_INSTANCE_PATHS, loadModels, loadTopology } from "../../src/model/index.js";
import { getScheduler, SCHEDULER_NAMES } from "../../src/schedulers.js";
import { simulate, type SimResult } from "../../src/sim/simulate.js";
import { generateWorkloadWithStats } from "../../src/workload/generate.js";
import { offeredLoad } from "../../src/workload/load.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Jobs of the untimed warm-up run of each scheduler. */
const WARMUP_JOBS = 50;

/** Command-line options after parsing. */
interface RunOptions {
  readonly sizes: readonly number[];
  readonly schedulers: readonly string[];
  /** `null`: 3 below 8,000 jobs, else 1. */
  readonly reps: number | null;
  readonly seed: number;
  readonly load: number;
}

function parseArgs(argv: readonly string[]): RunOptions {
  const cmd = new Command("bench:sim")
    .option("--sizes <list>", "comma-separated job counts", "1000,2000,4000,8000")
    .option("--schedulers <list>", `comma-separated policies, or "all" (${SCHEDULER_NAMES.join(", ")})`, "all")
    .option("--reps <n>", "repetitions per size and policy (default 3 below 8000 jobs, 1 from 8000)")
    .option("--seed <n>", "seed of the workload generator", "1")
    .option("--load <rho>", "target load of the generated workloads", "0.5");
  cmd.parse([...argv], { from: "user" });
  const o = cmd.opts<{ sizes: string; schedulers: string; reps?: string; seed: string; load: string }>();
  const sizes = o.sizes.split(",").map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--sizes: expected positive integers, got "${o.sizes}"; e.g. --sizes 500,1000`);
  const names: readonly string[] = SCHEDULER_NAMES;
  const schedulers = o.schedulers === "all" ? [...names] : o.schedulers.split(",").map((s) => s.trim());
  for (const s of schedulers) {
    if (!names.includes(s)) throw new Error(`--schedulers: unknown policy "${s}"; use "all" or a comma-separated subset of ${names.join(",")}`);
  }
  const reps = o.reps === undefined ? null : Number(o.reps);
  if (reps !== null && !(Number.isInteger(reps) && reps >= 1)) throw new Error(`--reps: expected an integer >= 1, got "${o.reps}"`);
  const seed = Number(o.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed: expected an integer, got "${o.seed}"`);
  const load = Number(o.load);
  if (!(load > 0)) throw new Error(`--load: expected a number > 0, got "${o.load}"`);
  return { sizes: [...sizes].sort((a, b) => a - b), schedulers, reps, seed, load };
}

/** Median of a non-empty list. */
function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Least-squares slope of ln(t) against ln(n): t ∝ n^k. `NaN` with fewer than two points. */
function fitExponent(points: readonly { readonly n: number; readonly t: number }[]): number {
  if (points.length < 2) return NaN;
  const xs = points.map((p) => Math.log(p.n));
  const ys = points.map((p) => Math.log(p.t));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * ((ys[i] as number) - my);
    den += (x - mx) ** 2;
  });
  return den > 0 ? num / den : NaN;
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits));

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const cpu = cpus();
  console.log(`node ${process.version} on ${process.platform}/${process.arch}`);
  console.log(`CPU: ${cpu[0]?.model ?? "unknown"} × ${cpu.length}, RAM ${(totalmem() / 2 ** 30).toFixed(1)} GiB, load average ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  console.log(`workloads: generateWorkload({ seed: ${o.seed}, load: ${o.load}, default mix }) on instances/default/topology.json`);
  console.log("");

  const topology = loadTopology(DEFAULT_INSTANCE_PATHS.topologyPath);
  const models = loadModels(DEFAULT_INSTANCE_PATHS.modelsDir);
  const workloads = o.sizes.map((n) => {
    const t0 = performance.now();
    const g = generateWorkloadWithStats({ seed: o.seed, jobs: n, load: o.load, topology, models });
    const ms = performance.now() - t0;
    const measured = offeredLoad(g.workload, topology, models).load ?? NaN;
    const lastArrivalH = (g.workload.jobs.at(-1)?.arrivalSec ?? 0) / 3600;
    process.stderr.write(`generated ${n} jobs in ${ms.toFixed(0)} ms (offered load ${measured.toFixed(3)}, arrivals over ${lastArrivalH.toFixed(1)} h)\n`);
    return { n, jobs: g.workload.jobs };
  });

  const header = ["scheduler", "jobs", "reps", "events", "median ms", "events/s", "× prev", "k local", "finished", "unsched.", "policy err", "mean JCT h", "cost USD"];
  const rows: (string | number)[][] = [];
  const fits: (string | number)[][] = [];
  for (const name of o.schedulers) {
    const points: { n: number; t: number }[] = [];
    simulate({ topology, models, jobs: workloads[0]!.jobs.slice(0, WARMUP_JOBS) }, getScheduler(name));
    for (const { n, jobs } of workloads) {
      const reps = o.reps ?? (n >= 8000 ? 1 : 3);
      const times: number[] = [];
      let last: SimResult | null = null;
      for (let r = 0; r < reps; r++) {
        const scheduler = getScheduler(name);
        const t0 = performance.now();
        last = simulate({ topology, models, jobs }, scheduler);
        times.push(performance.now() - t0);
        process.stderr.write(`${name} n=${n} rep ${r + 1}/${reps}: ${times.at(-1)!.toFixed(0)} ms\n`);
      }
      const ms = median(times);
      const prev = points.at(-1);
      points.push({ n, t: ms });
      const s = last!.summary;
      rows.push([
        name,
        n,
        reps,
        last!.events,
        round(ms, 1),
        Math.round(last!.events / (ms / 1000)),
        prev === undefined ? "-" : round(ms / prev.t, 2),
        prev === undefined ? "-" : round(Math.log(ms / prev.t) / Math.log(n / prev.n), 2),
        s.finished,
        s.unschedulable,
        s.policyErrors,
        round(s.meanJctSec / 3600, 3),
        round(s.totalCostUsd, 0),
      ]);
    }
    fits.push([name, points.map((p) => p.n).join(","), round(fitExponent(points), 2)]);
  }
  console.log(textTable(header, rows));
  console.log("");
  console.log("fitted exponent k of median time ∝ jobs^k (least squares on log-log):");
  console.log(textTable(["scheduler", "sizes", "k"], fits));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
