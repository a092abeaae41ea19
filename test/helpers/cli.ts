/** Running the CLI in-process with its output captured, and temporary folders removed after the file's tests. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, vi } from "vitest";
import { main } from "../../src/cli/main.js";

/** What a CLI run printed and returned. */
export interface CliRun {
  /** Exit code. */
  readonly code: number;
  /** Captured stdout. */
  readonly out: string;
  /** Captured stderr. */
  readonly err: string;
}

/** Registers the hooks that undo the output capture and the exit code after each test; call at the top of a test file. */
export function useCliCapture(): void {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });
}

/** Runs `geopipe ARGS` in this process with stdout and stderr captured. */
export async function runMain(args: readonly string[]): Promise<CliRun> {
  let out = "";
  let err = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
  const code = await main(args);
  return { code, out, err };
}

/** A maker of fresh temporary folders named `<prefix>…`, all removed after the file's tests. */
export function tmpDirs(prefix: string): () => string {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const d = mkdtempSync(path.join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
}
