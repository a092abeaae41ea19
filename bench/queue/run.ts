/**
 * Queue benchmark: the harness's cells per second on the local pool and
 * through the BullMQ queue with 1, 2 and 4 worker processes, the queue's
 * overhead per cell, and (with --sweep) a long sweep through the queue
 * against the local pool, side by side.
 *
 *   npx tsx bench/queue/run.ts [--config experiments/default.json] [--max-cells K]
 *                              [--workers 1,2,4] [--pool 1,2] [--sweep experiments/scenarios.json]
 *                              [--redis redis://HOST:PORT]
 *
 * Without --redis (or GEOPIPE_TEST_REDIS_URL) it starts a redis-server of its
 * own on 127.0.0.1 (a free port, no persistence) and stops it at the end.
 * Each run starts from an empty output folder and a fresh queue name, so
 * every cell runs. The coordinator runs in this process (runHarness with the
 * queue runner, as `geopipe compare --queue` does); the workers are
 * `geopipe worker` child processes from source (tsx), started and connected
 * before the clock starts; their threads start inside the timing, as the
 * pool's do.
 *
 * Columns: wall time of the run; cells/s; CPU seconds of this process plus
 * the workers (read from /proc before they stop) — less sensitive to the
 * other jobs on a shared machine than wall time; the overhead per cell: with
 * one lane (pool of 1 thread, or 1 worker) cells run back to back, so the time
 * between two consecutive records at the coordinator, minus the second cell's
 * own compute time (its wallMs, measured around the cell inside the thread),
 * is what the machinery adds per cell; median and mean over all but the
 * first cell (which includes the thread start). `same tables` compares
 * main.md, ablation.md and gaps.md with the first pool run's.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { Command } from "commander";
import { readHarnessConfig } from "../../src/cli/compareCommand.js";
import { MODELS_DIR } from "../../src/cli/paths.js";
import { textTable } from "../../src/cli/table.js";
import { runOnQueue } from "../../src/harness/queue/coordinator.js";
import { parseRedisUrl, type RedisTarget } from "../../src/harness/queue/redisUrl.js";
import type { CellRecord } from "../../src/harness/results.js";
import { runHarness, type HarnessOptions } from "../../src/harness/run.js";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const MAIN = path.join(ROOT, "src", "cli", "main.ts");

interface Options {
  readonly config: string;
  readonly maxCells: number;
  readonly workers: readonly number[];
  readonly pool: readonly number[];
  readonly sweep: string | null;
  readonly redis: string | null;
}

function list(flag: string, raw: string): number[] {
  const xs = raw.split(",").map((s) => Number(s.trim()));
  if (xs.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`${flag}: expected positive integers, got "${raw}"`);
  return xs;
}

function parseArgs(argv: readonly string[]): Options {
  const cmd = new Command("bench:queue")
    .option("--config <file>", "experiment config", "experiments/default.json")
    .option("--max-cells <n>", "run only the first N cells of the grid (all runs alike)")
    .option("--workers <list>", "worker processes per queue run", "1,2,4")
    .option("--pool <list>", "threads per local-pool run", "1,2")
    .option("--sweep <file>", "also run this config once on the pool (2 threads) and once through the queue (2 workers)")
    .option("--redis <url>", "Redis server (default GEOPIPE_TEST_REDIS_URL, else a redis-server started here)");
  cmd.parse([...argv], { from: "user" });
  const o = cmd.opts<{ config: string; maxCells?: string; workers: string; pool: string; sweep?: string; redis?: string }>();
  const maxCells = o.maxCells === undefined ? Number.POSITIVE_INFINITY : Number(o.maxCells);
  if (!(maxCells >= 1)) throw new Error(`--max-cells: expected a positive integer, got "${o.maxCells}"`);
  return { config: o.config, maxCells, workers: list("--workers", o.workers), pool: list("--pool", o.pool), sweep: o.sweep ?? null, redis: o.redis ?? process.env.GEOPIPE_TEST_REDIS_URL ?? null };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** user+system CPU seconds of a live process, from /proc (Linux); NaN elsewhere. */
