import { describe, expect, it } from "vitest";
import { runDocExample } from "../../docExample.js";

describe("docs/topologies.md", () => {
  it("the topology-derive library example runs as written and prints what its comment says", () => {
    const r = runDocExample("docs/topologies.md", "topology-derive");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe("3 true");
  });
});
