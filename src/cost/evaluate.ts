/**
 * Evaluates one placement of one job (DESIGN §2): the per-stage breakdown,
 * iteration time and its bottleneck, runtime, energy, electricity cost, and
 * the bandwidth the job reserves per link. Pure; a bad placement is an error
 * value ({@link CostResult}), never a throw.
 */
import type { Job, LlmModel, PipelinePath, Region, Topology } from "../model/types.js";
import { forwardFlopsPerLayer, splitLayers, stageCompute, type StageCompute } from "./compute.js";
import {
  activationBytes,
  demandGbps,
  hopCapGbps,
  hopSec,
  indexTopology,
  isBandwidthFeasible,
  resolveChannel,
  serialisationSec,
  type Channel,
} from "./communication.js";
import { grantedGbps, hopShareGbps, linkDemands, type LinkDemand } from "./demand.js";
import { energyKwh, stageAveragePowerW, stagePowerW } from "./energy.js";
import { fail, ok, unwrap, type CostResult } from "./errors.js";
import { iterationTime } from "./iteration.js";
import { priceIntegralUsdPerKw } from "./price.js";
import { topologyView, type TopologyView } from "./topologyView.js";

/** Options of {@link evaluatePlacement}; all optional, defaults in {@link DEFAULT_EVALUATE_OPTIONS}. */
export interface EvaluateOptions {
  /** Simulated time the run starts, in seconds (prices are integrated from here). Default 0. */
  readonly startSec?: number;
  /**
   * Bandwidth the job gets on each inter-region link, Gbit/s, by {@link linkKey}
   * (e.g. the simulator's reservations). Hops over a link in the map share it
   * in proportion to their caps (a link used by one hop gives it all) and are
   * timed with their shares. Values must be > 0. Links not in the map give the
   * job what it would get alone on the network, `min(Σ caps, capacity)`.
   * Default: empty map (the job alone on the network).
   */
  readonly linkBandwidthGbps?: ReadonlyMap<string, number>;
}

/** Defaults of {@link EvaluateOptions}. */
export const DEFAULT_EVALUATE_OPTIONS: Required<EvaluateOptions> = {
  startSec: 0,
  linkBandwidthGbps: new Map(),
};

/** One stage of a placement and the hop to the next stage. */
export interface StageBreakdown {
  /** 0-based stage index k. */
  readonly index: number;
  /** Region r_k of the stage. */
  readonly regionId: string;
  /** Layers on the stage. */
  readonly layers: number;
  /** Forward FLOPs per micro-batch. */
  readonly forwardFlops: number;
  /** t_f, seconds per micro-batch. */
  readonly forwardSec: number;
  /** t_b = 2·t_f, seconds per micro-batch. */
  readonly backwardSec: number;
  /** t_k = t_f + t_b, seconds per micro-batch. */
  readonly computeSec: number;
  /** Channel of the hop to stage k+1; `null` for the last stage. */
  readonly channel: Channel | null;
  /** c_k, seconds per micro-batch; 0 for the last stage. */
  readonly hopSec: number;
  /** Bandwidth the hop needs to keep pace with its sender (`A·8/(t_f+t_b)`), Gbit/s, each direction; 0 for the last stage. */
  readonly demandGbps: number;
  /** Most the hop can use, Gbit/s: `⌈g/gpusPerNode⌉ · perNodePairGbps` (at most the link capacity) across regions, the region's `intraBandwidthGbps` inside one; 0 for the last stage. */
  readonly capGbps: number;
  /** Bandwidth the hop is timed with, Gbit/s (its share of what the job gets on the link); 0 for the last stage. */
  readonly bandwidthGbps: number;
  /** σ_k = A·8/bandwidth, seconds to send one activation (or gradient) each way; 0 for the last stage. */
  readonly serialisationSec: number;
  /** Whether the hop's bandwidth covers its demand; `true` for the last stage. */
  readonly bandwidthFeasible: boolean;
  /** Facility power at full load, W (`g · powerW · pue`). */
  readonly powerW: number;
  /** Average facility power over the run, W (lower than `powerW` only with idle power). */
  readonly averagePowerW: number;
  /** Energy of the stage over the run, kWh. */
  readonly energyKwh: number;
}

