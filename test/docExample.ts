/** Runs a ```ts block of a docs file (the one after `<!-- example: NAME`) as a user would, "geopipe" meaning this checkout. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

/** Exit status, stdout and stderr of the example `name` of `doc` (relative to the repository root), run from the root. */
export function runDocExample(doc: string, name: string): { status: number | null; stdout: string; stderr: string } {
  const text = readFileSync(path.join(ROOT, doc), "utf8");
  const at = text.indexOf(`<!-- example: ${name}`);
  if (at < 0) throw new Error(`${doc}: no example ${name}`);
  const m = /```ts\n([\s\S]*?)```/.exec(text.slice(at));
  if (m === null) throw new Error(`${doc}: example ${name} has no ts block`);
  const file = path.join(mkdtempSync(path.join(tmpdir(), "geopipe-doc-")), "example.ts");
  writeFileSync(file, m[1]!.replace(/from "geopipe"/g, `from ${JSON.stringify(path.join(ROOT, "src", "index.ts"))}`));
  const r = spawnSync(process.execPath, ["--import", "tsx", file], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
