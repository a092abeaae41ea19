/**
 * Source trees the simulator benchmark can time: this checkout, or another
 * git revision extracted (`git archive`) into `<tmpdir>/geopipe-trees/<sha>/`
 * (outside the checkout, so neither tsc nor vitest sees it) with this
 * checkout's `node_modules` linked in, so "before" and "after" run on the same
 * machine in the same benchmark run.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Root of this checkout. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** A source tree to time: its label in tables and its root folder. */
export interface SourceTree {
  /** "after" (this checkout) or "before" (`--before REV`). */
  readonly label: string;
  /** Absolute folder holding `src/`. */
  readonly root: string;
  /** The commit, short form. */
  readonly commit: string;
}

/** This checkout (uncommitted changes included; the commit is HEAD's). */
export function currentTree(): SourceTree {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "src"], { cwd: ROOT, encoding: "utf8" }).trim() !== "";
    return { label: "after", root: ROOT, commit: dirty ? `${commit}+changes` : commit };
  } catch {
    return { label: "after", root: ROOT, commit: basename(ROOT).slice(0, 7) }; // an extracted tree (revisionTree) is no git checkout
  }
}

/** Revision `rev` extracted into `<tmpdir>/geopipe-trees/<sha>` (reused when present), `node_modules` linked to this checkout's. */
export function revisionTree(rev: string): SourceTree {
  const sha = execFileSync("git", ["rev-parse", "--verify", `${rev}^{commit}`], { cwd: ROOT, encoding: "utf8" }).trim();
  const dir = join(tmpdir(), "geopipe-trees", sha);
  if (!existsSync(join(dir, "src"))) {
    mkdirSync(dir, { recursive: true });
    execFileSync("bash", ["-c", `git archive ${sha} | tar -x -C "${dir}"`], { cwd: ROOT });
  }
  // a link left by a checkout that is gone (a removed worktree) dangles: existsSync follows it, so replace it
  const link = join(dir, "node_modules");
  if (!existsSync(link)) {
    rmSync(link, { force: true });
    symlinkSync(join(ROOT, "node_modules"), link, "dir");
  }
  return { label: "before", root: dir, commit: sha.slice(0, 7) };
}
