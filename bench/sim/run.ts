/**
 * Simulator benchmark: CPU time of `simulate` (verifier included) for every
 * scheduling policy, on growing generated workloads, on a Philly-format
 * stand-in trace, on topologies of growing region counts, and the main job.
 *
 *   npx tsx bench/sim/run.ts [--suite jobs,philly,regions,main] [--before REV]
 *        [--sizes 1000,2000,4000,8000] [--schedulers all] [--seed 1] [--load 0.5]
 *        [--before-max-jobs 8000] [--regions 6,12,20,40,63] [--region-jobs 200]
 *        [--before-max-regions 20] [--philly-load 0.5] [--data ../shared/data]
 *        [--code dist|src]
 *
 * The cells time each tree's `dist/` (`--code dist`, the default), compiled
 * by `tsc -p tsconfig.build.json` in that tree at the start of the run: the
 * code users run (`npx geopipe`, `npm start`). `--code src` times `src/`
 * through tsx's loader instead (esbuild's output), as runs before 2026-12-01
 * did; bench/README.md has the two side by side.
 *
 * Every timed run is its own child process (`cell.ts`): one untimed warm-up
 * on the first 50 jobs, then the run; its CPU time is `process.cpuUsage()` of
 * that child around the `simulate` call (all threads, GC included), so load
 * from other processes on a shared machine changes it little, unlike wall
 * time. With `--before REV`, each cell is also run on revision REV (extracted
 * by `git archive` into a temporary folder) on the same input, and the table
 * shows both side by side with the speed-up and whether the two runs wrote
 * the same `jobs.csv` (SHA-256). Suites:
 *
 * - `jobs`: `generateWorkload` (default mix, `--seed`, `--load`) on the
 *   default topology at each of `--sizes`; events/s, the local growth exponent
 *   `k = log(t₂/t₁)/log(n₂/n₁)` and a least-squares `k` over all sizes.
 * - `philly`: BACE-Pipe on the Philly stand-in (`phillyStandIn.ts`, ≈ 80,000
 *   jobs) on the default topology; RSS and heap every 10,000 jobs resolved.
 * - `regions`: 200 generated jobs on the first n regions of the Skyplane grid
 *   (`gridTopology.ts`) for each n of `--regions`; time relative to the
 *   smallest rung and peak RSS.
 * - `main`: the main job (`node dist/cli/main.js compare --config
 *   experiments/default.json --workers 2`, dist/ rebuilt first) in each tree,
 *   wall and CPU time (bash's `time`, children included).
 *
 * Progress goes to stderr, tables to stdout.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { regionSequences } from "../../src/bace/regionGraph.js";
import { textTable } from "../../src/cli/table.js";
import { SCHEDULER_NAMES } from "../../src/schedulers.js";
import type { CellResult, CellSpec, TimedCode } from "./cell.js";
import { generatedInput, gridInput, phillyInput, type BuiltInput } from "./inputs.js";
import { currentTree, revisionTree, ROOT, type SourceTree } from "./tree.js";

const SUITES = ["jobs", "philly", "regions", "main"] as const;
const WARMUP_JOBS = 50;

interface RunOptions {
  readonly suites: readonly string[];
  readonly before: string | null;
  readonly sizes: readonly number[];
  readonly schedulers: readonly string[];
  readonly seed: number;
  readonly load: number;
  readonly beforeMaxJobs: number;
  readonly regions: readonly number[];
  readonly regionJobs: number;
  readonly beforeMaxRegions: number;
  readonly phillyLoad: number;
  readonly data: string;
  readonly cellTimeoutSec: number;
  readonly code: TimedCode;
}

const ints = (flag: string, text: string): number[] => {
  const xs = text.split(",").map((s) => Number(s.trim()));
  if (xs.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`${flag}: expected positive integers, got "${text}"`);
  return [...xs].sort((a, b) => a - b);
};

function timedCode(text: string): TimedCode {
  if (text !== "dist" && text !== "src") throw new Error(`--code: expected "dist" or "src", got "${text}"`);
  return text;
}

function parseArgs(argv: readonly string[]): RunOptions {
  const cmd = new Command("bench:sim")
    .option("--suite <list>", `comma-separated suites of ${SUITES.join(",")}`, "jobs")
    .option("--before <rev>", "also time git revision REV on the same inputs, side by side")
    .option("--sizes <list>", "job counts of the jobs suite", "1000,2000,4000,8000")
    .option("--schedulers <list>", `comma-separated policies, or "all" (${SCHEDULER_NAMES.join(", ")})`, "all")
    .option("--seed <n>", "seed of the workload generator and the Philly stand-in", "1")
    .option("--load <rho>", "target load of the generated workloads", "0.5")
    .option("--before-max-jobs <n>", "largest size the before tree is timed at", "8000")
    .option("--regions <list>", "region counts of the regions suite", "6,12,20,40,63")
    .option("--region-jobs <n>", "generated jobs per rung of the regions suite", "200")
    .option("--before-max-regions <n>", "largest rung the before tree is timed at", "20")
    .option("--philly-load <rho>", "offered load the Philly stand-in's arrivals are scaled to", "0.5")
    .option("--data <dir>", "the shared data folder (Skyplane grid, Philly subset)", join(ROOT, "..", "shared", "data"))
    .option("--cell-timeout <s>", "kill a cell after this many seconds", "3600")
    .option("--code <dist|src>", "code the cells time: dist/ compiled by tsc in each tree (what npx geopipe and npm start run), or src/ through tsx", "dist");
  cmd.parse([...argv], { from: "user" });
  const o = cmd.opts<Record<string, string | undefined>>();
  const suites = o.suite!.split(",").map((s) => s.trim());
  for (const s of suites) if (!(SUITES as readonly string[]).includes(s)) throw new Error(`--suite: unknown suite "${s}"; use a subset of ${SUITES.join(",")}`);
  const names: readonly string[] = SCHEDULER_NAMES;
  const schedulers = o.schedulers === "all" ? [...names] : o.schedulers!.split(",").map((s) => s.trim());
  for (const s of schedulers) if (!names.includes(s)) throw new Error(`--schedulers: unknown policy "${s}"; use "all" or a subset of ${names.join(",")}`);
  const num = (flag: string, v: string | undefined, ok: (x: number) => boolean): number => {
    const x = Number(v);
    if (!ok(x)) throw new Error(`${flag}: bad value "${v}"`);
    return x;
  };
  return {
    suites,
    before: o.before ?? null,
    sizes: ints("--sizes", o.sizes!),
    schedulers,
    seed: num("--seed", o.seed, Number.isInteger),
    load: num("--load", o.load, (x) => x > 0),
    beforeMaxJobs: num("--before-max-jobs", o.beforeMaxJobs, (x) => x >= 0),
    regions: ints("--regions", o.regions!),
    regionJobs: num("--region-jobs", o.regionJobs, (x) => Number.isInteger(x) && x > 0),
    beforeMaxRegions: num("--before-max-regions", o.beforeMaxRegions, (x) => x >= 0),
    phillyLoad: num("--philly-load", o.phillyLoad, (x) => x > 0),
    data: o.data!,
    cellTimeoutSec: num("--cell-timeout", o.cellTimeout, (x) => x > 0),
    code: timedCode(o.code!),
  };
}

/** The code the cells time (`--code`), set once by `main`. */
let timed: TimedCode = "dist";

