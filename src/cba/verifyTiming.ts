/**
 * Timing checks of one accepted CBA record, re-derived from its route and
 * slots alone: each transfer's length (sum of its fibres), latency (5 µs/km),
 * slot capacity (its format's) and bandwidth (data slots × slot capacity);
 * each hop time `c_k = 2·(latency + A·8 / bandwidth)`; the 1F1B iteration
 * time `T = (M − 1)·max_k (t_k + c_k) + Σ t_k + Σ c_k`; and the
 * communication-bound stages (`c_k > t_k`, k < S − 1).
 *
 * The formulas are written out here rather than called from src/cost, so a
 * slip in either implementation shows as a disagreement.
 */
import type { AcceptedRecord } from "./assignment.js";
import type { ModulationFormat } from "./modulation.js";
import { fibreBetween, type OpticalNetwork } from "./network.js";
import { FIBRE_DELAY_US_PER_KM } from "./paths.js";
import { sameFigure, type CbaViolation } from "./violation.js";

/** What a record's timing should be, re-derived from its transfers. */
export interface DerivedTiming {
  /** Hop time of each stage's outgoing hop, ms (0 inside a DC and for the last stage); length S. */
  readonly hopMs: readonly number[];
  /** 1F1B per-iteration time, ms. */
  readonly iterationTimeMs: number;
  /** 0-based stages whose hop time exceeds their compute time, ascending. */
  readonly communicationBoundStages: readonly number[];
}

/** Per-transfer figures re-derived from the route and format, or null when the route or format is unknown (flagged elsewhere). */
function transferFigures(network: OpticalNetwork, nodes: readonly string[], modulation: string, dataSlots: number, table: readonly ModulationFormat[]) {
  let lengthKm = 0;
  for (let i = 0; i + 1 < nodes.length; i++) {
    const f = fibreBetween(network, nodes[i] as string, nodes[i + 1] as string);
    if (f === null) return null;
    lengthKm += f.lengthKm;
  }
  const format = table.find((m) => m.name === modulation);
  if (format === undefined) return null;
  return {
    lengthKm,
    latencyMs: (lengthKm * FIBRE_DELAY_US_PER_KM) / 1000,
    gbpsPerSlot: format.gbpsPerSlot,
    bandwidthGbps: dataSlots * format.gbpsPerSlot,
  };
}

/**
 * Re-derive a record's hop times, iteration time and communication-bound
 * stages; push a `transfer_figure` violation for every recorded transfer
 * figure that differs. Returns null when some hop cannot be timed (unknown
 * route or format, or several transfers on one hop: flagged by the
 * assignment checks).
 */
export function deriveTiming(
  network: OpticalNetwork,
  rec: AcceptedRecord,
  table: readonly ModulationFormat[],
  out: CbaViolation[],
): DerivedTiming | null {
  const id = rec.request.id;
  const t = rec.request.stageComputeMs;
  const S = t.length;
  const hopMs = new Array<number>(S).fill(0);
  const timed = new Set<number>();
  let complete = true;
  for (const tr of rec.transfers) {
    const fig = transferFigures(network, tr.nodes, tr.modulation, tr.dataSlots, table);
    if (fig === null || tr.hop < 0 || tr.hop >= S - 1 || timed.has(tr.hop)) {
      complete = false;
      continue;
    }
    for (const key of ["lengthKm", "latencyMs", "gbpsPerSlot", "bandwidthGbps"] as const) {
      if (!sameFigure(tr[key], fig[key])) {
        out.push({ kind: "transfer_figure", requestId: id, field: key, message: `hop ${tr.hop}: recorded ${key} ${tr[key]} but route and format give ${fig[key]}` });
      }
    }
    timed.add(tr.hop);
    hopMs[tr.hop] = 2 * (fig.latencyMs + (rec.request.activationBytes * 8) / (fig.bandwidthGbps * 1e9) * 1000);
  }
  if (!complete) return null;
  let periodMs = 0;
  let fillMs = 0;
  const communicationBoundStages: number[] = [];
  for (let k = 0; k < S; k++) {
    const c = hopMs[k] as number;
    periodMs = Math.max(periodMs, (t[k] as number) + c);
    fillMs += (t[k] as number) + c;
    if (k < S - 1 && c > (t[k] as number)) communicationBoundStages.push(k);
  }
  return { hopMs, iterationTimeMs: (rec.request.microBatches - 1) * periodMs + fillMs, communicationBoundStages };
}

/** Compare a record's hop times, iteration time and communication-bound list with `derived`; push a violation per difference. */
export function checkTiming(rec: AcceptedRecord, derived: DerivedTiming, out: CbaViolation[]): void {
  const id = rec.request.id;
  const S = rec.request.stageComputeMs.length;
  if (rec.hopMs.length !== S) {
    out.push({ kind: "hop_time", requestId: id, message: `${rec.hopMs.length} hop times recorded for ${S} stages` });
  }
  derived.hopMs.forEach((c, k) => {
    const recorded = rec.hopMs[k] ?? 0;
    if (!sameFigure(recorded, c)) {
      out.push({ kind: "hop_time", requestId: id, field: `hopMs[${k}]`, message: `stage ${k}: recorded hop time ${recorded} ms but its lightpath gives ${c} ms` });
    }
  });
  if (!sameFigure(rec.iterationTimeMs, derived.iterationTimeMs)) {
    out.push({ kind: "iteration_time", requestId: id, message: `recorded iteration time ${rec.iterationTimeMs} ms but stages and hops give ${derived.iterationTimeMs} ms` });
  }
  const recorded = rec.communicationBoundStages;
  // A hop time within the tolerance of its stage's compute time may fall either side.
  const borderline = (k: number): boolean => sameFigure(derived.hopMs[k] ?? 0, rec.request.stageComputeMs[k] ?? NaN);
  const want = new Set(derived.communicationBoundStages);
  const have = new Set(recorded);
  const wrong = [...new Set([...want, ...have])].filter((k) => want.has(k) !== have.has(k) && !borderline(k));
  if (wrong.length > 0 || have.size !== recorded.length) {
    out.push({
      kind: "comm_bound", requestId: id,
      message: `recorded communication-bound stages [${recorded.join(", ")}] but c_k > t_k gives [${derived.communicationBoundStages.join(", ")}]`,
    });
  }
}
