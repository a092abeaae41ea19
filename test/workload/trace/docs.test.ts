import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers.js";

/** The ```ts block after `<!-- example: NAME` in a docs file. */
function example(doc: string, name: string): string {
  const text = readFileSync(path.join(ROOT, doc), "utf8");
  const at = text.indexOf(`<!-- example: ${name}`);
  if (at < 0) throw new Error(`${doc}: no example ${name}`);
  const m = /```ts\n([\s\S]*?)```/.exec(text.slice(at));
  if (m === null) throw new Error(`${doc}: example ${name} has no ts block`);
  return m[1]!;
}

describe("docs/workloads.md", () => {
  it("the trace-import library example runs as written (\"geopipe\" = this checkout) and prints what its comment says", () => {
    const code = example("docs/workloads.md", "trace-import").replace(/from "geopipe"/g, `from ${JSON.stringify(path.join(ROOT, "src", "index.ts"))}`);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "geopipe-doc-")), "example.ts");
    writeFileSync(file, code);
    const r = spawnSync(process.execPath, ["--import", "tsx", file], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const [first, second] = r.stdout.split("\n");
    expect(first).toBe("2 4 1");
    expect(second).toMatch(/^read test\/fixtures\/traces\/openb_pod_list_multigpu50\.csv: alibaba-openb-2023/);
  });
});
