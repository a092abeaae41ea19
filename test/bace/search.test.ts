import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { BandwidthMode, PathCandidate } from "../../src/bace/candidate.js";
import { DEFAULT_PATHFINDER_OPTIONS, enumerateCandidates } from "../../src/bace/pathfinder.js";
import { jobProfile } from "../../src/bace/profile.js";
import { candidateOf, searchPaths, type SearchOptions, type Visitor } from "../../src/bace/search.js";
import { jobArb, viewArb } from "./arbitraries.js";
import { TOY } from "./fixtures.js";

const modes: BandwidthMode[] = ["reserve", "share", "ignore"];

/** Takes every candidate the search offers (no threshold, never stops). */
class All implements Visitor {
  readonly found: { regions: readonly string[]; split: readonly number[]; iterationSec: number }[] = [];
  threshold(): number {
    return Number.POSITIVE_INFINITY;
  }
  offer(regions: readonly string[], split: readonly number[], iterationSec: number): boolean {
    this.found.push({ regions: [...regions], split: [...split], iterationSec });
    return true;
  }
}

/** The fields of a candidate as plain values (maps as entry lists, in insertion order). */
function plain(c: PathCandidate): unknown {
  return { ...c, bandwidthGbps: [...c.bandwidthGbps], reservedGbps: [...c.reservedGbps], gpusByRegion: [...c.gpusByRegion] };
}

describe("searchPaths / candidateOf", () => {
  it("offer exactly the candidates of enumerateCandidates, in its order, each built identically (times, grants, stalls, GPUs)", () => {
    fc.assert(
      fc.property(viewArb, jobArb("p"), fc.constantFrom(...modes), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 8 }), (v, j, mode, maxRegions, splitLimit) => {
        const profile = jobProfile(v.topology, TOY, j);
        const options: SearchOptions = { ...DEFAULT_PATHFINDER_OPTIONS, maxRegions, splitLimit, bandwidth: mode };
        const reference = [...enumerateCandidates(v, profile, options)].map(plain);
        const all = new All();
        searchPaths(v, profile, options, all);
        const fast = all.found.map((f) => plain(candidateOf(v, profile, options, f.regions, f.split, f.iterationSec)));
        expect(fast).toEqual(reference);
      }),
      { numRuns: 300 },
    );
  });

  it("a visitor that stops gets only the first candidate; a threshold below every time gets none", () => {
    fc.assert(
      fc.property(viewArb, jobArb("p"), (v, j) => {
        const profile = jobProfile(v.topology, TOY, j);
        const options: SearchOptions = { ...DEFAULT_PATHFINDER_OPTIONS };
        const reference = [...enumerateCandidates(v, profile, options)];
        const seen: number[] = [];
        searchPaths(v, profile, options, { threshold: () => Number.POSITIVE_INFINITY, offer: (_r, _s, t) => (seen.push(t), false) });
        expect(seen).toEqual(reference.slice(0, 1).map((c) => c.iterationSec));
        const none: number[] = [];
        searchPaths(v, profile, options, { threshold: () => 0, offer: (_r, _s, t) => (none.push(t), true) });
        expect(none).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
