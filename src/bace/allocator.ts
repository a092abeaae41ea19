/**
 * BACE-Pipe stage 3, the cost-minimising allocator: among feasible
 * candidates, the one with the cheapest electricity cost (from the cost
 * model's {@link evaluatePlacement}, prices integrated from now) whose
 * iteration time is within `timeTolerance` of the best feasible iteration
 * time. Ties go to the faster, then to the earlier candidate.
 */
import type { PlacementBreakdown } from "../cost/index.js";
import type { ClusterView } from "../sim/types.js";
import { evaluateCandidate, type PathCandidate } from "./candidate.js";
import type { JobProfile } from "./profile.js";

/** Options of {@link allocateCostMin}; all optional, defaults in {@link DEFAULT_ALLOCATOR_OPTIONS}. */
export interface AllocatorOptions {
  /**
   * Accepted slowdown over the best feasible iteration time, as a fraction.
   * Default 0.1: the cost model's runtime is only as good as the MFU it is
   * given, which varies by about that much run to run, so paths within 10 %
   * are treated as equally fast and the cheapest is taken.
   */
  readonly timeTolerance?: number;
}

/** Defaults of {@link AllocatorOptions}. */
export const DEFAULT_ALLOCATOR_OPTIONS: Required<AllocatorOptions> = {
  timeTolerance: 0.1,
};

/** The allocator's choice with its evaluation. */
export interface Allocation {
  /** The chosen candidate. */
  readonly candidate: PathCandidate;
  /** The cost model's evaluation of the chosen candidate as the policy believes it. */
  readonly breakdown: PlacementBreakdown;
  /** Best iteration time among all candidates, seconds. */
  readonly bestIterationSec: number;
  /** Candidates within the tolerance (those whose cost was evaluated). */
  readonly considered: number;
}

/** The cheapest candidate within the time tolerance, or `null` when `candidates` is empty. */
export function allocateCostMin(
  view: Readonly<ClusterView>,
  profile: JobProfile,
  candidates: readonly PathCandidate[],
  options: AllocatorOptions = {},
): Allocation | null {
  const chosen = cheapestWithinTolerance(candidates, (c) => evaluateCandidate(view, profile, c), options);
  return chosen === null ? null : { candidate: chosen.candidate, breakdown: chosen.priced, bestIterationSec: chosen.bestIterationSec, considered: chosen.considered };
}

/**
 * {@link allocateCostMin}'s rule with the candidates priced by `price` (a
 * candidate priced `null` is passed over): the cheapest `costUsd` within the
 * tolerance, ties to the faster, then to the earlier candidate.
 */
export function cheapestWithinTolerance<P extends { readonly costUsd: number }>(
  candidates: readonly PathCandidate[],
  price: (candidate: PathCandidate) => P | null,
  options: AllocatorOptions = {},
): { readonly candidate: PathCandidate; readonly priced: P; readonly bestIterationSec: number; readonly considered: number } | null {
  const { timeTolerance } = { ...DEFAULT_ALLOCATOR_OPTIONS, ...options };
  let best = Number.POSITIVE_INFINITY;
  for (const c of candidates) best = Math.min(best, c.iterationSec);
  if (!Number.isFinite(best)) return null;
  const limit = best * (1 + Math.max(timeTolerance, 0));
  let chosen: { candidate: PathCandidate; priced: P } | null = null;
  let considered = 0;
  for (const candidate of candidates) {
    if (candidate.iterationSec > limit) continue;
    const priced = price(candidate);
    if (priced === null) continue;
    considered++;
    if (
      chosen === null ||
      priced.costUsd < chosen.priced.costUsd ||
      (priced.costUsd === chosen.priced.costUsd && candidate.iterationSec < chosen.candidate.iterationSec)
    ) {
      chosen = { candidate, priced };
    }
  }
  return chosen === null ? null : { ...chosen, bestIterationSec: best, considered };
}