function procCpuSec(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100 on Linux)
  } catch {
    return NaN;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    void import("node:net").then(({ createServer }) => {
      const s = createServer();
      s.listen(0, "127.0.0.1", () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => resolve(port));
      });
    });
  });
}

/** Child processes to end if the benchmark is interrupted. */
const live = new Set<ChildProcess>();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    for (const p of live) p.kill("SIGKILL");
    process.exit(130);
  });
}

/** A redis-server of our own; stop() ends it. */
async function ownRedis(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), "bench-queue-redis-"));
  const p = spawn("redis-server", ["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no", "--dir", dir], { stdio: "ignore" });
  live.add(p);
  await new Promise((r) => setTimeout(r, 500));
  if (p.exitCode !== null) throw new Error("redis-server did not start; install it (apt-get install redis-server) or pass --redis URL");
  return { url: `redis://127.0.0.1:${port}/0`, stop: () => p.kill("SIGTERM") };
}

/** Starts `n` `geopipe worker` processes and waits until each is connected. */
async function startWorkers(n: number, url: string, queueName: string): Promise<ChildProcess[]> {
  const procs = Array.from({ length: n }, () => spawn(process.execPath, ["--import", "tsx", MAIN, "worker", "--queue", url, "--queue-name", queueName, "--quiet"], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] }));
  for (const p of procs) live.add(p);
  await Promise.all(
    procs.map(
      (p) =>
        new Promise<void>((resolve, reject) => {
          let err = "";
          p.stderr?.on("data", (d: Buffer) => {
            err += d.toString();
            if (/ queue "/.test(err)) resolve();
          });
          p.on("exit", () => reject(new Error(`worker exited: ${err}`)));
        }),
    ),
  );
  return procs;
}

async function stopWorkers(procs: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    procs.map(
      (p) =>
        new Promise<void>((resolve) => {
          live.delete(p);
          if (p.exitCode !== null) return resolve();
          p.on("exit", () => resolve());
          p.kill("SIGTERM");
        }),
    ),
  );
}

interface Row {
  readonly run: string;
  readonly cells: number;
  readonly wallSec: number;
  readonly cpuSec: number;
  readonly overheadMs: readonly number[];
  readonly failed: number;
  readonly tables: string;
}

function tablesOf(dir: string): string {
  return ["main.md", "ablation.md", "gaps.md"].map((n) => (existsSync(path.join(dir, n)) ? readFileSync(path.join(dir, n), "utf8") : "")).join("\n");
}