/** Everything the cost model says about one placement. */
export interface PlacementBreakdown {
  /** `job.id`. */
  readonly jobId: string;
  /** The pipeline path evaluated. */
  readonly path: PipelinePath;
  /** Forward FLOPs of one layer per micro-batch (`24·b·s·h² + 4·b·s²·h`). */
  readonly flopsPerLayer: number;
  /** Activation bytes per micro-batch between stages (`b·s·h·2`). */
  readonly activationBytes: number;
  /** Per-stage breakdown, in stage order. */
  readonly stages: readonly StageBreakdown[];
  /** T, seconds per iteration (1F1B with communication). */
  readonly iterationSec: number;
  /** 0-based index of the stage that sets the period (largest `t_k + c_k`; with `commOverlap`, largest `max(t_k, σ_k)`). */
  readonly bottleneckStage: number;
  /** The period each micro-batch after the first adds, seconds (`t_k + c_k` of the bottleneck stage with blocking sends). */
  readonly bottleneckSec: number;
  /** Whether sends overlap compute (`job.commOverlap`). */
  readonly commOverlap: boolean;
  /** Runtime `I · T`, seconds (waiting before the start not included). */
  readonly runtimeSec: number;
  /** Start of the run, seconds (from the options). */
  readonly startSec: number;
  /** `startSec + runtimeSec`. */
  readonly endSec: number;
  /** Energy of the run, kWh (facility, PUE included). */
  readonly energyKwh: number;
  /** Electricity cost of the run, USD (price integrated over [startSec, endSec) per region). */
  readonly costUsd: number;
  /** GPUs used per region. */
  readonly gpusByRegion: Readonly<Record<string, number>>;
  /** Average facility power per region over the run, kW. */
  readonly powerKwByRegion: Readonly<Record<string, number>>;
  /** Energy per region, kWh. */
  readonly energyKwhByRegion: Readonly<Record<string, number>>;
  /** Cost per region, USD. */
  readonly costUsdByRegion: Readonly<Record<string, number>>;
  /** What the job asks of each inter-region link it uses (hops over the same link summed). */
  readonly linkDemands: readonly LinkDemand[];
  /** Whether every hop's bandwidth covers its demand (with the bandwidth given, or the job alone on the network). */
  readonly bandwidthFeasible: boolean;
}

/**
 * The checks of {@link evaluatePlacement} that concern the job and its model
 * alone (the model is the job's; `job.stages` is an integer in [1, L]): a job
 * that passes them is rejected only for its path (length, regions, links, an
 * empty hourly price series).
 */
export function checkJobForModel(model: LlmModel, job: Job): CostResult<null> {
  if (job.model !== model.name) {
    return fail({
      kind: "model_mismatch",
      jobModel: job.model,
      modelName: model.name,
      message: `job "${job.id}": job.model is "${job.model}" but the model passed is "${model.name}"; pass the model the job names`,
    });
  }
  if (!Number.isInteger(job.stages) || job.stages < 1 || job.stages > model.numLayers) {
    return fail({
      kind: "invalid_job",
      field: "stages",
      message: `job "${job.id}": stages = ${job.stages} must be an integer in [1, ${model.numLayers}] (the layers of "${model.name}")`,
    });
  }
  return ok(null);
}

/** Checks the job, model and path; returns the regions of the path in stage order. */
function validate(topology: Topology, model: LlmModel, job: Job, path: PipelinePath): CostResult<readonly Region[]> {
  const jobChecked = checkJobForModel(model, job);
  if (!jobChecked.ok) return jobChecked;
  if (path.length !== job.stages) {
    return fail({
      kind: "path_length",
      expected: job.stages,
      actual: path.length,
      message: `job "${job.id}": path has ${path.length} regions but job.stages = ${job.stages}; give one region per stage`,
    });
  }
  const index = indexTopology(topology);
  const regions: Region[] = [];
  for (let k = 0; k < path.length; k++) {
    const id = path[k] as string;
    const region = index.regions.get(id);
    if (region === undefined) {
      return fail({
        kind: "unknown_region",
        stage: k,
        regionId: id,
        message: `job "${job.id}": path[${k}] = "${id}" is not a region of topology "${topology.name}"; use one of: ${[...index.regions.keys()].join(", ")}`,
      });
    }
    if (region.price.kind === "hourly" && region.price.usdPerKwh.length === 0) {
      return fail({
        kind: "invalid_price",
        regionId: id,
        message: `region "${id}": price.usdPerKwh is an empty hourly series; give at least one hour`,
      });
    }
    regions.push(region);
  }
  return ok(regions);
}

const channelCache = new WeakMap<TopologyView, (Channel | undefined)[]>();