/** `tsc -p tsconfig.build.json` in `tree` (writes its dist/); the compiler's output when it fails. */
function buildDist(tree: SourceTree): string | null {
  const build = spawnSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: tree.root, encoding: "utf8" });
  return build.status === 0 ? null : `${build.stdout}${build.stderr}`;
}

const cellDir = mkdtempSync(join(tmpdir(), "geopipe-bench-sim-"));
let cellCount = 0;

/** Runs one cell in a child process; `null` when it failed or timed out (reason on stderr). */
function runCell(tree: SourceTree, scheduler: string, input: BuiltInput, memoryEvery: number, timeoutSec: number): CellResult | null {
  const spec: CellSpec = { root: tree.root, code: timed, scheduler, inputFile: input.file, warmupJobs: WARMUP_JOBS, memoryEvery };
  const file = join(cellDir, `cell-${cellCount++}.json`);
  writeFileSync(file, JSON.stringify(spec));
  const r = spawnSync(process.execPath, ["--max-old-space-size=8192", "--import", "tsx", join(ROOT, "bench", "sim", "cell.ts"), file], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 2 ** 20,
    timeout: timeoutSec * 1000,
  });
  if (r.status !== 0) {
    process.stderr.write(`  ${tree.label} ${scheduler}: cell failed (${r.signal ?? `exit ${r.status}`}): ${(r.stderr ?? "").trim().split("\n").slice(-3).join(" | ")}\n`);
    return null;
  }
  const result = JSON.parse(r.stdout.trim().split("\n").at(-1)!) as CellResult;
  process.stderr.write(`  ${tree.label} ${scheduler} ${input.jobs.length} jobs on ${input.topology.regions.length} regions: ${(result.cpuMs / 1000).toFixed(2)} s CPU\n`);
  return result;
}

