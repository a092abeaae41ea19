/**
 * The one independent verifier of a simulated schedule. It replays the job
 * records only — never the simulator's state — and checks capacity at every
 * start/finish instant, each record's path, GPUs and reservations, every
 * reported time, energy and cost against the cost model, and (`verifyStats.ts`)
 * every statistic the run reports against the records (docs/simulator.md).
 */
import { indexTopology } from "../cost/communication.js";
import { hopShareGbps, type LinkDemand } from "../cost/demand.js";
import { evaluatePlacement } from "../cost/evaluate.js";
import type { Job } from "../model/types.js";
import type { Violation } from "./errors.js";
import type { SimInput } from "./result.js";
import { MIN_RESERVATION_FRACTION, type JobRecord } from "./types.js";
import { agrees, checkReportedStatistics, type Sink, type VerifiedRun } from "./verifyStats.js";

/** Tolerances of the verifier (docs/simulator.md). */
export const VERIFY_TOLERANCE = {
  /** Slack on GPU counts per region, GPUs. */
  absolute: 1e-9,
  /** Relative slack on link capacity, on the reservation bounds (demand, 0.01·demand) and on recomputed times, energy and cost. */
  relative: 1e-9,
} as const;

/** `used ≤ limit` up to the relative tolerance. */
function within(used: number, limit: number): boolean {
  return used <= limit * (1 + VERIFY_TOLERANCE.relative) + 1e-15;
}

/** Whether `a` and `b` agree within the relative tolerance (or 1e-12 absolute near zero). */
function close(a: number, b: number): boolean {
  return !Number.isNaN(a) && agrees(a, b, VERIFY_TOLERANCE.relative);
}

/** The numbers a started record must give, in the order they are checked. */
const STARTED_NUMBERS = ["startSec", "finishSec", "jctSec", "waitSec", "iterationSec", "energyKwh", "costUsd"] as const;

