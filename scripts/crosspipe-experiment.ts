/**
 * CrossPipe experiment: iteration time of GPipe, 1F1B, greedy and the MILP
 * when a pipeline spans datacenters, against inter-datacenter latency,
 * bandwidth and the per-stage memory limit K.
 *
 *   npx tsx scripts/crosspipe-experiment.ts [--quick] [--out experiments/crosspipe/results.md]
 *
 * Pipelines (stage times from the cost model, src/cost, A100 at MFU 0.4, b = 1,
 * one GPU per stage):
 *   - GPT-3 6.7B, S = 4 (8 layers a stage), two datacenters: path a a b b;
 *   - GPT-3 13B,  S = 8 (5 layers a stage), three datacenters: path a a a b b b c c.
 * Every inter-datacenter link gets the same latency and bandwidth; inside a
 * datacenter 100 Gbit/s and 0.05 ms. Heuristics at M = 8 and M = 16; the MILP
 * (in-order form: a restriction, so its bound is the in-order optimum) with a
 * time limit, reporting status and gap as returned. Every schedule goes through
 * verifySchedule; a rejected one stops the run with exit code 1.
 * "ideal" is 1F1B on the same stages with no latency, unlimited bandwidth and no
 * memory limit (= (M + S − 1)·(t_f + t_b) here: the stages are uniform).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { instanceFromPlacement } from "../src/crosspipe/fromPlacement.js";
import { gpipe } from "../src/crosspipe/gpipe.js";
import { greedy } from "../src/crosspipe/greedy.js";
import type { PipelineInstance } from "../src/crosspipe/instance.js";
import { milp, type MilpOutcome } from "../src/crosspipe/milp.js";
import { oneFOneB } from "../src/crosspipe/oneFOneB.js";
import { makespanSec, type Schedule } from "../src/crosspipe/schedule.js";
import { verifySchedule } from "../src/crosspipe/verify.js";
import { createHighsBackend, shutdownHighs } from "../src/lp/backends/highs.js";
import { loadModels } from "../src/model/load.js";
import type { Job, Region, Topology } from "../src/model/types.js";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const outIdx = args.indexOf("--out");
const outFile = outIdx >= 0 ? (args[outIdx + 1] ?? "") : path.join("experiments", "crosspipe", quick ? "results-quick.md" : "results.md");

const A100 = { name: "A100-80GB-SXM", peakTflopsBf16: 312, powerW: 400, memoryGb: 80 };
const region = (id: string): Region => ({
  id,
  cloudRegion: `experiment:${id}`,
  gpus: 64,
  gpu: A100,
  pue: 1.2,
  price: { kind: "constant", usdPerKwh: 0.1 },
  intraBandwidthGbps: 100,
  intraLatencyMs: 0.05,
});
const topology = (latencyMs: number, bandwidthGbps: number): Topology => ({
  name: `dc-${latencyMs}ms-${bandwidthGbps}gbps`,
  regions: [region("a"), region("b"), region("c")],
  links: [
    { a: "a", b: "b", latencyMs, bandwidthGbps },
    { a: "b", b: "c", latencyMs, bandwidthGbps },
    { a: "a", b: "c", latencyMs, bandwidthGbps },
  ],
});

interface Pipeline {
  readonly label: string;
  readonly model: string;
  readonly path: readonly string[];
}
const PIPELINES: readonly Pipeline[] = quick
  ? [{ label: "6.7B S4 2DC", model: "gpt3-6.7b", path: ["a", "a", "b", "b"] }]
  : [
      { label: "6.7B S4 2DC", model: "gpt3-6.7b", path: ["a", "a", "b", "b"] },
      { label: "13B S8 3DC", model: "gpt3-13b", path: ["a", "a", "a", "b", "b", "b", "c", "c"] },
    ];
const LATENCIES_MS = quick ? [0, 25, 100] : [0, 10, 25, 50, 100];
const BANDWIDTHS_GBPS = quick ? [1, 25] : [1, 5, 25];
const MICRO_BATCHES = quick ? [8] : [8, 16];
/** MILP time limit per solve, s, by M (the larger M rarely proves within any short limit). */
const milpLimitSec = (M: number): number => (quick ? 1 : M <= 8 ? 2 : 1);
const memoryLimits = (S: number): number[] => [...new Set([2, 4, S])].filter((k) => k <= S).concat([Infinity]);

const models = loadModels(path.resolve("models"));
const backend = createHighsBackend({ graceSec: 0.5 });

