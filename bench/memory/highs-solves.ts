/**
 * Memory over many consecutive small HiGHS solves in one process.
 *
 *   npx tsx bench/memory/highs-solves.ts [N] [--mode inline|worker]
 *
 * Solves N small MILPs (default 10000; see smallMilps.ts) with the HiGHS
 * backend and prints, every 1,000 solves, the RSS, the JS heap, and the WASM
 * linear-memory size of the main-thread HiGHS runtime (inline mode only; the
 * worker's runtime lives in another thread and shows up in RSS only), then
 * the growth between the first and the last row. Worker mode solves with a
 * 60 s time limit so that the backend routes every solve through the worker.
 */
import { createHighsBackend, highsBackendStats, shutdownHighs } from "../../src/lp/backends/highs.js";
import { smallMilp } from "./smallMilps.js";

const MIB = 1024 * 1024;

function parseArgs(argv: ReadonlyArray<string>): { n: number; mode: "inline" | "worker" } {
  let n = 10_000;
  let mode: "inline" | "worker" = "inline";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--mode") {
      const m = argv[++i];
      if (m !== "inline" && m !== "worker") throw new Error(`--mode must be inline or worker, got ${m}`);
      mode = m;
    } else if (a !== undefined && /^\d+$/.test(a)) {
      n = Number(a);
    } else {
      throw new Error(`unknown argument ${a}; usage: highs-solves.ts [N] [--mode inline|worker]`);
    }
  }
  return { n, mode };
}

interface Row {
  readonly solves: number;
  readonly rssMiB: number;
  readonly jsHeapMiB: number;
  readonly wasmMiB: number | null;
  readonly msPerSolve: number;
}

function fmt(x: number | null, digits = 1): string {
  return x === null ? "n/a" : x.toFixed(digits);
}

async function main(): Promise<void> {
  const { n, mode } = parseArgs(process.argv.slice(2));
  const backend = createHighsBackend({ mode });
  const options = mode === "worker" ? { timeLimitSec: 60 } : {};
  const rows: Row[] = [];
  let notOptimal = 0;
  let blockStart = performance.now();
  console.log(`HiGHS ${mode} solves: ${n}`);
  console.log("solves    RSS MiB  JS heap MiB  WASM MiB  ms/solve");
  for (let i = 1; i <= n; i++) {
    const r = await backend.solve(smallMilp(i - 1), options);
    if (r.termination !== "optimal" || r.primal !== "feasible_point") notOptimal++;
    if (i % 1000 === 0 || i === n) {
      const mem = process.memoryUsage();
      const heap = highsBackendStats().inlineHeapBytes;
      const count = i % 1000 === 0 ? 1000 : i % 1000;
      const row: Row = {
        solves: i,
        rssMiB: mem.rss / MIB,
        jsHeapMiB: mem.heapUsed / MIB,
        wasmMiB: heap === null ? null : heap / MIB,
        msPerSolve: (performance.now() - blockStart) / count,
      };
      rows.push(row);
      console.log(
        `${String(i).padStart(6)}  ${fmt(row.rssMiB).padStart(9)}  ${fmt(row.jsHeapMiB).padStart(11)}  ${fmt(row.wasmMiB).padStart(8)}  ${fmt(row.msPerSolve, 2).padStart(8)}`,
      );
      blockStart = performance.now();
    }
  }
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (first !== undefined && last !== undefined && rows.length > 1) {
    const wasm = first.wasmMiB !== null && last.wasmMiB !== null ? fmt(last.wasmMiB - first.wasmMiB) : "n/a";
    console.log(
      `growth from ${first.solves} to ${last.solves} solves: RSS ${fmt(last.rssMiB - first.rssMiB)} MiB, JS heap ${fmt(last.jsHeapMiB - first.jsHeapMiB)} MiB, WASM ${wasm} MiB`,
    );
  }
  console.log(`solves not optimal: ${notOptimal}; runtime loads: ${highsBackendStats().inlineLoads}; worker spawns: ${highsBackendStats().workerSpawns}`);
  await shutdownHighs();
}

await main();
