import { afterAll, describe, expect, it } from "vitest";
import { nsfnet } from "../../src/cba/nsfnet.js";
import { runSweep } from "../../src/cba/sweep.js";
import { highs, shutdownHighs } from "../../src/lp/backends/highs.js";

afterAll(async () => {
  await shutdownHighs();
});

describe("runSweep", () => {
  it("runSweep(network, highs, small grid) runs every (load, seed, method) in order, and every run verifies", async () => {
    const seen: number[] = [];
    const runs = await runSweep(nsfnet(), highs, {
      loadsErlang: [4, 16],
      seeds: [1],
      requests: 30,
      onRun: (_r, done, total) => {
        expect(total).toBe(6);
        seen.push(done);
      },
    });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    expect(runs.map((r) => `${r.loadErlang}/${r.seed}/${r.method}`).slice(0, 3)).toEqual(["4/1/cba", "4/1/ff", "4/1/oblivious"]);
    for (const r of runs) {
      expect(r.verified).toBe(true);
      expect(r.metrics.requests).toBe(30);
      expect(r.metrics.blockedByReason.policy_error).toBe(0);
      expect(r.ilp === null).toBe(r.method === "ff");
    }
    // Four times the offered load on the same seed blocks at least as much.
    const heavy = runs.filter((r) => r.loadErlang === 16);
    const light = runs.filter((r) => r.loadErlang === 4);
    const mean = (rs: typeof runs) => rs.reduce((s, r) => s + r.metrics.blockingRate, 0) / rs.length;
    expect(mean(heavy)).toBeGreaterThanOrEqual(mean(light));
  });
});
