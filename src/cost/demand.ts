/**
 * Bandwidth a job reserves on inter-region links (DESIGN §2): each
 * cross-region hop needs `A·8 / t_f` Gbit/s on its link; a link used by
 * several hops of the same job carries the sum. Intra-region hops reserve
 * nothing (intra-region bandwidth is not modelled as shared).
 */
import type { Link } from "../model/types.js";
import type { Channel } from "./communication.js";

/** Bandwidth one job reserves on one undirected link. */
export interface LinkDemand {
  /** {@link linkKey} of the link. */
  readonly key: string;
  /** The topology's link. */
  readonly link: Link;
  /** Sum of the demands of the job's hops over this link, Gbit/s (each direction). */
  readonly demandGbps: number;
  /** 0-based indices of the sending stages of those hops, ascending. */
  readonly hops: readonly number[];
}

/** One hop as {@link linkDemands} needs it. */
export interface HopDemand {
  /** The channel the hop uses; `null` for the last stage (no hop). */
  readonly channel: Channel | null;
  /** Demand of the hop, Gbit/s. */
  readonly demandGbps: number;
}

/**
 * Reservations per inter-region link for the hops of one job (`hops[k]` is
 * the hop from stage k to k+1), summed per link, sorted by key.
 *
 * Summing is exact for a full-duplex link: every hop sends activations one
 * way and gradients the other, so two hops of a job over the same link load
 * each direction with both of their demands.
 */
export function linkDemands(hops: readonly HopDemand[]): readonly LinkDemand[] {
  const byKey = new Map<string, { link: Link; demandGbps: number; hops: number[] }>();
  hops.forEach((hop, k) => {
    const channel = hop.channel;
    if (channel === null || channel.kind !== "inter") return;
    const entry = byKey.get(channel.key);
    if (entry === undefined) byKey.set(channel.key, { link: channel.link, demandGbps: hop.demandGbps, hops: [k] });
    else {
      entry.demandGbps += hop.demandGbps;
      entry.hops.push(k);
    }
  });
  return [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, e]) => ({ key, link: e.link, demandGbps: e.demandGbps, hops: e.hops }));
}

/** Whether every reservation fits the link capacity on its own (`demand ≤ bandwidthGbps`). */
export function demandsFitCapacity(demands: readonly LinkDemand[]): boolean {
  return demands.every((d) => d.demandGbps <= d.link.bandwidthGbps);
}
