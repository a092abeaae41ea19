/**
 * The instance family of the CrossPipe MILP benchmark, shared with the tests
 * that pin the benchmark's cases: forward 50/62.5/75 ms repeating over the
 * stages, backward twice forward; every other hop crosses datacenters
 * (25 ms, 5 Gbit/s), the others stay inside one (0.05 ms, 100 Gbit/s);
 * 16.8 MB activations (GPT-3 6.7B, b = 1); memory limit K = 3.
 */
import type { PipelineInstance } from "../../src/crosspipe/instance.js";

/** Memory limit K of the benchmark family. */
export const BENCH_MEMORY_LIMIT = 3;

/** The benchmark instance with S stages and M micro-batches. */
export function benchInstance(S: number, M: number): PipelineInstance {
  const forwardSec = Array.from({ length: S }, (_, k) => 0.05 * (1 + 0.25 * (k % 3)));
  return {
    microBatches: M,
    forwardSec,
    backwardSec: forwardSec.map((t) => 2 * t),
    hops: Array.from({ length: S - 1 }, (_, k) =>
      k % 2 === 0
        ? { latencyMs: 25, bandwidthGbps: 5, activationBytes: 16_777_216 }
        : { latencyMs: 0.05, bandwidthGbps: 100, activationBytes: 16_777_216 },
    ),
    memoryLimit: BENCH_MEMORY_LIMIT,
  };
}
