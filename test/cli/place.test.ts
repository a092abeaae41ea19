import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
/** The built CLI (test/globalSetup.ts rebuilds dist/ when src/ is newer). */
const BUILT = path.join(ROOT, "dist", "cli", "main.js");

/** Runs the built CLI in a child process, as a user would. */
function geopipe(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BUILT, ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("geopipe place", () => {
  it("geopipe place --json prints status, path, iterationSec, costUsd, objective, bound and timeMs of the exact optimum", () => {
    const r = geopipe("place", "--job", "j01", "--objective", "weighted:0.5", "--json");
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.status).toBe("optimal");
    expect(out.path).toHaveLength(2);
    for (const k of ["iterationSec", "costUsd", "objective", "bound", "timeMs"]) expect(typeof out[k]).toBe("number");
    expect(out.bound).toBeLessThanOrEqual(out.objective);
    expect(out.bound).toBeGreaterThan(out.objective * (1 - 1e-6));
  });

  it("geopipe place --method milp agrees with --method exact, and bace is never better on the same objective", () => {
    const exact = JSON.parse(geopipe("place", "--objective", "time", "--json").stdout);
    const milp = JSON.parse(geopipe("place", "--objective", "time", "--method", "milp", "--json").stdout);
    const bace = JSON.parse(geopipe("place", "--objective", "time", "--method", "bace", "--json").stdout);
    expect(exact.status).toBe("optimal");
    expect(milp.status).toBe("optimal");
    expect(Math.abs(exact.objective - milp.objective) / exact.objective).toBeLessThan(1e-6);
    expect(bace.status).toBe("feasible");
    expect(bace.objective).toBeGreaterThanOrEqual(exact.objective * (1 - 1e-9));
  });

  it("geopipe place --objective cost:CAP below every placement's time is infeasible, exit 0", () => {
    const r = geopipe("place", "--objective", "cost:0.001", "--json");
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.status).toBe("infeasible");
    expect(out.path).toBeNull();
    expect(out.boundInfinite).toBe(true);
  });

  it("geopipe place --pareto --json prints a complete front, time ascending and cost descending", () => {
    const r = geopipe("place", "--pareto", "--json");
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.status).toBe("ok");
    expect(out.complete).toBe(true);
    expect(out.points.length).toBeGreaterThan(0);
    for (let i = 1; i < out.points.length; i++) {
      expect(out.points[i].iterationSec).toBeGreaterThan(out.points[i - 1].iterationSec);
      expect(out.points[i].costUsd).toBeLessThan(out.points[i - 1].costUsd);
    }
  });

  it("bad --objective, --job, --method or topology file exits 2 with one line naming it", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "geopipe-place-"));
    const badTopology = path.join(dir, "t.json");
    writeFileSync(badTopology, JSON.stringify({ name: "x", regions: [{ id: "a" }], links: [] }));
    const cases: [string[], RegExp][] = [
      [["--objective", "fast"], /--objective fast/],
      [["--objective", "weighted:2"], /ALPHA must be in \[0, 1\]/],
      [["--job", "nope"], /--job nope: no such job/],
      [["--method", "nope"], /--method nope: unknown/],
      [["--time-limit", "0"], /--time-limit 0/],
      [["--topology", badTopology], /t\.json/],
    ];
    for (const [args, message] of cases) {
      const r = geopipe("place", ...args);
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
