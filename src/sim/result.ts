/**
 * Inputs, options and outputs of the multi-tenant simulator ({@link simulate}
 * in `./simulate.ts`); see docs/simulator.md.
 */
import type { Job, LlmModel, Topology } from "../model/types.js";
import type { JobRecord } from "./types.js";

/** What the simulator runs: a topology, the LLM models by name, and the jobs (any order). */
export interface SimInput {
  /** Regions and links. */
  readonly topology: Topology;
  /** LLM models by name; a job whose model is missing is reported unschedulable. */
  readonly models: ReadonlyMap<string, LlmModel>;
  /** The jobs; ids must be unique, arrivals finite and ≥ 0. */
  readonly jobs: readonly Job[];
}

/** Options of {@link simulate}; all optional, defaults in {@link DEFAULT_SIM_OPTIONS}. */
export interface SimOptions {
  /** Called whenever a job is resolved (finished or found unschedulable) with (resolved, total). Default: none. */
  readonly onProgress?: (doneJobs: number, totalJobs: number) => void;
  /**
   * No arrival is admitted and no job is started after this simulated time,
   * seconds; jobs already running run to completion, the rest are reported
   * unschedulable. Default `Infinity`.
   */
  readonly horizonSec?: number;
}

/** Defaults of {@link SimOptions}. */
export const DEFAULT_SIM_OPTIONS: Required<SimOptions> = {
  onProgress: () => {},
  horizonSec: Number.POSITIVE_INFINITY,
};

/** A placement the simulator refused (the job stayed queued). */
export interface PolicyError {
  /** Simulated time of the decision, seconds. */
  readonly timeSec: number;
  /** The job the placement named. */
  readonly jobId: string;
  /** What was wrong, naming the job, the time and the resource. */
  readonly message: string;
}

/** Aggregates of one run (docs/simulator.md). Statistics over no values are `NaN` (`null` in JSON). */
export interface SimSummary {
  /** Jobs in the input. */
  readonly jobs: number;
  /** Jobs that started (and so finished: a started job always runs to completion). */
  readonly finished: number;
  /** Jobs that never started. */
  readonly unschedulable: number;
  /** Mean job completion time (finish − arrival) of finished jobs, seconds. */
  readonly meanJctSec: number;
  /** Nearest-rank 50th percentile of JCT, seconds. */
  readonly p50JctSec: number;
  /** Nearest-rank 95th percentile of JCT, seconds. */
  readonly p95JctSec: number;
  /** Nearest-rank 99th percentile of JCT, seconds. */
  readonly p99JctSec: number;
  /** Mean wait (start − arrival) of finished jobs, seconds. */
  readonly meanWaitSec: number;
  /** Last finish − first arrival (all jobs), seconds; 0 when nothing finished. */
  readonly makespanSec: number;
  /** Energy of all finished jobs, kWh. */
  readonly totalEnergyKwh: number;
  /** Electricity cost of all finished jobs, USD. */
  readonly totalCostUsd: number;
  /** Σ GPU·seconds held / (GPUs in the topology × makespan), in [0, 1]; 0 when nothing finished. */
  readonly meanGpuUtilisation: number;
  /** Placements refused by the simulator. */
  readonly policyErrors: number;
}

/** One point of a step function: the value holds from `timeSec` until the next point. */
export interface GpuUsePoint {
  /** Time from which the value holds, seconds. */
  readonly timeSec: number;
  /** GPUs held by running jobs, all regions. */
  readonly busyGpus: number;
}

/** One point of a link's reservation step function. */
export interface LinkUsePoint {
  /** Time from which the value holds, seconds. */
  readonly timeSec: number;
  /** Gbit/s reserved on the link (each direction). */
  readonly reservedGbps: number;
}

/** Everything a run produced. */
export interface SimResult {
  /** `scheduler.name`. */
  readonly scheduler: string;
  /** One record per input job, in input order. */
  readonly records: readonly JobRecord[];
  /** Aggregates of the records. */
  readonly summary: SimSummary;
  /** Discrete events processed (arrivals + completions). */
  readonly events: number;
  /** The refused placements, in the order they happened. */
  readonly policyErrors: readonly PolicyError[];
  /** Step functions of use over time. */
  readonly utilisation: {
    /** Busy GPUs over time. */
    readonly gpu: readonly GpuUsePoint[];
    /** Reserved bandwidth over time by link key. */
    readonly link: ReadonlyMap<string, readonly LinkUsePoint[]>;
  };
}
