/** Runs the CLI from source in a child process, as a user would (shared by the CLI tests of trace and topology). */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Repository root. */
export const ROOT = path.resolve(import.meta.dirname, "..", "..");
const MAIN = path.join(ROOT, "src", "cli", "main.ts");

/** `geopipe ARGS` from the repository root: exit code, stdout, stderr. */
export function geopipe(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ["--import", "tsx", MAIN, ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary folder. */
export const tmp = (): string => mkdtempSync(path.join(tmpdir(), "geopipe-cli-"));
