/**
 * CrossPipe MILP benchmark: solve time of the schedule MILP against stages S
 * and micro-batches M, with a time limit per solve.
 *
 *   npx tsx bench/crosspipe/run.ts [--limit 10] [--out bench/crosspipe/results.md]
 *
 * Grid: S ∈ {2, 3, 4, 6, 8} × M ∈ {2, 3, 4, 6, 8, 12, 16}. Instance for each (S, M): forward 50/62.5/75 ms repeating over the stages,
 * backward twice forward; every other hop crosses datacenters (25 ms, 5 Gbit/s),
 * the others stay inside one (0.05 ms, 100 Gbit/s); 16.8 MB activations
 * (GPT-3 6.7B, b = 1); memory limit K = 3. Both MILP forms are run, the
 * general one (exact) and the in-order one (a restriction). For each S, once
 * a solve stops at the time limit, larger M are only built, not solved (they
 * would hit it too) — the table says so. Every schedule returned is checked
 * by verifySchedule.
 */
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildScheduleMilp } from "../../src/crosspipe/milpModel.js";
import { milp, type MilpOutcome } from "../../src/crosspipe/milp.js";
import { greedy } from "../../src/crosspipe/greedy.js";
import { makespanSec } from "../../src/crosspipe/schedule.js";
import { verifySchedule } from "../../src/crosspipe/verify.js";
import { shutdownHighs } from "../../src/lp/backends/highs.js";
import { BENCH_MEMORY_LIMIT, benchInstance } from "./instances.js";

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const limitSec = Number(flag("--limit") ?? 10);
const outFile = flag("--out") ?? "bench/crosspipe/results.md";
const STAGES = [2, 3, 4, 6, 8];
const MICRO_BATCHES = [2, 3, 4, 6, 8, 12, 16];


const pkg = (name: string): string => {
  try {
    // The package's own package.json (not always exported, so read it from node_modules).
    const file = path.resolve("node_modules", name, "package.json");
    return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
  } catch {
    return "?";
  }
};
const cpus = os.cpus();
const machine = `${cpus[0]?.model ?? "unknown CPU"} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, load ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}, node ${process.version}, highs ${pkg("highs")}, ${os.platform()} ${os.release()}`;
console.log(`machine: ${machine}`);
console.log(`time limit ${limitSec} s per solve, K = ${BENCH_MEMORY_LIMIT}`);

interface Cell {
  readonly form: "general" | "in-order";
  readonly S: number;
  readonly M: number;
  readonly binaries: number;
  readonly rows: number;
  readonly outcome: MilpOutcome | null;
  readonly greedySec: number;
  readonly verified: boolean;
}
const cells: Cell[] = [];
const began = performance.now();
for (const form of ["general", "in-order"] as const) {
  for (const S of STAGES) {
    let hitLimit = false;
    for (const M of MICRO_BATCHES) {
      const inst = benchInstance(S, M);
      const g = greedy(inst);
      if (hitLimit) {
        const built = buildScheduleMilp(inst, makespanSec(g), { inOrder: form === "in-order" });
        cells.push({
          form, S, M,
          binaries: built.model.variables.filter((v) => v.type === "binary").length,
          rows: built.model.rows.length,
          outcome: null,
          greedySec: makespanSec(g),
          verified: true,
        });
        continue;
      }
      const outcome = await milp(inst, { timeLimitSec: limitSec, inOrder: form === "in-order" });
      const verified = verifySchedule(inst, outcome.schedule).length === 0;
      cells.push({ form, S, M, binaries: outcome.size.binaries, rows: outcome.size.rows, outcome, greedySec: makespanSec(g), verified });
      if (outcome.status !== "optimal") hitLimit = true;
      const c = cells[cells.length - 1]!;
      console.error(`${form} S=${S} M=${M}: ${c.outcome?.status} ${c.outcome?.solveMs.toFixed(0)} ms`);
    }
  }
}
const totalSec = (performance.now() - began) / 1000;
await shutdownHighs();

const statusText = (o: MilpOutcome | null): string =>
  o === null ? "not run (smaller M hit the limit)" : !o.solved ? "optimal (greedy = bound, no solve)" : o.status;
const header = ["form", "S", "M", "binaries", "rows", "solve ms", "status", "gap %", "MILP s", "greedy s", "verified"];
const rows = cells.map((c) => [
  c.form, String(c.S), String(c.M), String(c.binaries), String(c.rows),
  c.outcome === null ? "—" : c.outcome.solveMs.toFixed(0),
  statusText(c.outcome),
  c.outcome === null ? "—" : (100 * c.outcome.gap).toFixed(2),
  c.outcome === null ? "—" : c.outcome.makespanSec.toFixed(3),
  c.greedySec.toFixed(3),
  c.outcome === null ? "—" : c.verified ? "yes" : "NO",
]);
const frontier = (["general", "in-order"] as const).map((form) => {
  const parts = STAGES.map((S) => {
    const proven = cells.filter((c) => c.form === form && c.S === S && c.outcome?.status === "optimal");
    const largest = Math.max(0, ...proven.map((c) => c.M));
    const firstFail = cells.find((c) => c.form === form && c.S === S && c.outcome !== null && c.outcome.status !== "optimal");
    const noSolve = cells.filter((c) => c.form === form && c.S === S && c.outcome !== null && !c.outcome.solved).length;
    const note = noSolve > 0 ? ` (${noSolve} of them without a solve: greedy met the bound)` : "";
    return `S=${S}: proven up to M=${largest}${note}${firstFail ? `, not at M=${firstFail.M} (${firstFail.outcome?.status}, gap ${(100 * (firstFail.outcome?.gap ?? NaN)).toFixed(1)} %)` : ", all M proven"}`;
  });
  return `${form}: ${parts.join("; ")}`;
});
const md = [
  "# CrossPipe MILP benchmark",
  "",
  `Command: \`npx tsx bench/crosspipe/run.ts\` (time limit ${limitSec} s per solve, K = ${BENCH_MEMORY_LIMIT}; total ${totalSec.toFixed(0)} s).`,
  `Machine: ${machine}.`,
  "",
  `| ${header.join(" | ")} |`,
  `|${header.map(() => " --- ").join("|")}|`,
  ...rows.map((r) => `| ${r.join(" | ")} |`),
  "",
  `Where proven optimality within ${limitSec} s stops:`,
  ...frontier.map((f) => `- ${f}`),
  "",
].join("\n");
console.log(md);
writeFileSync(outFile, md);
console.error(`wrote ${outFile}`);
