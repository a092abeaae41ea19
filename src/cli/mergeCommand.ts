/**
 * `geopipe merge A.jsonl B.jsonl … --out results.jsonl`: combines results
 * files (slices of `geopipe compare --shard`) into one that `geopipe table`
 * reads, reporting duplicates and refusing conflicting ones (exit 1, nothing
 * written). The `roles.json` found beside the inputs is copied beside the
 * output. docs/distributed.md.
 */
import { existsSync, fsyncSync, closeSync, openSync, readFileSync, renameSync, writeSync, mkdirSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { cellLabel } from "../harness/progress.js";
import { mergeResults } from "../harness/merge.js";
import { readResults } from "../harness/results.js";
import { UserError } from "./errors.js";

/** Conflicts listed one per line before the rest is summed up. */
const SHOWN_CONFLICTS = 10;

function writeWhole(file: string, text: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = openSync(tmp, "w");
  try {
    const buf = Buffer.from(text);
    let done = 0;
    while (done < buf.length) done += writeSync(fd, buf, done, buf.length - done);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

/** Runs `geopipe merge`; returns the exit code (1 on conflicts). */
export function mergeCommand(files: readonly string[], opts: { readonly out: string }): number {
  for (const f of files) if (!existsSync(f)) throw new UserError(`results file not found: ${f}; pass the results*.jsonl files of geopipe compare runs`);
  const inputs = files.map((file) => ({ file, results: readResults(file) }));
  for (const { file, results } of inputs) {
    if (results.ignoredLines > 0) process.stderr.write(`${file}: ignored ${results.ignoredLines} incomplete line(s) (a run killed mid-write; resume it to run those cells)\n`);
  }
  const m = mergeResults(inputs);
  if (m.records.length === 0) throw new UserError(`${files.join(", ")}: no complete result lines; run geopipe compare first`);
  if (m.conflicts.length > 0) {
    for (const c of m.conflicts.slice(0, SHOWN_CONFLICTS)) process.stderr.write(`conflict: cell ${c.id} (${cellLabel(c.first.spec)}) has different results in ${c.files.join(" and ")}\n`);
    if (m.conflicts.length > SHOWN_CONFLICTS) process.stderr.write(`… and ${m.conflicts.length - SHOWN_CONFLICTS} more\n`);
    process.stderr.write(`${m.conflicts.length} conflicting duplicate(s): the same cell gave different results (different code or inputs); nothing written. Rerun those cells, or merge only one of the files.\n`);
    return 1;
  }
  if (m.codeVersions.length > 1) {
    process.stderr.write(`the inputs were computed by different code (${m.codeVersions.join(", ")}); results of two versions are never mixed; nothing written. Rerun the cells of one version with the other, or merge only the files of one version.\n`);
    return 1;
  }
  writeWhole(opts.out, m.records.map((r) => JSON.stringify(r) + "\n").join(""));
  const roles = [...new Set(files.map((f) => path.join(path.dirname(f), "roles.json")))].filter((f) => existsSync(f));
  const rolesOut = path.join(path.dirname(opts.out), "roles.json");
  const texts = [...new Set(roles.map((f) => readFileSync(f, "utf8")))];
  if (texts.length > 1) process.stderr.write(`the inputs' roles.json files differ (${roles.join(", ")}); using the first\n`);
  if (texts[0] !== undefined && path.resolve(roles[0] as string) !== path.resolve(rolesOut)) writeWhole(rolesOut, texts[0]);
  const failed = m.records.filter((r) => r.status === "error").length;
  process.stderr.write(
    `merged ${files.length} file(s): ${m.records.length} cell(s) (${failed} failed) into ${opts.out}; ${m.duplicates} duplicate(s), 0 conflicting` +
      `${m.recovered > 0 ? `, ${m.recovered} failed in one file and finished in another (finished record kept)` : ""}\n`,
  );
  return 0;
}

/** Adds `geopipe merge` to `program`. */
export function registerMergeCommand(program: Command): void {
  program
    .command("merge")
    .description("combine results files (e.g. the slices of compare --shard) into one; duplicates reported, conflicting ones refused")
    .argument("<results...>", "results*.jsonl files")
    .requiredOption("--out <file>", "merged results file, e.g. out/compare/default/results.jsonl")
    .action((files: string[], opts: { out: string }) => {
      process.exitCode = mergeCommand(files, opts);
    });
}
