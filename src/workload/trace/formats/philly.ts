/**
 * The Microsoft Philly trace (msr-fiddle/philly-traces, README.md), in either
 * of its public forms:
 *
 * - `cluster_job_log`: a JSON array of jobs `{ status, vc, jobid, attempts:
 *   [{ start_time, end_time, detail: [{ ip, gpus: [...] }] }], submitted_time,
 *   user }`. Read as the repository's analysis notebook does: GPUs = the GPUs
 *   of the first attempt (summed over its servers), duration = end of the last
 *   attempt − start of the first, arrival = `submitted_time`. A job may have no
 *   attempt (no GPU count) and an attempt may lack times (no duration).
 * - the AdaptDL/Pollux CSV (petuum/adaptdl, simulator/traces/philly.csv):
 *   `timestamp,duration,num_gpus,gpu_time,cluster`, duration in seconds.
 *
 * Times are `YYYY-MM-DD HH:MM:SS` without a zone (the trace's utilisation
 * logs say PDT/PST); they are read as UTC unless the caller shifts them.
 */
import { InstanceError } from "../../../model/issues.js";
import { parseJsonText } from "../../../model/json.js";
import { parseUtcDateTime } from "../../../model/utcTime.js";
import { readTable, RowReader, Tally, TimeKinds } from "../table.js";
import type { BadRow, ParsedTrace, TraceRecord } from "../types.js";

const ZONE_NOTE = "Philly times carry no time zone (its utilisation logs are stamped PDT/PST); they are read as UTC unless --utc-offset says otherwise";

/** Reads either Philly form; the JSON log is recognised by its leading `[`. */
export function readPhilly(text: string, file: string): ParsedTrace {
  return text.trimStart().startsWith("[") ? readJobLog(text, file) : readAdaptDlCsv(text, file);
}

function readAdaptDlCsv(text: string, file: string): ParsedTrace {
  const table = readTable(text, file, { required: ["timestamp", "duration", "num_gpus"], what: "the Philly CSV (AdaptDL export)" });
  const r = new RowReader(table);
  const badRows: BadRow[] = [];
  const records: TraceRecord[] = [];
  const kinds = new TimeKinds();
  for (const row of table.rows) {
    if (!r.start(row, badRows)) continue;
    const t = r.time("timestamp", { kinds });
    const durationSec = r.number("duration", { min: 0 });
    const gpus = r.number("num_gpus", { min: 0 });
    if (!r.finish(badRows) || t === null) continue;
    records.push({ line: row.line, traceId: null, submitSec: t, durationSec, gpus, sharesGpu: false });
  }
  return {
    format: "philly",
    layout: "AdaptDL CSV (timestamp,duration,num_gpus,…)",
    records,
    rowsRead: table.rows.length,
    badRows,
    hasArrivals: true,
    hasDurations: true,
    timeKind: kinds.kind,
    notes: kinds.kind === "calendar" ? [ZONE_NOTE] : [],
  };
}

/** 1-based lines on which the entries of a top-level JSON array start. */
export function entryLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\n") line++;
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (depth === 1 && expectValue && !/\s/.test(c) && c !== "]") {
      lines.push(line);
      expectValue = false;
    }
    if (c === '"') inString = true;
    else if (c === "{" || c === "[") {
      depth++;
      if (depth === 1) expectValue = true;
    } else if (c === "}" || c === "]") depth--;
    else if (c === "," && depth === 1) expectValue = true;
  }
  return lines;
}

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => x !== null && typeof x === "object" && !Array.isArray(x);

/** A Philly time field: a string, or null/"None"/"" when not recorded; `undefined` when malformed. */
function philTime(x: unknown): number | null | undefined {
  if (x === null || x === undefined || x === "" || x === "None") return null;
  if (typeof x !== "string") return undefined;
  const ms = parseUtcDateTime(x);
  return ms === null ? undefined : ms / 1000;
}

function readJobLog(text: string, file: string): ParsedTrace {
  const parsed = parseJsonText(text, file);
  if (!parsed.ok) throw new InstanceError([parsed.issue]);
  if (!Array.isArray(parsed.value)) throw new InstanceError([{ file, path: "", message: "expected a JSON array of jobs (Philly cluster_job_log)" }]);
  const entries = parsed.value as unknown[];
  const lines = entryLines(text);
  const badRows: BadRow[] = [];
  const records: TraceRecord[] = [];
  const status = new Tally();
  entries.forEach((entry, k) => {
    const line = lines[k] ?? k + 1;
    const bad = (message: string): void => void badRows.push({ line, message: `entry ${k}: ${message}` });
    if (!isObject(entry)) return bad("not an object");
    const submitSec = philTime(entry.submitted_time);
    if (submitSec === undefined) return bad(`submitted_time: expected "YYYY-MM-DD HH:MM:SS", got ${JSON.stringify(entry.submitted_time)}`);
    const attempts = entry.attempts;
    if (!Array.isArray(attempts)) return bad("attempts: expected a list");
    if (typeof entry.status === "string") status.add(entry.status);
    const traceId = typeof entry.jobid === "string" ? entry.jobid : null;
    if (attempts.length === 0) {
      records.push({ line, traceId, submitSec, durationSec: null, gpus: null, sharesGpu: false });
      return;
    }
    const first = attempts[0];
    const last = attempts[attempts.length - 1];
    if (!isObject(first) || !isObject(last) || !Array.isArray(first.detail)) return bad("attempts[0]: expected { start_time, end_time, detail: [...] }");
    let gpus = 0;
    for (const d of first.detail as unknown[]) {
      if (!isObject(d) || !Array.isArray(d.gpus)) return bad("attempts[0].detail: expected [{ ip, gpus: [...] }]");
      gpus += d.gpus.length;
    }
    const start = philTime(first.start_time);
    const end = philTime(last.end_time);
    if (start === undefined) return bad(`attempts[0].start_time: expected "YYYY-MM-DD HH:MM:SS" or None, got ${JSON.stringify(first.start_time)}`);
    if (end === undefined) return bad(`attempts[${attempts.length - 1}].end_time: expected "YYYY-MM-DD HH:MM:SS" or None, got ${JSON.stringify(last.end_time)}`);
    const durationSec = start !== null && end !== null && end >= start ? end - start : null;
    records.push({ line, traceId, submitSec, durationSec, gpus, sharesGpu: false });
  });
  return {
    format: "philly",
    layout: "cluster_job_log JSON (jobs with attempts)",
    records,
    rowsRead: entries.length,
    badRows,
    hasArrivals: true,
    hasDurations: true,
    timeKind: "calendar",
    notes: [
      ZONE_NOTE,
      "GPUs are those of the first attempt and the duration runs from the first attempt's start to the last attempt's end (as in the trace's analysis notebook)",
      ...status.note("job statuses"),
    ],
  };
}
