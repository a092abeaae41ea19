/**
 * Compute side of the cost model (DESIGN §2): how layers are split over
 * pipeline stages and how long a stage takes per micro-batch.
 *
 * Symbols: L layers, S stages, b sequences per micro-batch, s sequence length
 * (tokens), h hidden size, g GPUs per stage, peak in FLOP/s, MFU in (0, 1].
 */

/**
 * Layers of each stage, split as evenly as possible: every stage gets
 * `⌊L / S⌋` layers and the first `L mod S` stages get one more. Sums to `L`;
 * any two stages differ by at most one. `S > L` gives stages with 0 layers
 * (the evaluator rejects that).
 */
export function splitLayers(numLayers: number, stages: number): readonly number[] {
  const memoised = Number.isInteger(numLayers) && Number.isInteger(stages) && numLayers >= 0 && numLayers < SPLIT_MEMO_LAYERS && stages >= 1 && stages <= SPLIT_MEMO_STAGES;
  if (!memoised) return split(numLayers, stages);
  const key = numLayers * (SPLIT_MEMO_STAGES + 1) + stages;
  let hit = splits.get(key);
  if (hit === undefined) splits.set(key, (hit = Object.freeze(split(numLayers, stages))));
  return hit;
}

function split(numLayers: number, stages: number): number[] {
  const base = Math.floor(numLayers / stages);
  const extra = numLayers - base * stages;
  return Array.from({ length: stages }, (_, k) => base + (k < extra ? 1 : 0));
}

/** Splits are memoised (frozen, shared: the cost model asks for the same few at every evaluation) for integer L below this… */
const SPLIT_MEMO_LAYERS = 4096;
/** …and integer S in [1, this]. */
const SPLIT_MEMO_STAGES = 1024;
const splits = new Map<number, readonly number[]>();

/**
 * Forward FLOPs of one transformer layer for one micro-batch:
 * `24·b·s·h² + 4·b·s²·h` (dense matmuls of attention and MLP, plus the two
 * attention score matmuls; embedding and LM head are not counted).
 */
export function forwardFlopsPerLayer(microBatchSize: number, seqLength: number, hiddenSize: number): number {
  const b = microBatchSize;
  const s = seqLength;
  const h = hiddenSize;
  return 24 * b * s * h * h + 4 * b * s * s * h;
}

/** Backward FLOPs per forward FLOP (gradients of activations and of weights). */
export const BACKWARD_TO_FORWARD_RATIO = 2;

/** Achieved FLOP/s of one stage: `g · peakTflopsBf16·10¹² · mfu`. */
export function stageFlopsPerSec(gpusPerStage: number, peakTflopsBf16: number, mfu: number): number {
  return gpusPerStage * peakTflopsBf16 * 1e12 * mfu;
}

/** Seconds a stage needs for `flops` at `flopsPerSec` (FLOPs / achieved FLOP/s). */
export function computeSec(flops: number, flopsPerSec: number): number {
  return flops / flopsPerSec;
}

/** Forward and backward time of one stage for one micro-batch. */
export interface StageCompute {
  /** Layers on the stage. */
  readonly layers: number;
  /** Forward FLOPs of the stage per micro-batch. */
  readonly forwardFlops: number;
  /** Forward time t_f in seconds per micro-batch. */
  readonly forwardSec: number;
  /** Backward time t_b = 2·t_f in seconds per micro-batch. */
  readonly backwardSec: number;
  /** t_k = t_f + t_b in seconds per micro-batch. */
  readonly computeSec: number;
}

/**
 * Compute time of a stage of `layers` layers: FLOPs / (g · peak · MFU) for
 * the forward pass, twice that for the backward pass.
 */
export function stageCompute(
  layers: number,
  flopsPerLayer: number,
  gpusPerStage: number,
  peakTflopsBf16: number,
  mfu: number,
): StageCompute {
  const forwardFlops = layers * flopsPerLayer;
  const rate = stageFlopsPerSec(gpusPerStage, peakTflopsBf16, mfu);
  const forwardSec = computeSec(forwardFlops, rate);
  const backwardSec = computeSec(BACKWARD_TO_FORWARD_RATIO * forwardFlops, rate);
  return { layers, forwardFlops, forwardSec, backwardSec, computeSec: forwardSec + backwardSec };
}
