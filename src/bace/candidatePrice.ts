/**
 * A candidate's electricity cost, priced again at another time without
 * evaluating the placement again (for `bace-wait`, which prices the same
 * kept candidates at every decision; `./deferral.ts`). Of
 * {@link evaluateCandidate}'s cost only the price integrals depend on the
 * start time: the cost is
 *
 *     Σ_r powerKw_r · priceIntegralUsdPerKw(price_r, start, start + runtimeSec)
 *
 * summed from 0 over the regions in the order of the breakdown's
 * `powerKwByRegion`. The first call for a candidate evaluates it and keeps
 * `runtimeSec` and the terms (power, price) per region; later calls compute
 * the sum above with the same operations in the same order, so the cost is
 * the same number `evaluateCandidate(view, profile, candidate).costUsd`
 * gives, bit for bit, at every time. The evaluation reads the candidate's
 * path and believed bandwidths only (besides the job's profile), so the
 * terms are also kept per profile by those, for the equal candidates a
 * later search builds anew (at most {@link KEPT_PER_PROFILE} per profile).
 */
import type { Price, Topology } from "../model/types.js";
import { priceIntegralUsdPerKw } from "../cost/price.js";
import { indexTopology } from "../cost/communication.js";
import type { ClusterView } from "../sim/types.js";
import { evaluateCandidate, type PathCandidate } from "./candidate.js";
import type { JobProfile } from "./profile.js";

/** What a candidate's cost needs beyond the start time; `terms` null when the cost model rejects the path. */
interface PriceTerms {
  readonly topology: Topology;
  readonly profile: JobProfile;
  readonly runtimeSec: number;
  readonly terms: readonly (readonly [Price, number])[] | null;
}

/** Most price terms kept per job profile by path and bandwidths; past it that profile's are dropped (they are only a cache). */
export const KEPT_PER_PROFILE = 512;

const kept = new WeakMap<PathCandidate, PriceTerms>();
const keptByContent = new WeakMap<JobProfile, Map<string, PriceTerms>>();

/** The price terms of `candidate` (see the module comment). */
function termsOf(view: Readonly<ClusterView>, profile: JobProfile, candidate: PathCandidate): PriceTerms {
  let byContent = keptByContent.get(profile);
  if (byContent === undefined || byContent.size >= KEPT_PER_PROFILE) keptByContent.set(profile, (byContent = new Map()));
  const key = `${candidate.path.join(",")}|${[...candidate.bandwidthGbps].join(",")}`;
  let p = byContent.get(key);
  if (p === undefined || p.topology !== view.topology) {
    const breakdown = evaluateCandidate(view, profile, candidate);
    const index = indexTopology(view.topology);
    const terms = breakdown === null ? null : Object.entries(breakdown.powerKwByRegion).map(([id, kw]) => [index.regions.get(id)?.price as Price, kw] as const);
    byContent.set(key, (p = { topology: view.topology, profile, runtimeSec: breakdown?.runtimeSec ?? 0, terms }));
  }
  kept.set(candidate, p);
  return p;
}

/** `evaluateCandidate(view, profile, candidate)?.costUsd ?? null`, from the terms kept for the candidate (see the module comment). */
export function candidateCostUsd(view: Readonly<ClusterView>, profile: JobProfile, candidate: PathCandidate): number | null {
  let p = kept.get(candidate);
  if (p === undefined || p.topology !== view.topology || p.profile !== profile) p = termsOf(view, profile, candidate);
  if (p.terms === null) return null;
  const startSec = view.timeSec;
  const endSec = startSec + p.runtimeSec;
  let costUsd = 0;
  for (const [price, powerKw] of p.terms) costUsd += powerKw * priceIntegralUsdPerKw(price, startSec, endSec);
  return costUsd;
}
