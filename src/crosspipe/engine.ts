/**
 * Discrete-event executor shared by every schedule builder. Each stage asks a
 * {@link StagePolicy} which op to run next; each link direction sends its
 * queued transfers one at a time (FIFO by ready time, or in a given order).
 * Events are committed in time order, so a policy sees every op whose input
 * has arrived by the moment it decides.
 */
import { hopTiming, opSec, stageCount, type PipelineInstance } from "./instance.js";
import type { Direction, OpRef, Schedule, ScheduledOp, ScheduledTransfer } from "./schedule.js";

/** An op whose input is known (arrived or scheduled to arrive), not yet run. */
export interface ReadyOp {
  /** The op. */
  readonly op: OpRef;
  /** When its input is available at the stage, s. */
  readonly readySec: number;
}

/** What a policy sees of one stage when it decides. */
export interface StageView {
  /** Stage index. */
  readonly stage: number;
  /** When the stage finishes its current op, s. */
  readonly freeAtSec: number;
  /** Micro-batches held once the stage is free: forwards started minus backwards finished. */
  readonly inFlight: number;
  /** Ops not yet run whose input time is known, in no particular order. */
  readonly known: readonly ReadyOp[];
  /** Ops already run on this stage, in order. */
  readonly done: number;
}

/** The policy's pick: which op and when it starts (≥ freeAtSec and ≥ its readySec); null to wait. */
export type StageChoice = { readonly op: OpRef; readonly startSec: number } | null;

/** Chooses a stage's next op. */
export type StagePolicy = (view: StageView) => StageChoice;

/** Order in which a link direction sends: FIFO by ready time (ties by micro-batch), or fixed micro-batch orders per `[hop][direction]`. */
export type LinkPolicy =
  | { readonly kind: "fifo" }
  | { readonly kind: "fixed"; readonly order: (hop: number, direction: Direction) => readonly number[] };

/** Outcome of a run: a schedule, or a deadlock (a policy waits for an op that can never become ready). */
export type EngineOutcome =
  | { readonly status: "ok"; readonly schedule: Schedule }
  | { readonly status: "deadlock"; readonly message: string };

interface Pending {
  readonly microBatch: number;
  readonly readySec: number;
}

