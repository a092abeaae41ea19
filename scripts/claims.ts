/**
 * The BACE-Pipe paper's claims over several `geopipe compare` runs: one
 * summary over all their scenarios, then each run's claims table, as
 * Markdown on stdout (or into --out).
 *
 *   npx tsx scripts/claims.ts RESULTS.jsonl [RESULTS.jsonl …] [--reference bace-wait] [--out FILE.md]
 *
 * --reference measures another scheduler (e.g. bace-wait, BACE-Pipe that
 * waits for a cheaper slot) against the same claims; default bace.
 * The tables are src/harness/claimsTable.ts's, from the records as written
 * (the verifier ran on every simulation when the records were made).
 */
import { writeFileSync } from "node:fs";
import { readResultsFolder } from "../src/cli/tableCommand.js";
import { BACE_CLAIMS_REFERENCE, BACE_PAPER_CLAIMS, claimsSummaryTable, claimsTable, hasClaims } from "../src/harness/claimsTable.js";
import type { CellRecord } from "../src/harness/results.js";
import { toMarkdown } from "../src/report/table.js";

const args = process.argv.slice(2);
const flag = (name: string): { value: string | undefined; at: number } => {
  const at = args.indexOf(name);
  return { value: at >= 0 ? args[at + 1] : undefined, at };
};
const outFlag = flag("--out");
const refFlag = flag("--reference");
const out = outFlag.value;
const reference = refFlag.value ?? BACE_CLAIMS_REFERENCE;
const taken = new Set([outFlag, refFlag].flatMap((f) => (f.at >= 0 ? [f.at, f.at + 1] : [])));
const files = args.filter((_, i) => !taken.has(i));
if (files.length === 0 || (outFlag.at >= 0 && out === undefined) || (refFlag.at >= 0 && refFlag.value === undefined)) {
  process.stderr.write("usage: npx tsx scripts/claims.ts RESULTS.jsonl [RESULTS.jsonl …] [--reference NAME] [--out FILE.md]\n");
  process.exit(2);
}

// another reference keeps the claims against the baselines; the ablation claims are about bace itself
const claims = reference === BACE_CLAIMS_REFERENCE ? BACE_PAPER_CLAIMS : BACE_PAPER_CLAIMS.filter((c) => c.direction === "reduction");
const runs = files.map((file) => ({ file, records: readResultsFolder(file).records }));
for (const r of runs) {
  if (!hasClaims(r.records, claims, reference)) {
    process.stderr.write(`${r.file}: no ${reference} cells beside delay-first, cost-first or bace-no-pathfinder; nothing to compare with the paper\n`);
    process.exit(2);
  }
}
const all: CellRecord[] = runs.flatMap((r) => r.records);
const parts = [
  `# The BACE-Pipe paper's claims, measured\n\nCommand: \`npx tsx scripts/claims.ts ${files.join(" ")}${reference === BACE_CLAIMS_REFERENCE ? "" : ` --reference ${reference}`}\`\n`,
  "## All scenarios\n",
  toMarkdown(claimsSummaryTable(all, claims, reference)),
  ...runs.flatMap((r) => [`## ${r.file}\n`, toMarkdown(claimsTable(r.records, claims, reference))]),
];
const text = parts.join("\n");
if (out === undefined) process.stdout.write(text);
else writeFileSync(out, text);
