/**
 * What the network grants one placement under given residual bandwidth
 * (docs/model.md, "Links"): on each link it uses, the job gets
 * `min(Σ hop caps, residual)`, shared by its hops there in proportion to their
 * caps. The simulator starts jobs with these grants; the policies, the exact
 * formulations and the verifier use the same function, so all agree.
 */
import { hopShareGbps, grantedGbps } from "./demand.js";
import type { PlacementBreakdown } from "./evaluate.js";

/** The hop whose share falls furthest below its demand. */
export interface WorstHop {
  /** Link key. */
  readonly key: string;
  /** 0-based index of the sending stage. */
  readonly stage: number;
  /** Bandwidth the hop would get, Gbit/s. */
  readonly shareGbps: number;
  /** Its demand, Gbit/s. */
  readonly demandGbps: number;
}

/** Grants per link and how well they cover the hops' demands. */
export interface LinkGrant {
  /** Gbit/s granted per link key (each direction). */
  readonly grantedGbps: ReadonlyMap<string, number>;
  /** Smallest `share / demand` over the job's cross-region hops (`Infinity` without any). */
  readonly minShareOfDemand: number;
  /** The hop attaining {@link minShareOfDemand}; `null` without cross-region hops. */
  readonly worst: WorstHop | null;
}

/**
 * Grants for the links of `alone` (a breakdown of the job alone on the
 * network, which carries every hop's cap and demand) given each link's
 * residual (`residualGbps(key)`, Gbit/s; negative counts as 0).
 */
export function grantLinks(alone: PlacementBreakdown, residualGbps: (key: string) => number): LinkGrant {
  const granted = new Map<string, number>();
  let minShareOfDemand = Number.POSITIVE_INFINITY;
  let worst: WorstHop | null = null;
  for (const d of alone.linkDemands) {
    const g = grantedGbps(d, residualGbps(d.key));
    granted.set(d.key, g);
    for (const k of d.hops) {
      const stage = alone.stages[k];
      if (stage === undefined) continue;
      const share = hopShareGbps(g, stage.capGbps, d.capGbps);
      const ratio = stage.demandGbps > 0 ? share / stage.demandGbps : Number.POSITIVE_INFINITY;
      if (worst === null || ratio < minShareOfDemand) {
        minShareOfDemand = ratio;
        worst = { key: d.key, stage: k, shareGbps: share, demandGbps: stage.demandGbps };
      }
    }
  }
  return { grantedGbps: granted, minShareOfDemand, worst };
}
