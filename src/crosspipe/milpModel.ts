/**
 * The CrossPipe scheduling MILP (disjunctive big-M), time in units of an
 * upper bound H on the makespan (every time lies in [0, 1], big-M = 1).
 *
 * Variables: start of every op and of every transfer, the makespan, a binary
 * per pair of ops on a stage whose order is not forced, a binary per pair of
 * transfers on a link direction (when transmission takes time), and, for the
 * general memory form, a continuous indicator per (stage, m, m′).
 *
 * - Precedence with communication: transfer ≥ end of its producer; consumer ≥
 *   transfer end + latency; B(S−1,m) ≥ end of F(S−1,m).
 * - One op per stage at a time, one transmission per link direction at a time.
 * - Memory, general form: at the start of F(k,m), 1 + Σ_{m′≠m} [F(k,m′) before
 *   F(k,m)]·[F(k,m) before B(k,m′)] ≤ K (the product linearised from below,
 *   which is exact because it only appears on the ≤ side).
 * - Memory, in-order form (`inOrder`): micro-batches run in index order at
 *   every stage and on every link, and then F(k,m+K) ≥ end of B(k,m) is exact.
 * - Symmetry: micro-batches are identical, so forwards at stage 0 run in index
 *   order without loss of generality (a relabelling).
 */
import { Model, type Term, type Variable } from "../lp/model.js";
import { makespanLowerBound, opWindow } from "./bounds.js";
import { effectiveLimit, hopTiming, opSec, stageCount, type PipelineInstance } from "./instance.js";
import type { MipStart } from "../lp/result.js";
import type { Direction, OpKind, OpRef, Schedule } from "./schedule.js";

/** Options of {@link buildScheduleMilp}. */
export interface ScheduleMilpOptions {
  /** Impose in-order processing (a restriction; see the module doc). Default false. */
  readonly inOrder?: boolean;
}

/** Defaults of {@link ScheduleMilpOptions}. */
export const DEFAULT_SCHEDULE_MILP_OPTIONS: Required<ScheduleMilpOptions> = { inOrder: false };

/** The built model and how to read times back. */
export interface ScheduleMilp {
  /** The MILP. */
  readonly model: Model;
  /** H: one model time unit in seconds. */
  readonly unitSec: number;
  /** Start variable of an op. */
  readonly opStart: (kind: OpKind, stage: number, microBatch: number) => Variable;
  /** Start variable of a transfer. */
  readonly transferStart: (hop: number, direction: Direction, microBatch: number) => Variable;
  /** The makespan variable (objective). */
  readonly makespan: Variable;
  /**
   * A MIP start from a schedule of the same instance: every start time and
   * the makespan in model units, and each order binary as the schedule
   * orders the pair. The memory indicators are left to the solver. A
   * schedule that breaks a constraint of the model (e.g. a forced order) is
   * simply dropped by the solver.
   */
  readonly startFrom: (schedule: Schedule) => MipStart;
}

type Before = { readonly constant: 0 | 1 } | { readonly y: Variable; readonly positive: boolean };

/**
 * Builds the MILP for `inst` with makespan ≤ `upperBoundSec` (a valid upper
 * bound, e.g. the greedy schedule's makespan; also the big-M).
 */
