/**
 * The numbers the placement MILPs are built from, for one job under one
 * cluster view: per-stage compute by region, the possible hops (arcs) with
 * their time and bandwidth demand, per-region GPUs and residual bandwidth,
 * and the electricity-cost coefficients. All from the cost model's own
 * functions (via the BACE job profile), so the MILP and `evaluatePlacement`
 * agree by construction (docs/exact.md, "Coefficients").
 *
 * Hops are timed the way the simulator times a hop that is its job's only
 * hop on a link: a cross-region hop over arc a gets the grant
 * `G_k(a) = min(cap(a), residual)` (cap = node pairs × per-node-pair
 * throughput, docs/model.md "Links"), so `c = 2·(λ + A·8/G)`; a constant of
 * the view, so the MILP stays linear. An arc is usable when its grant covers
 * the hop's demand `D_k(r) = A·8/(t_f+t_b)` (BACE-Pipe's `"reserve"` rule).
 */
import { hopSec, indexTopology, linkKey, serialisationSec } from "../cost/index.js";
import { JOULES_PER_KWH } from "../cost/energy.js";
import { averagePriceUsdPerKwh } from "../cost/price.js";
import { jobProfile, type JobProfile } from "../bace/profile.js";
import { compareIds, regionsById } from "../model/order.js";
import type { Job, LlmModel } from "../model/types.js";
import type { ClusterView } from "../sim/types.js";

/** A possible hop between consecutive stages: from region index `from` to `to`. */
export interface Arc {
  /** Region index of the sending stage. */
  readonly from: number;
  /** Region index of the receiving stage. */
  readonly to: number;
  /** Link key for a cross-region arc; null inside a region. */
  readonly linkKey: string | null;
  /** One-way latency of the channel, ms. */
  readonly latencyMs: number;
  /** Intra-region bandwidth, Gbit/s (only used when `linkKey` is null). */
  readonly intraBandwidthGbps: number;
}

/** Coefficients of one job under one view. */
export interface Coefficients {
  /** The job. */
  readonly job: Job;
  /** Its model. */
  readonly model: LlmModel;
  /** The BACE profile the figures come from. */
  readonly profile: JobProfile;
  /** Region ids, in id order (`regionsById`, never the file's order); index r everywhere below. */
  readonly regions: readonly string[];
  /** Free GPUs by region index. */
  readonly freeGpus: readonly number[];
  /** t_k(r) = t_f + t_b, seconds per micro-batch, `[k][r]`. */
  readonly computeSec: readonly (readonly number[])[];
  /** Every arc (intra-region first, then both directions of each link). */
  readonly arcs: readonly Arc[];
  /** c_k(a), seconds per micro-batch, `[k][a]` for k < S−1. */
  readonly hopSec: readonly (readonly number[])[];
  /** σ_k(a) = A·8/G_k(a), seconds to send one tensor each way, `[k][a]` for k < S−1 (the period term with `commOverlap`). */
  readonly serialisationSec: readonly (readonly number[])[];
  /** D_k(a), Gbit/s the hop from stage k over arc a needs to keep pace with its sender (0 inside a region), `[k][a]`. */
  readonly demandGbps: readonly (readonly number[])[];
  /** G_k(a), Gbit/s the hop from stage k over arc a is granted and reserves (0 inside a region), `[k][a]`. */
  readonly grantGbps: readonly (readonly number[])[];
  /** Residual Gbit/s by link key (the view's, or capacity when absent). */
  readonly residualGbps: ReadonlyMap<string, number>;
  /** USD per second of iteration time T per stage placed in region r: `I·g·PUE·P_idle·price/3.6e6` (P_idle = P_gpu without idle power). */
  readonly costPerIterSec: readonly number[];
  /** USD of stage k in region r independent of T: `I·g·PUE·(P_gpu−P_idle)·M·t_k(r)·price/3.6e6`, `[k][r]`. */
  readonly costFixed: readonly (readonly number[])[];
  /** Whether the cost coefficients are exact (every price constant); hourly prices use the mean over the reference run. */
  readonly costExact: boolean;
  /** Reference iteration time for the weighted objective, s: the profile's ideal runtime / I (> 0). */
  readonly tRefSec: number;
  /** Reference cost for the weighted objective, USD: Σ_k min_r (cost of stage k in r at T = tRefSec) (> 0). */
  readonly costRefUsd: number;
}