/**
 * {@link resolveChannel} for two regions of `view`, the channel built once
 * per ordered pair of regions (channels are read-only); errors come from
 * `resolveChannel` itself.
 */
function channelBetween(view: TopologyView, from: string, to: string, stage: number): CostResult<Channel> {
  const a = view.regionIndex.get(from);
  const b = view.regionIndex.get(to);
  if (a === undefined || b === undefined) return resolveChannel(view.topology, from, to, stage);
  let cache = channelCache.get(view);
  if (cache === undefined) channelCache.set(view, (cache = []));
  const slot = a * view.regions.length + b;
  let channel = cache[slot];
  if (channel === undefined) {
    const resolved = resolveChannel(view.topology, from, to, stage);
    if (!resolved.ok) return resolved;
    cache[slot] = channel = resolved.value;
  }
  return ok(channel);
}

/**
 * Bandwidth a hop is timed with: inside a region the region's fabric; across
 * regions its cap's share of what the job gets on the link (the given
 * bandwidth, or alone on the network `min(Σ caps, capacity)`).
 */
function hopBandwidthGbps(
  channel: Channel,
  capGbps: number,
  given: ReadonlyMap<string, number>,
  linkCapSum: ReadonlyMap<string, number>,
): number {
  if (channel.kind !== "inter") return channel.bandwidthGbps;
  const capSum = linkCapSum.get(channel.key) ?? capGbps;
  const granted = given.get(channel.key) ?? grantedGbps({ capGbps: capSum }, channel.bandwidthGbps);
  return hopShareGbps(granted, capGbps, capSum);
}

/** Adds `value` to `record[key]`. */
function add(record: Record<string, number>, key: string, value: number): void {
  record[key] = (record[key] ?? 0) + value;
}

/**
 * Evaluates placing `job` (of `model`) on `path` in `topology`, starting at
 * `options.startSec`. Fails with a {@link CostError} value when the model is
 * not the job's, `job.stages` is not in [1, L], the path length is not
 * `job.stages`, a region is unknown, or two consecutive regions have no link.
 */