export function buildScheduleMilp(
  inst: PipelineInstance,
  upperBoundSec: number,
  options: ScheduleMilpOptions = {},
): ScheduleMilp {
  const { inOrder } = { ...DEFAULT_SCHEDULE_MILP_OPTIONS, ...options };
  const S = stageCount(inst);
  const M = inst.microBatches;
  const K = effectiveLimit(inst);
  const H = upperBoundSec;
  const model = new Model("crosspipe");
  const d = (kind: OpKind, k: number): number => opSec(inst, kind, k) / H;

  const starts = new Map<string, Variable>();
  const sk = (kind: OpKind, k: number, m: number): string => `s${kind}_${k}_${m}`;
  for (let k = 0; k < S; k++) {
    for (const kind of ["F", "B"] as const) {
      const w = opWindow(inst, kind, k);
      for (let m = 0; m < M; m++) {
        const lb = w.headSec / H;
        const ub = Math.max(lb, 1 - w.tailSec / H);
        starts.set(sk(kind, k, m), model.addVar(sk(kind, k, m), { lb, ub }));
      }
    }
  }
  const s = (kind: OpKind, k: number, m: number): Variable => starts.get(sk(kind, k, m))!;
  const xs = new Map<string, Variable>();
  const xk = (h: number, dir: Direction, m: number): string => `x${dir === "forward" ? "f" : "b"}_${h}_${m}`;
  for (let h = 0; h < S - 1; h++) {
    const t = hopTiming(inst, h);
    const tx = t.transmitSec / H;
    const delay = (t.transmitSec + t.latencySec) / H;
    for (const dir of ["forward", "backward"] as const) {
      // Window: after the producer's earliest end; early enough for the consumer's tail.
      const producer = dir === "forward" ? opWindow(inst, "F", h) : opWindow(inst, "B", h + 1);
      const producerSec = dir === "forward" ? opSec(inst, "F", h) : opSec(inst, "B", h + 1);
      const consumer = dir === "forward" ? opWindow(inst, "F", h + 1) : opWindow(inst, "B", h);
      const lb = (producer.headSec + producerSec) / H;
      const ub = Math.max(lb, 1 - delay - consumer.tailSec / H);
      for (let m = 0; m < M; m++) xs.set(xk(h, dir, m), model.addVar(xk(h, dir, m), { lb, ub }));
    }
  }
  const x = (h: number, dir: Direction, m: number): Variable => xs.get(xk(h, dir, m))!;
  const cmax = model.addVar("Cmax", { lb: Math.min(makespanLowerBound(inst) / H, 1), ub: 1 });
  /** a ≥ b + gap, written b − a ≤ −gap. */
  const geq = (name: string, a: Variable, b: Variable, gap: number): void => {
    model.addConstraint(name, [[b, 1], [a, -1]], "<=", -gap);
  };

  // Precedence with communication.
  for (let m = 0; m < M; m++) {
    for (let h = 0; h < S - 1; h++) {
      const t = hopTiming(inst, h);
      const tx = t.transmitSec / H;
      const lat = t.latencySec / H;
      geq(`pf_send_${h}_${m}`, x(h, "forward", m), s("F", h, m), d("F", h));
      geq(`pf_recv_${h}_${m}`, s("F", h + 1, m), x(h, "forward", m), tx + lat);
      geq(`pb_send_${h}_${m}`, x(h, "backward", m), s("B", h + 1, m), d("B", h + 1));
      geq(`pb_recv_${h}_${m}`, s("B", h, m), x(h, "backward", m), tx + lat);
    }
    for (let k = 0; k < S; k++) geq(`pfb_${k}_${m}`, s("B", k, m), s("F", k, m), d("F", k));
    geq(`cmax_${m}`, cmax, s("B", 0, m), d("B", 0));
  }

  // Fixed orders: stage-0 forwards (symmetry), and with inOrder everything in index order.
  const fixed = (a: OpRef, b: OpRef, k: number): 0 | 1 | null => {
    if (a.microBatch === b.microBatch) return a.kind === "F" ? 1 : 0; // F before its own B
    if (a.kind === "F" && b.kind === "F" && (k === 0 || inOrder)) return a.microBatch < b.microBatch ? 1 : 0;
    if (!inOrder) return null;
    if (a.kind === "B" && b.kind === "B") return a.microBatch < b.microBatch ? 1 : 0;
    const f = a.kind === "F" ? a : b;
    const bw = a.kind === "B" ? a : b;
    let fFirst: boolean | null = null;
    if (f.microBatch <= bw.microBatch) fFirst = true;
    else if (f.microBatch >= bw.microBatch + K) fFirst = false;
    if (fFirst === null) return null;
    return (a.kind === "F") === fFirst ? 1 : 0;
  };

  /**
   * y = 1: a (duration da) ends before b starts; y = 0: the reverse. Big-M per
   * side from the variables' windows (ub_a + da − lb_b), at most 1 time unit.
   */
  const disjunction = (tag: string, a: Variable, da: number, b: Variable, db: number, y: Variable): void => {
    const mA = Math.max(a.ub + da - b.lb, 0);
    const mB = Math.max(b.ub + db - a.lb, 0);
    // a + da − b ≤ mA·(1 − y)
    model.addConstraint(`da_${tag}`, [[a, 1], [b, -1], [y, mA]], "<=", mA - da);
    // b + db − a ≤ mB·y
    model.addConstraint(`db_${tag}`, [[b, 1], [a, -1], [y, -mB]], "<=", -db);
  };

  const before = new Map<string, Before>();
  /** Order binaries: y = 1 when op a runs before op b on stage k. */
  const opPairs: { readonly y: Variable; readonly k: number; readonly a: OpRef; readonly b: OpRef }[] = [];
  /** Link binaries: w = 1 when micro-batch m is sent before m2 on hop h, direction dir. */
  const linkPairs: { readonly w: Variable; readonly h: number; readonly dir: Direction; readonly m: number; readonly m2: number }[] = [];
  const ok = (o: OpRef): string => `${o.kind}${o.microBatch}`;
  for (let k = 0; k < S; k++) {
    const ops: OpRef[] = [];
    for (let m = 0; m < M; m++) ops.push({ kind: "F", stage: k, microBatch: m }, { kind: "B", stage: k, microBatch: m });
    for (let i = 0; i < ops.length; i++) {
      for (let j = i + 1; j < ops.length; j++) {
        const a = ops[i]!;
        const b = ops[j]!;
        const f = fixed(a, b, k);
        const pair = `${k}_${ok(a)}_${ok(b)}`;
        if (f !== null) {
          before.set(`${k}_${ok(a)}_${ok(b)}`, { constant: f });
          before.set(`${k}_${ok(b)}_${ok(a)}`, { constant: f === 1 ? 0 : 1 });
          continue;
        }
        const y = model.addVar(`y_${pair}`, { type: "binary" });
        opPairs.push({ y, k, a, b });
        before.set(`${k}_${ok(a)}_${ok(b)}`, { y, positive: true });
        before.set(`${k}_${ok(b)}_${ok(a)}`, { y, positive: false });
        const sa = s(a.kind, k, a.microBatch);
        const sb = s(b.kind, k, b.microBatch);
        disjunction(`${pair}`, sa, d(a.kind, k), sb, d(b.kind, k), y);
      }
    }
    // Chains for the fixed orders (the rest follow transitively).
    for (let m = 0; m + 1 < M; m++) {
      if (k === 0 || inOrder) geq(`of_${k}_${m}`, s("F", k, m + 1), s("F", k, m), d("F", k));
      if (inOrder) geq(`ob_${k}_${m}`, s("B", k, m + 1), s("B", k, m), d("B", k));
    }
    if (K < M && inOrder) {
      for (let m = 0; m + K < M; m++) geq(`mem_${k}_${m}`, s("F", k, m + K), s("B", k, m), d("B", k));
    }
    if (K < M && !inOrder) {
      // Memory, general form.
      for (let m = 0; m < M; m++) {
        const zs: Term[] = [];
        let forced = 0; // pairs whose product is fixed at 1
        for (let m2 = 0; m2 < M; m2++) {
          if (m2 === m) continue;
          const terms: Term[] = [];
          let constant = -1;
          for (const e of [before.get(`${k}_F${m2}_F${m}`)!, before.get(`${k}_F${m}_B${m2}`)!]) {
            if ("constant" in e) constant += e.constant;
            else if (e.positive) terms.push([e.y, 1]);
            else {
              terms.push([e.y, -1]);
              constant += 1;
            }
          }
          if (terms.length === 0) {
            if (constant > 0) forced++;
            continue;
          }
          const z = model.addVar(`z_${k}_${m}_${m2}`, { lb: 0, ub: 1 });
          // z ≥ e1 + e2 − 1, i.e. z − Σ coef·y ≥ constant.
          model.addConstraint(`zl_${k}_${m}_${m2}`, [[z, 1], ...terms.map(([v, c]): Term => [v, -c])], ">=", constant);
          zs.push([z, 1]);
        }
        if (zs.length > 0 || forced > K - 1) model.addConstraint(`mem_${k}_${m}`, zs.length > 0 ? zs : [[cmax, 0]], "<=", K - 1 - forced);
      }
    }
  }

  // One transmission per link direction at a time.
  for (let h = 0; h < S - 1; h++) {
    const tx = hopTiming(inst, h).transmitSec / H;
    if (tx <= 0) continue;
    for (const dir of ["forward", "backward"] as const) {
      const tag = `${dir === "forward" ? "f" : "b"}_${h}`;
      if (inOrder) {
        for (let m = 0; m + 1 < M; m++) geq(`ol${tag}_${m}`, x(h, dir, m + 1), x(h, dir, m), tx);
        continue;
      }
      for (let m = 0; m < M; m++) {
        for (let m2 = m + 1; m2 < M; m2++) {
          const w = model.addVar(`w${tag}_${m}_${m2}`, { type: "binary" });
          linkPairs.push({ w, h, dir, m, m2 });
          disjunction(`l${tag}_${m}_${m2}`, x(h, dir, m), tx, x(h, dir, m2), tx, w);
        }
      }
    }
  }

  model.setObjective("min", [[cmax, 1]]);
  return {
    model,
    unitSec: H,
    opStart: (kind, stage, microBatch) => s(kind, stage, microBatch),
    transferStart: (hop, direction, microBatch) => x(hop, direction, microBatch),
    makespan: cmax,
    startFrom: (schedule: Schedule): MipStart => {
      const opAt = new Map(schedule.ops.map((o) => [`${o.kind}_${o.stage}_${o.microBatch}`, o.startSec] as const));
      const sendAt = new Map(schedule.transfers.map((t) => [`${t.hop}_${t.direction}_${t.microBatch}`, t.startSec] as const));
      const out: (readonly [Variable, number])[] = [];
      for (let k = 0; k < S; k++) {
        for (let m = 0; m < M; m++) {
          for (const kind of ["F", "B"] as const) {
            const t = opAt.get(`${kind}_${k}_${m}`);
            if (t !== undefined) out.push([s(kind, k, m), t / H]);
          }
        }
      }
      for (let h = 0; h < S - 1; h++) {
        for (const dir of ["forward", "backward"] as const) {
          for (let m = 0; m < M; m++) {
            const t = sendAt.get(`${h}_${dir}_${m}`);
            if (t !== undefined) out.push([x(h, dir, m), t / H]);
          }
        }
      }
      const span = Math.max(0, ...schedule.ops.map((o) => o.endSec));
      out.push([cmax, span / H]);
      for (const { y, k, a, b } of opPairs) {
        const ta = opAt.get(`${a.kind}_${k}_${a.microBatch}`);
        const tb = opAt.get(`${b.kind}_${k}_${b.microBatch}`);
        if (ta !== undefined && tb !== undefined) out.push([y, ta <= tb ? 1 : 0]);
      }
      for (const { w, h, dir, m, m2 } of linkPairs) {
        const t1 = sendAt.get(`${h}_${dir}_${m}`);
        const t2 = sendAt.get(`${h}_${dir}_${m2}`);
        if (t1 !== undefined && t2 !== undefined) out.push([w, t1 <= t2 ? 1 : 0]);
      }
      return out;
    },
  };
}
