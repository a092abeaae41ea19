import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_INSTANCE_PATHS } from "../../src/model/instance.js";
import { ROOT, runTsFile } from "../helpers/runTs.js";

describe("loadInstance() defaults", () => {
  it("DEFAULT_INSTANCE_PATHS are absolute paths inside the package", () => {
    for (const p of Object.values(DEFAULT_INSTANCE_PATHS)) {
      expect(path.isAbsolute(p)).toBe(true);
      expect(p.startsWith(ROOT + path.sep)).toBe(true);
    }
  });

  it("loadInstance() with no arguments loads the bundled instance from a working directory outside the package", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "geopipe-cwd-"));
    const script = path.join(dir, "load.ts");
    writeFileSync(
      script,
      `import { loadInstance } from ${JSON.stringify(path.join(ROOT, "src", "index.ts"))};\n` +
        "const inst = loadInstance();\n" +
        "console.log(JSON.stringify({ cwd: process.cwd(), regions: inst.topology.regions.length, jobs: inst.workload.jobs.length, models: inst.models.size }));\n",
    );
    const r = runTsFile(script, dir);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ cwd: dir, regions: 6, jobs: 12, models: 8 });
  });
});
