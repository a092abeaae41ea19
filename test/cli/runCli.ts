/**
 * Runs the CLI from source in a child process, as a user would. Shared by the
 * CLI tests. The child gets a generous limit (a hang guard, not a speed
 * target): under a loaded machine tsx's start-up alone took several seconds.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

/** Repository root. */
export const ROOT = path.resolve(import.meta.dirname, "..", "..");
const MAIN = path.join(ROOT, "src", "cli", "main.ts");

/** Longest a CLI child may run before it counts as hung. */
export const CLI_CHILD_TIMEOUT_MS = 600_000;

/** Runs `geopipe ...args` from source with cwd = the repository root. */
export function geopipe(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ["--import", "tsx", MAIN, ...args], { cwd: ROOT, encoding: "utf8", timeout: CLI_CHILD_TIMEOUT_MS });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
