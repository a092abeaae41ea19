/** Aggregates of a run from its job records (docs/simulator.md). */
import type { Topology } from "../model/types.js";
import type { SimSummary } from "./result.js";
import type { JobRecord } from "./types.js";

/**
 * Nearest-rank percentile of ascending `sorted` values: the value at rank
 * `⌈p/100 · n⌉` (1-based), clamped to [1, n]; `NaN` for no values.
 */
export function nearestRank(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const rank = Math.min(Math.max(Math.ceil((p / 100) * n), 1), n);
  return sorted[rank - 1] as number;
}

/** Arithmetic mean; `NaN` for no values. */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

/** The {@link SimSummary} of a run's records. */
export function summarise(topology: Topology, records: readonly JobRecord[], policyErrors: number): SimSummary {
  const started = records.filter((r) => r.startSec !== null && r.finishSec !== null);
  const jcts = started.map((r) => r.jctSec as number).sort((a, b) => a - b);
  const firstArrival = records.reduce((a, r) => Math.min(a, r.arrivalSec), Number.POSITIVE_INFINITY);
  const lastFinish = started.reduce((a, r) => Math.max(a, r.finishSec as number), Number.NEGATIVE_INFINITY);
  const makespanSec = started.length === 0 ? 0 : lastFinish - firstArrival;
  const totalGpus = topology.regions.reduce((a, r) => a + r.gpus, 0);
  let gpuSec = 0;
  for (const r of started) {
    const held = Object.values(r.gpusByRegion).reduce((a, b) => a + b, 0);
    gpuSec += held * ((r.finishSec as number) - (r.startSec as number));
  }
  return {
    jobs: records.length,
    finished: started.length,
    unschedulable: records.length - started.length,
    meanJctSec: mean(jcts),
    p50JctSec: nearestRank(jcts, 50),
    p95JctSec: nearestRank(jcts, 95),
    p99JctSec: nearestRank(jcts, 99),
    meanWaitSec: mean(started.map((r) => r.waitSec as number)),
    makespanSec,
    totalEnergyKwh: started.reduce((a, r) => a + (r.energyKwh as number), 0),
    totalCostUsd: started.reduce((a, r) => a + (r.costUsd as number), 0),
    meanGpuUtilisation: makespanSec > 0 && totalGpus > 0 ? gpuSec / (totalGpus * makespanSec) : 0,
    policyErrors,
  };
}
