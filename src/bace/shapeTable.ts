/**
 * The per-shape table the path search reads instead of recomputing the cost
 * model's pieces: for one job shape (`feasibilityKey`: model, S, g, b, MFU)
 * on one topology, every stage's compute time and hop demand in every
 * region, each region's intra-region hop, and each link's hop cap and hop
 * time at that cap, in typed arrays numbered by the {@link TopologyView}.
 * Every figure comes from the functions the job's {@link JobProfile} uses
 * (`stageCompute`, `demandGbps`, `hopCapGbps`, `hopSec`, on the same
 * arguments, so the same numbers); the table only stores them. Built once per
 * shape and topology; jobs of the same shape share it. The hop figures
 * (intra-region hops, link caps and hop times at the cap) depend only on the
 * activation size and g, not on the model's layers, S or the MFU, so shapes
 * that differ only there (generated jobs draw their MFU per job) share one
 * copy of them.
 */
import { demandGbps, hopCapGbps, hopSec, serialisationSec } from "../cost/communication.js";
import { forwardFlopsPerLayer, stageCompute } from "../cost/compute.js";
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

/** The hop figures of a table (see the module comment). */
type HopFigures = Pick<ShapeTable, "intraHopSec" | "intraSerialisationSec" | "capGbps" | "capHopSec" | "capSerialisationSec">;

const tables = new WeakMap<TopologyView, Map<string, ShapeTable>>();
/** Hop figures by topology, activation bytes and GPUs per stage. */
const hopTables = new WeakMap<TopologyView, Map<number, Map<number, HopFigures>>>();
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

/** The hop figures for `bytes` of activation and `gpusPerStage` on `view`, built once per pair. */
function hopFigures(view: TopologyView, bytes: number, gpusPerStage: number): HopFigures {
  let byBytes = hopTables.get(view);
  if (byBytes === undefined) hopTables.set(view, (byBytes = new Map()));
  let byGpus = byBytes.get(bytes);
  if (byGpus === undefined) byBytes.set(bytes, (byGpus = new Map()));
  let hit = byGpus.get(gpusPerStage);
  if (hit === undefined) byGpus.set(gpusPerStage, (hit = buildHopFigures(view, bytes, gpusPerStage)));
  return hit;
}

function buildHopFigures(view: TopologyView, bytes: number, gpusPerStage: number): HopFigures {
  const R = view.regions.length;
  const L = view.links.length;
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
    const cap = (capGbps[l] = linkCapGbps(view, link, gpusPerStage));
    capHopSec[l] = hopSec(bytes, link.latencyMs, cap);
    capSerialisationSec[l] = serialisationSec(bytes, cap);
  }
  return { intraHopSec, intraSerialisationSec, capGbps, capHopSec, capSerialisationSec };
}

function buildTable(view: TopologyView, profile: JobProfile): ShapeTable {
  const { job, model } = profile;
  const S = job.stages;
  const R = view.regions.length;
  const bytes = profile.activationBytes;
  // profile.stageCompute(k, r) is stageCompute of these arguments (the region's peak: the view's regions are the topology's)
  const flops = forwardFlopsPerLayer(job.microBatchSize, model.seqLength, model.hiddenSize);
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
      const peak = (view.regions[r] as (typeof view.regions)[number]).gpu.peakTflopsBf16;
      const t = sameAs === undefined ? stageCompute(profile.layers[k] as number, flops, job.gpusPerStage, peak, job.mfu).computeSec : (computeSec[sameAs * R + r] as number);
      const d = sameAs === undefined ? demandGbps(bytes, t) : (demandByStage[sameAs * R + r] as number); // profile.hopDemandGbps(k, r)
      computeSec[k * R + r] = t;
      demandByStage[k * R + r] = d;
      minComputeSec = Math.min(minComputeSec, t);
      if (k < S - 1) minDemandGbps[r] = Math.min(minDemandGbps[r] as number, d);
    }
  }
  return { stages: S, gpusPerStage: job.gpusPerStage, computeSec, demandGbps: demandByStage, minDemandGbps, minComputeSec, ...hopFigures(view, bytes, job.gpusPerStage) };
}
