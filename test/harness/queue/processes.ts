/**
 * Helpers of the queue tests: the Redis URL they need (GEOPIPE_TEST_REDIS_URL;
 * without it they skip, except under CI, where they fail), the CLI run from
 * source in child processes, and the report files to compare with a local run.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
const MAIN = path.join(ROOT, "src", "cli", "main.ts");

/** The server the queue tests use: `GEOPIPE_TEST_REDIS_URL`, e.g. redis://127.0.0.1:6390/0 (docs/distributed.md). */
export const TEST_REDIS_URL = process.env.GEOPIPE_TEST_REDIS_URL;

/** Under CI (`CI` set and not "false"/"0") a missing URL fails the queue tests instead of skipping them. */
export const IN_CI = process.env.CI !== undefined && process.env.CI !== "" && process.env.CI !== "false" && process.env.CI !== "0";

/** Whether the queue tests run (a URL, or CI, where a missing URL is an error). */
export const RUN_QUEUE_TESTS = TEST_REDIS_URL !== undefined || IN_CI;

/** The URL; throws (failing the test) when it is missing, which happens only under CI. */
export function redisUrl(): string {
  if (TEST_REDIS_URL === undefined) throw new Error("CI is set but GEOPIPE_TEST_REDIS_URL is not: .ci/run must start redis-server and export it; the queue tests never skip under CI");
  return TEST_REDIS_URL;
}

let queueSeq = 0;
/** A queue name no other test (or earlier run) uses. */
export function freshQueueName(tag: string): string {
  return `geopipe-test-${tag}-${process.pid}-${queueSeq++}-${performance.now().toFixed(0)}`;
}

export const tmp = (): string => mkdtempSync(path.join(tmpdir(), "geopipe-queue-"));

/** A CLI child process with its output collected. */
export interface CliChild {
  readonly proc: ChildProcess;
  /** stderr so far. */
  err(): string;
  /** stdout so far. */
  out(): string;
  /** Resolves when stderr matches `re` (rejects after `timeoutMs` or when the process exits first). */
  waitFor(re: RegExp, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code (or the signal name). */
  readonly exited: Promise<number | string>;
}

/** Starts `geopipe ARGS` from source (tsx), as a user would. */
export function geopipe(args: readonly string[]): CliChild {
  const proc = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  let out = "";
  const waiters: Array<() => void> = [];
  proc.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
    for (const w of waiters) w();
  });
  proc.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | string>((resolve) => proc.on("exit", (code, signal) => resolve(code ?? signal ?? "?")));
  let done = false;
  void exited.then(() => {
    done = true;
    for (const w of waiters) w();
  });
  return {
    proc,
    err: () => err,
    out: () => out,
    exited,
    waitFor(re, timeoutMs = 120_000) {
      return new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`timed out waiting for ${re} in stderr:\n${err}`)), timeoutMs);
        const check = (): void => {
          if (re.test(err)) {
            clearTimeout(t);
            resolve();
          } else if (done) {
            clearTimeout(t);
            reject(new Error(`process exited before ${re} appeared in stderr:\n${err}`));
          }
        };
        waiters.push(check);
        check();
      });
    },
  };
}

/** Every report file except the wall-time table and the results, by name. */
export function reportFiles(dir: string): Map<string, string> {
  const names = readdirSync(dir).filter((n) => n !== "timing.md" && !n.endsWith(".jsonl")).sort();
  return new Map(names.map((n) => [n, readFileSync(path.join(dir, n), "utf8")]));
}

/** Writes a config into a fresh folder; returns its path. */
export function writeConfig(config: object): string {
  const file = path.join(tmp(), "config.json");
  writeFileSync(file, JSON.stringify(config));
  return file;
}

/** The ids of the complete lines of a results file. */
export function resultIds(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .flatMap((l) => {
      try {
        return [(JSON.parse(l) as { id: string }).id];
      } catch {
        return [];
      }
    });
}

/** Polls `pred` every 100 ms until it holds (rejects after `timeoutMs`). */
export async function until(pred: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const t0 = performance.now();
  while (!pred()) {
    if (performance.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
