/**
 * The BACE-Pipe paper's claims over several `geopipe compare` runs: one
 * summary over all their scenarios, then each run's claims table, as
 * Markdown on stdout (or into --out).
 *
 *   npx tsx scripts/claims.ts RESULTS.jsonl [RESULTS.jsonl …] [--out FILE.md]
 *
 * The tables are src/harness/claimsTable.ts's, from the records as written
 * (the verifier ran on every simulation when the records were made).
 */
import { writeFileSync } from "node:fs";
import { readResultsFolder } from "../src/cli/tableCommand.js";
import { claimsSummaryTable, claimsTable, hasClaims } from "../src/harness/claimsTable.js";
import type { CellRecord } from "../src/harness/results.js";
import { toMarkdown } from "../src/report/table.js";

const args = process.argv.slice(2);
const outAt = args.indexOf("--out");
const out = outAt >= 0 ? args[outAt + 1] : undefined;
const files = args.filter((a, i) => a !== "--out" && (outAt < 0 || i !== outAt + 1));
if (files.length === 0 || (outAt >= 0 && out === undefined)) {
  process.stderr.write("usage: npx tsx scripts/claims.ts RESULTS.jsonl [RESULTS.jsonl …] [--out FILE.md]\n");
  process.exit(2);
}

const runs = files.map((file) => ({ file, records: readResultsFolder(file).records }));
for (const r of runs) {
  if (!hasClaims(r.records)) {
    process.stderr.write(`${r.file}: no bace cells beside delay-first, cost-first or bace-no-pathfinder; nothing to compare with the paper\n`);
    process.exit(2);
  }
}
const all: CellRecord[] = runs.flatMap((r) => r.records);
const parts = [
  `# The BACE-Pipe paper's claims, measured\n\nCommand: \`npx tsx scripts/claims.ts ${files.join(" ")}\`\n`,
  "## All scenarios\n",
  toMarkdown(claimsSummaryTable(all)),
  ...runs.flatMap((r) => [`## ${r.file}\n`, toMarkdown(claimsTable(r.records))]),
];
const text = parts.join("\n");
if (out === undefined) process.stdout.write(text);
else writeFileSync(out, text);