/** A started record's checks against its job and the cost model. */
function checkStarted(input: SimInput, job: Job, r: JobRecord, add: Sink): void {
  const id = r.jobId;
  const start = r.startSec as number;
  const finish = r.finishSec as number;
  for (const field of STARTED_NUMBERS) {
    const v = r[field];
    if (v === null || !Number.isFinite(v)) return add(id, r.startSec, field, `job "${id}": ${field} = ${v} must be a finite number for a started job`);
  }
  if (r.unschedulableReason !== null) add(id, start, "unschedulableReason", `job "${id}" started but has an unschedulable reason`);
  if (start < job.arrivalSec) add(id, start, "startSec", `job "${id}" starts at ${start} s before its arrival at ${job.arrivalSec} s`);
  if (finish < start) add(id, start, "finishSec", `job "${id}" finishes at ${finish} s before its start at ${start} s`);
  if (!close(r.jctSec as number, finish - job.arrivalSec)) add(id, finish, "jctSec", `job "${id}": jctSec = ${r.jctSec} but finish − arrival = ${finish - job.arrivalSec}`);
  if (!close(r.waitSec as number, start - job.arrivalSec)) add(id, start, "waitSec", `job "${id}": waitSec = ${r.waitSec} but start − arrival = ${start - job.arrivalSec}`);

  const path = r.path;
  const index = indexTopology(input.topology);
  if (path === null || path.length !== job.stages) {
    return add(id, start, "path", `job "${id}": path has ${path?.length ?? 0} regions at t=${start}s but the job has ${job.stages} stages`);
  }
  const implied: Record<string, number> = {};
  for (const [k, region] of path.entries()) {
    if (!index.regions.has(region)) return add(id, start, `path[${k}]`, `job "${id}": path[${k}] = "${region}" is not a region`);
    implied[region] = (implied[region] ?? 0) + job.gpusPerStage;
  }
  const regions = new Set([...Object.keys(implied), ...Object.keys(r.gpusByRegion)]);
  for (const region of regions) {
    const held = r.gpusByRegion[region] ?? 0;
    if (held !== (implied[region] ?? 0)) {
      add(id, start, `gpus:${region}`, `job "${id}" holds ${held} GPUs in "${region}" but its path implies ${implied[region] ?? 0}`);
    }
  }
  const model = input.models.get(job.model);
  if (model === undefined) return add(id, start, "model", `job "${id}" started but model "${job.model}" is unknown`);
  // the job alone on the network gives each link's request (hop caps and demands); a path that stays in one region requests nothing
  const crosses = path.some((region, k) => k > 0 && region !== path[k - 1]);
  const alone = crosses ? evaluatePlacement(input.topology, model, job, path, { startSec: start }) : null;
  if (alone !== null && !alone.ok) return add(id, start, "path", `job "${id}": ${alone.error.message}`);
  const requests = new Map<string, LinkDemand>((alone?.value.linkDemands ?? []).map((d) => [d.key, d] as const));
  for (const key of new Set([...requests.keys(), ...Object.keys(r.reservedGbps)])) {
    const reserved = r.reservedGbps[key];
    const request = requests.get(key);
    if (request === undefined) add(id, start, `link:${key}`, `job "${id}" reserves ${reserved} Gbit/s on "${key}", which its path does not use`);
    else if (reserved === undefined) add(id, start, `link:${key}`, `job "${id}" uses link "${key}" but reserves nothing on it`);
    else if (!within(reserved, request.capGbps)) add(id, start, `link:${key}`, `job "${id}" reserves ${reserved} Gbit/s on "${key}", above the ${request.capGbps} Gbit/s its hops there can use`);
    else if (!(reserved > 0)) add(id, start, `link:${key}`, `job "${id}" reserves ${reserved} Gbit/s on "${key}"`);
    else {
      for (const k of request.hops) {
        const stage = alone?.value.stages[k];
        if (stage === undefined) continue;
        const share = hopShareGbps(reserved, stage.capGbps, request.capGbps);
        if (!within(MIN_RESERVATION_FRACTION * stage.demandGbps, share)) {
          add(id, start, `link:${key}`, `job "${id}": the hop from stage ${k} gets ${share} Gbit/s on "${key}", below ${MIN_RESERVATION_FRACTION} × its demand ${stage.demandGbps}`);
        }
      }
    }
  }
  const bandwidth = new Map(Object.entries(r.reservedGbps).filter(([key, v]) => requests.has(key) && v > 0));
  const run = evaluatePlacement(input.topology, model, job, path, { startSec: start, linkBandwidthGbps: bandwidth });
  if (!run.ok) return add(id, start, "path", `job "${id}": ${run.error.message}`);
  const expect = { iterationSec: run.value.iterationSec, runtimeSec: run.value.runtimeSec, energyKwh: run.value.energyKwh, costUsd: run.value.costUsd };
  const got = { iterationSec: r.iterationSec as number, runtimeSec: finish - start, energyKwh: r.energyKwh as number, costUsd: r.costUsd as number };
  // finish − start carries the rounding of the clock: finish = start + runtime is rounded to the ulp of finish, which late in a long run exceeds the relative tolerance of a short runtime
  const clockSlack = 2 * Number.EPSILON * Math.abs(finish);
  for (const field of Object.keys(expect) as (keyof typeof expect)[]) {
    const runtimeWithinClock = field === "runtimeSec" && Math.abs(got.runtimeSec - expect.runtimeSec) <= clockSlack;
    if (!close(got[field], expect[field]) && !runtimeWithinClock) {
      add(id, start, field, `job "${id}" started at t=${start}s: reported ${field} = ${got[field]} but the cost model gives ${expect[field]}`);
    }
  }
}

/** An unstarted record must carry a reason and nothing else. */
function checkUnstarted(r: JobRecord, add: Sink): void {
  const filled = (["finishSec", "jctSec", "waitSec", "path", "iterationSec", "energyKwh", "costUsd"] as const).filter((f) => r[f] !== null);
  if (filled.length > 0) add(r.jobId, null, filled.join(","), `job "${r.jobId}" never started but has ${filled.join(", ")}`);
  if (Object.keys(r.gpusByRegion).length + Object.keys(r.reservedGbps).length > 0) {
    add(r.jobId, null, "gpusByRegion", `job "${r.jobId}" never started but holds GPUs or bandwidth`);
  }
  if (typeof r.unschedulableReason !== "string" || r.unschedulableReason.length === 0) {
    add(r.jobId, null, "unschedulableReason", `job "${r.jobId}" never started and gives no reason`);
  }
}

