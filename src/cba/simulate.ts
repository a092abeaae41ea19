/**
 * Dynamic event simulation of CBA: requests arrive in time order, a policy
 * decides on a read-only view, the simulator applies accepted decisions
 * (GPUs and spectrum) and releases them at departure. Departures at the same
 * instant as an arrival are processed first (holding intervals are [start, end)).
 */
import type { AssignmentPolicy, AsyncAssignmentPolicy, BlockReason, RequestRecord } from "./assignment.js";
import type { OpticalNetwork } from "./network.js";
import type { TrainingRequest } from "./request.js";
import { SimulationRun } from "./simulationRun.js";

export { metricsOf, recordFor } from "./record.js";

/** Aggregate figures of one run. */
export interface SimulationMetrics {
  /** Requests offered. */
  readonly requests: number;
  /** Requests admitted. */
  readonly accepted: number;
  /** Requests refused. */
  readonly blocked: number;
  /** blocked / requests (0 when no request). */
  readonly blockingRate: number;
  /** Refusals per reason. */
  readonly blockedByReason: Readonly<Record<BlockReason, number>>;
  /** Mean 1F1B per-iteration time of admitted requests, ms (`null` when none). */
  readonly meanIterationTimeMs: number | null;
  /** Share of admitted requests with at least one communication-bound stage. */
  readonly commBoundShare: number;
  /** Time-averaged share of fibre slots in use over [0, last arrival]. */
  readonly spectrumUtilisation: number;
}

/** Records and metrics of one run. */
export interface SimulationResult {
  /** One record per request, in arrival order. */
  readonly records: readonly RequestRecord[];
  /** Aggregates. */
  readonly metrics: SimulationMetrics;
}

/** Run `policy` over `requests` on `network` from an empty state. */
export function simulate(
  network: OpticalNetwork,
  requests: readonly TrainingRequest[],
  policy: AssignmentPolicy,
): SimulationResult {
  const run = new SimulationRun(network, requests);
  for (const arrival of run.arrivals()) run.settle(arrival, policy(run.view(), arrival.request));
  return run.result();
}

/**
 * Run an asynchronous `policy` (e.g. the ILP, which awaits a solver) over
 * `requests`: the same event loop as {@link simulate}, awaiting each decision
 * before the next event, so the policy always sees a settled state.
 */
export async function simulateAsync(
  network: OpticalNetwork,
  requests: readonly TrainingRequest[],
  policy: AsyncAssignmentPolicy,
): Promise<SimulationResult> {
  const run = new SimulationRun(network, requests);
  for (const arrival of run.arrivals()) run.settle(arrival, await policy(run.view(), arrival.request));
  return run.result();
}
