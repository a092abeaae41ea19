/**
 * Records and metrics of the CBA simulation (pure): an accepted decision
 * turned into the record the verifier reads, and the aggregate metrics.
 */
import { BLOCK_REASONS, type AcceptedRecord, type BlockReason, type Decision, type RequestRecord, type TransferRecord } from "./assignment.js";
import { communicationBoundStages, hopTimeMs, iterationTimeMs } from "./iteration.js";
import type { OpticalNetwork } from "./network.js";
import { pathLatencyMs } from "./paths.js";
import type { TrainingRequest } from "./request.js";
import type { SimulationMetrics } from "./simulate.js";

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

/** Aggregate records into {@link SimulationMetrics}. */
export function metricsOf(
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
