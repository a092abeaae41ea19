/** fast-check generators of small CrossPipe instances shared by the tests. */
import fc from "fast-check";
import type { PipelineInstance } from "../../src/crosspipe/instance.js";

/** Bounds of {@link instanceArb}. */
export interface InstanceArbOptions {
  readonly minStages?: number;
  readonly maxStages?: number;
  readonly minMicroBatches?: number;
  readonly maxMicroBatches?: number;
  /** Largest one-way latency, ms. */
  readonly maxLatencyMs?: number;
  /** Largest activation, bytes (bandwidth fixed at 8 Gbit/s, so 1e9 B = 1 s). */
  readonly maxBytes?: number;
}

/** Integer compute times (s), latencies and sizes on an 8 Gbit/s link, memory limit 1–4 or none. */
export function instanceArb(options: InstanceArbOptions = {}): fc.Arbitrary<PipelineInstance> {
  const o = { minStages: 2, maxStages: 4, minMicroBatches: 2, maxMicroBatches: 4, maxLatencyMs: 3000, maxBytes: 3e9, ...options };
  return fc.integer({ min: o.minStages, max: o.maxStages }).chain((S) =>
    fc.record({
      microBatches: fc.integer({ min: o.minMicroBatches, max: o.maxMicroBatches }),
      forwardSec: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: S, maxLength: S }),
      backwardSec: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: S, maxLength: S }),
      hops: fc.array(
        fc.record({
          latencyMs: fc.integer({ min: 0, max: o.maxLatencyMs }),
          bandwidthGbps: fc.constant(8),
          activationBytes: fc.integer({ min: 0, max: o.maxBytes }),
        }),
        { minLength: S - 1, maxLength: S - 1 },
      ),
      memoryLimit: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constant(Infinity)),
    }),
  );
}