const r2 = (x: number): number => Number(x.toFixed(2));
const sec = (c: CellResult | null): string | number => (c === null ? "-" : r2(c.cpuMs / 1000));
const rate = (c: CellResult | null): string | number => (c === null ? "-" : Math.round(c.events / (c.cpuMs / 1000)));
const speedUp = (b: CellResult | null, a: CellResult | null): string => (b === null || a === null ? "-" : `${(b.cpuMs / a.cpuMs).toFixed(1)}×`);
const same = (b: CellResult | null, a: CellResult | null): string => (b === null || a === null ? "-" : b.csvSha256 === a.csvSha256 ? "same" : "DIFFER");

/** Least-squares slope of ln(t) against ln(n). */
function fitExponent(points: readonly { n: number; t: number }[]): number {
  if (points.length < 2) return NaN;
  const xs = points.map((p) => Math.log(p.n));
  const ys = points.map((p) => Math.log(p.t));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * (ys[i]! - my);
    den += (x - mx) ** 2;
  });
  return den > 0 ? num / den : NaN;
}

function jobsSuite(o: RunOptions, after: SourceTree, before: SourceTree | null): void {
  const inputs = o.sizes.map((n) => generatedInput(n, o.seed, o.load));
  const rows: (string | number)[][] = [];
  const fits: (string | number)[][] = [];
  for (const name of o.schedulers) {
    const pts = { before: [] as { n: number; t: number }[], after: [] as { n: number; t: number }[] };
    for (const input of inputs) {
      const n = input.jobs.length;
      const b = before !== null && n <= o.beforeMaxJobs ? runCell(before, name, input, 0, o.cellTimeoutSec) : null;
      const a = runCell(after, name, input, 0, o.cellTimeoutSec);
      const prev = pts.after.at(-1);
      if (b !== null) pts.before.push({ n, t: b.cpuMs });
      if (a !== null) pts.after.push({ n, t: a.cpuMs });
      const k = a !== null && prev !== undefined ? r2(Math.log(a.cpuMs / prev.t) / Math.log(n / prev.n)) : "-";
      const s = (a ?? b)?.summary;
      rows.push([name, n, (a ?? b)?.events ?? "-", sec(b), sec(a), speedUp(b, a), rate(b), rate(a), a === null ? "-" : r2(a.wallMs / 1000), k, same(b, a), s === undefined ? "-" : r2(s.meanJctSec / 3600)]);
    }
    fits.push([name, pts.before.map((p) => p.n).join(",") || "-", pts.before.length > 1 ? r2(fitExponent(pts.before)) : "-", pts.after.map((p) => p.n).join(","), r2(fitExponent(pts.after))]);
  }
  console.log(`jobs suite: generateWorkload({ seed: ${o.seed}, load: ${o.load}, default mix }) on instances/default/topology.json`);
  console.log(textTable(["scheduler", "jobs", "events", "before CPU s", "after CPU s", "speed-up", "before ev/s", "after ev/s", "after wall s", "k after", "records", "mean JCT h"], rows));
  console.log("");
  console.log("fitted exponent k of CPU time ∝ jobs^k (least squares on log-log):");
  console.log(textTable(["scheduler", "before sizes", "k before", "after sizes", "k after"], fits));
  console.log("");
}