/** Builds the {@link Coefficients} of `job` under `view`; null when the view has no model for the job. */
export function coefficients(view: Readonly<ClusterView>, job: Job): Coefficients | null {
  const model = view.models.get(job.model);
  if (model === undefined) return null;
  const topology = view.topology;
  const profile = jobProfile(topology, model, job);
  const index = indexTopology(topology);
  const sortedRegions = regionsById(topology);
  const regions = sortedRegions.map((r) => r.id);
  const pos = new Map(regions.map((id, i) => [id, i] as const));
  const S = job.stages;
  const computeSec = Array.from({ length: S }, (_, k) => regions.map((r) => profile.stageCompute(k, r).computeSec));
  const arcs: Arc[] = sortedRegions.map((r, i) => ({ from: i, to: i, linkKey: null, latencyMs: r.intraLatencyMs, intraBandwidthGbps: r.intraBandwidthGbps }));
  const residual = new Map<string, number>();
  for (const [, l] of [...index.links.entries()].sort(([a], [b]) => compareIds(a, b))) {
    const a = pos.get(l.a);
    const b = pos.get(l.b);
    if (a === undefined || b === undefined || a === b) continue;
    const key = linkKey(l.a, l.b);
    residual.set(key, Math.max(view.residualGbps.get(key) ?? l.bandwidthGbps, 0));
    arcs.push({ from: a, to: b, linkKey: key, latencyMs: l.latencyMs, intraBandwidthGbps: 0 });
    arcs.push({ from: b, to: a, linkKey: key, latencyMs: l.latencyMs, intraBandwidthGbps: 0 });
  }
  const A = profile.activationBytes;
  const demandGbps: number[][] = [];
  const grantGbps: number[][] = [];
  const hops: number[][] = [];
  const serialisation: number[][] = [];
  for (let k = 0; k + 1 < S; k++) {
    const d = arcs.map((a) => (a.linkKey === null ? 0 : profile.hopDemandGbps(k, regions[a.from] as string)));
    const grant = arcs.map((a) =>
      a.linkKey === null ? 0 : Math.min(profile.hopCapGbps(regions[a.from] as string, regions[a.to] as string), residual.get(a.linkKey) ?? 0),
    );
    const bandwidth = arcs.map((a, i) => (a.linkKey === null ? a.intraBandwidthGbps : (grant[i] as number)));
    demandGbps.push(d);
    grantGbps.push(grant);
    hops.push(arcs.map((a, i) => hopSec(A, a.latencyMs, bandwidth[i] as number)));
    serialisation.push(bandwidth.map((b) => serialisationSec(A, b)));
  }
  const I = job.iterations;
  const g = job.gpusPerStage;
  const tRefSec = profile.idealRuntimeSec / I;
  let costExact = true;
  const price = sortedRegions.map((r) => {
    if (r.price.kind !== "constant") costExact = false;
    return averagePriceUsdPerKwh(r.price, view.timeSec, view.timeSec + profile.idealRuntimeSec);
  });
  const costPerIterSec = sortedRegions.map((r, i) => (I * g * r.pue * (r.gpu.idlePowerW ?? r.gpu.powerW) * (price[i] as number)) / JOULES_PER_KWH);
  const costFixed = computeSec.map((row) =>
    sortedRegions.map((r, i) => {
      const extraW = r.gpu.powerW - (r.gpu.idlePowerW ?? r.gpu.powerW);
      return (I * g * r.pue * extraW * job.microBatches * (row[i] as number) * (price[i] as number)) / JOULES_PER_KWH;
    }),
  );
  let costRef = 0;
  for (let k = 0; k < S; k++) {
    costRef += Math.min(...regions.map((_, r) => (costPerIterSec[r] as number) * tRefSec + (costFixed[k]?.[r] as number)));
  }
  return {
    job,
    model,
    profile,
    regions,
    freeGpus: regions.map((id) => view.freeGpus.get(id) ?? 0),
    computeSec,
    arcs,
    hopSec: hops,
    serialisationSec: serialisation,
    demandGbps,
    grantGbps,
    residualGbps: residual,
    costPerIterSec,
    costFixed,
    costExact,
    tRefSec: tRefSec > 0 ? tRefSec : 1,
    costRefUsd: costRef > 0 ? costRef : 1,
  };
}
