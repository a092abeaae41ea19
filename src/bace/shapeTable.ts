/**
 * The per-shape table the path search reads instead of recomputing the cost
 * model's pieces: for one job shape (`feasibilityKey`: model, S, g, b, MFU)
 * on one topology, every stage's compute time and hop demand in every
 * region, each region's intra-region hop, and each link's hop cap and hop
 * time at that cap, in typed arrays numbered by the {@link TopologyView}.
 * Every figure comes from the job's {@link JobProfile} (the same functions,
 * so the same numbers); the table only stores them. Built once per shape and
 * topology; jobs of the same shape share it.
 */
import { demandGbps, hopCapGbps, hopSec, serialisationSec } from "../cost/communication.js";
import type { TopologyView } from "../cost/topologyView.js";
import { feasibilityKey, type JobProfile } from "./profile.js";

/** Precomputed figures of one job shape on one topology (arrays by region number r, link number l, stage k). */
export interface ShapeTable {
  /** Pipeline stages S. */
  readonly stages: number;
  /** GPUs per stage g. */
  readonly gpusPerStage: number;
  /** `t_k` of stage k in region r at `[k · R + r]`, seconds. */
  readonly computeSec: Float64Array;
  /** Demand of the hop from stage k when it runs in region r, at `[k · R + r]`, Gbit/s. */
  readonly demandGbps: Float64Array;
  /** Smallest demand of a hop sent from region r (stages 0 … S−2), Gbit/s; `Infinity` when S = 1. */
  readonly minDemandGbps: Float64Array;
  /** Smallest `t_k` over all stages and regions, seconds. */
  readonly minComputeSec: number;
  /** Hop time inside region r, seconds per micro-batch. */
  readonly intraHopSec: Float64Array;
  /** Serialisation of one activation inside region r, seconds. */
  readonly intraSerialisationSec: Float64Array;
  /** Most a hop of this shape can use on link l (`hopCapGbps`), Gbit/s. */
  readonly capGbps: Float64Array;
  /** Hop time on link l at its cap (the job alone on the network), seconds. */
  readonly capHopSec: Float64Array;
  /** Serialisation on link l at its cap, seconds. */
  readonly capSerialisationSec: Float64Array;
}

const tables = new WeakMap<TopologyView, Map<string, ShapeTable>>();
const byProfile = new WeakMap<JobProfile, ShapeTable>();

/** The table of `profile`'s job shape on `view` (the profile's topology; built on first use, shared by every job of the shape). */
export function shapeTable(view: TopologyView, profile: JobProfile): ShapeTable {
  const known = byProfile.get(profile);
  if (known !== undefined) return known;
  const table = tableOfShape(view, profile);
  byProfile.set(profile, table);
  return table;
}

function tableOfShape(view: TopologyView, profile: JobProfile): ShapeTable {
  let byShape = tables.get(view);
  if (byShape === undefined) tables.set(view, (byShape = new Map()));
  const key = feasibilityKey(profile.job);
  const hit = byShape.get(key);
  if (hit !== undefined) return hit;
  const built = buildTable(view, profile);
  byShape.set(key, built);
  return built;
}

/**
 * `profile.hopCapGbps(link.a, link.b)` for a link of `view`, from the view's
 * numbers instead of a by-key look-up (the view's regions and links are the
 * entries `indexTopology` keeps, so the same objects and the same function).
 */
function linkCapGbps(view: TopologyView, link: TopologyView["links"][number], gpusPerStage: number): number {
  const a = view.regionIndex.get(link.a);
  const b = view.regionIndex.get(link.b);
  if (a === undefined || b === undefined) return 0;
  const from = view.regions[a] as TopologyView["regions"][number];
  if (link.a === link.b) return from.intraBandwidthGbps;
  return hopCapGbps(link, gpusPerStage, from, view.regions[b] as TopologyView["regions"][number]);
}

function buildTable(view: TopologyView, profile: JobProfile): ShapeTable {
  const S = profile.job.stages;
  const R = view.regions.length;
  const L = view.links.length;
  const bytes = profile.activationBytes;
  const computeSec = new Float64Array(S * R);
  const demandByStage = new Float64Array(S * R);
  const minDemandGbps = new Float64Array(R).fill(Number.POSITIVE_INFINITY);
  let minComputeSec = Number.POSITIVE_INFINITY;
  // stages with the same number of layers take the same time in a region: compute once per (layers, region), copy after
  const firstWithLayers = new Map<number, number>();
  for (let k = 0; k < S; k++) {
    const sameAs = firstWithLayers.get(profile.layers[k] as number);
    if (sameAs === undefined) firstWithLayers.set(profile.layers[k] as number, k);
    for (let r = 0; r < R; r++) {
      const t = sameAs === undefined ? profile.stageCompute(k, view.regionIds[r] as string).computeSec : (computeSec[sameAs * R + r] as number);
      const d = sameAs === undefined ? demandGbps(bytes, t) : (demandByStage[sameAs * R + r] as number); // profile.hopDemandGbps(k, r)
      computeSec[k * R + r] = t;
      demandByStage[k * R + r] = d;
      minComputeSec = Math.min(minComputeSec, t);
      if (k < S - 1) minDemandGbps[r] = Math.min(minDemandGbps[r] as number, d);
    }
  }
  const intraHopSec = new Float64Array(R);
  const intraSerialisationSec = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    const region = view.regions[r] as (typeof view.regions)[number];
    intraHopSec[r] = hopSec(bytes, region.intraLatencyMs, region.intraBandwidthGbps);
    intraSerialisationSec[r] = serialisationSec(bytes, region.intraBandwidthGbps);
  }
  const capGbps = new Float64Array(L);
  const capHopSec = new Float64Array(L);
  const capSerialisationSec = new Float64Array(L);
  for (let l = 0; l < L; l++) {
    const link = view.links[l] as (typeof view.links)[number];
    const cap = (capGbps[l] = linkCapGbps(view, link, profile.job.gpusPerStage));
    capHopSec[l] = hopSec(bytes, link.latencyMs, cap);
    capSerialisationSec[l] = serialisationSec(bytes, cap);
  }
  return { stages: S, gpusPerStage: profile.job.gpusPerStage, computeSec, demandGbps: demandByStage, minDemandGbps, minComputeSec, intraHopSec, intraSerialisationSec, capGbps, capHopSec, capSerialisationSec };
}
