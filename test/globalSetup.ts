/**
 * Before the suite: rebuild dist/ when a file under src/ is newer than it, so
 * the tests that spawn the built CLI (dist/cli/main.js, as a user runs it)
 * never test stale code. CI builds dist/ in `npm ci` (`prepare`), so this is a no-op there.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

function newestMtimeMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeMs(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export default function setup(): void {
  const built = path.join(ROOT, "dist", "cli", "main.js");
  if (existsSync(built) && statSync(built).mtimeMs >= newestMtimeMs(path.join(ROOT, "src"))) return;
  execFileSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(ROOT, "tsconfig.build.json")], { cwd: ROOT, stdio: "inherit" });
}
