/**
 * Native CBC and glpsol (Debian's coinor-cbc and glpk-utils, installed by
 * .ci/run) run on files geopipe wrote: a second and third reader of our LP and
 * MPS text. `available(name)` says whether the binary is on PATH; the tests
 * (test/lp/nativeSolvers.test.ts) skip without it, except under CI
 * (`process.env.CI`), where a missing binary fails.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** The native solvers these tests run. */
export type NativeSolver = "cbc" | "glpsol";

/** Whether `name` runs here. */
export function available(name: NativeSolver): boolean {
  const r = spawnSync(name, name === "glpsol" ? ["--version"] : ["-quit"], { encoding: "utf8", timeout: 30_000 });
  return r.error === undefined && r.status === 0;
}

/** The version line the binary prints (for messages and docs). */
export function versionOf(name: NativeSolver): string {
  const r = spawnSync(name, name === "glpsol" ? ["--version"] : ["-quit"], { encoding: "utf8", timeout: 30_000 });
  const text = `${r.stdout}`;
  return (name === "glpsol" ? /GLPK LP\/MIP Solver ([\d.]+)/ : /Version: ([\d.]+)/).exec(text)?.[1] ?? "unknown";
}

/** What a native solve said. */
export interface NativeOutcome {
  /** "optimal", "infeasible", or the solver's own status text. */
  readonly status: string;
  /** Objective value as printed; null when none. */
  readonly objective: number | null;
}

/** Writes `text` to a fresh temp file called `name` and returns its path. */
export function tempFile(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "geopipe-native-")), name);
  writeFileSync(file, text);
  return file;
}

/** Solves `file` (`.lp` or free `.mps`) with `solver` and reads its status and objective. */
export function solveNative(solver: NativeSolver, file: string): NativeOutcome {
  const out = `${file}.${solver}.txt`;
  const isLp = file.endsWith(".lp");
  const args = solver === "cbc" ? [file, "solve", "solu", out, "quit"] : [isLp ? "--lp" : "--freemps", file, "-o", out];
  const r = spawnSync(solver, args, { encoding: "utf8", timeout: 300_000 });
  if (r.error !== undefined) throw r.error;
  let text: string;
  try {
    text = readFileSync(out, "utf8");
  } catch {
    return { status: `no solution file (exit ${r.status}): ${`${r.stdout}${r.stderr}`.split("\n").filter((l) => /error|missing|invalid/i.test(l)).join(" | ")}`, objective: null };
  }
  if (solver === "cbc") {
    const m = /^(\w[\w ]*?) - objective value (\S+)/.exec(text);
    const status = m?.[1]?.toLowerCase() ?? text.split("\n")[0] ?? "";
    return { status, objective: m?.[2] === undefined ? null : Number(m[2]) };
  }
  const status = /Status:\s+(.+)/.exec(text)?.[1]?.trim() ?? "";
  const objective = /Objective:\s+\S+ = (\S+)/.exec(text)?.[1];
  const normal = /OPTIMAL/.test(status) ? "optimal" : /EMPTY|INFEASIBLE/.test(status) ? "infeasible" : status;
  return { status: normal, objective: objective === undefined ? null : Number(objective) };
}
