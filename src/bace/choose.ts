/**
 * The two ways a path placement picks among the pathfinder's candidates,
 * over the fast search (`./search.ts`): the fastest candidate, and BACE-Pipe's
 * cost-min allocation. Each returns what the reference — the candidates of
 * {@link enumerateCandidates} handed to the same rule — returns; the search
 * only skips candidates the rule cannot pick, and builds only the kept ones
 * (`candidateOf`, the same candidate `assessPath` builds):
 *
 * - fastest: the first candidate with the smallest iteration time, so a
 *   candidate slower than the best so far is skipped;
 * - cost-min: {@link allocateCostMin} over every candidate within the time
 *   tolerance of the best one, in enumeration order; a candidate slower than
 *   `(1 + tolerance)` × the best so far cannot be within the tolerance of the
 *   best at the end (the best only improves), so it is skipped.
 */
import { allocateCostMin, DEFAULT_ALLOCATOR_OPTIONS, type Allocation, type AllocatorOptions } from "./allocator.js";
import type { PathCandidate } from "./candidate.js";
import type { ClusterView } from "../sim/types.js";
import type { JobProfile } from "./profile.js";
import { candidateOf, searchPaths, type SearchOptions, type Visitor } from "./search.js";

/** A candidate as the search offers it. */
interface Found {
  readonly regions: readonly string[];
  readonly split: readonly number[];
  readonly iterationSec: number;
}

/** The candidate the search offered as `found`. */
function build(view: Readonly<ClusterView>, profile: JobProfile, found: Found, options: SearchOptions): PathCandidate {
  return candidateOf(view, profile, options, found.regions, found.split, found.iterationSec);
}

/** Keeps the first candidate with the smallest iteration time. */
class Fastest implements Visitor {
  best: Found | null = null;

  threshold(): number {
    return this.best?.iterationSec ?? Number.POSITIVE_INFINITY;
  }

  offer(regions: readonly string[], split: readonly number[], iterationSec: number): boolean {
    if (this.best === null || iterationSec < this.best.iterationSec) this.best = { regions, split, iterationSec };
    return true;
  }
}

/** Keeps every candidate within `widen` × the best time so far. */
class WithinTolerance implements Visitor {
  best = Number.POSITIVE_INFINITY;
  readonly kept: Found[] = [];

  constructor(readonly widen: number) {}

  threshold(): number {
    return this.best * this.widen;
  }

  offer(regions: readonly string[], split: readonly number[], iterationSec: number): boolean {
    this.best = Math.min(this.best, iterationSec);
    this.kept.push({ regions, split, iterationSec });
    return true;
  }
}

/** Stops at the first candidate. */
class First implements Visitor {
  found: Found | null = null;

  threshold(): number {
    return Number.POSITIVE_INFINITY;
  }

  offer(regions: readonly string[], split: readonly number[], iterationSec: number): boolean {
    this.found = { regions, split, iterationSec };
    return false;
  }
}

/** The first candidate with the smallest iteration time, or `null` when there is none. */
export function fastestCandidate(view: Readonly<ClusterView>, profile: JobProfile, options: SearchOptions): PathCandidate | null {
  const v = new Fastest();
  searchPaths(view, profile, options, v);
  return v.best === null ? null : build(view, profile, v.best, options);
}

/** Whether there is any candidate (the search stops at the first). */
export function hasCandidate(view: Readonly<ClusterView>, profile: JobProfile, options: SearchOptions): boolean {
  const v = new First();
  searchPaths(view, profile, options, v);
  return v.found !== null;
}

/** {@link allocateCostMin} over all candidates, or `null` when there is none (see the module comment). */
export function costMinAllocation(view: Readonly<ClusterView>, profile: JobProfile, options: SearchOptions, allocator: AllocatorOptions = {}): Allocation | null {
  return allocateCostMin(view, profile, withinTolerance(view, profile, options, allocator), allocator);
}

/**
 * The candidates {@link costMinAllocation} hands {@link allocateCostMin}:
 * those within the time tolerance of the best, in enumeration order. They
 * depend on the view's free GPUs and residual bandwidth, not on its time
 * (only their costs do).
 */
export function withinTolerance(view: Readonly<ClusterView>, profile: JobProfile, options: SearchOptions, allocator: AllocatorOptions = {}): readonly PathCandidate[] {
  const { timeTolerance } = { ...DEFAULT_ALLOCATOR_OPTIONS, ...allocator };
  const v = new WithinTolerance(1 + Math.max(timeTolerance, 0));
  searchPaths(view, profile, options, v);
  const limit = v.best * v.widen;
  return v.kept.filter((f) => !(f.iterationSec > limit)).map((f) => build(view, profile, f, options));
}
