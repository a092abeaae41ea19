import { describe, expect, test } from "vitest";
import { gpipe } from "../../src/crosspipe/gpipe.js";
import { uniformInstance } from "../../src/crosspipe/instance.js";
import { oneFOneB } from "../../src/crosspipe/oneFOneB.js";
import type { Schedule, ScheduledOp, ScheduledTransfer } from "../../src/crosspipe/schedule.js";
import { verifySchedule, type ScheduleRule } from "../../src/crosspipe/verify.js";

const inst = uniformInstance({ stages: 3, microBatches: 4, latencyMs: 200, activationBytes: 5e8, bandwidthGbps: 8, memoryLimit: 3 });
const base = oneFOneB(inst);

function mapOp(s: Schedule, label: string, f: (op: ScheduledOp) => ScheduledOp): Schedule {
  return { ...s, ops: s.ops.map((o) => (`${o.kind}(${o.stage},${o.microBatch})` === label ? f(o) : o)) };
}
function rules(s: Schedule, i = inst): ScheduleRule[] {
  return verifySchedule(i, s).map((v) => v.rule);
}

describe("verifySchedule", () => {
  test("verifySchedule(inst, schedule) accepts 1F1B and GPipe", () => {
    expect(verifySchedule(inst, base)).toEqual([]);
    expect(verifySchedule(inst, gpipe(inst))).toEqual([]);
  });

  test("verifySchedule(inst, schedule) rejects a forward that starts before its activation arrives", () => {
    const broken = mapOp(base, "F(1,0)", (o) => ({ ...o, startSec: o.startSec - 0.1, endSec: o.endSec - 0.1 }));
    const v = verifySchedule(inst, broken);
    const dep = v.find((x) => x.rule === "dependency");
    expect(dep?.subject).toBe("F(1,0)");
    expect(dep?.message).toContain("arrival of fwd[h0,m0]");
  });

  test("verifySchedule(inst, schedule) rejects a backward at the last stage before its own forward ends", () => {
    const f = base.ops.find((o) => o.kind === "F" && o.stage === 2 && o.microBatch === 1)!;
    const broken = mapOp(base, "B(2,1)", (o) => ({ ...o, startSec: f.startSec, endSec: f.startSec + 2 }));
    expect(rules(broken)).toContain("dependency");
    expect(rules(broken)).toContain("stage_overlap");
  });

  test("verifySchedule(inst, schedule) rejects two ops overlapping on one stage", () => {
    // Move the last op of stage 0 onto the one before it, keeping its duration.
    const stage0 = base.ops.filter((o) => o.stage === 0).sort((a, b) => a.startSec - b.startSec);
    const last = stage0.at(-1)!;
    const prev = stage0.at(-2)!;
    const broken = mapOp(base, `${last.kind}(0,${last.microBatch})`, (o) => ({ ...o, startSec: prev.startSec, endSec: prev.startSec + 2 }));
    const v = verifySchedule(inst, broken).filter((x) => x.rule === "stage_overlap");
    expect(v.length).toBeGreaterThan(0);
  });

  test("verifySchedule(inst, schedule) rejects holding more than K micro-batches", () => {
    const tight = { ...inst, memoryLimit: 2 };
    const v = verifySchedule(tight, base).filter((x) => x.rule === "memory");
    expect(v.map((x) => x.subject)).toContain("F(0,2)");
    expect(v[0]!.message).toContain("limit is 2");
  });

  test("verifySchedule(inst, schedule) rejects a wrong op duration, a missing op and a duplicate", () => {
    const short = mapOp(base, "B(0,3)", (o) => ({ ...o, endSec: o.endSec - 0.5 }));
    expect(rules(short)).toContain("op_duration");
    const missing: Schedule = { ...base, ops: base.ops.filter((o) => !(o.kind === "F" && o.stage === 1 && o.microBatch === 2)) };
    expect(verifySchedule(inst, missing).find((x) => x.rule === "missing_op")?.subject).toBe("F(1,2)");
    const dup: Schedule = { ...base, ops: [...base.ops, base.ops[0]!] };
    expect(rules(dup)).toContain("duplicate_op");
  });

  test("verifySchedule(inst, schedule) rejects overlapping transmissions on one link direction", () => {
    const t0 = base.transfers.find((t) => t.hop === 0 && t.direction === "forward" && t.microBatch === 0)!;
    const moved = (t: ScheduledTransfer): ScheduledTransfer =>
      t.hop === 0 && t.direction === "forward" && t.microBatch === 1
        ? { ...t, startSec: t0.startSec + 0.1, endSec: t0.endSec + 0.1, arrivalSec: t0.arrivalSec + 0.1 }
        : t;
    const broken: Schedule = { ...base, transfers: base.transfers.map(moved) };
    expect(rules(broken)).toContain("link_overlap");
  });

  test("verifySchedule(inst, schedule) rejects a transfer shorter than bytes/bandwidth or arriving without latency", () => {
    const broken: Schedule = {
      ...base,
      transfers: base.transfers.map((t) => (t.microBatch === 3 && t.hop === 1 && t.direction === "backward" ? { ...t, endSec: t.startSec, arrivalSec: t.startSec } : t)),
    };
    expect(rules(broken)).toEqual(expect.arrayContaining(["transfer_duration", "transfer_arrival"]));
  });
});
