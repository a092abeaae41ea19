import { describe, expect, it } from "vitest";
import { runDocExample } from "../../docExample.js";

describe("docs/workloads.md", () => {
  it("the trace-import library example runs as written and prints what its comment says", () => {
    const r = runDocExample("docs/workloads.md", "trace-import");
    expect(r.status, r.stderr).toBe(0);
    const [first, second] = r.stdout.split("\n");
    expect(first).toBe("2 4 1");
    expect(second).toMatch(/^read test\/fixtures\/traces\/openb_pod_list_multigpu50\.csv: alibaba-openb-2023/);
  });
});
