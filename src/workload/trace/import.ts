/**
 * Imports a public GPU-cluster trace as a pipeline workload (docs/workloads.md,
 * "Importing a trace"): read the format, drop what cannot be used (counted by
 * reason), keep a window, map each job to a pipeline job (./mapping.ts), take
 * arrivals and durations from the trace or synthesise them (./synthesis.ts),
 * and record all of it in a provenance object written with the workload.
 *
 * Arrivals count from `startUtc`, the whole UTC hour at or before the window
 * start (calendar traces), so hourly prices can be read in calendar time; for
 * traces with relative times they count from the window start (or the first
 * arrival).
 */
import { InstanceError } from "../../model/issues.js";
import type { Job, Workload } from "../../model/types.js";
import { floorToHour, formatUtc, parseUtcHour } from "../../model/utcTime.js";
import { assertValid } from "../generate.js";
import { totalGpus } from "../reference.js";
import { phillyDurations } from "./bundled.js";
import { readTrace } from "./formats/index.js";
import { mapTraceJob, type MappedJob } from "./mapping.js";
import { checkTraceOptions, resolveTraceOptions, type ResolvedTraceOptions, type TraceImportOptions } from "./options.js";
import { chooseWindow, describeBound, eligibleRecords, inWindow, noDrops, windowBound, type DropCounts } from "./select.js";
import { poissonArrivals, poolOf, resampleDurations, scaleToLoad, streamOf } from "./synthesis.js";
import type { ParsedTrace, TraceRecord } from "./types.js";
import { buildProvenance, type ArrivalInfo, type TraceProvenance } from "./provenance.js";

/** An imported trace. */
export interface TraceImport {
  /** The workload (valid against the topology and models), with `startUtc` when known. */
  readonly workload: Workload;
  /** Everything about where the jobs come from (written into the workload file). */
  readonly provenance: TraceProvenance;
  /** Lines for stderr: what the trace lacked and what was synthesised instead. */
  readonly notices: readonly string[];
}

/** How arrivals and durations are obtained. */
interface Modes {
  readonly arrivals: "trace" | "poisson";
  readonly durations: "trace" | "resample";
}

function decideModes(trace: ParsedTrace, o: ResolvedTraceOptions, notices: string[]): Modes {
  const fail = (path: string, message: string): never => {
    throw new InstanceError([{ file: o.file, path, message }]);
  };
  const arrivals = o.arrivals ?? (trace.hasArrivals ? "trace" : "poisson");
  if (!trace.hasArrivals) {
    if (arrivals === "trace") fail("arrivals", `the trace has no arrival times (${trace.layout}); use Poisson arrivals (--arrivals poisson --target-load RHO)`);
    if (o.targetLoad === null) fail("targetLoad", `the trace has no arrival times (${trace.layout}); pass --target-load RHO to draw Poisson arrivals at that load on the topology`);
    if (o.from !== null || o.to !== null || o.windowHours !== null) fail(o.from !== null ? "from" : o.to !== null ? "to" : "windowHours", "the trace has no arrival times to window; drop --from/--to/--window-hours");
    notices.push(`${o.file}: no arrival times in this trace; arrivals are Poisson at load ${o.targetLoad} on ${o.topology.name} (seed ${o.seed})`);
  }
  const durations = o.durations ?? (trace.hasDurations ? "trace" : "resample");
  if (!trace.hasDurations) {
    if (durations === "trace") fail("durations", `the trace has no durations (${trace.layout}); resample them (--durations resample)`);
    if (o.durationSource === "self") fail("durationSource", "the trace has no durations of its own to resample; use durationSource philly");
    notices.push(`${o.file}: no durations in this trace; each job's duration is drawn from the ${o.durationSource} trace's jobs with the same GPU count (seed ${o.seed})`);
  }
  return { arrivals, durations };
}

