/**
 * The verifier's second half: every statistic a run reports — the summary
 * (counts, mean / nearest-rank p50, p95, p99 JCT, mean wait, makespan, energy
 * and cost totals, mean GPU utilisation, policy errors), the event count and
 * the GPU and link utilisation step functions — re-derived from the job
 * records alone and compared with what the run reports (docs/simulator.md,
 * "The verifier"). Written apart from `summary.ts` on purpose, so that a bug
 * there is not repeated here.
 */
import { indexTopology } from "../cost/communication.js";
import type { Violation } from "./errors.js";
import type { SimInput, SimResult, SimSummary } from "./result.js";
import type { JobRecord } from "./types.js";

/** Where a violation goes (see `verify.ts`). */
export type Sink = (jobId: string | null, timeSec: number | null, resource: string, message: string) => void;

/** The parts of a run the verifier reads. */
export type VerifiedRun = Pick<SimResult, "records" | "summary" | "events" | "policyErrors" | "utilisation">;

/** Whether two reported figures agree: both `NaN`, or within `relative` of the larger magnitude (or of `scale`). */
export function agrees(a: number, b: number, relative: number, scale = 0): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return Math.abs(a - b) <= Math.max(relative * Math.max(Math.abs(a), Math.abs(b), scale), 1e-12);
}

/** The value at rank ⌈p/100 · n⌉ (1-based, clamped to [1, n]) of ascending `sorted`; `NaN` for none. */
function atRank(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((sorted.length * p) / 100))) - 1] as number;
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const gpusHeld = (r: JobRecord): number => sum(Object.values(r.gpusByRegion));

/** The summary the records imply (see {@link SimSummary} for each definition). */
function derivedSummary(input: SimInput, started: readonly JobRecord[], policyErrors: number): SimSummary {
  const n = started.length;
  const jcts = started.map((r) => (r.finishSec as number) - r.arrivalSec).sort((a, b) => a - b);
  const lastFinish = started.reduce((m, r) => Math.max(m, r.finishSec as number), Number.NEGATIVE_INFINITY);
  const firstArrival = input.jobs.reduce((m, j) => Math.min(m, j.arrivalSec), Number.POSITIVE_INFINITY);
  const makespanSec = n === 0 ? 0 : lastFinish - firstArrival;
  const capacity = sum(input.topology.regions.map((r) => r.gpus));
  const gpuSec = sum(started.map((r) => gpusHeld(r) * ((r.finishSec as number) - (r.startSec as number))));
  return {
    jobs: input.jobs.length,
    finished: n,
    unschedulable: input.jobs.length - n,
    meanJctSec: n === 0 ? Number.NaN : sum(jcts) / n,
    p50JctSec: atRank(jcts, 50),
    p95JctSec: atRank(jcts, 95),
    p99JctSec: atRank(jcts, 99),
    meanWaitSec: n === 0 ? Number.NaN : sum(started.map((r) => (r.startSec as number) - r.arrivalSec)) / n,
    makespanSec,
    totalEnergyKwh: sum(started.map((r) => r.energyKwh ?? 0)),
    totalCostUsd: sum(started.map((r) => r.costUsd ?? 0)),
    meanGpuUtilisation: makespanSec > 0 && capacity > 0 ? gpuSec / (capacity * makespanSec) : 0,
    policyErrors,
  };
}

/** One change of a step function: `delta` from `timeSec` on. */
interface Step {
  readonly timeSec: number;
  readonly delta: number;
}

/**
 * Compares a reported step function (`points`: value from each time until the
 * next) with the one the `steps` imply (a job's use counts on [start, finish)),
 * at every instant either of them changes. Returns the first disagreement.
 */
function compareSteps(
  points: readonly { readonly timeSec: number; readonly value: number }[],
  steps: readonly Step[],
  same: (reported: number, derived: number) => boolean,
): { timeSec: number; reported: number; derived: number } | string | null {
  if (points.length === 0 || points[0]!.timeSec !== 0) return "does not start with a point at t=0s";
  for (let i = 1; i < points.length; i++) if (!(points[i]!.timeSec > points[i - 1]!.timeSec)) return `times are not increasing at point ${i}`;
  const sorted = [...steps].sort((a, b) => a.timeSec - b.timeSec);
  const instants = [...new Set([...sorted.map((x) => x.timeSec), ...points.map((x) => x.timeSec)])].sort((a, b) => a - b);
  let derived = 0;
  let s = 0;
  let p = 0;
  for (const t of instants) {
    for (; s < sorted.length && sorted[s]!.timeSec === t; s++) derived += sorted[s]!.delta;
    for (; p + 1 < points.length && points[p + 1]!.timeSec <= t; p++);
    if (!same(points[p]!.value, derived)) return { timeSec: t, reported: points[p]!.value, derived };
  }
  return null;
}

/** The GPU and link utilisation series against the records. */
function checkUtilisation(input: SimInput, started: readonly JobRecord[], run: VerifiedRun, relative: number, add: Sink): void {
  const gpuSteps: Step[] = [];
  const linkSteps = new Map<string, Step[]>();
  for (const r of started) {
    const held = gpusHeld(r);
    gpuSteps.push({ timeSec: r.startSec as number, delta: held }, { timeSec: r.finishSec as number, delta: -held });
    for (const [key, g] of Object.entries(r.reservedGbps)) {
      const list = linkSteps.get(key) ?? [];
      list.push({ timeSec: r.startSec as number, delta: g }, { timeSec: r.finishSec as number, delta: -g });
      linkSteps.set(key, list);
    }
  }
  const report = (what: string, diff: ReturnType<typeof compareSteps>): void => {
    if (diff === null) return;
    if (typeof diff === "string") add(null, null, what, `${what} ${diff}`);
    else add(null, diff.timeSec, what, `${what} at t=${diff.timeSec}s reports ${diff.reported} but the records hold ${diff.derived}`);
  };
  report("utilisation.gpu", compareSteps(run.utilisation.gpu.map((x) => ({ timeSec: x.timeSec, value: x.busyGpus })), gpuSteps, (a, b) => Math.abs(a - b) <= 1e-9));
  const links = indexTopology(input.topology).links;
  for (const key of new Set([...links.keys(), ...run.utilisation.link.keys()])) {
    const series = run.utilisation.link.get(key);
    const link = links.get(key);
    if (series === undefined || link === undefined) {
      add(null, null, `utilisation.link:${key}`, `utilisation.link has ${series === undefined ? "no series for" : "a series for an unknown link"} "${key}"`);
      continue;
    }
    const points = series.map((x) => ({ timeSec: x.timeSec, value: x.reservedGbps }));
    report(`utilisation.link:${key}`, compareSteps(points, linkSteps.get(key) ?? [], (a, b) => agrees(a, b, relative, link.bandwidthGbps)));
  }
}

/** Every reported statistic of `run` against the records; `started` are its valid started records. */
export function checkReportedStatistics(input: SimInput, started: readonly JobRecord[], run: VerifiedRun, relative: number, add: Sink): void {
  const derived = derivedSummary(input, started, run.policyErrors.length);
  const reported = run.summary;
  for (const field of Object.keys(derived) as (keyof SimSummary)[]) {
    if (!agrees(reported[field], derived[field], relative)) {
      add(null, null, `summary.${field}`, `summary.${field} = ${reported[field]} but the records give ${derived[field]}`);
    }
  }
  const events = input.jobs.length + started.length;
  if (run.events !== events) {
    add(null, null, "events", `events = ${run.events} but ${input.jobs.length} arrivals and ${started.length} completions make ${events}`);
  }
  checkUtilisation(input, started, run, relative, add);
}

export type { Violation };