/**
 * Numbers for the keys of one kind of resource (regions, or links), given in
 * the order they are first met; `used[i]` and `stamp[i]` per number.
 */
class Slots {
  private readonly numberOf = new Map<string, number>();
  readonly keys: string[] = [];
  used = new Float64Array(16);
  stamp = new Int32Array(16).fill(-1);

  of(key: string): number {
    let i = this.numberOf.get(key);
    if (i === undefined) {
      i = this.keys.length;
      this.numberOf.set(key, i);
      this.keys.push(key);
      if (i >= this.used.length) {
        const used = new Float64Array(2 * this.used.length);
        used.set(this.used);
        const stamp = new Int32Array(2 * this.stamp.length).fill(-1);
        stamp.set(this.stamp);
        this.used = used;
        this.stamp = stamp;
      }
    }
    return i;
  }
}

/**
 * Every record's holdings, flat: record i holds `amount[k]` of slot `slot[k]`
 * for k in `[from[i], from[i + 1])`, in the record's key order.
 */
interface Holdings {
  readonly from: Int32Array;
  readonly slot: number[];
  readonly amount: number[];
}

function holdingsOf(started: readonly JobRecord[], slots: Slots, of: (r: JobRecord) => Readonly<Record<string, number>>): Holdings {
  const from = new Int32Array(started.length + 1);
  const slot: number[] = [];
  const amount: number[] = [];
  started.forEach((r, i) => {
    for (const [key, x] of Object.entries(of(r))) {
      slot.push(slots.of(key));
      amount.push(x);
    }
    from[i + 1] = slot.length;
  });
  return { from, slot, amount };
}

/** Adds `sign` × record i's holdings to the use of their slots. */
function apply(h: Holdings, slots: Slots, i: number, sign: 1 | -1): void {
  for (let k = h.from[i] as number; k < (h.from[i + 1] as number); k++) {
    const slot = h.slot[k] as number;
    slots.used[slot] = (slots.used[slot] as number) + sign * (h.amount[k] as number);
  }
}

/** Calls `check` with the key and use of each slot the records `starting` hold, once per slot (first held first) at this `instant`. */
function eachHeld(starting: readonly number[], h: Holdings, slots: Slots, instant: number, check: (key: string, used: number) => void): void {
  for (const j of starting) {
    for (let k = h.from[j] as number; k < (h.from[j + 1] as number); k++) {
      const slot = h.slot[k] as number;
      if (slots.stamp[slot] === instant) continue;
      slots.stamp[slot] = instant;
      check(slots.keys[slot] as string, slots.used[slot] as number);
    }
  }
}

/**
 * Positions of `started` in step order: every start and finish by time, a
 * finish before a start at the same instant, ties in record order (position
 * `2i` is record i's start, `2i + 1` its finish).
 */
function stepOrder(started: readonly JobRecord[]): Int32Array {
  const n = started.length;
  const timeOf = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const r = started[i] as JobRecord;
    timeOf[2 * i] = r.startSec as number;
    timeOf[2 * i + 1] = r.finishSec as number;
  }
  const order = new Int32Array(2 * n);
  for (let i = 0; i < 2 * n; i++) order[i] = i;
  // sign −1 (finish, odd) before +1 (start, even) at the same time, then record order
  order.sort((a, b) => (timeOf[a] as number) - (timeOf[b] as number) || (b & 1) - (a & 1) || a - b);
  return order;
}

/**
 * GPU and bandwidth capacity at every start/finish instant; a job holds its
 * resources on [start, finish). Use only grows at starts, so after the steps
 * of an instant the regions and links of the jobs starting then are checked.
 * One pass over the steps in time order, use kept per region and per link in
 * typed arrays.
 */
