/**
 * The one independent verifier of CrossPipe schedules. It trusts nothing the
 * producer computed: it rebuilds every duration, dependency, exclusivity and
 * memory rule from the instance and reports each breach as a value.
 */
import { hopTiming, opSec, stageCount, type PipelineInstance } from "./instance.js";
import {
  opLabel,
  transferLabel,
  type Direction,
  type Schedule,
  type ScheduledOp,
  type ScheduledTransfer,
} from "./schedule.js";

/** Rule a schedule can break. */
export type ScheduleRule =
  | "unknown_op"
  | "missing_op"
  | "duplicate_op"
  | "non_finite"
  | "negative_start"
  | "op_duration"
  | "dependency"
  | "stage_overlap"
  | "unknown_transfer"
  | "missing_transfer"
  | "duplicate_transfer"
  | "transfer_duration"
  | "transfer_arrival"
  | "link_overlap"
  | "memory";

/** One breach found by {@link verifySchedule}. */
export interface ScheduleViolation {
  /** The rule broken. */
  readonly rule: ScheduleRule;
  /** The op or transfer at fault, e.g. `F(1,3)` or `fwd[h0,m2]`. */
  readonly subject: string;
  /** When it happens, s (NaN when the item is missing). */
  readonly timeSec: number;
  /** Human-readable description. */
  readonly message: string;
}

/** Options of {@link verifySchedule}. */
export interface VerifyOptions {
  /** Absolute time tolerance in s, scaled by max(1, |t|). Default 1e-9. */
  readonly toleranceSec?: number;
}

/** Defaults of {@link VerifyOptions}. */
export const DEFAULT_VERIFY_OPTIONS: Required<VerifyOptions> = { toleranceSec: 1e-9 };

/** In-flight count at each forward start of one stage: micro-batches with F started at or before it and B not yet ended. */
export function inFlightAtForwardStarts(
  stageOps: readonly ScheduledOp[],
  tol = DEFAULT_VERIFY_OPTIONS.toleranceSec,
): Array<{ op: ScheduledOp; count: number }> {
  const fwd = new Map<number, ScheduledOp>();
  const bwd = new Map<number, ScheduledOp>();
  for (const op of stageOps) (op.kind === "F" ? fwd : bwd).set(op.microBatch, op);
  const out: Array<{ op: ScheduledOp; count: number }> = [];
  for (const f of fwd.values()) {
    const t = f.startSec;
    let count = 0;
    for (const [m, g] of fwd) {
      const end = bwd.get(m)?.endSec ?? Infinity;
      const slack = tol * Math.max(1, Math.abs(t));
      if (g.startSec <= t + slack && end > t + slack) count++;
    }
    out.push({ op: f, count });
  }
  return out;
}

