import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Command } from "commander";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { cbaSettings, registerCbaCommand, sweepProblems, type CbaCommandOptions } from "../../src/cli/cbaCommand.js";
import type { SweepRun } from "../../src/cba/sweep.js";
import { UserError } from "../../src/cli/errors.js";
import { shutdownHighs } from "../../src/lp/backends/highs.js";

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});
afterAll(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  await shutdownHighs();
});

function program(): Command {
  return registerCbaCommand(new Command("geopipe").exitOverride());
}

async function runCli(args: string[]): Promise<string> {
  let out = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  await program().parseAsync(["cba", ...args], { from: "user" });
  return out;
}

const defaults: CbaCommandOptions = { load: "10", seed: "1", seeds: "1", method: "all", requests: "300", timeLimit: "2", out: "out/cba" };

describe("geopipe cba", () => {
  it("registerCbaCommand(program) adds `cba`, whose run writes Markdown, LaTeX, CSV tables and SVG plots to --out", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "geopipe-cba-"));
    dirs.push(dir);
    const out = await runCli(["--load", "8,12", "--seed", "3", "--seeds", "2", "--method", "ff", "--requests", "30", "--out", dir, "--quiet"]);
    expect(process.exitCode).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["blocking.svg", "claims.md", "claims.tex", "iteration.svg", "metrics.csv", "metrics.md", "metrics.tex", "runs.csv"]);
    const csv = readFileSync(path.join(dir, "metrics.csv"), "utf8").trimEnd().split("\r\n");
    expect(csv).toHaveLength(3); // header + loads 8 and 12 for ff
    expect(csv[1]).toMatch(/^8,ff,2,/);
    const runs = readFileSync(path.join(dir, "runs.csv"), "utf8").trimEnd().split("\r\n");
    expect(runs.slice(1).map((l) => l.split(",").slice(0, 3).join(","))).toEqual(["8,ff,3", "8,ff,4", "12,ff,3", "12,ff,4"]);
    expect(readFileSync(path.join(dir, "metrics.tex"), "utf8")).toContain("\\toprule");
    expect(readFileSync(path.join(dir, "blocking.svg"), "utf8")).toMatch(/^<svg [^>]*>[\s\S]*<\/svg>\n$/);
    expect(out).toContain("| load (Erl) | method |");
    expect(out).toContain("wrote ");
  });

  it("cbaSettings(opts) expands --seed/--seeds and --method all", () => {
    const s = cbaSettings({ ...defaults, load: "6, 8", seed: "5", seeds: "3" });
    expect(s.loadsErlang).toEqual([6, 8]);
    expect(s.seeds).toEqual([5, 6, 7]);
    expect(s.methods).toEqual(["cba", "ff", "oblivious"]);
    expect(cbaSettings({ ...defaults, method: "oblivious" }).methods).toEqual(["oblivious"]);
  });

  it("cbaSettings(opts) rejects bad flags with a UserError naming the flag and the fix", () => {
    const bad: Array<[Partial<CbaCommandOptions>, RegExp]> = [
      [{ load: "abc" }, /--load: expected a positive/],
      [{ load: "8,-1" }, /--load: expected a positive/],
      [{ load: undefined as unknown as string }, /--load: required/],
      [{ method: "best" }, /--method: unknown method "best"; valid: cba, ff, oblivious, all/],
      [{ seeds: "0" }, /--seeds: expected a positive integer/],
      [{ seed: "1.5" }, /--seed: expected a non-negative integer/],
      [{ requests: "many" }, /--requests: expected a positive integer/],
      [{ timeLimit: "0" }, /--time-limit: expected a positive/],
    ];
    for (const [patch, message] of bad) {
      expect(() => cbaSettings({ ...defaults, ...patch })).toThrow(UserError);
      expect(() => cbaSettings({ ...defaults, ...patch })).toThrow(message);
    }
  });

  it("geopipe cba without --load fails with a UserError before running anything", async () => {
    await expect(runCli(["--method", "ff"])).rejects.toThrow(/--load: required/);
  });

  it("sweepProblems(runs, tableCheck) names every unverified run and every disagreeing cell, and is null when all passed", () => {
    const metrics = { requests: 1, accepted: 1, blocked: 0, blockingRate: 0, blockedByReason: { no_gpus: 0, no_spectrum: 0, out_of_reach: 0, policy_error: 0 }, meanIterationTimeMs: 1, commBoundShare: 0, spectrumUtilisation: 0 };
    const run = (verified: boolean): SweepRun => ({ method: "ff", loadErlang: 8, seed: 3, metrics, verified, violations: verified ? 0 : 2, ilp: null, wallMs: 1 });
    expect(sweepProblems([run(true)], { ok: true, violations: [] })).toBeNull();
    const text = sweepProblems([run(false)], { ok: false, violations: [{ kind: "table_cell", requestId: "", field: "blocking %", message: "metrics table, load 8 ff: blocking % is wrong" }] });
    expect(text).toContain("1 run(s) failed verification (ff@8/seed 3)");
    expect(text).toContain("1 table cell(s) disagree with the runs (metrics table, load 8 ff: blocking % is wrong)");
  });
});