function phillySuite(o: RunOptions, after: SourceTree, before: SourceTree | null): void {
  const input = phillyInput(o.data, o.seed, o.phillyLoad);
  const every = 10_000;
  const runs = [...(before === null ? [] : [["before", runCell(before, "bace", input, every, o.cellTimeoutSec)] as const]), ["after", runCell(after, "bace", input, every, o.cellTimeoutSec)] as const];
  const one = input.jobs.filter((j) => j.stages * j.gpusPerStage === 1).length;
  console.log(`philly suite: bace on the Philly stand-in (seed ${o.seed}, ${input.jobs.length} jobs, ${((100 * one) / input.jobs.length).toFixed(1)} % on 1 GPU, arrivals scaled to offered load ${o.phillyLoad}) on instances/default/topology.json`);
  console.log(
    textTable(
      ["tree", "commit", "jobs", "events", "CPU s", "wall s", "events/s", "peak RSS MB", "finished", "unsched.", "mean JCT h", "records"],
      runs.map(([label, c]) => {
        const tree = label === "before" ? before! : after;
        return [label, tree.commit, input.jobs.length, c?.events ?? "-", sec(c), c === null ? "-" : r2(c.wallMs / 1000), rate(c), c === null ? "-" : Math.round(c.maxRssMb), c?.summary.finished ?? "-", c?.summary.unschedulable ?? "-", c === null ? "-" : r2(c.summary.meanJctSec / 3600), same(runs[0]![1], runs.at(-1)![1])];
      }),
    ),
  );
  const header = ["jobs resolved", ...runs.flatMap(([label]) => [`${label} RSS MB`, `${label} heap MB`, `${label} heap KB/job`])];
  const samples = runs.map(([, c]) => new Map((c?.memory ?? []).map((m) => [m.jobs, m] as const)));
  const ns = [...new Set(samples.flatMap((s) => [...s.keys()]))].sort((a, b) => a - b);
  console.log(
    textTable(
      header,
      ns.map((n) => [
        n,
        ...samples.flatMap((s): (string | number)[] => {
          const m = s.get(n);
          return m === undefined ? ["-", "-", "-"] : [Math.round(m.rssMb), Math.round(m.heapMb), r2((m.heapMb * 1024) / n)];
        }),
      ]),
    ),
  );
  console.log("");
}

function regionsSuite(o: RunOptions, after: SourceTree, before: SourceTree | null): void {
  const inputs = o.regions.map((n) => gridInput(o.data, n, o.regionJobs, o.seed, o.load));
  const rows: (string | number)[][] = [];
  for (const name of o.schedulers) {
    let base: CellResult | null = null;
    for (const input of inputs) {
      const n = input.topology.regions.length;
      const b = before !== null && n <= o.beforeMaxRegions ? runCell(before, name, input, 0, o.cellTimeoutSec) : null;
      const a = runCell(after, name, input, 0, o.cellTimeoutSec);
      base ??= a;
      rows.push([
        name, n, input.topology.links.length, regionSequences(input.topology, 3).length, sec(b), sec(a), speedUp(b, a),
        a === null || base === null ? "-" : `${(a.cpuMs / base.cpuMs).toFixed(2)}×`,
        b === null ? "-" : Math.round(b.maxRssMb), a === null ? "-" : Math.round(a.maxRssMb), same(b, a),
      ]);
    }
  }
  console.log(`regions suite: generateWorkload({ seed: ${o.seed}, jobs: ${o.regionJobs}, load: ${o.load} }) on the first n regions of the Skyplane grid (bench/sim/gridTopology.ts)`);
  console.log(textTable(["scheduler", "regions", "links", "paths ≤ 3", "before CPU s", "after CPU s", "speed-up", `after × ${o.regions[0]}-region`, "before RSS MB", "after RSS MB", "records"], rows));
  console.log("");
}

