/**
 * The provenance of an imported trace: written into the workload file
 * (`"provenance"`) and printed as a summary, so a reader of the numbers can
 * see what the trace said, what was dropped and why, and what was assumed or
 * synthesised.
 */
import type { MappedJob, TraceMapping } from "./mapping.js";
import type { ResolvedTraceOptions } from "./options.js";
import type { DropCounts } from "./select.js";
import { DROP_REASON_TEXT, DROP_REASONS, type BadRow, type ParsedTrace, type TimeKind } from "./types.js";

/** What the arrival step did. */
export interface ArrivalInfo {
  /** Arrival of each mapped job, s from time 0. */
  readonly sec: readonly number[];
  /** Where they come from. */
  readonly source: "trace" | "trace-scaled" | "poisson";
  /** Factor applied to trace arrival offsets (trace-scaled). */
  readonly factor: number | null;
  /** Offered load of the trace arrivals before scaling. */
  readonly loadBefore: number | null;
  /** Poisson rate, jobs per hour. */
  readonly ratePerHour: number | null;
}

/** Bad rows listed by line in the provenance (all are counted). */
export const BAD_ROWS_LISTED = 50;

/** The provenance of an imported trace (JSON). */
export interface TraceProvenance {
  /** What made it. */
  readonly tool: "geopipe trace import";
  /** The input. */
  readonly source: { readonly file: string; readonly format: string; readonly layout: string; readonly rowsRead: number; readonly jobsRead: number; readonly sha256: string | null; readonly timeKind: TimeKind };
  /** The options that shaped the result (defaults filled in). */
  readonly options: Readonly<Record<string, unknown>>;
  /** What the reader noted (time zones, statuses, censored durations). */
  readonly notes: readonly string[];
  /** What the trace lacked and what was synthesised instead (also printed on stderr). */
  readonly notices: readonly string[];
  /** Unreadable rows: the count and the first {@link BAD_ROWS_LISTED} with their lines. */
  readonly badRows: { readonly count: number; readonly listed: readonly BadRow[] };
  /** Jobs dropped, by reason (every reason, 0 when none). */
  readonly dropped: DropCounts;
  /** Jobs in the workload. */
  readonly kept: number;
  /** The window of arrivals kept (UTC text or trace seconds; null when open), and whether the seed chose it. */
  readonly window: { readonly from: string | number | null; readonly to: string | number | null; readonly random: boolean };
  /** UTC time of simulated time 0; null when unknown. */
  readonly startUtc: string | null;
  /** Where arrivals come from: the trace, the trace scaled to a target load, or Poisson at a target load. */
  readonly arrivals: { readonly source: ArrivalInfo["source"]; readonly targetLoad: number | null; readonly factor: number | null; readonly loadBefore: number | null; readonly ratePerHour: number | null; readonly seed: number | null };
  /** Where durations come from. */
  readonly durations: { readonly source: "trace" | "resample"; readonly from: string | null; readonly seed: number | null };
  /** The trace-to-pipeline mapping and what it produced. */
  readonly mapping: Omit<TraceMapping, "models"> & {
    /** The model rule; `maxGpus: null` is no upper bound. */
    readonly models: "by-memory" | readonly { readonly maxGpus: number | null; readonly model: string }[];
    readonly jobsByModel: Readonly<Record<string, number>>;
    /** Jobs whose S·g differs from the trace's GPU count (shapes without a clean split, or shrunk to fit). */
    readonly gpuCountChanged: number;
    /** Jobs shorter than half an iteration, given one iteration. */
    readonly lengthenedToOneIteration: number;
  };
  /** Offered load of the workload on the topology (src/workload/load.ts); null when it cannot be measured. */
  readonly offeredLoad: number | null;
  /** The topology and its GPUs. */
  readonly topology: { readonly name: string; readonly gpus: number };
}

/** Inputs of {@link buildProvenance}. */
export interface ProvenanceInput {
  readonly trace: ParsedTrace;
  readonly options: ResolvedTraceOptions;
  readonly drops: DropCounts;
  readonly window: TraceProvenance["window"];
  readonly modes: { readonly arrivals: "trace" | "poisson"; readonly durations: "trace" | "resample" };
  readonly arrivals: ArrivalInfo;
  readonly mapped: readonly { readonly gpus: number; readonly m: MappedJob }[];
  readonly startUtc: string | null;
  readonly offeredLoad: number | null;
  readonly sha256: string | null;
  readonly notices: readonly string[];
}

