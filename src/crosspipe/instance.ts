/**
 * A CrossPipe scheduling instance: one pipeline with a fixed placement, its
 * per-stage compute times, its inter-stage links and a per-stage memory limit.
 *
 * Indices are 0-based everywhere in code: stages `0 … S−1`, micro-batches
 * `0 … M−1`, hop `k` joins stage `k` and stage `k+1`.
 */

/** One hop between stage `k` and stage `k+1` (full duplex: each direction has the full bandwidth). */
export interface PipelineHop {
  /** One-way latency in ms. */
  readonly latencyMs: number;
  /** Bandwidth in each direction in Gbit/s (10^9 bit/s); `Infinity` for free transmission. */
  readonly bandwidthGbps: number;
  /** Bytes of one micro-batch's activation (forward) and of its gradient (backward). */
  readonly activationBytes: number;
}

/** A pipeline to schedule. */
export interface PipelineInstance {
  /** Micro-batches per iteration M (≥ 1). */
  readonly microBatches: number;
  /** Forward time of one micro-batch at each stage, s; the length is the stage count S. */
  readonly forwardSec: readonly number[];
  /** Backward time of one micro-batch at each stage, s; same length as `forwardSec`. */
  readonly backwardSec: readonly number[];
  /** Hops between consecutive stages; length S − 1. */
  readonly hops: readonly PipelineHop[];
  /**
   * Memory limit K: most micro-batches a stage may hold at once (in flight from
   * the start of F(k,m) to the end of B(k,m)). Integer ≥ 1; `Infinity` for none.
   */
  readonly memoryLimit: number;
}

/** Timing of one hop in one direction, derived from a {@link PipelineHop}. */
export interface HopTiming {
  /** Time the transmission occupies the link: bytes·8 / bandwidth, s. */
  readonly transmitSec: number;
  /** Propagation delay added after transmission ends, s. */
  readonly latencySec: number;
}

/** Stage count S of an instance. */
export function stageCount(inst: PipelineInstance): number {
  return inst.forwardSec.length;
}

/** Transmission and latency time of hop `hop` (same in both directions). */
export function hopTiming(inst: PipelineInstance, hop: number): HopTiming {
  const h = inst.hops[hop];
  if (h === undefined) throw new RangeError(`crosspipe: hop ${hop} does not exist (S−1 = ${inst.hops.length} hops)`);
  const transmitSec = h.activationBytes === 0 ? 0 : (h.activationBytes * 8) / (h.bandwidthGbps * 1e9);
  return { transmitSec, latencySec: h.latencyMs / 1000 };
}

/** Forward (`"F"`) or backward (`"B"`) time at `stage`. */
export function opSec(inst: PipelineInstance, kind: "F" | "B", stage: number): number {
  const t = kind === "F" ? inst.forwardSec[stage] : inst.backwardSec[stage];
  if (t === undefined) throw new RangeError(`crosspipe: stage ${stage} does not exist`);
  return t;
}

/** Effective memory limit: K capped at M (a limit ≥ M never binds). */
export function effectiveLimit(inst: PipelineInstance): number {
  return Math.min(inst.memoryLimit, inst.microBatches);
}

function nonNegative(x: unknown): boolean {
  return typeof x === "number" && Number.isFinite(x) && x >= 0;
}

/**
 * Checks an instance where it enters; returns one message per problem, each
 * naming the field path and the fix. Empty when the instance is valid.
 */
export function validateInstance(inst: PipelineInstance): readonly string[] {
  const errors: string[] = [];
  const S = inst.forwardSec.length;
  if (!Number.isInteger(inst.microBatches) || inst.microBatches < 1) {
    errors.push(`microBatches must be an integer ≥ 1, got ${inst.microBatches}: give the micro-batches per iteration`);
  }
  if (S < 1) errors.push("forwardSec must list one forward time per stage (at least one stage)");
  if (inst.backwardSec.length !== S) {
    errors.push(`backwardSec has ${inst.backwardSec.length} entries but forwardSec has ${S}: give one backward time per stage`);
  }
  inst.forwardSec.forEach((t, k) => {
    if (!(Number.isFinite(t) && t > 0)) errors.push(`forwardSec[${k}] must be a finite time > 0 s, got ${t}`);
  });
  inst.backwardSec.forEach((t, k) => {
    if (!(Number.isFinite(t) && t > 0)) errors.push(`backwardSec[${k}] must be a finite time > 0 s, got ${t}`);
  });
  if (inst.hops.length !== Math.max(S - 1, 0)) {
    errors.push(`hops has ${inst.hops.length} entries but ${S} stages need ${Math.max(S - 1, 0)}: give one hop per pair of consecutive stages`);
  }
  inst.hops.forEach((h, k) => {
    if (!nonNegative(h.latencyMs)) errors.push(`hops[${k}].latencyMs must be a finite number ≥ 0, got ${h.latencyMs}`);
    if (!(h.bandwidthGbps > 0)) errors.push(`hops[${k}].bandwidthGbps must be > 0 (Infinity for free transmission), got ${h.bandwidthGbps}`);
    if (!nonNegative(h.activationBytes)) errors.push(`hops[${k}].activationBytes must be a finite number ≥ 0, got ${h.activationBytes}`);
  });
  const K = inst.memoryLimit;
  if (!(K === Infinity || (Number.isInteger(K) && K >= 1))) {
    errors.push(`memoryLimit must be an integer ≥ 1 or Infinity, got ${K}: give how many micro-batches a stage may hold`);
  }
  return errors;
}

/** Inputs of {@link uniformInstance}; all optional. */
export interface UniformOptions {
  /** Stages S. Default 4. */
  readonly stages?: number;
  /** Micro-batches M. Default 8. */
  readonly microBatches?: number;
  /** Forward time per stage, s. Default 1. */
  readonly forwardSec?: number;
  /** Backward time per stage, s. Default 2. */
  readonly backwardSec?: number;
  /** Latency of every hop, ms. Default 0. */
  readonly latencyMs?: number;
  /** Bandwidth of every hop, Gbit/s. Default `Infinity`. */
  readonly bandwidthGbps?: number;
  /** Activation bytes per micro-batch on every hop. Default 0. */
  readonly activationBytes?: number;
  /** Memory limit K. Default `Infinity`. */
  readonly memoryLimit?: number;
}

/** Defaults of {@link uniformInstance}. */
export const DEFAULT_UNIFORM_OPTIONS: Required<UniformOptions> = {
  stages: 4,
  microBatches: 8,
  forwardSec: 1,
  backwardSec: 2,
  latencyMs: 0,
  bandwidthGbps: Infinity,
  activationBytes: 0,
  memoryLimit: Infinity,
};

/** An instance whose stages and hops are all alike. */
export function uniformInstance(options: UniformOptions = {}): PipelineInstance {
  const o = { ...DEFAULT_UNIFORM_OPTIONS, ...options };
  return {
    microBatches: o.microBatches,
    forwardSec: Array.from({ length: o.stages }, () => o.forwardSec),
    backwardSec: Array.from({ length: o.stages }, () => o.backwardSec),
    hops: Array.from({ length: Math.max(o.stages - 1, 0) }, () => ({
      latencyMs: o.latencyMs,
      bandwidthGbps: o.bandwidthGbps,
      activationBytes: o.activationBytes,
    })),
    memoryLimit: o.memoryLimit,
  };
}
