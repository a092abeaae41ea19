/** Runs a TypeScript file in a child Node process through tsx, from any working directory. */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** The repository root. */
export const ROOT = path.resolve(import.meta.dirname, "..", "..");

/** tsx's ESM loader as a file URL, so `--import` does not depend on the child's working directory. */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** What a child process did. */
export interface ChildRun {
  /** Exit code (null when killed). */
  readonly code: number | null;
  /** Captured stdout. */
  readonly stdout: string;
  /** Captured stderr. */
  readonly stderr: string;
}

/** Runs `file` (a .ts or .js module) with `cwd` as the working directory; 120 s limit. */
export function runTsFile(file: string, cwd: string, args: readonly string[] = []): ChildRun {
  const r = spawnSync(process.execPath, ["--import", TSX_LOADER, file, ...args], { cwd, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
