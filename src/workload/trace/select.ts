/**
 * Which trace records become jobs, and why the others do not: every record
 * is checked in the order of {@link DROP_REASONS} and dropped for the first
 * reason that applies; the counts go to the provenance. Then the window
 * ([from, to), or a seeded random window of `windowHours` inside it) and
 * `maxJobs`.
 */
import { InstanceError } from "../../model/issues.js";
import { floorToHour, formatUtc, parseUtcDateTime } from "../../model/utcTime.js";
import type { Rng } from "../../util/rng.js";
import { DROP_REASONS, type DropReason, type ParsedTrace, type TimeKind, type TraceRecord } from "./types.js";

/** Counts by drop reason (every reason present, 0 when none). */
export type DropCounts = Record<DropReason, number>;

/** Zero counts. */
export function noDrops(): DropCounts {
  return Object.fromEntries(DROP_REASONS.map((r) => [r, 0])) as DropCounts;
}

/** What the checks need to know. */
export interface EligibleRules {
  /** Fewest GPUs kept. */
  readonly minGpus: number;
  /** Records without an arrival are dropped (the trace has arrivals and they are used to order or window). */
  readonly needArrival: boolean;
  /** Records without a duration are dropped (durations come from the trace). */
  readonly needDuration: boolean;
}

/** The records that pass the per-record checks; `drops` is updated. */
export function eligibleRecords(trace: ParsedTrace, rules: EligibleRules, drops: DropCounts): TraceRecord[] {
  drops["bad-row"] += trace.badRows.length;
  const out: TraceRecord[] = [];
  for (const r of trace.records) {
    const reason = dropReason(r, rules);
    if (reason === null) out.push(r);
    else drops[reason]++;
  }
  return out;
}

function dropReason(r: TraceRecord, rules: EligibleRules): DropReason | null {
  if (r.gpus === null) return "no-gpu-count";
  if (r.gpus === 0) return "no-gpus";
  if (r.sharesGpu || !Number.isInteger(r.gpus)) return "fractional-gpus";
  if (r.gpus < rules.minGpus) return "below-min-gpus";
  if (rules.needArrival && r.submitSec === null) return "no-arrival";
  if (rules.needDuration && r.durationSec === null) return "no-duration";
  return null;
}

/** A bound of the window in trace seconds, from an option value; throws naming `option` when it does not fit the trace's kind of time. */
export function windowBound(value: string | number | null, option: "from" | "to", kind: TimeKind, file: string): number | null {
  if (value === null) return null;
  if (kind === "calendar") {
    const ms = typeof value === "string" ? parseUtcDateTime(value) : null;
    if (ms === null) throw new InstanceError([{ file, path: option, message: `expected an ISO date or date-time (UTC unless it has a zone) like "2017-10-01" or "2017-10-01T06:00:00Z", got ${JSON.stringify(value)}` }]);
    return ms / 1000;
  }
  const x = typeof value === "number" ? value : value.trim() === "" ? NaN : Number(value);
  if (!Number.isFinite(x)) {
    throw new InstanceError([{ file, path: option, message: `this trace's times are seconds from an undisclosed origin, not dates; give ${option} in those seconds (e.g. 86400), got ${JSON.stringify(value)}` }]);
  }
  return x;
}

/** The window kept: `[startSec, endSec)` in trace seconds (±Infinity when open). */
export interface Window {
  readonly startSec: number;
  readonly endSec: number;
  /** Whether the seed picked the start. */
  readonly random: boolean;
}

/**
 * The window: [from, to), or — with `windowHours` — a window of that length
 * whose start is drawn uniformly from the whole hours (calendar) or whole
 * 3,600 s steps (relative) between the first arrival at or after `from`
 * (rounded down to the hour) and `to` (or the last arrival) minus the length.
 */
export function chooseWindow(
  records: readonly TraceRecord[],
  bounds: { readonly from: number | null; readonly to: number | null; readonly windowHours: number | null },
  rng: Rng,
  file: string,
): Window {
  const from = bounds.from ?? -Infinity;
  const to = bounds.to ?? Infinity;
  if (bounds.windowHours === null) return { startSec: from, endSec: to, random: false };
  const times = records.flatMap((r) => (r.submitSec !== null && r.submitSec >= from && r.submitSec < to ? [r.submitSec] : []));
  if (times.length === 0) throw new InstanceError([{ file, path: "windowHours", message: "no job arrives in [from, to) to place a window in" }]);
  const first = times.reduce((m, t) => Math.min(m, t), Infinity);
  const last = times.reduce((m, t) => Math.max(m, t), -Infinity);
  const lo = floorToHour(Math.max(bounds.from ?? first, first) * 1000) / 1000;
  const hi = Math.min(to, last + 1);
  const lengthSec = bounds.windowHours * 3600;
  const slots = Math.floor((hi - lo - lengthSec) / 3600);
  if (slots < 0) {
    throw new InstanceError([{ file, path: "windowHours", message: `${bounds.windowHours} h is longer than the ${((hi - lo) / 3600).toFixed(1)} h the arrivals span in [from, to); shorten it or widen from/to` }]);
  }
  const startSec = lo + Math.floor(rng() * (slots + 1)) * 3600;
  return { startSec, endSec: startSec + lengthSec, random: true };
}

/** `records` inside `window` (arrival in [start, end)); the others counted as out-of-window. */
export function inWindow(records: readonly TraceRecord[], window: Window, drops: DropCounts): TraceRecord[] {
  const out = records.filter((r) => r.submitSec === null || (r.submitSec >= window.startSec && r.submitSec < window.endSec));
  drops["out-of-window"] += records.length - out.length;
  return out;
}

/** Window bounds for the provenance: UTC text for calendar traces, seconds for relative ones, null when open. */
export function describeBound(sec: number, kind: TimeKind): string | number | null {
  if (!Number.isFinite(sec)) return null;
  return kind === "calendar" ? formatUtc(sec * 1000) : sec;
}
