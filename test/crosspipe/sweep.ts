/**
 * Reproducible sweep behind the figures in docs/crosspipe.md (not a test):
 *   npx tsx test/crosspipe/sweep.ts [instances=30] [seed=1] [timeLimitSec=2] [memoryLimit=4] [svgPath]
 * Geo-distributed 4-stage pipelines, M = 8, memory limit K (default 4 = S), stage
 * times 0.1–0.3 s forward (backward 2×), hops 1–150 ms and 1–10 Gbit/s,
 * 21 MB activations (b = 1, s = 2048, h = 5120, bf16). Prints one line per
 * instance and a summary; writes the Gantt charts of the first instance to
 * `svgPath`-<algorithm>.svg when given.
 */
import { writeFileSync } from "node:fs";
import { compareSchedules } from "../../src/crosspipe/compare.js";
import { ganttSvg } from "../../src/crosspipe/gantt.js";
import type { PipelineInstance } from "../../src/crosspipe/instance.js";
import { createHighsBackend, shutdownHighs } from "../../src/lp/backends/highs.js";
import { mulberry32 } from "../../src/util/rng.js";

const n = Number(process.argv[2] ?? 30);
const rand = mulberry32(Number(process.argv[3] ?? 1));
const timeLimitSec = Number(process.argv[4] ?? 2);
const memoryLimit = Number(process.argv[5] ?? 4);
const svgPath = process.argv[6];
const backend = createHighsBackend({ mode: "inline" });
const S = 4;
const uniform = (lo: number, hi: number): number => lo + (hi - lo) * rand();
const sum = { greedyVsBest: 0, milpVsBest: 0, greedyVsWorst: 0, milpVsWorst: 0, maxMilpVsBest: 0, maxMilpVsWorst: 0, optimal: 0, milpBeatsGreedy: 0, maxSolveMs: 0, totalSolveMs: 0 };
for (let i = 0; i < n; i++) {
  const forwardSec = Array.from({ length: S }, () => Math.round(uniform(0.1, 0.3) * 1000) / 1000);
  const inst: PipelineInstance = {
    microBatches: 8,
    forwardSec,
    backwardSec: forwardSec.map((t) => 2 * t),
    hops: Array.from({ length: S - 1 }, () => ({
      latencyMs: Math.round(uniform(1, 150)),
      bandwidthGbps: Math.round(uniform(1, 10) * 10) / 10,
      activationBytes: 1 * 2048 * 5120 * 2,
    })),
    memoryLimit,
  };
  const { rows, milp } = await compareSchedules(inst, { milp: { backend, inOrder: true, timeLimitSec } });
  const span = (name: string): number => rows.find((r) => r.algorithm === name)!.stats.makespanSec;
  const bad = rows.filter((r) => r.violations > 0).map((r) => r.algorithm);
  const best = Math.min(span("gpipe"), span("1f1b"));
  const worst = Math.max(span("gpipe"), span("1f1b"));
  const g = span("greedy");
  const m = span("milp");
  sum.greedyVsBest += 1 - g / best;
  sum.milpVsBest += 1 - m / best;
  sum.greedyVsWorst += 1 - g / worst;
  sum.milpVsWorst += 1 - m / worst;
  sum.maxMilpVsBest = Math.max(sum.maxMilpVsBest, 1 - m / best);
  sum.maxMilpVsWorst = Math.max(sum.maxMilpVsWorst, 1 - m / worst);
  if (milp?.status === "optimal") sum.optimal++;
  sum.maxSolveMs = Math.max(sum.maxSolveMs, milp?.solveMs ?? 0);
  sum.totalSolveMs += milp?.solveMs ?? 0;
  if (m < g - 1e-9) sum.milpBeatsGreedy++;
  console.log(
    `#${i} gpipe ${span("gpipe").toFixed(3)} 1f1b ${span("1f1b").toFixed(3)} greedy ${g.toFixed(3)} (${rows.find((r) => r.algorithm === "greedy")!.schedule.name}) milp ${m.toFixed(3)} ${milp?.status} gap ${(milp?.gap ?? NaN).toFixed(4)}${bad.length ? ` INVALID: ${bad.join(",")}` : ""}`,
  );
  if (i === 0 && svgPath !== undefined) {
    for (const r of rows) writeFileSync(`${svgPath}-${r.algorithm.replace(/[()]/g, "_")}.svg`, ganttSvg(inst, r.schedule));
  }
}
const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
console.log(
  `instances ${n}: mean reduction vs best of GPipe/1F1B: greedy ${pct(sum.greedyVsBest / n)}, milp ${pct(sum.milpVsBest / n)} (max ${pct(sum.maxMilpVsBest)}); ` +
    `vs worse of the two: greedy ${pct(sum.greedyVsWorst / n)}, milp ${pct(sum.milpVsWorst / n)} (max ${pct(sum.maxMilpVsWorst)}); ` +
    `milp optimal ${sum.optimal}/${n}, milp < greedy ${sum.milpBeatsGreedy}/${n}; solve mean ${(sum.totalSolveMs / n).toFixed(0)} ms, max ${sum.maxSolveMs.toFixed(0)} ms`,
);
await shutdownHighs();
