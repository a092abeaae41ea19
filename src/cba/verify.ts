/**
 * The independent verifier of CBA assignments: whatever produced the records,
 * on every fibre at every instant no slot is held twice, every lightpath is
 * continuous and contiguous and inside the grid, its slots carry the demand
 * with a format that reaches its length, no DC exceeds its GPUs, and every
 * route is a real loop-free path between the right DCs. Every figure a record
 * reports (transfer length, latency, bandwidth, hop times, iteration time,
 * communication-bound stages) is re-derived (`verifyTiming.ts`);
 * {@link verifyRun} also re-derives the run's metrics (`verifyMetrics.ts`).
 */
import type { AcceptedRecord, RequestRecord } from "./assignment.js";
import { MODULATION_TABLE, type ModulationFormat } from "./modulation.js";
import { fibreBetween, type OpticalNetwork } from "./network.js";
import type { SimulationMetrics } from "./simulate.js";
import { checkMetrics, deriveMetrics } from "./verifyMetrics.js";
import { checkTiming, deriveTiming, type DerivedTiming } from "./verifyTiming.js";
import type { CbaViolation, CbaViolationKind, CbaVerifyReport } from "./violation.js";

export type { CbaViolation, CbaViolationKind, CbaVerifyReport } from "./violation.js";

/** Options of {@link verifyAssignments}. */
export interface CbaVerifyOptions {
  /** Modulation table the formats are looked up in; default {@link MODULATION_TABLE}. */
  readonly table?: readonly ModulationFormat[];
}

/** Defaults of {@link CbaVerifyOptions}. */
export const DEFAULT_CBA_VERIFY: Required<CbaVerifyOptions> = { table: MODULATION_TABLE };

/** Static checks of one accepted record (routes, slots, formats, transfers per hop). */
function checkRecord(network: OpticalNetwork, rec: AcceptedRecord, table: readonly ModulationFormat[], out: CbaViolation[]): void {
  const id = rec.request.id;
  const v = (kind: CbaViolationKind, message: string, extra: Partial<CbaViolation> = {}): void => {
    out.push({ kind, requestId: id, message, ...extra });
  };
  const dcNode = new Map(network.datacenters.map((dc) => [dc.id, dc.node]));
  if (rec.stageDcs.length !== rec.request.stageComputeMs.length) {
    v("stage_count", `${rec.stageDcs.length} stage DCs for ${rec.request.stageComputeMs.length} stages`);
  }
  rec.stageDcs.forEach((dc, k) => {
    if (!dcNode.has(dc)) v("unknown_dc", `stage ${k} is in unknown DC "${dc}"`);
  });
  const byHop = new Map<number, number>();
  for (const t of rec.transfers) byHop.set(t.hop, (byHop.get(t.hop) ?? 0) + 1);
  for (let hop = 0; hop + 1 < rec.stageDcs.length; hop++) {
    const cross = rec.stageDcs[hop] !== rec.stageDcs[hop + 1];
    const n = byHop.get(hop) ?? 0;
    if (cross && n === 0) v("missing_transfer", `hop ${hop} crosses DCs but has no transfer`);
    if ((!cross && n > 0) || n > 1) v("extra_transfer", `hop ${hop} has ${n} transfer(s) but ${cross ? "needs one" : "stays in one DC"}`);
  }
  for (const t of rec.transfers) {
    const tag = `hop ${t.hop}`;
    const expectFrom = dcNode.get(rec.stageDcs[t.hop] ?? "");
    const expectTo = dcNode.get(rec.stageDcs[t.hop + 1] ?? "");
    if (t.fromDc !== rec.stageDcs[t.hop] || t.toDc !== rec.stageDcs[t.hop + 1]) {
      v("bad_route", `${tag}: transfer ${t.fromDc}→${t.toDc} does not join the DCs of stages ${t.hop} and ${t.hop + 1}`);
    }
    if (t.nodes[0] !== expectFrom || t.nodes[t.nodes.length - 1] !== expectTo) {
      v("bad_route", `${tag}: route ${t.nodes.join("-")} does not run from node ${expectFrom} to node ${expectTo}`);
    }
    if (new Set(t.nodes).size !== t.nodes.length) v("bad_route", `${tag}: route ${t.nodes.join("-")} visits a node twice`);
    if (t.fibres.length !== t.nodes.length - 1) {
      v("bad_route", `${tag}: ${t.fibres.length} fibres listed for ${t.nodes.length - 1} route legs`);
    }
    let km = 0;
    for (let i = 0; i + 1 < t.nodes.length; i++) {
      const f = fibreBetween(network, t.nodes[i] as string, t.nodes[i + 1] as string);
      const listed = t.fibres[i]?.fibreId;
      if (f === null) v("bad_route", `${tag}: no fibre between ${t.nodes[i]} and ${t.nodes[i + 1]}`);
      else {
        km += f.lengthKm;
        if (listed !== f.id) v("bad_route", `${tag}: leg ${i} uses fibre ${f.id} but lists ${listed}`, { fibreId: f.id });
      }
    }
    const format = table.find((m) => m.name === t.modulation);
    if (format === undefined || km > format.maxReachKm + 1e-9) {
      v("out_of_reach", `${tag}: ${t.modulation} does not reach ${km} km`);
    } else if (format.gbpsPerSlot * t.dataSlots < rec.request.demandGbps - 1e-9) {
      v("insufficient_capacity", `${tag}: ${t.dataSlots} × ${format.gbpsPerSlot} Gbit/s < demand ${rec.request.demandGbps} Gbit/s`);
    }
    const first = t.fibres[0]?.slots ?? [];
    for (const { fibreId, slots } of t.fibres) {
      if (slots.length !== t.dataSlots + t.guardSlots) {
        v("not_contiguous", `${tag}: fibre ${fibreId} holds ${slots.length} slots, needs ${t.dataSlots + t.guardSlots}`, { fibreId });
      }
      const sorted = [...slots].sort((a, b) => a - b);
      sorted.forEach((s, i) => {
        if (!Number.isInteger(s) || s < 0 || s >= network.slotsPerFibre) {
          v("slot_out_of_range", `${tag}: slot ${s} outside 0..${network.slotsPerFibre - 1}`, { fibreId, slot: s });
        }
        if (i > 0 && s !== (sorted[i - 1] as number) + 1) {
          v("not_contiguous", `${tag}: fibre ${fibreId} slots ${sorted.join(",")} have a gap before ${s}`, { fibreId, slot: s });
        }
      });
      const same = sorted.length === first.length && [...first].sort((a, b) => a - b).every((s, i) => s === sorted[i]);
      if (!same) v("not_continuous", `${tag}: fibre ${fibreId} holds ${sorted.join(",")} but the first fibre holds ${first.join(",")}`, { fibreId });
    }
  }
}

