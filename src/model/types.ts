/**
 * Domain types of the problem model (DESIGN §1). Plain readonly data; the
 * schemas in this folder validate files into these types where they enter.
 * Units are in the field names.
 */

/** An accelerator type. */
export interface GpuType {
  /** e.g. "A100-80GB". */
  readonly name: string;
  /** Dense bf16 peak in TFLOP/s (10^12 FLOP/s). */
  readonly peakTflopsBf16: number;
  /** Board power in W at full load. */
  readonly powerW: number;
  /** Power in W when idle (waiting in pipeline bubbles). Optional; absent means bubbles are charged at full power. */
  readonly idlePowerW?: number;
  readonly memoryGb: number;
}

/**
 * Electricity price of a region.
 * - constant: one price for all time;
 * - hourly: `usdPerKwh[h]` holds for simulated time [h·3600, (h+1)·3600) s,
 *   and the series repeats from its start after its last hour. `originUtc`
 *   says which UTC hour its hour 0 is; a workload's `startUtc` then picks the
 *   hour simulated time 0 reads (src/model/calendar.ts).
 */
export type Price =
  | { readonly kind: "constant"; readonly usdPerKwh: number }
  | {
      readonly kind: "hourly";
      readonly usdPerKwh: readonly number[];
      /** UTC time of hour 0 of the series, a whole hour in ISO 8601 (e.g. "2023-01-01T00:00:00Z"). Optional; needed only to run in calendar time. */
      readonly originUtc?: string;
    };

export interface Region {
  /** Unique id used by links, placements and workloads, e.g. "us-east-1". */
  readonly id: string;
  /** Cloud and region code the figures come from, e.g. "aws:us-east-1". */
  readonly cloudRegion: string;
  /** GPUs available to training. */
  readonly gpus: number;
  readonly gpu: GpuType;
  /** Power usage effectiveness (≥ 1). */
  readonly pue: number;
  readonly price: Price;
  /** Bandwidth between two GPUs of this region, in Gbit/s. */
  readonly intraBandwidthGbps: number;
  /** One-way latency inside this region, in ms. */
  readonly intraLatencyMs: number;
  /**
   * GPUs per node (server) in this region. A cross-region hop between stages
   * of `g` GPUs uses `⌈g / gpusPerNode⌉` nodes at each end. Optional; absent
   * means {@link DEFAULT_GPUS_PER_NODE}.
   */
  readonly gpusPerNode?: number;
}

/** GPUs per node when a region does not say: 8 (NVIDIA HGX A100/H100 servers, AWS p4d/p5, GCP a2/a3, Azure ND). */
export const DEFAULT_GPUS_PER_NODE = 8;

/**
 * An undirected, full-duplex link between two regions (docs/model.md, "Links").
 * Two figures: `bandwidthGbps`, the aggregate capacity the region pair offers
 * all jobs together (reservations of running jobs add up to at most this, in
 * each direction), and `perNodePairGbps`, what one pair of nodes gets (one
 * sending node, one receiving node), so a hop between stages that span `n`
 * node pairs gets at most `n · perNodePairGbps`.
 */
export interface Link {
  readonly a: string;
  readonly b: string;
  /** Aggregate capacity shared by all jobs, in each direction, Gbit/s. */
  readonly bandwidthGbps: number;
  /**
   * Throughput one node pair gets over this link (e.g. Skyplane's one-VM-pair
   * measurement), in each direction, Gbit/s. Optional; absent means a single
   * hop may use the whole `bandwidthGbps`.
   */
  readonly perNodePairGbps?: number;
  /** One-way latency, ms. */
  readonly latencyMs: number;
}

export interface Topology {
  readonly name: string;
  readonly regions: readonly Region[];
  readonly links: readonly Link[];
}

/** An LLM architecture (one file each in `models/`). */
export interface LlmModel {
  /** e.g. "gpt3-13b". */
  readonly name: string;
  readonly family: string;
  /** Transformer layers L. */
  readonly numLayers: number;
  /** Hidden size h. */
  readonly hiddenSize: number;
  readonly numHeads: number;
  /** Sequence length s (tokens). */
  readonly seqLength: number;
  readonly vocabSize: number;
  /** Published parameter count. */
  readonly paramCount: number;
  /** Where the shape comes from. */
  readonly source: string;
}

/** A pipeline-parallel training job. */
export interface Job {
  readonly id: string;
  /** Name of an {@link LlmModel}. */
  readonly model: string;
  /** Arrival time in seconds from the start of the run. */
  readonly arrivalSec: number;
  /** Pipeline stages S; layers are split as evenly as possible. */
  readonly stages: number;
  /** GPUs per stage g (data/tensor parallel inside a stage). */
  readonly gpusPerStage: number;
  /** Sequences per micro-batch b. */
  readonly microBatchSize: number;
  /** Micro-batches per iteration M. */
  readonly microBatches: number;
  /** Iterations I. */
  readonly iterations: number;
  /** Achieved fraction of peak FLOP/s, in (0, 1]. */
  readonly mfu: number;
  /**
   * Whether point-to-point sends between stages overlap compute (asynchronous
   * sends, as in interleaved schedules with overlapped communication). Default
   * false: blocking sends as in Megatron-LM's plain 1F1B, where a hop's time
   * adds to its stage's step (docs/model.md, "Iteration time").
   */
  readonly commOverlap?: boolean;
}

export interface Workload {
  readonly name: string;
  /**
   * UTC time of simulated time 0, a whole hour in ISO 8601 (e.g.
   * "2017-10-01T00:00:00Z"). Optional; when given, hourly prices are read
   * from that calendar hour on (src/model/calendar.ts). Absent: hour 0 of
   * every series is time 0.
   */
  readonly startUtc?: string;
  readonly jobs: readonly Job[];
}

/** A pipeline path: the region of each stage, in stage order (consecutive stages may share a region). */
export type PipelinePath = readonly string[];
