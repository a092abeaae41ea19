import { DEFAULT_GAP_SETTINGS } from "../../src/harness/config.js";
import type { OkRecord } from "../../src/harness/results.js";

/** A finished cell of 5 generated jobs on `../instances/t.json` at bandwidth 1: mean JCT `jctH` hours, total cost `costUsd`. */
export function okRecord(scheduler: string, seed: number, load: number, jctH: number, costUsd: number, wallMs = 5): OkRecord {
  return {
    id: `${scheduler}-${seed}-${load}`,
    status: "ok",
    spec: { topology: "../instances/t.json", workload: { kind: "generated", jobs: 5 }, bandwidthScale: 1, load, scheduler, seed, gaps: DEFAULT_GAP_SETTINGS },
    metrics: { jobs: 5, finished: 5, unschedulable: 0, policyErrors: 0, meanJctSec: jctH * 3600, p95JctSec: null, totalCostUsd: costUsd, totalEnergyKwh: 1, makespanSec: 1 },
    jctsSec: [jctH * 3600],
    gaps: null,
    gapError: null,
    wallMs,
  };
}
