/**
 * Dynamic event simulation of CBA: requests arrive in time order, a policy
 * decides on a read-only view, the simulator applies accepted decisions
 * (GPUs and spectrum) and releases them at departure. Departures at the same
 * instant as an arrival are processed first (holding intervals are [start, end)).
 */
import {
  BLOCK_REASONS,
  type AcceptedRecord,
  type AssignmentPolicy,
  type BlockReason,
  type Decision,
  type RequestRecord,
  type TransferRecord,
} from "./assignment.js";
import { communicationBoundStages, hopTimeMs, iterationTimeMs } from "./iteration.js";
import type { OpticalNetwork } from "./network.js";
import { pathLatencyMs } from "./paths.js";
import type { TrainingRequest } from "./request.js";
import { blockFree, SpectrumState } from "./spectrum.js";

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

/** Turn an accepted decision into a record (pure): slots per fibre, hop times, iteration time. */
export function recordFor(
  request: TrainingRequest,
  decision: Extract<Decision, { status: "accepted" }>,
  startSec: number,
): AcceptedRecord {
  const stages = request.stageComputeMs.length;
  const hopMs = new Array<number>(stages).fill(0);
  const transfers: TransferRecord[] = decision.transfers.map((t) => {
    const bandwidthGbps = t.dataSlots * t.gbpsPerSlot;
    const latencyMs = pathLatencyMs(t.path.lengthKm);
    hopMs[t.hop] = hopTimeMs(request.activationBytes, latencyMs, bandwidthGbps);
    const slots = Array.from({ length: t.dataSlots + t.guardSlots }, (_, i) => t.startSlot + i);
    return {
      hop: t.hop,
      fromDc: t.fromDc,
      toDc: t.toDc,
      nodes: t.path.nodes,
      lengthKm: t.path.lengthKm,
      modulation: t.modulation,
      gbpsPerSlot: t.gbpsPerSlot,
      dataSlots: t.dataSlots,
      guardSlots: t.guardSlots,
      bandwidthGbps,
      latencyMs,
      fibres: t.path.fibreIds.map((fibreId) => ({ fibreId, slots })),
    };
  });
  return {
    status: "accepted",
    request,
    stageDcs: decision.stageDcs,
    transfers,
    startSec,
    endSec: startSec + request.holdingSec,
    hopMs,
    iterationTimeMs: iterationTimeMs(request.stageComputeMs, hopMs, request.microBatches),
    communicationBoundStages: communicationBoundStages(request.stageComputeMs, hopMs),
  };
}

/** Why an accepted decision cannot be applied to the current state, or `null` when it can. */
function decisionProblem(
  request: TrainingRequest,
  decision: Extract<Decision, { status: "accepted" }>,
  freeGpus: ReadonlyMap<string, number>,
  spectrum: SpectrumState,
): string | null {
  if (decision.stageDcs.length !== request.stageComputeMs.length) return "stage count differs from the request";
  const need = new Map<string, number>();
  for (const dc of decision.stageDcs) need.set(dc, (need.get(dc) ?? 0) + request.gpusPerStage);
  for (const [dc, n] of need) if ((freeGpus.get(dc) ?? -1) < n) return `DC ${dc} lacks ${n} free GPUs`;
  const scratch = spectrum.clone();
  for (const t of decision.transfers) {
    const count = t.dataSlots + t.guardSlots;
    if (!blockFree(scratch, t.path.fibreIds, t.startSlot, count)) return `hop ${t.hop}: slots not free`;
    scratch.allocate(t.path.fibreIds, t.startSlot, count);
  }
  return null;
}

/** Run `policy` over `requests` on `network` from an empty state. */
export function simulate(
  network: OpticalNetwork,
  requests: readonly TrainingRequest[],
  policy: AssignmentPolicy,
): SimulationResult {
  const spectrum = new SpectrumState(network.fibres.length, network.slotsPerFibre);
  const freeGpus = new Map(network.datacenters.map((dc) => [dc.id, dc.gpus]));
  const order = requests.map((r, i) => ({ r, i })).sort((x, y) => x.r.arrivalSec - y.r.arrivalSec || x.i - y.i);
  const horizonSec = order.length > 0 ? (order[order.length - 1] as { r: TrainingRequest }).r.arrivalSec : 0;
  const records = new Array<RequestRecord>(requests.length);
  const active: AcceptedRecord[] = []; // sorted by endSec descending; pop the earliest
  let clock = 0;
  let slotSecs = 0;
  const advance = (t: number): void => {
    const until = Math.min(t, horizonSec);
    if (until > clock) slotSecs += spectrum.usedSlots() * (until - clock);
    clock = Math.max(clock, t);
  };
  const release = (rec: AcceptedRecord): void => {
    for (const t of rec.transfers) {
      const first = t.fibres[0]?.slots[0] ?? 0;
      spectrum.free(t.fibres.map((f) => f.fibreId), first, t.dataSlots + t.guardSlots);
    }
    for (const dc of rec.stageDcs) freeGpus.set(dc, (freeGpus.get(dc) ?? 0) + rec.request.gpusPerStage);
  };
  for (const { r, i } of order) {
    while (active.length > 0 && (active[active.length - 1] as AcceptedRecord).endSec <= r.arrivalSec) {
      const rec = active.pop() as AcceptedRecord;
      advance(rec.endSec);
      release(rec);
    }
    advance(r.arrivalSec);
    const decision = policy({ network, spectrum, freeGpus }, r);
    if (decision.status === "blocked") {
      records[i] = { status: "blocked", request: r, reason: decision.reason, detail: decision.detail };
      continue;
    }
    const problem = decisionProblem(r, decision, freeGpus, spectrum);
    if (problem !== null) {
      records[i] = { status: "blocked", request: r, reason: "policy_error", detail: problem };
      continue;
    }
    for (const t of decision.transfers) spectrum.allocate(t.path.fibreIds, t.startSlot, t.dataSlots + t.guardSlots);
    for (const dc of decision.stageDcs) freeGpus.set(dc, (freeGpus.get(dc) ?? 0) - r.gpusPerStage);
    const rec = recordFor(r, decision, r.arrivalSec);
    records[i] = rec;
    let at = active.length;
    while (at > 0 && (active[at - 1] as AcceptedRecord).endSec < rec.endSec) at--;
    active.splice(at, 0, rec);
  }
  return { records, metrics: metricsOf(records, slotSecs, network, horizonSec) };
}

/** Aggregate records into {@link SimulationMetrics}. */
function metricsOf(
  records: readonly RequestRecord[],
  slotSecs: number,
  network: OpticalNetwork,
  horizonSec: number,
): SimulationMetrics {
  const blockedByReason = Object.fromEntries(BLOCK_REASONS.map((r) => [r, 0])) as Record<BlockReason, number>;
  let accepted = 0;
  let iterSum = 0;
  let commBound = 0;
  for (const rec of records) {
    if (rec.status === "blocked") blockedByReason[rec.reason] += 1;
    else {
      accepted += 1;
      iterSum += rec.iterationTimeMs;
      if (rec.communicationBoundStages.length > 0) commBound += 1;
    }
  }
  const blocked = records.length - accepted;
  const capacity = network.fibres.length * network.slotsPerFibre * horizonSec;
  return {
    requests: records.length,
    accepted,
    blocked,
    blockingRate: records.length === 0 ? 0 : blocked / records.length,
    blockedByReason,
    meanIterationTimeMs: accepted === 0 ? null : iterSum / accepted,
    commBoundShare: accepted === 0 ? 0 : commBound / accepted,
    spectrumUtilisation: capacity > 0 ? slotSecs / capacity : 0,
  };
}