/** Reads `text` (a trace in `options.format`) and maps it to a workload; throws {@link InstanceError} naming the file, line or option. */
export function importTrace(text: string, options: TraceImportOptions, source: { readonly sha256?: string } = {}): TraceImport {
  const o = resolveTraceOptions(options);
  const optionIssues = checkTraceOptions(o);
  if (optionIssues.length > 0) throw new InstanceError(optionIssues);
  const parsed = readTrace(text, o.file, o.format, o.map);
  if (o.strict && parsed.badRows.length > 0) {
    throw new InstanceError(parsed.badRows.map((b) => ({ file: o.file, path: `line ${b.line}`, message: `${b.message} (--strict)` })));
  }
  const trace = shiftToUtc(parsed, o.utcOffsetHours);
  const notices: string[] = [];
  const modes = decideModes(trace, o, notices);
  const drops = noDrops();
  const windowed = o.from !== null || o.to !== null || o.windowHours !== null;
  const eligible = eligibleRecords(trace, { minGpus: o.minGpus, needArrival: trace.hasArrivals && (modes.arrivals === "trace" || windowed), needDuration: modes.durations === "trace" }, drops);
  const from = windowBound(o.from, "from", trace.timeKind, o.file);
  const to = windowBound(o.to, "to", trace.timeKind, o.file);
  const window = chooseWindow(eligible, { from, to, windowHours: o.windowHours }, streamOf(o.seed, "window"), o.file);
  let kept = inWindow(eligible, window, drops);
  if (modes.arrivals === "trace") kept = [...kept].sort((a, b) => a.submitSec! - b.submitSec! || a.line - b.line);
  if (kept.length > o.maxJobs) {
    drops["beyond-max-jobs"] += kept.length - o.maxJobs;
    kept = kept.slice(0, o.maxJobs);
  }
  const durations = jobDurations(kept, eligible, modes, o);
  const mapped: { record: TraceRecord; m: MappedJob }[] = [];
  kept.forEach((record, k) => {
    const m = mapTraceJob(o.mapping, { id: `${o.idPrefix}${record.line}`, arrivalSec: 0, gpus: record.gpus!, durationSec: durations[k]! }, o.topology, o.models);
    if (m === null) drops["no-placement"]++;
    else mapped.push({ record, m });
  });
  if (mapped.length === 0) {
    const why = Object.entries(drops).filter(([, n]) => n > 0).map(([r, n]) => `${r} ${n}`).join(", ");
    throw new InstanceError([{ file: o.file, path: "", message: `no jobs left of ${trace.rowsRead} row(s) (dropped: ${why || "none"}); widen --from/--to, lower --min-gpus, or check --format` }]);
  }
  const origin = originSec(kept, window, trace, o);
  const arrivals = jobArrivals(mapped, origin, modes, o);
  const jobs: Job[] = mapped.map(({ m }, k) => ({ ...m.job, arrivalSec: arrivals.sec[k]! }));
  const startUtc = o.startUtc ?? (trace.timeKind === "calendar" && trace.hasArrivals ? formatUtc(origin * 1000) : null);
  const base = o.file.replace(/^.*[\\/]/, "");
  const workload: Workload = { name: `trace ${base} (${o.format}, ${jobs.length} jobs)`, ...(startUtc === null ? {} : { startUtc }), jobs };
  assertValid(workload, o.topology, o.models);
  // the offered load of src/workload/load.ts (Σ reference GPU-seconds / (Σ gpus · last arrival)), from the runs already computed
  const span = jobs.reduce((m, j) => Math.max(m, j.arrivalSec), 0);
  const work = mapped.reduce((n, { m }) => n + m.job.stages * m.job.gpusPerStage * m.referenceRuntimeSec, 0);
  const load = span > 0 ? work / (totalGpus(o.topology) * span) : null;
  const provenance = buildProvenance({ trace, options: o, drops, window: { from: describeBound(window.startSec, trace.timeKind), to: describeBound(window.endSec, trace.timeKind), random: window.random }, modes, arrivals, mapped: mapped.map((x) => ({ gpus: x.record.gpus!, m: x.m })), startUtc, offeredLoad: load, sha256: source.sha256 ?? null, notices });
  return { workload, provenance, notices };
}

/** Calendar times shifted from UTC + offset to UTC. */
function shiftToUtc(trace: ParsedTrace, offsetHours: number): ParsedTrace {
  if (offsetHours === 0 || trace.timeKind !== "calendar") return trace;
  const shift = offsetHours * 3600;
  return { ...trace, records: trace.records.map((r) => (r.submitSec === null ? r : { ...r, submitSec: r.submitSec - shift })) };
}

/** Durations of the kept records: their own, or resampled by GPU count. */
function jobDurations(kept: readonly TraceRecord[], eligible: readonly TraceRecord[], modes: Modes, o: ResolvedTraceOptions): number[] {
  if (modes.durations === "trace") return kept.map((r) => r.durationSec!);
  const pool =
    o.durationSource === "philly"
      ? phillyDurations()
      : poolOf(eligible.flatMap((r) => (r.durationSec === null ? [] : [{ gpus: r.gpus!, durationSec: r.durationSec }])));
  if (pool.size === 0) throw new InstanceError([{ file: o.file, path: "durationSource", message: "no job of the trace has a duration to resample from; use durationSource philly" }]);
  return resampleDurations(kept.map((r) => r.gpus!), pool, streamOf(o.seed, "durations"));
}

/** Time 0 in trace seconds: startUtc when given, else the window start (whole hour for calendar traces) or the first arrival. */
function originSec(kept: readonly TraceRecord[], window: { startSec: number }, trace: ParsedTrace, o: ResolvedTraceOptions): number {
  const first = kept.reduce((m, r) => (r.submitSec === null ? m : Math.min(m, r.submitSec)), Infinity);
  if (o.startUtc !== null && trace.timeKind === "calendar" && trace.hasArrivals) {
    const start = parseUtcHour(o.startUtc)! / 1000;
    if (start > first) throw new InstanceError([{ file: o.file, path: "startUtc", message: `${o.startUtc} is after the first kept arrival (${formatUtc(first * 1000)}); give an earlier startUtc or a later --from` }]);
    return start;
  }
  const start = Number.isFinite(window.startSec) ? window.startSec : Number.isFinite(first) ? first : 0;
  return trace.timeKind === "calendar" ? floorToHour(start * 1000) / 1000 : start;
}

function jobArrivals(mapped: readonly { record: TraceRecord; m: MappedJob }[], origin: number, modes: Modes, o: ResolvedTraceOptions): ArrivalInfo {
  const gpuSeconds = mapped.map(({ m }) => m.job.stages * m.job.gpusPerStage * m.referenceRuntimeSec);
  const gpus = totalGpus(o.topology);
  const round3 = (x: number): number => Math.round(x * 1000) / 1000;
  if (modes.arrivals === "poisson") {
    const p = poissonArrivals(gpuSeconds, gpus, o.targetLoad!, streamOf(o.seed, "arrivals"));
    return { sec: p.arrivalsSec, source: "poisson", factor: null, loadBefore: null, ratePerHour: p.ratePerSec * 3600 };
  }
  const offsets = mapped.map(({ record }) => Math.max(0, record.submitSec! - origin));
  if (o.targetLoad === null) return { sec: offsets.map(round3), source: "trace", factor: null, loadBefore: null, ratePerHour: null };
  const s = scaleToLoad(offsets, gpuSeconds, gpus, o.targetLoad);
  return { sec: offsets.map((t) => round3(t * s.factor)), source: "trace-scaled", factor: s.factor, loadBefore: s.loadBefore, ratePerHour: null };
}