function checkCapacity(input: SimInput, started: readonly JobRecord[], add: Sink): void {
  const index = indexTopology(input.topology);
  const regions = new Slots();
  const links = new Slots();
  const gpus = holdingsOf(started, regions, (r) => r.gpusByRegion);
  const gbps = holdingsOf(started, links, (r) => r.reservedGbps);
  const order = stepOrder(started);
  const holders = new Set<string>();
  const starting: number[] = [];
  let instant = 0;
  for (let i = 0; i < order.length; instant++) {
    const first = order[i] as number;
    const t = (first & 1) === 0 ? (started[first >> 1] as JobRecord).startSec : (started[first >> 1] as JobRecord).finishSec;
    starting.length = 0;
    for (; i < order.length; i++) {
      const step = order[i] as number;
      const r = started[step >> 1] as JobRecord;
      const sign = (step & 1) === 0 ? 1 : (-1 as const);
      if ((sign > 0 ? r.startSec : r.finishSec) !== t) break;
      if (sign > 0) {
        holders.add(r.jobId);
        starting.push(step >> 1);
      } else holders.delete(r.jobId);
      apply(gpus, regions, step >> 1, sign);
      apply(gbps, links, step >> 1, sign);
    }
    if (starting.length === 0) continue;
    const at = t as number;
    const lastStarted = (started[starting[starting.length - 1] as number] as JobRecord).jobId;
    const who = (): string => `running: ${[...holders].join(", ")}`;
    eachHeld(starting, gpus, regions, instant, (region, used) => {
      const cap = index.regions.get(region)?.gpus ?? 0;
      if (used > cap + VERIFY_TOLERANCE.absolute) add(lastStarted, at, `gpus:${region}`, `t=${at}s: ${used} GPUs in use in "${region}", capacity ${cap} (${who()})`);
    });
    eachHeld(starting, gbps, links, instant, (key, used) => {
      const cap = index.links.get(key)?.bandwidthGbps ?? 0;
      if (!within(used, cap)) add(lastStarted, at, `link:${key}`, `t=${at}s: ${used} Gbit/s reserved on "${key}", capacity ${cap} (${who()})`);
    });
  }
}

/**
 * Every violation of the run (empty when the run is valid): one record per
 * input job, per-record checks, capacity over time, and every reported
 * statistic — summary, event count, utilisation series — re-derived from the
 * records.
 */
export function verifyRun(input: SimInput, result: VerifiedRun): Violation[] {
  const violations: Violation[] = [];
  const add: Sink = (jobId, timeSec, resource, message) => {
    violations.push({ jobId, timeSec, resource, message });
  };
  const jobs = new Map(input.jobs.map((j) => [j.id, j] as const));
  const seen = new Set<string>();
  const started: JobRecord[] = [];
  for (const r of result.records) {
    const job = jobs.get(r.jobId);
    if (job === undefined) {
      add(r.jobId, null, "jobId", `record for job "${r.jobId}", which is not in the input`);
      continue;
    }
    if (seen.has(r.jobId)) add(r.jobId, null, "jobId", `job "${r.jobId}" has more than one record`);
    seen.add(r.jobId);
    if (r.arrivalSec !== job.arrivalSec || r.model !== job.model) {
      add(r.jobId, null, "arrivalSec", `job "${r.jobId}": record says model "${r.model}" arriving at ${r.arrivalSec} s, input says "${job.model}" at ${job.arrivalSec} s`);
    }
    if (r.startSec === null) checkUnstarted(r, add);
    else {
      checkStarted(input, job, r, add);
      started.push(r);
    }
  }
  for (const id of jobs.keys()) if (!seen.has(id)) add(id, null, "jobId", `job "${id}" has no record`);
  const timed = started.filter((r) => Number.isFinite(r.startSec) && Number.isFinite(r.finishSec));
  checkCapacity(input, timed, add);
  checkReportedStatistics(input, timed, result, VERIFY_TOLERANCE.relative, add);
  return violations;
}
