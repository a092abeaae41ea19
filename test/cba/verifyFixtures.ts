/** Hand-made CBA records for the verifier tests. */
import type { AcceptedRecord, TransferRecord } from "../../src/cba/assignment.js";
import { communicationBoundStages, hopTimeMs, iterationTimeMs } from "../../src/cba/iteration.js";
import { nsfnet } from "../../src/cba/nsfnet.js";
import type { TrainingRequest } from "../../src/cba/request.js";

/** NSFNET with its default DCs (dc2 at node 2, dc5 at node 5, …). */
export const net = nsfnet();

/** A 2-stage request (t_k = 3 ms, M = 4, A = 1 MB, 100 Gbit/s demand). Fibre ids: 2–4 is index 4, 4–5 is index 6 (see NSFNET_FIBRES). */
export function request(id: string, over: Partial<TrainingRequest> = {}): TrainingRequest {
  return {
    id, arrivalSec: 0, holdingSec: 10, sourceNode: "2", gpusPerStage: 8, microBatches: 4,
    stageComputeMs: [3, 3], activationBytes: 1e6, demandGbps: 100, ...over,
  };
}

/** dc2 → dc5 over 2-4-5 (1350 km → QPSK, 25 Gbit/s per slot: 100 Gbit/s needs 4 data + 1 guard slots). */
export function transfer(slots: readonly number[], over: Partial<TransferRecord> = {}): TransferRecord {
  return {
    hop: 0, fromDc: "dc2", toDc: "dc5", nodes: ["2", "4", "5"], lengthKm: 1350, modulation: "QPSK",
    gbpsPerSlot: 25, dataSlots: 4, guardSlots: 1, bandwidthGbps: 100, latencyMs: 6.75,
    fibres: [{ fibreId: 4, slots }, { fibreId: 6, slots }], ...over,
  };
}

/** An accepted record whose hop times, iteration time and communication-bound stages follow its transfers (src/cba/iteration.ts). */
export function record(id: string, startSec: number, t: TransferRecord, over: Partial<AcceptedRecord> = {}): AcceptedRecord {
  const base = { status: "accepted" as const, request: request(id, { arrivalSec: startSec }), stageDcs: ["dc2", "dc5"], transfers: [t], startSec, endSec: startSec + 10, ...over };
  const hopMs = base.request.stageComputeMs.map(() => 0);
  for (const tr of base.transfers) hopMs[tr.hop] = hopTimeMs(base.request.activationBytes, tr.latencyMs, tr.bandwidthGbps);
  return {
    ...base,
    hopMs,
    iterationTimeMs: iterationTimeMs(base.request.stageComputeMs, hopMs, base.request.microBatches),
    communicationBoundStages: communicationBoundStages(base.request.stageComputeMs, hopMs),
  };
}
