/**
 * What a job asks of the inter-region links (DESIGN §2, docs/model.md
 * "Links"): every cross-region hop has a demand (the rate that keeps pace
 * with its sending stage, `A·8/(t_f+t_b)`) and a cap (the most it can use,
 * `⌈g/gpusPerNode⌉ · perNodePairGbps`, at most the link's capacity). On
 * each link the job requests the sum of its hops' caps; it gets
 * `min(request, residual)`, which its hops there share in proportion to
 * their caps, and each hop is timed with its share. Intra-region hops use
 * the region's own fabric and reserve nothing.
 */
import type { Link } from "../model/types.js";
import type { Channel } from "./communication.js";

/** What one job asks of one undirected link. */
export interface LinkDemand {
  /** {@link linkKey} of the link. */
  readonly key: string;
  /** The topology's link. */
  readonly link: Link;
  /** Sum of the demands of the job's hops over this link, Gbit/s (each direction): below this some hop falls behind its sender. */
  readonly demandGbps: number;
  /** Sum of the caps of the job's hops over this link, Gbit/s (each direction): the most the job can use there, and what it requests. */
  readonly capGbps: number;
  /** 0-based indices of the sending stages of those hops, ascending. */
  readonly hops: readonly number[];
}

/** One hop as {@link linkDemands} needs it. */
export interface HopDemand {
  /** The channel the hop uses; `null` for the last stage (no hop). */
  readonly channel: Channel | null;
  /** Demand of the hop, Gbit/s. */
  readonly demandGbps: number;
  /** Cap of the hop, Gbit/s. */
  readonly capGbps: number;
}

/**
 * Requests per inter-region link for the hops of one job (`hops[k]` is the
 * hop from stage k to k+1), summed per link, sorted by key.
 *
 * Summing is exact for a full-duplex link: every hop sends activations one
 * way and gradients the other, so two hops of a job over the same link load
 * each direction with both of them.
 */
export function linkDemands(hops: readonly HopDemand[]): readonly LinkDemand[] {
  const byKey = new Map<string, { link: Link; demandGbps: number; capGbps: number; hops: number[] }>();
  hops.forEach((hop, k) => {
    const channel = hop.channel;
    if (channel === null || channel.kind !== "inter") return;
    const entry = byKey.get(channel.key);
    if (entry === undefined) byKey.set(channel.key, { link: channel.link, demandGbps: hop.demandGbps, capGbps: hop.capGbps, hops: [k] });
    else {
      entry.demandGbps += hop.demandGbps;
      entry.capGbps += hop.capGbps;
      entry.hops.push(k);
    }
  });
  return [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, e]) => ({ key, link: e.link, demandGbps: e.demandGbps, capGbps: e.capGbps, hops: e.hops }));
}

/** What a job gets on a link whose residual is `residualGbps`: `min(request, max(residual, 0))`, Gbit/s. */
export function grantedGbps(d: Pick<LinkDemand, "capGbps">, residualGbps: number): number {
  return Math.min(d.capGbps, Math.max(residualGbps, 0));
}

/** The share of a grant one hop gets: `granted · hopCap / Σ caps` (the whole grant for a link used once). */
export function hopShareGbps(grantedOnLinkGbps: number, hopCap: number, capSumGbps: number): number {
  return capSumGbps > 0 ? (grantedOnLinkGbps * hopCap) / capSumGbps : grantedOnLinkGbps;
}

