import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { okRecord } from "../helpers/records.js";
import { runMain, useCliCapture } from "../helpers/cli.js";

useCliCapture();
const run = runMain;
const rec = okRecord;

/** A results file: bace and delay-first at loads 1 (seeds 1, 2) and 2 (seed 1 only). */
function results(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "geopipe-table-"));
  const recs = [rec("bace", 1, 1, 1, 50), rec("bace", 2, 1, 2, 70), rec("delay-first", 1, 1, 2, 100), rec("delay-first", 2, 1, 4, 100), rec("bace", 1, 2, 3, 10), rec("delay-first", 1, 2, 6, 20)];
  const file = path.join(dir, "results.jsonl");
  writeFileSync(file, recs.map((r) => JSON.stringify(r)).join("\n") + "\n");
  return file;
}

describe("geopipe table for papers", () => {
  it("--columns chooses and orders columns; one seed shows 'n/a', not '± 0.000'", async () => {
    const r = await run(["table", results(), "--columns", "load,scheduler,meanJctH,jctReductionPct"]);
    expect(r.code, r.err).toBe(0);
    const lines = r.out.trimEnd().split("\n");
    expect(lines[2]).toBe("| load scale | scheduler | mean JCT (h) | bace JCT reduction % |");
    expect(lines.slice(4)).toEqual([
      "| 1 | bace | 1.500 ± 0.707 | — |",
      "| 1 | delay-first | 3.000 ± 1.414 | 50.0 ± 0.0 |",
      "| 2 | bace | 3.000 ± n/a | — |",
      "| 2 | delay-first | 6.000 ± n/a | 50.0 ± n/a |",
    ]);
  });

  it("--columns with an unknown key exits 2 listing the valid keys", async () => {
    const r = await run(["table", results(), "--columns", "load,meanJct"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe("geopipe: --columns: table main: unknown column meanJct; valid columns: topology, workload, bandwidthScale, load, scheduler, seedsOk, meanJctH, costUsd, jctReductionPct, costReductionPct, crossRegionPct, unschedulable\n");
  });

  it("--pivot scheduler gives one row per scenario with a column group per scheduler, in CSV as numeric mean and std columns", async () => {
    const r = await run(["table", results(), "--pivot", "scheduler", "--columns", "load,meanJctH,costUsd", "--format", "csv"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out.split("\r\n")).toEqual([
      "load scale,bace: mean JCT (h) mean,bace: mean JCT (h) std,bace: total cost (USD) mean,bace: total cost (USD) std,delay-first: mean JCT (h) mean,delay-first: mean JCT (h) std,delay-first: total cost (USD) mean,delay-first: total cost (USD) std",
      `1,1.5,${Math.SQRT1_2},60,${Math.sqrt(200)},3,${Math.sqrt(2)},100,0`,
      "2,3,,10,,6,,20,",
      "",
    ]);
  });

  it("--pivot on a table whose rows are not one per scenario and scheduler exits 2 saying what to keep", async () => {
    const r = await run(["table", results(), "--pivot", "scheduler", "--columns", "scheduler,meanJctH"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^geopipe: --pivot: table main: rows are not unique per scheduler \(scheduler "bace" appears twice\); keep more identity columns/);
  });

  it("--columns with --table all exits 2; a folder instead of the file exits 2 naming the file inside", async () => {
    const file = results();
    expect((await run(["table", file, "--table", "all", "--columns", "load"])).code).toBe(2);
    const dir = path.dirname(file);
    const r = await run(["table", dir]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`geopipe: ${dir} is a folder, not a results file; pass ${file}\n`);
    const empty = path.join(dir, "empty");
    mkdirSync(empty);
    expect((await run(["table", empty])).err).toBe(`geopipe: ${empty} is a folder, not a results file; pass the results.jsonl of a geopipe compare run\n`);
  });
});