export function evaluatePlacement(
  topology: Topology,
  model: LlmModel,
  job: Job,
  path: PipelinePath,
  options: EvaluateOptions = {},
): CostResult<PlacementBreakdown> {
  const { startSec, linkBandwidthGbps } = { ...DEFAULT_EVALUATE_OPTIONS, ...options };
  const checked = validate(topology, model, job, path);
  if (!checked.ok) return checked;
  const regions = checked.value;

  const b = job.microBatchSize;
  const flopsPerLayer = forwardFlopsPerLayer(b, model.seqLength, model.hiddenSize);
  const bytes = activationBytes(b, model.seqLength, model.hiddenSize);
  const layers = splitLayers(model.numLayers, job.stages);
  // stages with as many layers in the same region compute alike: one stageCompute each
  const computed = new Map<Region, StageCompute[]>();
  const computes = regions.map((r, k) => {
    const l = layers[k] ?? 0;
    let byLayers = computed.get(r);
    if (byLayers === undefined) computed.set(r, (byLayers = []));
    return (byLayers[l] ??= stageCompute(l, flopsPerLayer, job.gpusPerStage, r.gpu.peakTflopsBf16, job.mfu));
  });

  const view = topologyView(topology);
  const channels: { channel: Channel | null; demandGbps: number; capGbps: number }[] = [];
  for (let k = 0; k < regions.length; k++) {
    const next = path[k + 1];
    if (next === undefined) {
      channels.push({ channel: null, demandGbps: 0, capGbps: 0 });
      continue;
    }
    const channel = channelBetween(view, path[k] as string, next, k);
    if (!channel.ok) return channel;
    const c = channel.value;
    const capGbps = c.kind === "inter" ? hopCapGbps(c.link, job.gpusPerStage, regions[k] as Region, regions[k + 1] as Region) : c.bandwidthGbps;
    channels.push({ channel: c, demandGbps: demandGbps(bytes, (computes[k] as (typeof computes)[number]).computeSec), capGbps });
  }
  const linkCapSum = new Map<string, number>();
  for (const c of channels) {
    if (c.channel?.kind === "inter") linkCapSum.set(c.channel.key, (linkCapSum.get(c.channel.key) ?? 0) + c.capGbps);
  }
  const hops = channels.map(({ channel, demandGbps: demand, capGbps }) => {
    if (channel === null) return { channel, hopSec: 0, demandGbps: 0, capGbps: 0, bandwidthGbps: 0, serialisationSec: 0, feasible: true };
    const bandwidth = hopBandwidthGbps(channel, capGbps, linkBandwidthGbps, linkCapSum);
    return {
      channel,
      hopSec: hopSec(bytes, channel.latencyMs, bandwidth),
      demandGbps: demand,
      capGbps,
      bandwidthGbps: bandwidth,
      serialisationSec: serialisationSec(bytes, bandwidth),
      feasible: isBandwidthFeasible(bandwidth, demand),
    };
  });

  const commOverlap = job.commOverlap === true;
  const time = iterationTime(
    computes.map((c) => c.computeSec),
    hops.map((h) => h.hopSec),
    job.microBatches,
    commOverlap ? hops.map((h) => h.serialisationSec) : undefined,
  );
  const runtimeSec = job.iterations * time.iterationSec;
  const endSec = startSec + runtimeSec;

  const gpusByRegion: Record<string, number> = {};
  const powerKwByRegion: Record<string, number> = {};
  const energyKwhByRegion: Record<string, number> = {};
  const stages: StageBreakdown[] = regions.map((region, k) => {
    const compute = computes[k] as (typeof computes)[number];
    const hop = hops[k] as (typeof hops)[number];
    const powerW = stagePowerW(job.gpusPerStage, region.gpu.powerW, region.pue);
    const averagePowerW = stageAveragePowerW(
      job.gpusPerStage,
      region.gpu,
      region.pue,
      job.microBatches * compute.computeSec,
      time.iterationSec,
    );
    const stageEnergyKwh = energyKwh(averagePowerW, runtimeSec);
    add(gpusByRegion, region.id, job.gpusPerStage);
    add(powerKwByRegion, region.id, averagePowerW / 1000);
    add(energyKwhByRegion, region.id, stageEnergyKwh);
    return {
      index: k,
      regionId: region.id,
      layers: compute.layers,
      forwardFlops: compute.forwardFlops,
      forwardSec: compute.forwardSec,
      backwardSec: compute.backwardSec,
      computeSec: compute.computeSec,
      channel: hop.channel,
      hopSec: hop.hopSec,
      demandGbps: hop.demandGbps,
      capGbps: hop.capGbps,
      bandwidthGbps: hop.bandwidthGbps,
      serialisationSec: hop.serialisationSec,
      bandwidthFeasible: hop.feasible,
      powerW,
      averagePowerW,
      energyKwh: stageEnergyKwh,
    };
  });

  const index = indexTopology(topology);
  const costUsdByRegion: Record<string, number> = {};
  let costUsd = 0;
  let totalEnergyKwh = 0;
  for (const [id, powerKw] of Object.entries(powerKwByRegion)) {
    const region = index.regions.get(id) as Region;
    const cost = powerKw * priceIntegralUsdPerKw(region.price, startSec, endSec);
    costUsdByRegion[id] = cost;
    costUsd += cost;
    totalEnergyKwh += energyKwhByRegion[id] ?? 0;
  }

  const demands = linkDemands(hops);
  return ok({
    jobId: job.id,
    path,
    flopsPerLayer,
    activationBytes: bytes,
    stages,
    iterationSec: time.iterationSec,
    bottleneckStage: time.bottleneckStage,
    bottleneckSec: time.bottleneckSec,
    commOverlap,
    runtimeSec,
    startSec,
    endSec,
    energyKwh: totalEnergyKwh,
    costUsd,
    gpusByRegion,
    powerKwByRegion,
    energyKwhByRegion,
    costUsdByRegion,
    linkDemands: demands,
    bandwidthFeasible: hops.every((h) => h.feasible),
  });
}

/** {@link evaluatePlacement} that throws {@link CostModelError} instead of returning an error value. */
export function evaluatePlacementOrThrow(
  topology: Topology,
  model: LlmModel,
  job: Job,
  path: PipelinePath,
  options: EvaluateOptions = {},
): PlacementBreakdown {
  return unwrap(evaluatePlacement(topology, model, job, path, options));
}

/**
 * Bandwidth the job reserves on each undirected inter-region link for this
 * placement (hops over the same link summed), as the simulator reserves it.
 */
export function jobDemandGbps(
  topology: Topology,
  model: LlmModel,
  job: Job,
  path: PipelinePath,
): CostResult<readonly LinkDemand[]> {
  const result = evaluatePlacement(topology, model, job, path);
  return result.ok ? ok(result.value.linkDemands) : result;
}