/** One run of `configFile`: on the pool with `threads`, or through the queue with `workers` processes. */
async function measure(label: string, configFile: string, maxCells: number, how: { readonly threads: number } | { readonly workers: number; readonly target: RedisTarget; readonly url: string }): Promise<Row> {
  const config = readHarnessConfig(configFile);
  const outDir = mkdtempSync(path.join(tmpdir(), "bench-queue-out-"));
  const arrivals: Array<{ readonly atMs: number; readonly wallMs: number }> = [];
  const onRecord = (r: CellRecord): void => void arrivals.push({ atMs: performance.now(), wallMs: r.wallMs });
  let procs: ChildProcess[] = [];
  const base: HarnessOptions = { outDir, maxCells, modelsDir: MODELS_DIR, onRecord };
  let options: HarnessOptions;
  if ("threads" in how) options = { ...base, workers: how.threads };
  else {
    const queueName = `bench-${label.replace(/\W+/g, "-")}-${process.pid}-${Math.round(performance.now())}`;
    procs = await startWorkers(how.workers, how.url, queueName);
    options = { ...base, runner: (cells, ctx, emit) => runOnQueue(cells, ctx, emit, { target: how.target, queueName }) };
  }
  process.stderr.write(`${label}: running…\n`);
  const cpu0 = process.cpuUsage();
  const workerCpu0 = procs.map((p) => procCpuSec(p.pid ?? -1));
  const t0 = performance.now();
  const run = await runHarness(config, options);
  const wallSec = (performance.now() - t0) / 1000;
  const workerCpu = procs.reduce((s, p, i) => s + procCpuSec(p.pid ?? -1) - (workerCpu0[i] as number), 0);
  const own = process.cpuUsage(cpu0);
  await stopWorkers(procs);
  const lanes = "threads" in how ? how.threads : how.workers;
  const overheadMs = lanes === 1 ? arrivals.slice(1).map((a, i) => a.atMs - (arrivals[i] as { atMs: number }).atMs - a.wallMs) : [];
  const row: Row = { run: label, cells: run.ran, wallSec, cpuSec: (own.user + own.system) / 1e6 + workerCpu, overheadMs, failed: run.failed, tables: tablesOf(outDir) };
  process.stderr.write(`${label}: ${run.ran} cells in ${wallSec.toFixed(1)} s\n`);
  return row;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const own = o.redis === null ? await ownRedis() : null;
  const url = o.redis ?? (own as { url: string }).url;
  const parsed = parseRedisUrl(url);
  if (!parsed.ok) throw new Error(`--redis: ${parsed.message}`);
  const target = parsed.target;
  const cpu = cpus();
  process.stdout.write(
    `node ${process.version} on ${process.platform}/${process.arch}\ncpu: ${cpu[0]?.model ?? "?"} × ${cpu.length}, memory ${(totalmem() / 2 ** 30).toFixed(1)} GiB\n` +
      `load average at start: ${loadavg().map((x) => x.toFixed(2)).join(" ")}\nredis: ${target.display}${own !== null ? " (started by the benchmark)" : ""}\n` +
      `config: ${o.config}${Number.isFinite(o.maxCells) ? `, first ${o.maxCells} cells` : ""}\n\n`,
  );
  const rows: Row[] = [];
  try {
    for (const threads of o.pool) rows.push(await measure(`pool, ${threads} thread(s)`, o.config, o.maxCells, { threads }));
    for (const workers of o.workers) rows.push(await measure(`queue, ${workers} worker(s)`, o.config, o.maxCells, { workers, target, url }));
    if (o.sweep !== null) {
      rows.push(await measure(`sweep ${path.basename(o.sweep)}: pool, 2 threads`, o.sweep, Number.POSITIVE_INFINITY, { threads: 2 }));
      rows.push(await measure(`sweep ${path.basename(o.sweep)}: queue, 2 workers`, o.sweep, Number.POSITIVE_INFINITY, { workers: 2, target, url }));
    }
  } finally {
    own?.stop();
  }
  const reference = new Map<string, string>();
  const fmt = (x: number, d: number): string => (Number.isFinite(x) ? x.toFixed(d) : "-");
  const body = rows.map((r) => {
    const key = r.run.startsWith("sweep") ? "sweep" : "grid";
    if (!reference.has(key)) reference.set(key, r.tables);
    const mean = r.overheadMs.length === 0 ? NaN : r.overheadMs.reduce((s, x) => s + x, 0) / r.overheadMs.length;
    return [r.run, String(r.cells), String(r.failed), fmt(r.wallSec, 1), fmt(r.cells / r.wallSec, 2), fmt(r.cpuSec, 1), fmt(median(r.overheadMs), 1), fmt(mean, 1), r.tables === reference.get(key) ? "yes" : "NO"];
  });
  process.stdout.write(textTable(["run", "cells", "failed", "wall s", "cells/s", "CPU s", "overhead ms/cell (median)", "(mean)", "same tables"], body) + "\n");
  process.stdout.write(
    "\noverhead = time between consecutive records at the coordinator − the later cell's compute time, with one lane only (1 thread or 1 worker); CPU s = this process + the worker processes.\n",
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
