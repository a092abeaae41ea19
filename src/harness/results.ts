/**
 * The results file: one JSON line per finished cell in `results.jsonl`.
 * Appends write one complete line and fsync it; reading ignores a truncated
 * last line (a killed run) and lines that are not JSON, and the opener cuts
 * such a tail off so the next append starts on a fresh line.
 */
import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from "node:fs";
import type { DecisionMeasure } from "../exact/decisionMeasure.js";
import type { RejectedMeasure, WaitingMeasure } from "../exact/runMeasure.js";
import type { CellSpec } from "./cells.js";
import type { RecordStamp } from "./stamp.js";

/** Metrics of one simulated run (from the simulator's summary). */
export interface CellMetrics {
  /** Jobs in the workload. */
  readonly jobs: number;
  /** Jobs that finished. */
  readonly finished: number;
  /** Jobs never started. */
  readonly unschedulable: number;
  /** Placements the simulator refused. */
  readonly policyErrors: number;
  /** Mean JCT of finished jobs, seconds (null when none finished). */
  readonly meanJctSec: number | null;
  /** 95th percentile JCT, seconds (null when none finished). */
  readonly p95JctSec: number | null;
  /** Electricity cost of finished jobs, USD. */
  readonly totalCostUsd: number;
  /** Energy of finished jobs, kWh. */
  readonly totalEnergyKwh: number;
  /** Makespan, seconds. */
  readonly makespanSec: number;
  /** Finished jobs with at least two stages (absent in files of older versions). */
  readonly multiStageJobs?: number;
  /** Of them, jobs whose path spans at least two regions (absent in files of older versions). */
  readonly crossRegionJobs?: number;
}

/**
 * Optimality measurements of one cell (src/exact/runMeasure.ts; docs/exact.md
 * "Gaps"): each measured decision's distance from the exact front of its
 * state, the waiting jobs the exact model could have started, and the
 * schedule against the offline bound.
 */
export interface CellGaps {
  /** Format of these fields: 2 (decisions against the exact front). Records without it were written by an older version, whose gap fields the tables do not read. */
  readonly version: 2;
  /** The exact solver that answered (`"milp"`, or an engine's name). */
  readonly solver: string;
  /** The measured decisions, in run order. */
  readonly decisions: readonly DecisionMeasure[];
  /** Waiting jobs the exact model could have started. */
  readonly waiting: WaitingMeasure;
  /** Jobs the scheduler refused at arrival as never placeable, asked of the exact model on the empty cluster (absent in files of older versions). */
  readonly rejected?: RejectedMeasure;
  /** The schedule's gap to the offline bound on the first `offlineJobs` jobs; null when skipped. */
  readonly schedule: ScheduleGapRecord | null;
}

/** A run of the first `offlineJobs` jobs against the offline MILP bound (from `scheduleGap`). */
export interface ScheduleGapRecord {
  /** Jobs in the run. */
  readonly jobs: number;
  /** The offline MILP's status. */
  readonly status: string;
  /** The heuristic's mean JCT on those jobs, s. */
  readonly heuristicMeanJctSec: number;
  /** Lower bound on the mean JCT, s; null without one. */
  readonly boundMeanJctSec: number | null;
  /** `(heuristic − bound) / heuristic`; null without a bound. */
  readonly gap: number | null;
  /** Whether the bound is valid for this schedule (every job ran with its full demand reserved). */
  readonly covered: boolean;
  /** Offline MILP solve time, ms (timing table only). */
  readonly solveMs: number;
}

/** A finished cell. */
export interface OkRecord {
  /** Cell id. */
  readonly id: string;
  /** Outcome. */
  readonly status: "ok";
  /** Parameters. */
  readonly spec: CellSpec;
  /** Metrics. */
  readonly metrics: CellMetrics;
  /** JCTs of finished jobs, seconds, ascending (for the CDF plot). */
  readonly jctsSec: readonly number[];
  /** Optimality gaps; null when not computed. */
  readonly gaps: CellGaps | null;
  /** Gap computation failure (the run itself succeeded); null when none. */
  readonly gapError: string | null;
  /** Wall time of the cell, ms (never in the main tables). */
  readonly wallMs: number;
  /** What produced the record (code version, input files); set by the run that appended it, absent in files of older versions. */
  readonly stamp?: RecordStamp;
}

/** A cell that failed; the rest of the grid goes on. */
export interface ErrorRecord {
  /** Cell id. */
  readonly id: string;
  /** Outcome. */
  readonly status: "error";
  /** Parameters. */
  readonly spec: CellSpec;
  /** The error, `Name: message`. */
  readonly error: string;
  /** Wall time until the failure, ms. */
  readonly wallMs: number;
  /** What produced the record; absent in files of older versions. */
  readonly stamp?: RecordStamp;
}

/** One line of `results.jsonl`. */
export type CellRecord = OkRecord | ErrorRecord;

/** Whether `x` has the shape of a {@link CellRecord} (id, status, spec). */
export function isRecord(x: unknown): x is CellRecord {
  if (x === null || typeof x !== "object") return false;
  const r = x as Partial<CellRecord>;
  return typeof r.id === "string" && (r.status === "ok" || r.status === "error") && typeof r.spec === "object";
}

/** What a results file holds. */
export interface ReadResults {
  /** Records in file order (complete lines only). */
  readonly records: readonly CellRecord[];
  /** Lines ignored: a truncated last line or lines that are not records. */
  readonly ignoredLines: number;
  /** Byte length of the complete-line prefix (where the next append must start). */
  readonly validBytes: number;
}

/** Parses the text of a results file. */
export function parseResults(text: string): ReadResults {
  const records: CellRecord[] = [];
  let ignoredLines = 0;
  const end = text.lastIndexOf("\n") + 1; // everything after the last newline is a truncated line
  if (end < text.length) ignoredLines++;
  for (const line of text.slice(0, end).split("\n")) {
    if (line.trim() === "") continue;
    try {
      const x: unknown = JSON.parse(line);
      if (isRecord(x)) records.push(x);
      else ignoredLines++;
    } catch {
      ignoredLines++;
    }
  }
  return { records, ignoredLines, validBytes: Buffer.byteLength(text.slice(0, end)) };
}

/** Reads a results file; an absent file has no records. */
export function readResults(file: string): ReadResults {
  if (!existsSync(file)) return { records: [], ignoredLines: 0, validBytes: 0 };
  return parseResults(readFileSync(file, "utf8"));
}

/** The last record of each id (a later line supersedes an earlier one, e.g. a retried error). */
export function latestById(records: readonly CellRecord[]): Map<string, CellRecord> {
  const m = new Map<string, CellRecord>();
  for (const r of records) m.set(r.id, r);
  return m;
}

/** An append-only results file. */
export interface ResultsWriter {
  /** Appends one record as one line and fsyncs it. */
  append(record: CellRecord): void;
  /** Closes the file. */
  close(): void;
}

/** Opens `file` for appending; a truncated tail (at byte `validBytes`) is cut off first. */
export function openResults(file: string, validBytes: number): ResultsWriter {
  const fd = openSync(file, "a+");
  ftruncateSync(fd, validBytes);
  fsyncSync(fd);
  return {
    append(record) {
      const line = Buffer.from(JSON.stringify(record) + "\n");
      let done = 0;
      while (done < line.length) done += writeSync(fd, line, done, line.length - done);
      fsyncSync(fd);
    },
    close() {
      closeSync(fd);
    },
  };
}
