import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateCandidate, type BandwidthMode } from "../../src/bace/candidate.js";
import { enumerateCandidates, findPaths } from "../../src/bace/pathfinder.js";
import { jobProfile } from "../../src/bace/profile.js";
import { evaluatePlacement, linkKey } from "../../src/cost/index.js";
import type { Topology } from "../../src/model/types.js";
import { MIN_RESERVATION_FRACTION } from "../../src/sim/types.js";
import { jobArb, viewArb } from "./arbitraries.js";
import { job, link, region, TOY, view } from "./fixtures.js";

const modes: BandwidthMode[] = ["reserve", "share", "ignore"];

describe("pathfinder", () => {
  it("enumerateCandidates(view, profile, mode) yields paths whose GPUs fit, links admit the job, and whose time is the cost model's", () => {
    fc.assert(
      fc.property(viewArb, jobArb("p"), fc.constantFrom(...modes), (v, j, mode) => {
        const profile = jobProfile(v.topology, TOY, j);
        for (const c of enumerateCandidates(v, profile, { bandwidth: mode })) {
          expect(c.path.length).toBe(j.stages);
          for (const [r, n] of c.gpusByRegion) expect(n).toBeLessThanOrEqual(v.freeGpus.get(r)!);
          const alone = evaluatePlacement(v.topology, TOY, j, c.path);
          if (!alone.ok) throw new Error(alone.error.message);
          for (const d of alone.value.linkDemands) {
            const residual = v.residualGbps.get(d.key)!;
            const granted = Math.min(d.capGbps, residual);
            expect(c.reservedGbps.get(d.key)).toBeCloseTo(granted, 9);
            expect(granted).toBeGreaterThanOrEqual(MIN_RESERVATION_FRACTION * d.demandGbps);
            if (mode === "reserve") expect(d.demandGbps).toBeLessThanOrEqual(granted * (1 + 1e-12));
          }
          const full = evaluateCandidate(v, profile, c);
          expect(full).not.toBeNull();
          expect(c.iterationSec).toBeCloseTo(full!.iterationSec, 12);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("findPaths(view, job) with reserve finds a subset of the bandwidth-blind candidates", () => {
    fc.assert(
      fc.property(viewArb, jobArb("p"), (v, j) => {
        const aware = findPaths(v, j);
        const blind = findPaths(v, j, { bandwidth: "ignore" });
        const blindPaths = new Set(blind.ok ? blind.candidates.map((c) => c.path.join(",")) : []);
        if (aware.ok) for (const c of aware.candidates) expect(blindPaths.has(c.path.join(","))).toBe(true);
        else expect(aware.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
  });

  it("findPaths(view, job) explains a missing GPU, missing room, or missing bandwidth", () => {
    const topology: Topology = { name: "ab", regions: [region("A", 2), region("B", 2)], links: [link("A", "B", 10, 5)] };
    const big = findPaths(view(topology), job("g", 1, { gpusPerStage: 4 }));
    expect(big).toEqual({ ok: false, reason: "needs 4 GPUs per stage but the largest region has 2 free" });
    const long = findPaths(view(topology), job("s", 5));
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.reason).toMatch(/no such path has room/);
    // 4 stages over A and B must cross A–B (demand 16/3 = 5.33 Gbit/s: 5 layers per stage, t_k = 3 ms); 4 Gbit/s per node pair cannot carry it.
    const thin = findPaths(view({ ...topology, links: [link("A", "B", 10, 5, 4)] }), job("b", 4));
    expect(thin.ok).toBe(false);
    if (!thin.ok) expect(thin.reason).toMatch(/demand exceeds/);
    expect(findPaths(view({ ...topology, links: [link("A", "B", 10, 5, 4)] }), job("b", 4), { bandwidth: "share" }).ok).toBe(true);
    expect(findPaths(view(topology), job("b", 4)).ok).toBe(true); // the whole 10 Gbit/s carries it
    expect(findPaths(view(topology, { residualGbps: { [linkKey("A", "B")]: 0 } }), job("b", 4), { bandwidth: "ignore" }).ok).toBe(false);
  });

  it("findPaths(view, job) keeps stages in one region when it has room and lists it first", () => {
    const topology: Topology = { name: "ab", regions: [region("A", 4), region("B", 4)], links: [link("A", "B", 100, 5)] };
    const result = findPaths(view(topology), job("x", 2));
    if (!result.ok) throw new Error(result.reason);
    expect(result.candidates.map((c) => c.path.join(""))).toEqual(["AA", "BB", "AB", "BA"]);
  });
});
