/**
 * The mutable state of one simulation run, shared by the synchronous and the
 * asynchronous event loops: departures due at or before an arrival are
 * released first, accepted decisions are checked against the state and
 * applied, and the slot-time integral for spectrum utilisation is kept.
 */
import type { AcceptedRecord, ClusterView, Decision, RequestRecord } from "./assignment.js";
import type { OpticalNetwork } from "./network.js";
import type { TrainingRequest } from "./request.js";
import { metricsOf, recordFor } from "./record.js";
import type { SimulationResult } from "./simulate.js";
import { blockFree, SpectrumState } from "./spectrum.js";

/** One arrival handed to the policy. */
export interface Arrival {
  /** The arriving request. */
  readonly request: TrainingRequest;
  /** Its index in the input list (records keep input order). */
  readonly index: number;
}

/** Why an accepted decision cannot be applied to the current state, or `null` when it can. */
export function decisionProblem(
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

/** State of one run over a fixed request list; only this class mutates spectrum and GPUs. */
export class SimulationRun {
  private readonly spectrum: SpectrumState;
  private readonly freeGpus: Map<string, number>;
  private readonly order: ReadonlyArray<{ readonly r: TrainingRequest; readonly i: number }>;
  private readonly horizonSec: number;
  private readonly records: RequestRecord[];
  private readonly active: AcceptedRecord[] = []; // sorted by endSec descending; pop the earliest
  private clock = 0;
  private slotSecs = 0;

  /** A fresh, empty state for `requests` on `network`. */
  constructor(private readonly network: OpticalNetwork, requests: readonly TrainingRequest[]) {
    this.spectrum = new SpectrumState(network.fibres.length, network.slotsPerFibre);
    this.freeGpus = new Map(network.datacenters.map((dc) => [dc.id, dc.gpus]));
    this.order = requests.map((r, i) => ({ r, i })).sort((x, y) => x.r.arrivalSec - y.r.arrivalSec || x.i - y.i);
    const last = this.order[this.order.length - 1];
    this.horizonSec = last === undefined ? 0 : last.r.arrivalSec;
    this.records = new Array<RequestRecord>(requests.length);
  }

  /** The read-only view a policy sees now (valid until the next {@link settle}). */
  view(): ClusterView {
    return { network: this.network, spectrum: this.spectrum, freeGpus: this.freeGpus };
  }

  /** Arrivals in time order; before each is yielded, departures due by then are released. */
  *arrivals(): Generator<Arrival> {
    for (const { r, i } of this.order) {
      while (this.active.length > 0 && (this.active[this.active.length - 1] as AcceptedRecord).endSec <= r.arrivalSec) {
        const rec = this.active.pop() as AcceptedRecord;
        this.advance(rec.endSec);
        this.release(rec);
      }
      this.advance(r.arrivalSec);
      yield { request: r, index: i };
    }
  }

  /** Record the policy's decision for `arrival`, applying it when the state can hold it (else `policy_error`). */
  settle(arrival: Arrival, decision: Decision): void {
    const { request: r, index: i } = arrival;
    if (decision.status === "blocked") {
      this.records[i] = { status: "blocked", request: r, reason: decision.reason, detail: decision.detail };
      return;
    }
    const problem = decisionProblem(r, decision, this.freeGpus, this.spectrum);
    if (problem !== null) {
      this.records[i] = { status: "blocked", request: r, reason: "policy_error", detail: problem };
      return;
    }
    for (const t of decision.transfers) this.spectrum.allocate(t.path.fibreIds, t.startSlot, t.dataSlots + t.guardSlots);
    for (const dc of decision.stageDcs) this.freeGpus.set(dc, (this.freeGpus.get(dc) ?? 0) - r.gpusPerStage);
    const rec = recordFor(r, decision, r.arrivalSec);
    this.records[i] = rec;
    let at = this.active.length;
    while (at > 0 && (this.active[at - 1] as AcceptedRecord).endSec < rec.endSec) at--;
    this.active.splice(at, 0, rec);
  }

  /** Records and metrics once every arrival is settled. */
  result(): SimulationResult {
    return { records: this.records, metrics: metricsOf(this.records, this.slotSecs, this.network, this.horizonSec) };
  }

  private advance(t: number): void {
    const until = Math.min(t, this.horizonSec);
    if (until > this.clock) this.slotSecs += this.spectrum.usedSlots() * (until - this.clock);
    this.clock = Math.max(this.clock, t);
  }

  private release(rec: AcceptedRecord): void {
    for (const t of rec.transfers) {
      const first = t.fibres[0]?.slots[0] ?? 0;
      this.spectrum.free(t.fibres.map((f) => f.fibreId), first, t.dataSlots + t.guardSlots);
    }
    for (const dc of rec.stageDcs) this.freeGpus.set(dc, (this.freeGpus.get(dc) ?? 0) + rec.request.gpusPerStage);
  }
}