/** Builds dist/ in `tree` and runs the main job there; wall and CPU seconds from bash's `time`. */
function mainJob(tree: SourceTree): { wallSec: number; cpuSec: number; ok: boolean; tail: string } {
  const failed = buildDist(tree);
  if (failed !== null) return { wallSec: NaN, cpuSec: NaN, ok: false, tail: `build failed: ${failed}` };
  const out = mkdtempSync(join(tmpdir(), "geopipe-main-job-"));
  const script = `TIMEFORMAT='%R %U %S'; { time node dist/cli/main.js compare --config experiments/default.json --workers 2 --quiet --out "${out}" > "${out}/stdout.txt" 2> "${out}/stderr.txt"; } 2> "${out}/time.txt"; echo $? > "${out}/code.txt"`;
  spawnSync("bash", ["-c", script], { cwd: tree.root, encoding: "utf8" });
  const [wall, user, sys] = spawnSync("cat", [join(out, "time.txt")], { encoding: "utf8" }).stdout.trim().split(/\s+/).map(Number) as [number, number, number];
  const code = spawnSync("cat", [join(out, "code.txt")], { encoding: "utf8" }).stdout.trim();
  const tail = spawnSync("tail", ["-n", "3", join(out, "stderr.txt")], { encoding: "utf8" }).stdout.trim();
  return { wallSec: wall, cpuSec: user + sys, ok: code === "0", tail };
}

function mainSuite(after: SourceTree, before: SourceTree | null): void {
  const rows: (string | number)[][] = [];
  for (const tree of before === null ? [after] : [before, after]) {
    process.stderr.write(`  main job in ${tree.label} (${tree.commit})…\n`);
    const r = mainJob(tree);
    if (!r.ok) process.stderr.write(`  main job in ${tree.label} failed: ${r.tail}\n`);
    rows.push([tree.label, tree.commit, r2(r.wallSec), r2(r.cpuSec), r.ok ? "ok" : "FAILED"]);
  }
  console.log("main job: node dist/cli/main.js compare --config experiments/default.json --workers 2 (96 cells, gaps on)");
  console.log(textTable(["tree", "commit", "wall s", "CPU s", "exit"], rows));
  console.log("");
}

function main(): void {
  const o = parseArgs(process.argv.slice(2));
  const cpu = cpus();
  const after = currentTree();
  const before = o.before === null ? null : revisionTree(o.before);
  console.log(`node ${process.version} on ${process.platform}/${process.arch}; CPU: ${cpu[0]?.model ?? "unknown"} × ${cpu.length}, RAM ${(totalmem() / 2 ** 30).toFixed(1)} GiB, load average ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  timed = o.code;
  const cellSuites = o.suites.some((s) => s !== "main");
  if (cellSuites && timed === "dist") {
    for (const tree of before === null ? [after] : [before, after]) {
      process.stderr.write(`  building dist/ in ${tree.label} (${tree.commit})…\n`);
      const failed = buildDist(tree);
      if (failed !== null) throw new Error(`tsc -p tsconfig.build.json failed in the ${tree.label} tree (${tree.root}): ${failed.trim().split("\n").slice(0, 3).join(" | ")}`);
    }
  }
  console.log(`after: ${after.commit}${before === null ? "" : `; before: ${before.commit}`}; CPU s = process.cpuUsage() of the cell's child process around simulate (verifier included)`);
  if (cellSuites) {
    console.log(
      timed === "dist"
        ? "timed code: each tree's dist/, compiled by `tsc -p tsconfig.build.json` just before (what `npx geopipe` and `npm start` run)"
        : "timed code: each tree's src/ through tsx's loader (esbuild; older runs in bench/README.md timed this)",
    );
  }
  console.log("");
  mkdirSync(join(ROOT, "bench", "out"), { recursive: true });
  if (o.suites.includes("jobs")) jobsSuite(o, after, before);
  if (o.suites.includes("philly")) phillySuite(o, after, before);
  if (o.suites.includes("regions")) regionsSuite(o, after, before);
  if (o.suites.includes("main")) mainSuite(after, before);
}

try {
  main();
} catch (e: unknown) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 2;
}
