/**
 * Assumed hardware of derived topologies: the measured grids say nothing
 * about GPUs, so these are assumptions, listed in every provenance.
 */
import type { GpuType } from "../types.js";

/** ASSUMPTION: NVIDIA A100 80GB SXM datasheet: 312 TFLOP/s dense bf16 (624 with sparsity), 400 W max TDP, 80 GB. */
export const A100_80GB: GpuType = { name: "A100-80GB-SXM", peakTflopsBf16: 312, powerW: 400, memoryGb: 80 };
/** ASSUMPTION: NVIDIA H100 SXM5 datasheet: 989 TFLOP/s dense bf16 (1,979 with sparsity), 700 W max TDP, 80 GB. */
export const H100_SXM: GpuType = { name: "H100-SXM-80GB", peakTflopsBf16: 989, powerW: 700, memoryGb: 80 };

/** GPU types by the short names `--gpu-type` takes. */
export const GPU_TYPES: Readonly<Record<string, GpuType>> = { A100: A100_80GB, H100: H100_SXM };

/** ASSUMPTION: inside a region, 100 Gbit/s between two GPUs (InfiniBand/RoCE class) and 0.05 ms one way. */
export const INTRA_REGION = { intraBandwidthGbps: 100, intraLatencyMs: 0.05 } as const;