/** Assembles the provenance. */
export function buildProvenance(p: ProvenanceInput): TraceProvenance {
  const o = p.options;
  const byModel: Record<string, number> = {};
  for (const { m } of p.mapped) byModel[m.job.model] = (byModel[m.job.model] ?? 0) + 1;
  const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
  const random = p.modes.arrivals === "poisson" || p.modes.durations === "resample" || p.window.random;
  return {
    tool: "geopipe trace import",
    source: { file: o.file, format: o.format, layout: p.trace.layout, rowsRead: p.trace.rowsRead, jobsRead: p.trace.records.length, sha256: p.sha256, timeKind: p.trace.timeKind },
    options: {
      from: o.from,
      to: o.to,
      windowHours: o.windowHours,
      minGpus: o.minGpus,
      maxJobs: finite(o.maxJobs),
      utcOffsetHours: o.utcOffsetHours,
      arrivals: p.modes.arrivals,
      targetLoad: o.targetLoad,
      durations: p.modes.durations,
      durationSource: p.modes.durations === "resample" ? o.durationSource : null,
      seed: random ? o.seed : null,
      map: o.format === "csv" ? o.map : null,
      idPrefix: o.idPrefix,
    },
    notes: p.trace.notes,
    notices: p.notices,
    badRows: { count: p.trace.badRows.length, listed: p.trace.badRows.slice(0, BAD_ROWS_LISTED) },
    dropped: p.drops,
    kept: p.mapped.length,
    window: p.window,
    startUtc: p.startUtc,
    arrivals: {
      source: p.arrivals.source,
      targetLoad: o.targetLoad,
      factor: p.arrivals.factor,
      loadBefore: p.arrivals.loadBefore,
      ratePerHour: p.arrivals.ratePerHour,
      seed: p.modes.arrivals === "poisson" ? o.seed : null,
    },
    durations: { source: p.modes.durations, from: p.modes.durations === "resample" ? o.durationSource : null, seed: p.modes.durations === "resample" ? o.seed : null },
    mapping: {
      ...o.mapping,
      models: o.mapping.models === "by-memory" ? "by-memory" : o.mapping.models.map((r) => ({ maxGpus: Number.isFinite(r.maxGpus) ? r.maxGpus : null, model: r.model })),
      jobsByModel: byModel,
      gpuCountChanged: p.mapped.filter(({ gpus, m }) => m.job.stages * m.job.gpusPerStage !== gpus).length,
      lengthenedToOneIteration: p.mapped.filter(({ m }) => m.lengthened).length,
    },
    offeredLoad: p.offeredLoad,
    topology: { name: o.topology.name, gpus: o.topology.regions.reduce((n, r) => n + r.gpus, 0) },
  };
}

const pct = (n: number, of: number): string => (of > 0 ? `${((100 * n) / of).toFixed(1)} %` : "–");

/** The summary `geopipe trace import` prints (one fact per line). */
export function formatProvenance(p: TraceProvenance): string {
  const out: string[] = [];
  const s = p.source;
  const bad = p.badRows.count > 0 ? `; ${p.badRows.count} unreadable row(s), dropped` : "";
  out.push(`read ${s.file}: ${s.format}, ${s.layout}; ${s.rowsRead} row(s), ${s.jobsRead} job(s)${bad}`);
  if (p.badRows.count > 0) {
    const lines = p.badRows.listed.slice(0, 5).map((b) => `line ${b.line}: ${b.message}`);
    out.push(`  unreadable (first ${lines.length} of ${p.badRows.count}; all in provenance.badRows up to ${BAD_ROWS_LISTED}): ${lines.join("; ")}`);
  }
  const dropped = DROP_REASONS.filter((r) => r !== "bad-row" && p.dropped[r] > 0);
  const total = dropped.reduce((n, r) => n + p.dropped[r], 0);
  out.push(`dropped ${total} of ${s.jobsRead} job(s)${dropped.length === 0 ? "" : ":"}`);
  for (const r of dropped) out.push(`  ${String(p.dropped[r]).padStart(7)}  ${r}: ${DROP_REASON_TEXT[r]}`);
  out.push(`kept ${p.kept} job(s) (${pct(p.kept, s.jobsRead)})`);
  if (p.window.from !== null || p.window.to !== null) out.push(`window [${p.window.from ?? "start"}, ${p.window.to ?? "end"})${p.window.random ? ` (start drawn by seed ${p.options.seed})` : ""}`);
  out.push(`time 0 = ${p.startUtc ?? "not anchored to a calendar (no startUtc)"}`);
  const a = p.arrivals;
  const arr =
    a.source === "trace"
      ? "the trace's own"
      : a.source === "trace-scaled"
        ? `the trace's, offsets × ${a.factor?.toPrecision(4)} (offered load ${a.loadBefore?.toPrecision(3)} → ${a.targetLoad})`
        : `Poisson at load ${a.targetLoad} (${a.ratePerHour?.toFixed(2)} jobs/h, seed ${a.seed})`;
  out.push(`arrivals: ${arr}`);
  out.push(`durations: ${p.durations.source === "trace" ? "the trace's own" : `resampled by GPU count from ${p.durations.from} (seed ${p.durations.seed})`}`);
  const models = Object.entries(p.mapping.jobsByModel).sort((x, y) => y[1] - x[1]).map(([m, n]) => `${m} ${n}`).join(", ");
  out.push(`mapping ${p.mapping.name} (${p.mapping.shape}): ${models}; S·g ≠ trace GPUs for ${p.mapping.gpuCountChanged}; lengthened to one iteration ${p.mapping.lengthenedToOneIteration}`);
  out.push(`offered load ${p.offeredLoad === null ? "n/a" : p.offeredLoad.toFixed(3)} on ${p.topology.name} (${p.topology.gpus} GPUs)`);
  for (const n of p.notes) out.push(`note: ${n}`);
  return out.join("\n") + "\n";
}
