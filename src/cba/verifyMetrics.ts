/**
 * Run-metric checks of CBA: every figure of {@link SimulationMetrics} a table
 * prints is re-derived from the run's records — request, admitted and blocked
 * counts, the blocking rate, refusals per reason, the mean per-iteration time
 * and the communication-bound share of admitted requests (from the
 * re-derived timing of each record, see `verifyTiming.ts`), and the
 * spectrum utilisation: Σ over admitted requests of slots × fibres held ×
 * time held within [0, last arrival], over fibres × slots × last arrival.
 */
import { BLOCK_REASONS, type AcceptedRecord, type RequestRecord } from "./assignment.js";
import type { OpticalNetwork } from "./network.js";
import type { SimulationMetrics } from "./simulate.js";
import type { DerivedTiming } from "./verifyTiming.js";
import { sameFigure, type CbaViolation } from "./violation.js";

/** The metrics `records` give; `timing` holds each admitted record's re-derived timing (null where it could not be derived: its recorded figures are used). */
export function deriveMetrics(
  network: OpticalNetwork,
  records: readonly RequestRecord[],
  timing: ReadonlyMap<AcceptedRecord, DerivedTiming | null>,
): SimulationMetrics {
  const blockedByReason = Object.fromEntries(BLOCK_REASONS.map((r) => [r, 0])) as Record<(typeof BLOCK_REASONS)[number], number>;
  const horizonSec = records.reduce((h, r) => Math.max(h, r.request.arrivalSec), 0);
  let accepted = 0;
  let iterationSumMs = 0;
  let commBound = 0;
  let slotSecs = 0;
  for (const rec of records) {
    if (rec.status === "blocked") {
      blockedByReason[rec.reason] += 1;
      continue;
    }
    accepted += 1;
    const d = timing.get(rec) ?? null;
    iterationSumMs += d?.iterationTimeMs ?? rec.iterationTimeMs;
    if ((d?.communicationBoundStages ?? rec.communicationBoundStages).length > 0) commBound += 1;
    const held = Math.max(0, Math.min(rec.endSec, horizonSec) - Math.min(rec.startSec, horizonSec));
    for (const t of rec.transfers) for (const f of t.fibres) slotSecs += f.slots.length * held;
  }
  const capacity = network.fibres.length * network.slotsPerFibre * horizonSec;
  return {
    requests: records.length,
    accepted,
    blocked: records.length - accepted,
    blockingRate: records.length === 0 ? 0 : (records.length - accepted) / records.length,
    blockedByReason,
    meanIterationTimeMs: accepted === 0 ? null : iterationSumMs / accepted,
    commBoundShare: accepted === 0 ? 0 : commBound / accepted,
    spectrumUtilisation: capacity > 0 ? slotSecs / capacity : 0,
  };
}

/** Compare reported `metrics` with the `derived` ones; push a `metric` violation per differing figure. */
export function checkMetrics(metrics: SimulationMetrics, derived: SimulationMetrics, out: CbaViolation[]): void {
  const figures: Array<[string, number | null, number | null]> = [
    ["requests", metrics.requests, derived.requests],
    ["accepted", metrics.accepted, derived.accepted],
    ["blocked", metrics.blocked, derived.blocked],
    ["blockingRate", metrics.blockingRate, derived.blockingRate],
    ...BLOCK_REASONS.map((r): [string, number, number] => [`blockedByReason.${r}`, metrics.blockedByReason[r], derived.blockedByReason[r]]),
    ["meanIterationTimeMs", metrics.meanIterationTimeMs, derived.meanIterationTimeMs],
    ["commBoundShare", metrics.commBoundShare, derived.commBoundShare],
    // The simulator integrates over events, the verifier per record: sums in another order.
    ["spectrumUtilisation", metrics.spectrumUtilisation, derived.spectrumUtilisation],
  ];
  const extra = Object.keys(metrics.blockedByReason).filter((r) => !(BLOCK_REASONS as readonly string[]).includes(r));
  for (const r of extra) out.push({ kind: "metric", requestId: "", field: `blockedByReason.${r}`, message: `unknown block reason "${r}" in the metrics` });
  for (const [field, reported, want] of figures) {
    const same = reported === null || want === null ? reported === want : sameFigure(reported, want);
    if (!same) out.push({ kind: "metric", requestId: "", field, message: `${field}: reported ${reported} but the records give ${want}` });
  }
}