/** Checks `schedule` against `inst`; returns every violation (empty when valid). */
export function verifySchedule(
  inst: PipelineInstance,
  schedule: Schedule,
  options: VerifyOptions = {},
): ScheduleViolation[] {
  const { toleranceSec } = { ...DEFAULT_VERIFY_OPTIONS, ...options };
  const tolAt = (...xs: number[]): number => toleranceSec * Math.max(1, ...xs.map(Math.abs));
  const S = stageCount(inst);
  const M = inst.microBatches;
  const v: ScheduleViolation[] = [];
  const add = (rule: ScheduleRule, subject: string, timeSec: number, message: string): void => {
    v.push({ rule, subject, timeSec, message: `${subject}: ${message}` });
  };

  // Ops: presence, uniqueness, durations.
  const ops = new Map<string, ScheduledOp>();
  for (const op of schedule.ops) {
    const label = opLabel(op);
    if (!(op.kind === "F" || op.kind === "B") || !Number.isInteger(op.stage) || op.stage < 0 || op.stage >= S || !Number.isInteger(op.microBatch) || op.microBatch < 0 || op.microBatch >= M) {
      add("unknown_op", label, op.startSec, "no such op in this instance");
      continue;
    }
    if (ops.has(label)) {
      add("duplicate_op", label, op.startSec, "scheduled more than once");
      continue;
    }
    ops.set(label, op);
    if (!Number.isFinite(op.startSec) || !Number.isFinite(op.endSec)) {
      add("non_finite", label, op.startSec, `times [${op.startSec}, ${op.endSec}) are not finite`);
      continue;
    }
    if (op.startSec < -tolAt(op.startSec)) add("negative_start", label, op.startSec, `starts at ${op.startSec} < 0`);
    const d = opSec(inst, op.kind, op.stage);
    if (Math.abs(op.endSec - op.startSec - d) > tolAt(op.startSec, op.endSec)) {
      add("op_duration", label, op.startSec, `lasts ${op.endSec - op.startSec} s, compute time is ${d} s`);
    }
  }
  for (let k = 0; k < S; k++) {
    for (let m = 0; m < M; m++) {
      for (const kind of ["F", "B"] as const) {
        const label = opLabel({ kind, stage: k, microBatch: m });
        if (!ops.has(label)) add("missing_op", label, NaN, "is not scheduled");
      }
    }
  }

  // Transfers: presence, uniqueness, durations.
  const transfers = new Map<string, ScheduledTransfer>();
  for (const t of schedule.transfers) {
    const label = transferLabel(t);
    if (!(t.direction === "forward" || t.direction === "backward") || !Number.isInteger(t.hop) || t.hop < 0 || t.hop >= S - 1 || !Number.isInteger(t.microBatch) || t.microBatch < 0 || t.microBatch >= M) {
      add("unknown_transfer", label, t.startSec, "no such transfer in this instance");
      continue;
    }
    if (transfers.has(label)) {
      add("duplicate_transfer", label, t.startSec, "scheduled more than once");
      continue;
    }
    transfers.set(label, t);
    if (![t.startSec, t.endSec, t.arrivalSec].every(Number.isFinite)) {
      add("non_finite", label, t.startSec, "times are not finite");
      continue;
    }
    if (t.startSec < -tolAt(t.startSec)) add("negative_start", label, t.startSec, `starts at ${t.startSec} < 0`);
    const { transmitSec, latencySec } = hopTiming(inst, t.hop);
    if (Math.abs(t.endSec - t.startSec - transmitSec) > tolAt(t.startSec, t.endSec)) {
      add("transfer_duration", label, t.startSec, `occupies the link ${t.endSec - t.startSec} s, transmission takes ${transmitSec} s`);
    }
    if (Math.abs(t.arrivalSec - t.endSec - latencySec) > tolAt(t.arrivalSec, t.endSec)) {
      add("transfer_arrival", label, t.endSec, `arrives ${t.arrivalSec - t.endSec} s after transmission ends, latency is ${latencySec} s`);
    }
  }
  for (let h = 0; h < S - 1; h++) {
    for (let m = 0; m < M; m++) {
      for (const direction of ["forward", "backward"] as const) {
        const label = transferLabel({ hop: h, direction, microBatch: m });
        if (!transfers.has(label)) add("missing_transfer", label, NaN, "is not scheduled");
      }
    }
  }

  // Dependencies.
  const after = (subject: string, startSec: number, readySec: number, what: string): void => {
    if (startSec < readySec - tolAt(startSec, readySec)) {
      add("dependency", subject, startSec, `starts at ${startSec} before ${what} at ${readySec}`);
    }
  };
  const op = (kind: "F" | "B", stage: number, m: number): ScheduledOp | undefined =>
    ops.get(opLabel({ kind, stage, microBatch: m }));
  const tr = (hop: number, direction: Direction, m: number): ScheduledTransfer | undefined =>
    transfers.get(transferLabel({ hop, direction, microBatch: m }));
  for (let m = 0; m < M; m++) {
    for (let k = 0; k < S; k++) {
      const f = op("F", k, m);
      const b = op("B", k, m);
      if (f !== undefined && b !== undefined) after(opLabel(b), b.startSec, f.endSec, `the end of ${opLabel(f)}`);
      if (k < S - 1) {
        const fwd = tr(k, "forward", m);
        const nextF = op("F", k + 1, m);
        if (fwd !== undefined && f !== undefined) after(transferLabel(fwd), fwd.startSec, f.endSec, `the end of ${opLabel(f)}`);
        if (fwd !== undefined && nextF !== undefined) after(opLabel(nextF), nextF.startSec, fwd.arrivalSec, `the arrival of ${transferLabel(fwd)}`);
        const bwd = tr(k, "backward", m);
        const nextB = op("B", k + 1, m);
        if (bwd !== undefined && nextB !== undefined) after(transferLabel(bwd), bwd.startSec, nextB.endSec, `the end of ${opLabel(nextB)}`);
        if (bwd !== undefined && b !== undefined) after(opLabel(b), b.startSec, bwd.arrivalSec, `the arrival of ${transferLabel(bwd)}`);
      }
    }
  }

  // One op per stage at a time; memory limit.
  const byStage: ScheduledOp[][] = Array.from({ length: S }, () => []);
  for (const o of ops.values()) if (Number.isFinite(o.startSec)) byStage[o.stage]!.push(o);
  byStage.forEach((list) => {
    const sorted = [...list].sort((a, b) => a.startSec - b.startSec || a.endSec - b.endSec);
    let prev: ScheduledOp | undefined;
    for (const o of sorted) {
      if (prev !== undefined && o.startSec < prev.endSec - tolAt(o.startSec, prev.endSec)) {
        add("stage_overlap", opLabel(o), o.startSec, `starts at ${o.startSec} while ${opLabel(prev)} runs until ${prev.endSec}`);
      }
      if (prev === undefined || o.endSec > prev.endSec) prev = o;
    }
    for (const { op: f, count } of inFlightAtForwardStarts(list, toleranceSec)) {
      if (count > inst.memoryLimit) {
        add("memory", opLabel(f), f.startSec, `stage ${f.stage} holds ${count} micro-batches when it starts, limit is ${inst.memoryLimit}`);
      }
    }
  });

  // One transmission per link direction at a time.
  const byLink = new Map<string, ScheduledTransfer[]>();
  for (const t of transfers.values()) {
    if (!Number.isFinite(t.startSec) || t.endSec - t.startSec <= 0) continue;
    const key = `${t.hop}${t.direction}`;
    byLink.set(key, [...(byLink.get(key) ?? []), t]);
  }
  for (const list of byLink.values()) {
    list.sort((a, b) => a.startSec - b.startSec);
    let prev: ScheduledTransfer | undefined;
    for (const t of list) {
      if (prev !== undefined && t.startSec < prev.endSec - tolAt(t.startSec, prev.endSec)) {
        add("link_overlap", transferLabel(t), t.startSec, `transmits from ${t.startSec} while ${transferLabel(prev)} holds the link until ${prev.endSec}`);
      }
      if (prev === undefined || t.endSec > prev.endSec) prev = t;
    }
  }
  return v;
}
