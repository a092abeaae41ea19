import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { geopipe, ROOT } from "./runCli.js";



function tmpFile(name: string, text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "geopipe-cli-"));
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe("geopipe solve", () => {
  it("geopipe solve egout.mps|egout.lp --json reproduces the published optimum 568.1007 from both files", () => {
    for (const ext of ["mps", "lp"]) {
      const r = geopipe("solve", `test/fixtures/miplib/egout.${ext}`, "--json");
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.status).toBe("optimal");
      expect(out.backend).toBe("highs");
      expect(Math.abs(out.objective - 568.1007) / 568.1007).toBeLessThan(1e-6);
      expect(out.bound).not.toBeNull();
      expect(out.gap).toBeLessThan(1e-9);
      expect(typeof out.timeMs).toBe("number");
    }
  });

  it("geopipe solve BAD.lp exits 2 with the file, line number and no stack trace", () => {
    const file = tmpFile("bad.lp", "Minimize\n obj: x + y\nSubject To\n c1: x + <= 3\nEnd\n");
    const r = geopipe("solve", file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.lp:4: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("geopipe solve INFEASIBLE.lp reports the status and exits 0", () => {
    const file = tmpFile("inf.lp", "Minimize\n obj: x\nSubject To\n c1: x >= 3\n c2: x <= 1\nEnd\n");
    for (const backend of ["highs", "glpk", "jslp"]) {
      const r = geopipe("solve", file, "--json", "--backend", backend);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).status).toMatch(/infeasible/);
    }
  });

  it("geopipe solve --solution OUT writes values under the file's own names", () => {
    const file = tmpFile("knap.lp", "Maximize\n obj: 5 x[1] + 4 y\nSubject To\n cap: 6 x[1] + 4 y <= 24\n c2: x[1] + 2 y <= 6\nBounds\n x[1] <= 3\nGenerals\n x[1] y\nEnd\n");
    const out = path.join(path.dirname(file), "sol.json");
    const r = geopipe("solve", file, "--solution", out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/status\s+optimal/);
    const sol = JSON.parse(readFileSync(out, "utf8"));
    // integer optimum by enumeration: x ≤ 3, x + 2y ≤ 6, 6x + 4y ≤ 24 → (3, 1) with 19
    expect(sol.objective).toBe(19);
    expect(sol.values).toEqual({ "x[1]": 3, y: 1 });
  });

  it("geopipe solve with an unknown backend or a bad --gap exits 2 naming the flag", () => {
    const file = tmpFile("ok.lp", "Minimize\n obj: x\nSubject To\n c1: x >= 1\nEnd\n");
    expect(geopipe("solve", file, "--backend", "cplex").code).toBe(2);
    const r = geopipe("solve", file, "--gap", "-1");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--gap/);
    const missing = geopipe("solve", "no/such/file.mps");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read no\/such\/file\.mps/);
  });
});

describe("geopipe inspect", () => {
  it("geopipe inspect (no flags) inspects the bundled default instance", () => {
    const r = geopipe("inspect");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/6 regions, 15 links/);
    expect(r.stdout).toMatch(/12 jobs/);
  });

  it("geopipe inspect --topology BAD exits 2 naming the file and the field path", () => {
    const topo = JSON.parse(readFileSync(path.join(ROOT, "instances/default/topology.json"), "utf8"));
    topo.links[3].bandwidthGbps = -1;
    const file = tmpFile("topology.json", JSON.stringify(topo));
    const r = geopipe("inspect", "--topology", file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/links\[3\]\.bandwidthGbps: must be > 0, got -1/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
