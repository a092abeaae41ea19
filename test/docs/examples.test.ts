/**
 * Runs every code example of the docs: each ```ts block preceded by a line
 * `<!-- example: NAME -->` in README.md or docs/*.md is written to a file in
 * a fresh folder outside the package, with `from "geopipe"` pointing at this
 * checkout's src/index.ts, and run with tsx. An example fails by throwing
 * (they check what they show with node:assert) or by exiting non-zero.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runTsFile } from "../helpers/runTs.js";

/** An extracted example. */
interface Example {
  readonly file: string;
  readonly name: string;
  readonly line: number;
  readonly code: string;
}

/** The marked examples of a Markdown text. */
export function extractExamples(file: string, text: string): Example[] {
  const out: Example[] = [];
  const lines = text.split("\n");
  lines.forEach((l, i) => {
    const m = /^<!-- example: ([\w-]+) -->\s*$/.exec(l);
    if (m === null) return;
    if (lines[i + 1]?.trim() !== "```ts") throw new Error(`${file}:${i + 1}: an example marker must be followed by a \`\`\`ts block`);
    const end = lines.findIndex((x, j) => j > i + 1 && x.trim() === "```");
    if (end < 0) throw new Error(`${file}:${i + 2}: unclosed code block`);
    out.push({ file, name: m[1] ?? "", line: i + 3, code: lines.slice(i + 2, end).join("\n") });
  });
  return out;
}

const files = ["README.md", ...readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
const examples = files.flatMap((f) => extractExamples(f, readFileSync(path.join(ROOT, f), "utf8")));
const INDEX = path.join(ROOT, "src", "index.ts");

describe("docs examples", () => {
  it("extractExamples(file, text) finds marked ts blocks only and rejects a marker without one", () => {
    const md = "text\n```ts\nnot marked\n```\n<!-- example: a -->\n```ts\nconst x = 1;\n```\n";
    expect(extractExamples("x.md", md)).toEqual([{ file: "x.md", name: "a", line: 7, code: "const x = 1;" }]);
    expect(() => extractExamples("x.md", "<!-- example: b -->\n```sh\nls\n```\n")).toThrow(/x\.md:1: an example marker/);
  });

  it("docs/library.md shows every library entry point with an example", () => {
    const names = examples.filter((e) => e.file === "docs/library.md").map((e) => e.name);
    expect(names).toEqual(["instance", "cost", "simulate", "exact", "harness"]);
    expect(examples.some((e) => e.file === "README.md")).toBe(true);
  });

  for (const ex of examples) {
    it(`${ex.file}:${ex.line} example "${ex.name}" runs from another folder`, () => {
      const dir = mkdtempSync(path.join(tmpdir(), `geopipe-example-${ex.name}-`));
      const file = path.join(dir, `${ex.name}.mts`); // an ES module (top-level await) wherever it is
      writeFileSync(file, ex.code.replace(/from "geopipe"/g, `from ${JSON.stringify(INDEX)}`));
      const r = runTsFile(file, dir);
      expect(r.code, `${ex.file}:${ex.line}\n${r.stderr}`).toBe(0);
      expect(r.stdout.trim().length).toBeGreaterThan(0);
    });
  }
});
