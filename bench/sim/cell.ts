/**
 * One timed simulation in its own process (spawned by `bench/sim/run.ts`):
 *
 *   npx tsx bench/sim/cell.ts CELL.json
 *
 * CELL.json names the source tree to run (`root`), which of its code to time
 * (`code`: the tsc-compiled `dist/`, what `npx geopipe` and `npm start` run,
 * or `src/` through tsx's loader), the scheduler, the input file (a topology
 * and jobs as JSON, built once by the parent so every tree gets the same
 * input), the warm-up size and how often to sample memory. The cell imports
 * `simulate` and the scheduler registry from that code of `root`, simulates
 * the first `warmupJobs` jobs once untimed (JIT warm-up), then the whole
 * input, and prints one JSON line: CPU time of this process around the
 * timed `simulate` call (`process.cpuUsage`, every thread: GC included; the
 * verifier that `simulate` runs on every result included), wall time,
 * events, the summary, the SHA-256 of the `jobs.csv` text `geopipe simulate`
 * would write (this checkout's writer, whatever the tree), peak RSS, and RSS
 * and heap every `memoryEvery` resolved jobs.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { jobsCsv } from "../../src/cli/simulate.js";
import type { Job, LlmModel, Topology } from "../../src/model/types.js";
import type { SimInput, SimOptions, SimResult } from "../../src/sim/result.js";
import type { Scheduler } from "../../src/sim/types.js";

/** Which code of a tree a cell times (see {@link CellSpec.code}). */
export type TimedCode = "dist" | "src";

/** What the parent asks a cell to run. */
export interface CellSpec {
  /** Source tree root (holds `src/` and `models/`, and `dist/` when `code` is "dist"). */
  readonly root: string;
  /** The code timed: `dist/` as compiled by `tsc -p tsconfig.build.json` (built by the parent), or `src/` as tsx's loader compiles it. */
  readonly code: TimedCode;
  /** Scheduler name. */
  readonly scheduler: string;
  /** JSON file `{ topology, jobs }`. */
  readonly inputFile: string;
  /** Jobs of the untimed warm-up run. */
  readonly warmupJobs: number;
  /** Sample memory every this many resolved jobs (0: never). */
  readonly memoryEvery: number;
}

/** One memory sample. */
export interface MemorySample {
  /** Jobs resolved so far. */
  readonly jobs: number;
  /** Resident set size, MB. */
  readonly rssMb: number;
  /** V8 heap used, MB. */
  readonly heapMb: number;
}

/** What a cell prints. */
export interface CellResult {
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly events: number;
  readonly summary: SimResult["summary"];
  readonly csvSha256: string;
  readonly maxRssMb: number;
  readonly memory: readonly MemorySample[];
}

const MB = 2 ** 20;

async function main(): Promise<void> {
  const spec = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as CellSpec;
  const [dir, ext] = spec.code === "dist" ? ["dist", ".js"] : ["src", ".ts"];
  const from = (module: string) => import(pathToFileURL(join(spec.root, dir, module + ext)).href);
  const { simulate } = (await from("sim/simulate")) as { simulate: (i: SimInput, s: Scheduler, o?: SimOptions) => SimResult };
  const { getScheduler } = (await from("schedulers")) as { getScheduler: (name: string) => Scheduler };
  const { loadModels } = (await from("model/load")) as { loadModels: (dir: string) => ReadonlyMap<string, LlmModel> };
  const data = JSON.parse(readFileSync(spec.inputFile, "utf8")) as { topology: Topology; jobs: Job[] };
  const input: SimInput = { topology: data.topology, models: loadModels(join(spec.root, "models")), jobs: data.jobs };

  simulate({ ...input, jobs: input.jobs.slice(0, spec.warmupJobs) }, getScheduler(spec.scheduler));
  const memory: MemorySample[] = [];
  const onProgress = (done: number): void => {
    if (spec.memoryEvery > 0 && done % spec.memoryEvery === 0) {
      const m = process.memoryUsage();
      memory.push({ jobs: done, rssMb: m.rss / MB, heapMb: m.heapUsed / MB });
    }
  };
  const scheduler = getScheduler(spec.scheduler);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = simulate(input, scheduler, { onProgress });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const out: CellResult = {
    cpuMs: (cpu.user + cpu.system) / 1000,
    wallMs,
    events: result.events,
    summary: result.summary,
    csvSha256: createHash("sha256").update(jobsCsv(result.records)).digest("hex"),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    memory,
  };
  process.stdout.write(JSON.stringify(out) + "\n");
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exitCode = 1;
});