/** Check every record against the network; see the file header for the rules. */
export function verifyAssignments(
  network: OpticalNetwork,
  records: readonly RequestRecord[],
  options: CbaVerifyOptions = {},
): CbaVerifyReport {
  const { violations } = checkAssignments(network, records, { ...DEFAULT_CBA_VERIFY, ...options }.table);
  return { ok: violations.length === 0, violations };
}

/** The checks of {@link verifyAssignments}, with each admitted record's re-derived timing (null where it cannot be derived). */
function checkAssignments(
  network: OpticalNetwork,
  records: readonly RequestRecord[],
  table: readonly ModulationFormat[],
): { readonly violations: CbaViolation[]; readonly timing: Map<AcceptedRecord, DerivedTiming | null> } {
  const out: CbaViolation[] = [];
  const timing = new Map<AcceptedRecord, DerivedTiming | null>();
  const accepted = records.filter((r): r is AcceptedRecord => r.status === "accepted");
  for (const rec of accepted) {
    checkRecord(network, rec, table, out);
    const derived = deriveTiming(network, rec, table, out);
    if (derived !== null) checkTiming(rec, derived, out);
    timing.set(rec, derived);
  }
  // Sweep over time: releases before takes at the same instant ([start, end) intervals).
  type Ev = { readonly t: number; readonly take: boolean; readonly rec: AcceptedRecord };
  const events: Ev[] = accepted.flatMap((rec) => [
    { t: rec.startSec, take: true, rec },
    { t: rec.endSec, take: false, rec },
  ]);
  events.sort((a, b) => a.t - b.t || Number(a.take) - Number(b.take));
  const owner = new Map<number, string>(); // fibre*slots+slot → request id
  const used = new Map<string, number>();
  const capacity = new Map(network.datacenters.map((dc) => [dc.id, dc.gpus]));
  for (const { t, take, rec } of events) {
    const id = rec.request.id;
    const perDc = new Map<string, number>();
    for (const dc of rec.stageDcs) perDc.set(dc, (perDc.get(dc) ?? 0) + rec.request.gpusPerStage);
    for (const [dc, gpus] of perDc) {
      const n = (used.get(dc) ?? 0) + (take ? gpus : -gpus);
      used.set(dc, n);
      if (take && capacity.has(dc) && n > (capacity.get(dc) as number)) {
        out.push({ kind: "gpu_capacity", requestId: id, atSec: t, message: `DC ${dc} holds ${n} GPUs > ${capacity.get(dc)} at t=${t}s` });
      }
    }
    for (const tr of rec.transfers) {
      for (const { fibreId, slots } of tr.fibres) {
        for (const s of slots) {
          const key = fibreId * network.slotsPerFibre + s;
          if (!take) {
            if (owner.get(key) === id) owner.delete(key);
            continue;
          }
          const holder = owner.get(key);
          if (holder !== undefined) {
            out.push({
              kind: "slot_conflict", requestId: id, fibreId, slot: s, atSec: t,
              message: `fibre ${fibreId} slot ${s} at t=${t}s: taken by ${id} while held by ${holder}`,
            });
          } else owner.set(key, id);
        }
      }
    }
  }
  return { violations: out, timing };
}

/**
 * {@link verifyAssignments} plus the run's metrics: every figure of `metrics`
 * (counts, blocking rate, refusals per reason, mean iteration time,
 * communication-bound share, spectrum utilisation) must equal the one the
 * records give, with each record's timing re-derived from its lightpaths.
 */
export function verifyRun(
  network: OpticalNetwork,
  records: readonly RequestRecord[],
  metrics: SimulationMetrics,
  options: CbaVerifyOptions = {},
): CbaVerifyReport {
  const { violations: out, timing } = checkAssignments(network, records, { ...DEFAULT_CBA_VERIFY, ...options }.table);
  checkMetrics(metrics, deriveMetrics(network, records, timing), out);
  return { ok: out.length === 0, violations: out };
}