/** Runs the pipeline to completion under the given policies. */
export function runPipeline(
  inst: PipelineInstance,
  name: string,
  policy: StagePolicy,
  link: LinkPolicy = { kind: "fifo" },
): EngineOutcome {
  const S = stageCount(inst);
  const M = inst.microBatches;
  const known: Map<string, ReadyOp>[] = Array.from({ length: S }, () => new Map());
  const key = (op: OpRef): string => `${op.kind}${op.microBatch}`;
  const freeAt = new Array<number>(S).fill(0);
  const inFlight = new Array<number>(S).fill(0);
  const doneCount = new Array<number>(S).fill(0);
  const ops: ScheduledOp[] = [];
  const transfers: ScheduledTransfer[] = [];
  const dirs: Direction[] = ["forward", "backward"];
  const queues = new Map<string, Pending[]>();
  const linkFree = new Map<string, number>();
  const sent = new Map<string, number>();
  const lk = (hop: number, d: Direction): string => `${hop}${d}`;
  for (let h = 0; h < S - 1; h++) {
    for (const d of dirs) {
      queues.set(lk(h, d), []);
      linkFree.set(lk(h, d), 0);
      sent.set(lk(h, d), 0);
    }
  }
  for (let m = 0; m < M; m++) known[0]!.set(key({ kind: "F", stage: 0, microBatch: m }), { op: { kind: "F", stage: 0, microBatch: m }, readySec: 0 });

  const total = 2 * S * M + 2 * (S - 1) * M;
  let committed = 0;
  while (committed < total) {
    // Earliest transfer event.
    let bestT: { t: number; hop: number; dir: Direction; idx: number } | null = null;
    for (let h = 0; h < S - 1; h++) {
      for (const d of dirs) {
        const q = queues.get(lk(h, d))!;
        if (q.length === 0) continue;
        let idx = -1;
        if (link.kind === "fifo") {
          idx = 0;
          for (let i = 1; i < q.length; i++) {
            const a = q[i]!;
            const b = q[idx]!;
            if (a.readySec < b.readySec || (a.readySec === b.readySec && a.microBatch < b.microBatch)) idx = i;
          }
        } else {
          const want = link.order(h, d)[sent.get(lk(h, d))!];
          idx = q.findIndex((p) => p.microBatch === want);
        }
        if (idx < 0) continue;
        const t = Math.max(linkFree.get(lk(h, d))!, q[idx]!.readySec);
        if (bestT === null || t < bestT.t) bestT = { t, hop: h, dir: d, idx };
      }
    }
    // Earliest op event.
    let bestOp: { stage: number; choice: NonNullable<StageChoice> } | null = null;
    for (let k = 0; k < S; k++) {
      if (doneCount[k] === 2 * M) continue;
      const choice = policy({
        stage: k,
        freeAtSec: freeAt[k]!,
        inFlight: inFlight[k]!,
        known: [...known[k]!.values()],
        done: doneCount[k]!,
      });
      if (choice === null) continue;
      if (bestOp === null || choice.startSec < bestOp.choice.startSec) bestOp = { stage: k, choice };
    }
    if (bestT !== null && (bestOp === null || bestT.t <= bestOp.choice.startSec)) {
      const { hop, dir, idx, t } = bestT;
      const q = queues.get(lk(hop, dir))!;
      const p = q.splice(idx, 1)[0]!;
      const timing = hopTiming(inst, hop);
      const endSec = t + timing.transmitSec;
      const arrivalSec = endSec + timing.latencySec;
      transfers.push({ hop, direction: dir, microBatch: p.microBatch, startSec: t, endSec, arrivalSec });
      linkFree.set(lk(hop, dir), endSec);
      sent.set(lk(hop, dir), sent.get(lk(hop, dir))! + 1);
      const op: OpRef =
        dir === "forward"
          ? { kind: "F", stage: hop + 1, microBatch: p.microBatch }
          : { kind: "B", stage: hop, microBatch: p.microBatch };
      known[op.stage]!.set(key(op), { op, readySec: arrivalSec });
      committed++;
      continue;
    }
    if (bestOp === null) {
      return { status: "deadlock", message: `${name}: no stage can start an op after ${committed} of ${total} events` };
    }
    const { stage: k, choice } = bestOp;
    const d = opSec(inst, choice.op.kind, k);
    const startSec = choice.startSec;
    const endSec = startSec + d;
    ops.push({ ...choice.op, startSec, endSec });
    known[k]!.delete(key(choice.op));
    freeAt[k] = endSec;
    doneCount[k]!++;
    const m = choice.op.microBatch;
    if (choice.op.kind === "F") {
      inFlight[k]!++;
      if (k === S - 1) {
        const b: OpRef = { kind: "B", stage: k, microBatch: m };
        known[k]!.set(key(b), { op: b, readySec: endSec });
      } else {
        queues.get(lk(k, "forward"))!.push({ microBatch: m, readySec: endSec });
      }
    } else {
      // The stage is serial: this B has ended before the stage's next op starts.
      inFlight[k]!--;
      if (k > 0) queues.get(lk(k - 1, "backward"))!.push({ microBatch: m, readySec: endSec });
    }
    committed++;
  }
  return { status: "ok", schedule: { name, ops, transfers } };
}

/** A policy that runs each stage's ops in a fixed sequence, each as early as its input allows. */
export function fixedOrderPolicy(sequences: ReadonlyArray<readonly OpRef[]>): StagePolicy {
  return (view) => {
    const next = sequences[view.stage]?.[view.done];
    if (next === undefined) return null;
    const r = view.known.find((x) => x.op.kind === next.kind && x.op.microBatch === next.microBatch);
    if (r === undefined) return null;
    return { op: next, startSec: Math.max(view.freeAtSec, r.readySec) };
  };
}
