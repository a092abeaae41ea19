/**
 * The code version a queued cell is run with: the package version plus a hash
 * of the code that runs it — every `.js` file of `dist/` when running the
 * built package, every `.ts` file of `src/` when running from sources (tsx,
 * vitest) — e.g. `0.1.0+dist.3f9a0c41d2e7`. A worker refuses a job whose
 * version differs from its own, so one sweep's numbers never mix two builds.
 * A coordinator started from sources and a worker running the build differ
 * on purpose: they are different code.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Package root: three levels above this file, in `src/harness/queue` and `dist/harness/queue` alike. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** Hex digits of the code hash in a version string. */
export const CODE_HASH_DIGITS = 12;

let memo: string | null = null;

/** SHA-256 over the sorted relative paths and contents of the files under `dir` ending in `ext`. */
export function hashTree(dir: string, ext: string): string {
  const files = (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith(ext) && !f.endsWith(".d.ts"))
    .map((f) => f.split(path.sep).join("/"))
    .sort();
  const h = createHash("sha256");
  for (const f of files) h.update(f).update("\0").update(readFileSync(path.join(dir, f))).update("\0");
  return h.digest("hex");
}

/** This process's code version (computed once). */
export function codeVersion(): string {
  if (memo !== null) return memo;
  const { version } = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
  const built = fileURLToPath(import.meta.url).endsWith(".js");
  const kind = built ? "dist" : "src";
  memo = `${version}+${kind}.${hashTree(path.join(ROOT, kind), built ? ".js" : ".ts").slice(0, CODE_HASH_DIGITS)}`;
  return memo;
}
