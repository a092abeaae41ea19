/**
 * Every relative link of every Markdown file of the repository points to a
 * file or folder that exists; in README.md and docs/*.md, so does every
 * repository path written in backticks (e.g. `src/harness/run.ts`).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/runTs.js";

/** Folders not searched: dependencies, build output, run output. */
const SKIP = new Set(["node_modules", "dist", "out", ".git"]);

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name)) return [];
    const p = path.join(dir, e.name);
    return e.isDirectory() ? markdownFiles(p) : e.name.endsWith(".md") ? [p] : [];
  });
}

/** The relative link targets of Markdown text (inline links and images, reference definitions), without anchors. */
export function relativeLinks(text: string): string[] {
  const body = text.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  const targets = [...body.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g), ...body.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1] ?? "");
  return targets.filter((t) => !/^([a-z][a-z0-9+.-]*:|#)/i.test(t)).map((t) => decodeURIComponent(t.replace(/[#?].*$/, ""))).filter((t) => t !== "");
}

/** Top-level folders of the repository that backticked paths are checked in. */
const REPO_DIRS = ["src", "docs", "test", "bench", "experiments", "instances", "models", "schema", "scripts"];

/** Backticked repository paths: `dir/…` with dir a top-level folder, no spaces, globs or placeholders, not inside an `out/` folder (run output, ignored by git). */
export function backtickedPaths(text: string): string[] {
  return [...text.matchAll(/`([^`\s]+)`/g)]
    .map((m) => m[1] ?? "")
    .filter((p) => REPO_DIRS.includes(p.split("/")[0] ?? "") && p.includes("/") && !/[*<>{}|…]|\.\.\.|=/.test(p) && !p.split("/").includes("out"))
    .map((p) => p.replace(/[:#].*$/, "").replace(/[.,;)]+$/, ""));
}

const files = markdownFiles(ROOT);

describe("links in Markdown files", () => {
  it("relativeLinks(text) finds relative links and skips URLs, anchors and code", () => {
    const md = "[a](docs/x.md#sec) [b](https://example.org) [c](#top) ![i](img/p.png \"t\") `[d](not/a/link.md)`\n[ref]: ../y.md\n```\n[e](code.md)\n```\n";
    expect(relativeLinks(md)).toEqual(["docs/x.md", "img/p.png", "../y.md"]);
    expect(backtickedPaths("see `src/a.ts`, `docs/x.md:12`, `out/compare/default`, `experiments/cba/out/` and `src/*.ts`")).toEqual(["src/a.ts", "docs/x.md"]);
  });

  it("finds the repository's Markdown files", () => {
    expect(files.map((f) => path.relative(ROOT, f))).toEqual(expect.arrayContaining(["README.md", "docs/harness.md", "docs/library.md"]));
  });

  it("every relative link of every .md file points to a file that exists", () => {
    const broken = files.flatMap((f) => relativeLinks(readFileSync(f, "utf8")).filter((t) => !existsSync(path.resolve(path.dirname(f), t))).map((t) => `${path.relative(ROOT, f)}: ${t}`));
    expect(broken).toEqual([]);
  });

  it("every repository path in backticks in README.md and docs/*.md exists", () => {
    const docs = files.filter((f) => path.relative(ROOT, f) === "README.md" || path.relative(ROOT, path.dirname(f)) === "docs");
    const broken = docs.flatMap((f) => backtickedPaths(readFileSync(f, "utf8")).filter((p) => !existsSync(path.join(ROOT, p))).map((p) => `${path.relative(ROOT, f)}: ${p}`));
    expect(broken).toEqual([]);
  });
});
