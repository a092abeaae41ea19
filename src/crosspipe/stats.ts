/** Summary figures of a schedule: makespan, bubble ratio, peak memory per stage. */
import { stageCount, type PipelineInstance } from "./instance.js";
import { makespanSec, type Schedule, type ScheduledOp } from "./schedule.js";
import { inFlightAtForwardStarts } from "./verify.js";

/** Figures of one schedule. */
export interface ScheduleStats {
  /** End of the last op, s. */
  readonly makespanSec: number;
  /** Compute time of each stage, s. */
  readonly busySec: readonly number[];
  /** Idle fraction of stage-time: 1 − Σ busy / (S · makespan). */
  readonly bubbleRatio: number;
  /** Most micro-batches each stage holds at once. */
  readonly peakInFlight: readonly number[];
}

/** Computes {@link ScheduleStats}; meaningful for schedules {@link verifySchedule} accepts. */
export function scheduleStats(inst: PipelineInstance, schedule: Schedule): ScheduleStats {
  const S = stageCount(inst);
  const byStage: ScheduledOp[][] = Array.from({ length: S }, () => []);
  for (const op of schedule.ops) byStage[op.stage]?.push(op);
  const busySec = byStage.map((list) => list.reduce((s, o) => s + (o.endSec - o.startSec), 0));
  const span = makespanSec(schedule);
  const busy = busySec.reduce((a, b) => a + b, 0);
  const bubbleRatio = span > 0 ? 1 - busy / (S * span) : 0;
  const peakInFlight = byStage.map((list) => inFlightAtForwardStarts(list).reduce((p, x) => Math.max(p, x.count), 0));
  return { makespanSec: span, busySec, bubbleRatio, peakInFlight };
}
