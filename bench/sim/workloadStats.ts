/**
 * Describes a generated workload (and optionally a mapped Philly trace): jobs
 * per model, reference runtime percentiles, GPU-hours, arrival rate and the
 * offered load measured back. The figures in docs/workloads.md come from it.
 *
 *   npx tsx bench/sim/workloadStats.ts [--seed 1] [--jobs 4000] [--load 0.8]
 *                                      [--philly ../shared/data/philly_adaptdl_multigpu_jobs.csv]
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { textTable } from "../../src/cli/table.js";
import { DEFAULT_INSTANCE_PATHS, loadModels, loadTopology } from "../../src/model/index.js";
import type { Job, LlmModel, Topology } from "../../src/model/types.js";
import { generateWorkloadWithStats } from "../../src/workload/generate.js";
import { offeredLoad } from "../../src/workload/load.js";
import { readPhillyTrace } from "../../src/workload/philly.js";
import { referenceRun } from "../../src/workload/reference.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Nearest-rank percentile of a sorted list. */
const pct = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;

const r1 = (x: number): number => Number(x.toFixed(1));

/** Rows per model (and "all"): jobs, share, GPUs p50, runtime p10/p50/p90/max in minutes, GPU-hours share. */
function describe(jobs: readonly Job[], topology: Topology, models: ReadonlyMap<string, LlmModel>): (string | number)[][] {
  const by = new Map<string, { minutes: number[]; gpus: number[]; gpuHours: number }>();
  let totalGpuHours = 0;
  for (const job of jobs) {
    const run = referenceRun(topology, models.get(job.model)!, job)!;
    const e = by.get(job.model) ?? { minutes: [], gpus: [], gpuHours: 0 };
    e.minutes.push(run.runtimeSec / 60);
    e.gpus.push(job.stages * job.gpusPerStage);
    e.gpuHours += run.gpuSeconds / 3600;
    totalGpuHours += run.gpuSeconds / 3600;
    by.set(job.model, e);
  }
  const all = { minutes: [...by.values()].flatMap((e) => e.minutes), gpus: [...by.values()].flatMap((e) => e.gpus), gpuHours: totalGpuHours };
  const entries = [...[...by.entries()].sort((a, b) => b[1].minutes.length - a[1].minutes.length), ["all", all] as const];
  return entries.map(([name, e]) => {
    const m = [...e.minutes].sort((a, b) => a - b);
    const g = [...e.gpus].sort((a, b) => a - b);
    return [name, e.minutes.length, r1((100 * e.minutes.length) / jobs.length), pct(g, 0.5), r1(pct(m, 0.1)), r1(pct(m, 0.5)), r1(pct(m, 0.9)), r1(m.at(-1) ?? NaN), r1((100 * e.gpuHours) / totalGpuHours)];
  });
}

const HEADER = ["model", "jobs", "% jobs", "GPUs p50", "min p10", "min p50", "min p90", "min max", "% GPU-h"];

function main(): void {
  const cmd = new Command("workload-stats")
    .option("--seed <n>", "generator seed", "1")
    .option("--jobs <n>", "jobs to generate", "4000")
    .option("--load <rho>", "target load", "0.8")
    .option("--philly <csv>", "also describe this Philly trace (skipped when the file is absent)", join(ROOT, "..", "shared", "data", "philly_adaptdl_multigpu_jobs.csv"));
  cmd.parse(process.argv.slice(2), { from: "user" });
  const o = cmd.opts<{ seed: string; jobs: string; load: string; philly: string }>();
  const topology = loadTopology(DEFAULT_INSTANCE_PATHS.topologyPath);
  const models = loadModels(DEFAULT_INSTANCE_PATHS.modelsDir);

  const g = generateWorkloadWithStats({ seed: Number(o.seed), jobs: Number(o.jobs), load: Number(o.load), topology, models });
  const measured = offeredLoad(g.workload, topology, models);
  console.log(`generated: ${g.workload.name}`);
  console.log(
    `arrival rate ${r1(g.arrivalRatePerSec * 3600)} jobs/h, mean reference GPU-hours per job ${(g.meanGpuSeconds / 3600).toFixed(2)}, ` +
      `${g.totalGpus} GPUs, last arrival ${r1(measured.spanSec / 3600)} h, offered load measured back ${measured.load?.toFixed(3)}`,
  );
  console.log("reference runtimes (alone, fastest region that holds the job), minutes:");
  console.log(textTable(HEADER, describe(g.workload.jobs, topology, models)));

  if (existsSync(o.philly)) {
    const w = readPhillyTrace(readFileSync(o.philly, "utf8"), { topology, models, file: o.philly });
    const l = offeredLoad(w, topology, models);
    console.log("");
    console.log(`philly: ${w.jobs.length} jobs over ${r1(l.spanSec / 86400)} days, offered load on ${g.totalGpus} GPUs ${l.load?.toFixed(3)}`);
    console.log(textTable(HEADER, describe(w.jobs, topology, models)));
  }
}

main();
