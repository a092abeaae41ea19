/**
 * Job mixes for the workload generator: which models jobs train, how often,
 * and the ranges their shapes are drawn from. The default mix and the
 * reasoning behind it are in docs/workloads.md.
 */

/** An inclusive integer range `[min, max]`. */
export type IntRange = readonly [min: number, max: number];

/** A range `[min, max]` of real numbers. */
export type NumRange = readonly [min: number, max: number];

/** One kind of job in a mix. */
export interface MixEntry {
  /** Name of an LLM model (a file in `models/`). */
  readonly model: string;
  /** Relative frequency (≥ 0; the weights of a mix need not sum to 1). */
  readonly weight: number;
  /** Pipeline stages S, drawn uniformly from this inclusive range. */
  readonly stages: IntRange;
  /** GPUs per stage g, one of these (uniform). */
  readonly gpusPerStage: readonly number[];
  /** Sequences per micro-batch b, one of these (uniform). */
  readonly microBatchSize: readonly number[];
  /** Micro-batches per iteration M, drawn uniformly from this inclusive range. */
  readonly microBatches: IntRange;
  /** Iterations I, drawn log-uniformly from this range and rounded. */
  readonly iterations: IntRange;
  /** MFU, drawn uniformly from this range (within (0, 1]) and rounded to 3 decimals. */
  readonly mfu: NumRange;
}

/**
 * The default mix over the bundled models: small models frequent, 70B and
 * 175B rare. Shapes are chosen so that every job holds at least 16 bytes per
 * parameter (bf16 weights and gradients plus fp32 Adam state) in 80 GB GPUs,
 * fits a single region of the default topology (≤ 96 GPUs), and runs from
 * minutes to hours in its reference run (see docs/workloads.md for measured
 * percentiles). Entries naming a model that is not loaded, or whose shapes
 * cannot fit the topology, are dropped from the default mix.
 */
export const DEFAULT_MIX: readonly MixEntry[] = [
  {
    model: "gpt3-1.3b",
    weight: 0.25,
    stages: [1, 4],
    gpusPerStage: [1, 2],
    microBatchSize: [4, 8],
    microBatches: [8, 32],
    iterations: [300, 6000],
    mfu: [0.4, 0.55],
  },
  {
    model: "gpt3-2.7b",
    weight: 0.2,
    stages: [2, 4],
    gpusPerStage: [1, 2],
    microBatchSize: [2, 4],
    microBatches: [8, 32],
    iterations: [300, 5000],
    mfu: [0.4, 0.5],
  },
  {
    model: "gpt3-6.7b",
    weight: 0.15,
    stages: [2, 8],
    gpusPerStage: [1, 2, 4],
    microBatchSize: [1, 2],
    microBatches: [8, 32],
    iterations: [200, 3000],
    mfu: [0.35, 0.5],
  },
  {
    model: "llama2-7b",
    weight: 0.15,
    stages: [2, 8],
    gpusPerStage: [1, 2, 4],
    microBatchSize: [1, 2],
    microBatches: [8, 32],
    iterations: [200, 3000],
    mfu: [0.35, 0.5],
  },
  {
    model: "gpt3-13b",
    weight: 0.1,
    stages: [4, 8],
    gpusPerStage: [1, 2, 4],
    microBatchSize: [1, 2],
    microBatches: [16, 32],
    iterations: [150, 2000],
    mfu: [0.35, 0.45],
  },
  {
    model: "llama2-13b",
    weight: 0.1,
    stages: [4, 8],
    gpusPerStage: [1, 2, 4],
    microBatchSize: [1, 2],
    microBatches: [16, 32],
    iterations: [150, 2000],
    mfu: [0.35, 0.45],
  },
  {
    model: "llama2-70b",
    weight: 0.04,
    stages: [8, 16],
    gpusPerStage: [2, 4],
    microBatchSize: [1],
    microBatches: [16, 64],
    iterations: [100, 1000],
    mfu: [0.3, 0.4],
  },
  {
    model: "gpt3-175b",
    weight: 0.01,
    stages: [12, 24],
    gpusPerStage: [4],
    microBatchSize: [1],
    microBatches: [24, 64],
    iterations: [50, 500],
    mfu: [0.3, 0.4],
  },
];
