/**
 * CBA ILP benchmark: solve time of `solveCbaIlp` (HiGHS, WASM) against the
 * number of candidate paths k (1–5), the number of stages S (2–8), the
 * network load (each fibre's spectrum pre-filled 0–70 % with seeded random
 * busy runs), and the start-slot pruning the online policy uses.
 *
 *   npx tsx bench/cba/run.ts [--reps 3] [--time-limit 30] [--seed 1]
 *
 * Network: NSFNET with eight DCs of 8 GPUs (nodes 1, 2, 4, 6, 8, 10, 12, 13)
 * and a request of S stages × 8 GPUs, so every stage sits in its own DC and
 * the request has S − 1 cross-DC transfers (M = 16, A = 32 MB, t_f = 2 ms so
 * t_k = 6 ms, demand A·8/t_k ≈ 42.7 Gbit/s per hop, source node 1). Each
 * configuration varies one factor around the base (k = 3, S = 4, load 30 %,
 * 4 starts per path) and is solved `reps` times on different fill seeds;
 * the median wall time is reported with the candidate binaries and the
 * statuses.
 */
import { cpus, loadavg, totalmem } from "node:os";
import { Command } from "commander";
import { solveCbaIlp } from "../../src/cba/ilp.js";
import { nsfnet } from "../../src/cba/nsfnet.js";
import type { TrainingRequest } from "../../src/cba/request.js";
import { demandGbps } from "../../src/cost/communication.js";
import { mulberry32 } from "../../src/util/rng.js";
import { SpectrumState } from "../../src/cba/spectrum.js";
import { textTable } from "../../src/cli/table.js";
import { highs, shutdownHighs } from "../../src/lp/backends/highs.js";

const opts = new Command("bench-cba")
  .option("--reps <n>", "solves per configuration (fill seeds seed..seed+reps-1)", "3")
  .option("--time-limit <s>", "per-solve time limit, s", "30")
  .option("--seed <n>", "first fill seed", "1")
  .parse(process.argv)
  .opts<{ reps: string; timeLimit: string; seed: string }>();
const reps = Number(opts.reps);
const timeLimitSec = Number(opts.timeLimit);
const seed0 = Number(opts.seed);

const network = nsfnet({ datacenters: ["1", "2", "4", "6", "8", "10", "12", "13"].map((node) => ({ id: `dc${node}`, node, gpus: 8 })) });

interface Config { readonly factor: string; readonly k: number; readonly stages: number; readonly fillPct: number; readonly maxStarts: number }
const base: Config = { factor: "base", k: 3, stages: 4, fillPct: 30, maxStarts: 4 };
const configs: Config[] = [
  base,
  ...[1, 2, 4, 5].map((k) => ({ ...base, factor: "k", k })),
  ...[2, 3, 5, 6, 7, 8].map((stages) => ({ ...base, factor: "stages", stages })),
  ...[0, 10, 50, 70].map((fillPct) => ({ ...base, factor: "load", fillPct })),
  ...[1, 2, 8, Infinity].map((maxStarts) => ({ ...base, factor: "starts/path", maxStarts })),
];

/** Spectrum with each fibre filled to at least `fillPct` % by random busy runs of 1–6 slots. */
function prefilled(fillPct: number, seed: number): SpectrumState {
  const rng = mulberry32(seed);
  const s = new SpectrumState(network.fibres.length, network.slotsPerFibre);
  const target = Math.ceil((fillPct / 100) * network.slotsPerFibre);
  for (let f = 0; f < network.fibres.length; f++) {
    let used = 0;
    while (used < target) {
      const start = Math.floor(rng() * network.slotsPerFibre);
      const len = 1 + Math.floor(rng() * 6);
      for (let q = start; q < Math.min(start + len, network.slotsPerFibre) && used < target; q++) {
        if (s.isFree(f, q)) {
          s.allocate([f], q, 1);
          used++;
        }
      }
    }
  }
  return s;
}

const request = (stages: number): TrainingRequest => ({
  id: "bench", arrivalSec: 0, holdingSec: 1, sourceNode: "1", gpusPerStage: 8, microBatches: 16,
  stageComputeMs: Array.from({ length: stages }, () => 6), activationBytes: 32e6, demandGbps: demandGbps(32e6, 0.006),
});

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
};

const cpu = cpus();
process.stdout.write(
  `machine: ${cpu[0]?.model ?? "?"} × ${cpu.length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, ${process.platform}/${process.arch}, load avg ${loadavg().map((x) => x.toFixed(2)).join(" ")}\n`,
);
process.stdout.write(`solver: HiGHS (npm highs, WASM) via geopipe's backend, time limit ${timeLimitSec} s, ${reps} fill seeds from ${seed0}\n\n`);

// One untimed warm-up solve (worker start-up, WASM compile).
await solveCbaIlp({ network, spectrum: prefilled(0, 0), freeGpus: new Map(network.datacenters.map((d) => [d.id, d.gpus])) }, request(2), highs, { solve: { timeLimitSec } });

const rows: (string | number)[][] = [];
const started = performance.now();
for (const c of configs) {
  const times: number[] = [];
  const binaries: number[] = [];
  const statuses = new Map<string, number>();
  let objective = NaN;
  for (let r = 0; r < reps; r++) {
    const view = { network, spectrum: prefilled(c.fillPct, seed0 + r), freeGpus: new Map(network.datacenters.map((d) => [d.id, d.gpus])) };
    const res = await solveCbaIlp(view, request(c.stages), highs, { k: c.k, maxStartsPerPath: c.maxStarts, solve: { timeLimitSec } });
    times.push(res.solve.timeMs);
    binaries.push(res.candidates + c.stages * network.datacenters.length);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (r === 0 && (res.status === "optimal" || res.status === "feasible")) objective = res.objectiveMs;
  }
  rows.push([
    c.factor, c.k, c.stages, c.fillPct, Number.isFinite(c.maxStarts) ? c.maxStarts : "all",
    median(binaries), Math.round(median(times)), Math.round(Math.max(...times)),
    [...statuses].map(([s, n]) => `${s}×${n}`).join(" "), Number.isFinite(objective) ? objective.toFixed(2) : "–",
  ]);
  process.stderr.write(`${c.factor} k=${c.k} S=${c.stages} fill=${c.fillPct}% starts=${c.maxStarts}: median ${median(times).toFixed(0)} ms\n`);
}
process.stdout.write(textTable(["factor", "k", "S", "load %", "starts/path", "binaries", "median ms", "max ms", "status", "objective ms (seed 1)"], rows) + "\n");
process.stdout.write(`\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
await shutdownHighs();
