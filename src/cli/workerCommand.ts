/**
 * `geopipe worker --queue redis://HOST:PORT[/DB] [--concurrency N]`: runs the
 * cells that `geopipe compare --queue` puts in the queue, on any machine with
 * this package installed, until stopped. SIGINT or SIGTERM: take no new cell,
 * finish the running ones, exit 0; a second signal puts the running cells
 * back in the queue at once and exits 0. docs/distributed.md.
 */
import type { Command } from "commander";
import { queueTarget, wholeNumber } from "./distributed.js";

/** Options of `geopipe worker` as parsed by commander. */
export interface WorkerCommandOptions {
  /** `redis://HOST:PORT[/DB]`. */
  readonly queue: string;
  /** BullMQ queue name. */
  readonly queueName?: string;
  /** Cells at once. */
  readonly concurrency?: string;
  /** BullMQ lockDuration, ms. */
  readonly lockDurationMs?: string;
  /** BullMQ stalledInterval, ms. */
  readonly stalledIntervalMs?: string;
  /** BullMQ maxStalledCount. */
  readonly maxStalledCount?: string;
  /** No per-cell lines. */
  readonly quiet?: boolean;
}

/** Runs a worker until SIGINT/SIGTERM; returns the exit code (0). */
export async function workerCommand(opts: WorkerCommandOptions): Promise<number> {
  const whole = (flag: string, raw: string | undefined, min: number): number | undefined => (raw === undefined ? undefined : wholeNumber(flag, raw, min));
  const given = {
    concurrency: whole("--concurrency", opts.concurrency, 1),
    lockDurationMs: whole("--lock-duration-ms", opts.lockDurationMs, 1),
    stalledIntervalMs: whole("--stalled-interval-ms", opts.stalledIntervalMs, 1),
    maxStalledCount: whole("--max-stalled-count", opts.maxStalledCount, 0),
    queueName: opts.queueName,
  };
  const tuning = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<typeof given>;
  const target = await queueTarget(opts.queue);
  const { startQueueWorker, DEFAULT_QUEUE_WORKER_OPTIONS } = await import("../harness/queue/worker.js");
  let prefix = "worker";
  const say = (line: string): void => void process.stderr.write(`${prefix}: ${line}\n`);
  const worker = await startQueueWorker({
    target,
    ...tuning,
    log: (line) => {
      if (opts.quiet !== true || !/^(start|done) /.test(line)) say(line);
    },
  });
  prefix = `worker ${worker.name}`;
  const o = { ...DEFAULT_QUEUE_WORKER_OPTIONS, ...tuning };
  say(`queue "${o.queueName}" at ${target.display}, concurrency ${o.concurrency}, code ${worker.codeVersion}; Ctrl-C finishes the running cell(s) and exits, twice puts them back in the queue`);
  await new Promise<void>((resolve) => {
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals): void => {
      signals++;
      const mode = signals === 1 ? "finish" : "release";
      say(mode === "finish" ? `${signal}: finishing the running cell(s), then exiting (again: put them back in the queue)` : `${signal}: putting the running cell(s) back in the queue`);
      void worker.close(mode).then(() => {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
        resolve();
      });
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
  say("stopped");
  return 0;
}

/** Adds `geopipe worker` to `program`. */
export function registerWorkerCommand(program: Command): void {
  program
    .command("worker")
    .description("run the cells that `geopipe compare --queue URL` queues, until SIGINT/SIGTERM (which lets the running cells finish)")
    .requiredOption("--queue <url>", "Redis server of the queue: redis://HOST:PORT[/DB]")
    .option("--queue-name <name>", "BullMQ queue name, the same as the coordinator's (default geopipe)")
    .option("--concurrency <n>", "cells at once, each in its own thread (default 1)")
    .option("--lock-duration-ms <ms>", "BullMQ lockDuration: a cell whose worker stops renewing its lock this long is taken back (default 30000)")
    .option("--stalled-interval-ms <ms>", "BullMQ stalledInterval: how often to look for such cells (default 30000)")
    .option("--max-stalled-count <n>", "BullMQ maxStalledCount: times a cell may be taken back before it fails (default 1)")
    .option("--quiet", "no line per started and finished cell")
    .action(async (opts: WorkerCommandOptions) => {
      process.exitCode = await workerCommand(opts);
    });
}
