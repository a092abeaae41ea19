import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { durationTableJson, phillyDurationTable, PHILLY_SOURCE } from "../../../scripts/build-trace-data.js";
import { PHILLY_DURATIONS_FILE, phillyDurations } from "../../../src/workload/trace/bundled.js";
import { ROOT } from "../helpers.js";

/** The shared measured data is outside the project; the rebuild test runs only where it is present. */
const DATA = [join(ROOT, "..", "shared", "data"), "/work/shared/data"].find((d) => existsSync(join(d, PHILLY_SOURCE)));

describe("data/traces (bundled)", () => {
  it("phillyDurations() holds the 5,620 multi-GPU Philly jobs by GPU count, sorted", () => {
    const pool = phillyDurations();
    expect([...pool.keys()]).toEqual([2, 4, 8, 12, 16, 24, 32, 64, 128]);
    expect([...pool.values()].reduce((n, d) => n + d.length, 0)).toBe(5620);
    for (const d of pool.values()) expect(d.every((x, k) => k === 0 || x >= d[k - 1]!)).toBe(true);
    expect(PHILLY_DURATIONS_FILE.startsWith(join(ROOT, "data"))).toBe(true);
  });

  it.skipIf(DATA === undefined)("scripts/build-trace-data.ts rebuilds the committed file from the shared data exactly", () => {
    const rebuilt = durationTableJson(phillyDurationTable(readFileSync(join(DATA!, PHILLY_SOURCE), "utf8")));
    expect(gunzipSync(readFileSync(PHILLY_DURATIONS_FILE)).toString("utf8")).toBe(rebuilt);
  });
});