const instanceOf = (p: Pipeline, latencyMs: number, bandwidthGbps: number, M: number, K: number): PipelineInstance => {
  const model = models.get(p.model);
  if (model === undefined) throw new Error(`model ${p.model} not found in models/`);
  const job: Job = { id: p.label, model: p.model, arrivalSec: 0, stages: p.path.length, gpusPerStage: 1, microBatchSize: 1, microBatches: M, iterations: 1, mfu: 0.4 };
  const r = instanceFromPlacement(topology(latencyMs, bandwidthGbps), model, job, p.path, { memoryLimit: K });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

let rejected = 0;
const checked = (inst: PipelineInstance, s: Schedule, what: string): number => {
  const v = verifySchedule(inst, s);
  if (v.length > 0) {
    rejected++;
    console.error(`REJECTED ${what}: ${v.length} violations, first: ${v[0]?.message ?? ""}`);
  }
  return makespanSec(s);
};

interface Result {
  readonly pipeline: string;
  readonly latencyMs: number;
  readonly bandwidthGbps: number;
  readonly K: number;
  readonly M: number;
  readonly ideal: number;
  readonly gpipe: number;
  readonly f1b: number;
  readonly greedy: number;
  readonly greedyName: string;
  readonly milp: MilpOutcome;
}

const results: Result[] = [];
const began = performance.now();
for (const p of PIPELINES) {
  const S = p.path.length;
  for (const M of MICRO_BATCHES) {
    const base = instanceOf(p, 0, 1, M, Infinity);
    const idealInst: PipelineInstance = { ...base, hops: base.hops.map((h) => ({ ...h, latencyMs: 0, bandwidthGbps: Infinity })) };
    const ideal = checked(idealInst, oneFOneB(idealInst), "ideal");
    for (const latencyMs of LATENCIES_MS) {
      for (const bandwidthGbps of BANDWIDTHS_GBPS) {
        for (const K of memoryLimits(S)) {
          const inst = instanceOf(p, latencyMs, bandwidthGbps, M, K);
          const what = `${p.label} L=${latencyMs} B=${bandwidthGbps} K=${K} M=${M}`;
          const g = greedy(inst);
          const outcome = await milp(inst, { backend, inOrder: true, timeLimitSec: milpLimitSec(M) });
          results.push({
            pipeline: p.label,
            latencyMs,
            bandwidthGbps,
            K,
            M,
            ideal,
            gpipe: checked(inst, gpipe(inst), `${what} gpipe`),
            f1b: checked(inst, oneFOneB(inst), `${what} 1f1b`),
            greedy: checked(inst, g, `${what} greedy`),
            greedyName: g.name,
            milp: outcome,
          });
          checked(inst, outcome.schedule, `${what} milp`);
        }
      }
    }
  }
}
const elapsedSec = (performance.now() - began) / 1000;
await shutdownHighs();

// ---- tables ----
const red = (base: number, x: number): string => `${((100 * (base - x)) / base).toFixed(1)}`;
const kText = (K: number): string => (K === Infinity ? "none" : String(K));
const status = (o: MilpOutcome): string =>
  !o.solved ? "opt (greedy = bound)" : o.status === "optimal" ? "opt" : `${o.status} gap ${(100 * o.gap).toFixed(1)} %`;
const header = [
  "pipeline", "M", "lat ms", "bw Gbit/s", "K", "ideal s", "GPipe s", "1F1B s", "greedy s", "MILP s",
  "greedy vs GPipe %", "greedy vs 1F1B %", "MILP vs GPipe %", "MILP vs 1F1B %", "MILP / ideal", "MILP status", "greedy = ",
];
const rows = results.map((r) => [
  r.pipeline, String(r.M), String(r.latencyMs), String(r.bandwidthGbps), kText(r.K), r.ideal.toFixed(3),
  r.gpipe.toFixed(3), r.f1b.toFixed(3), r.greedy.toFixed(3), r.milp.makespanSec.toFixed(3),
  red(r.gpipe, r.greedy), red(r.f1b, r.greedy), red(r.gpipe, r.milp.makespanSec), red(r.f1b, r.milp.makespanSec),
  (r.milp.makespanSec / r.ideal).toFixed(3), status(r.milp), r.greedyName,
]);
const md = (h: readonly string[], rs: ReadonlyArray<readonly string[]>): string =>
  [`| ${h.join(" | ")} |`, `|${h.map(() => " --- ").join("|")}|`, ...rs.map((r) => `| ${r.join(" | ")} |`)].join("\n");

// Summary per pipeline, M and K: mean and max reductions over latency × bandwidth.
const summaryRows: string[][] = [];
for (const p of PIPELINES) {
  for (const M of MICRO_BATCHES) {
    for (const K of memoryLimits(p.path.length)) {
      const rs = results.filter((r) => r.pipeline === p.label && r.M === M && r.K === K);
      const stat = (f: (r: Result) => number): string => {
        const xs = rs.map(f);
        return `${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1)} / ${Math.max(...xs).toFixed(1)}`;
      };
      const pct = (base: (r: Result) => number, x: (r: Result) => number) => (r: Result) => (100 * (base(r) - x(r))) / base(r);
      const proven = rs.filter((r) => r.milp.status === "optimal").length;
      summaryRows.push([
        p.label, String(M), kText(K),
        stat(pct((r) => r.gpipe, (r) => r.greedy)), stat(pct((r) => r.f1b, (r) => r.greedy)),
        stat(pct((r) => r.gpipe, (r) => r.milp.makespanSec)), stat(pct((r) => r.f1b, (r) => r.milp.makespanSec)),
        stat((r) => r.milp.makespanSec / r.ideal),
        `${proven}/${rs.length}`,
      ]);
    }
  }
}
const summaryHeader = [
  "pipeline", "M", "K", "greedy vs GPipe % (mean / max)", "greedy vs 1F1B %", "MILP vs GPipe %", "MILP vs 1F1B %", "MILP / ideal (mean / max)", "MILP proven (in-order)",
];
// Relaxed memory: MILP / ideal by latency × bandwidth at the largest M.
const relaxedTables = PIPELINES.map((p) => {
  const M = Math.max(...MICRO_BATCHES);
  const cell = (L: number, B: number): string => {
    const r = results.find((x) => x.pipeline === p.label && x.M === M && x.K === Infinity && x.latencyMs === L && x.bandwidthGbps === B);
    return r === undefined ? "—" : `${(r.milp.makespanSec / r.ideal).toFixed(3)} (1F1B ${(r.f1b / r.ideal).toFixed(3)})`;
  };
  return [
    `${p.label}, M = ${M}, K = none: MILP / ideal (1F1B / ideal in brackets). The 1 Gbit/s column is transmission-bound: sending one activation takes longer than a forward.`,
    "",
    md(["latency ms", ...BANDWIDTHS_GBPS.map((B) => `${B} Gbit/s`)], LATENCIES_MS.map((L) => [String(L), ...BANDWIDTHS_GBPS.map((B) => cell(L, B))])),
    "",
  ].join("\n");
});
const maxOf = (f: (r: Result) => number, filter: (r: Result) => boolean = () => true): string =>
  Math.max(...results.filter(filter).map(f)).toFixed(1);
const limited = (r: Result): boolean => r.K !== Infinity;
const text = [
  `# CrossPipe experiment${quick ? " (--quick)" : ""}`,
  "",
  `Command: \`npx tsx scripts/crosspipe-experiment.ts${quick ? " --quick" : ""}\`. ${results.length} configurations, ${elapsedSec.toFixed(0)} s wall time; ` +
    `every schedule passed verifySchedule: ${rejected === 0 ? "yes" : `NO (${rejected} rejected)`}.`,
  "",
  "Setup: stage times from the cost model (A100, MFU 0.4, b = 1, one GPU a stage; GPT-3 6.7B: t_f = 57 ms, t_b = 115 ms a stage; GPT-3 13B S = 8: about 55 / 110 ms);",
  "all inter-datacenter links share the row's latency and bandwidth; activations b·s·h·2 bytes (16.8 MB for 6.7B, 21 MB for 13B). K = memory limit in micro-batches",
  "per stage (none = unlimited). Reductions are (baseline − x) / baseline at the same K; positive = faster. MILP = in-order form",
  `(restriction; its proof is of the in-order optimum), time limit ${MICRO_BATCHES.map((M) => `${milpLimitSec(M)} s at M = ${M}`).join(", ")}; "opt (greedy = bound)": greedy met the`,
  "combinatorial lower bound, no solve needed. ideal = 1F1B with no latency and unlimited bandwidth on every hop (also inside a datacenter), no memory limit.",
  "",
  "Paper's claim (CrossPipe, ATC 2025, abstract): up to 33.6 % shorter training time than GPipe/1F1B under the same memory limit; near the no-delay ideal",
  "when memory is relaxed. Ours, same memory limit (K ≠ none): max MILP reduction vs GPipe " +
    `${maxOf((r) => (100 * (r.gpipe - r.milp.makespanSec)) / r.gpipe, limited)} %, vs 1F1B ${maxOf((r) => (100 * (r.f1b - r.milp.makespanSec)) / r.f1b, limited)} %; ` +
    `greedy vs GPipe ${maxOf((r) => (100 * (r.gpipe - r.greedy)) / r.gpipe, limited)} %, vs 1F1B ${maxOf((r) => (100 * (r.f1b - r.greedy)) / r.f1b, limited)} %. ` +
    `Relaxed memory (K = none): MILP / ideal at most ${maxOf((r) => r.milp.makespanSec / r.ideal, (r) => !limited(r))}` +
    `; it grows with latency and shrinks with bandwidth (tables below). The MILP figure is the in-order optimum or an incumbent, not a proven global optimum. These are our instances and our schedulers, not the paper's.`,
  "",
  "## Summary (over all latencies and bandwidths)",
  "",
  md(summaryHeader, summaryRows),
  "",
  "## Relaxed memory against the no-delay ideal",
  "",
  ...relaxedTables,
  "## All configurations",
  "",
  md(header, rows),
  "",
].join("\n");
console.log(text);
if (outFile !== "") {
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, text);
  console.error(`wrote ${outFile}`);
}
process.exitCode = rejected > 0 ? 1 : 0;
