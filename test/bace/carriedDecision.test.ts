import { describe, expect, it } from "vitest";
import { composeScheduler, type PlacementPolicy } from "../../src/bace/compose.js";
import { fifoOrder } from "../../src/baselines/orders.js";
import type { Topology } from "../../src/model/types.js";
import { QueueIndex, registerQueueIndex, type IndexedQueuedJob } from "../../src/sim/queueIndex.js";
import type { Scheduler } from "../../src/sim/types.js";
import { job, placeInRegion, region, view } from "./fixtures.js";

// Q gives jobs room on the cluster, but the placement uses R only: jobs with room can still fail
const topology: Topology = { name: "rq", regions: [region("R", 4), region("Q", 4)], links: [] };

/** Places a job in R when its GPUs fit there; counts the calls by job id. */
function countingInR(calls: string[]): PlacementPolicy {
  const inR = placeInRegion("R");
  return (v, j, explain) => {
    calls.push(j.id);
    return inR(v, j, explain);
  };
}

const scheduler = (calls: string[]): Scheduler =>
  composeScheduler({ name: "t", order: fifoOrder, place: countingInR(calls), queueRule: "backfill", shapeKey: (j) => `${j.stages}|${j.gpusPerStage}` });

/** A simulator-like queue: entries appended in seq order to one index, the array handed over registered with it. */
class Queue {
  readonly index = new QueueIndex();
  readonly entries: IndexedQueuedJob[] = [];
  private seq = 0;

  push(id: string, stages: number): void {
    const e: IndexedQueuedJob = { job: job(id, stages, { arrivalSec: this.seq }), seq: this.seq++, waitedSec: 0 };
    this.entries.push(e);
    this.index.add(e);
  }

  drop(ids: readonly string[]): void {
    for (const id of ids) {
      const i = this.entries.findIndex((e) => e.job.id === id);
      this.index.remove(this.entries[i]!);
      this.entries.splice(i, 1);
    }
  }

  handed(): IndexedQueuedJob[] {
    const out = this.entries.slice();
    registerQueueIndex(out, this.index);
    return out;
  }
}

describe("CarriedDecision (through composeScheduler)", () => {
  it("decides over the arrivals only while the view holds no more than the last decision ended with, and over the whole queue once it holds more", () => {
    const calls: string[] = [];
    const carried = scheduler(calls);
    const q = new Queue();
    q.push("a", 3);
    q.push("b", 2);
    const first = carried.decide(view(topology), q.handed()).start.map((p) => p.jobId);
    expect(first).toEqual(["a"]);
    q.drop(first);

    // a runs (1 GPU free in R, what the decision ended with); c arrives: b is not tried again
    q.push("c", 1);
    calls.length = 0;
    const second = carried.decide(view(topology, { freeGpus: { R: 1 } }), q.handed()).start.map((p) => p.jobId);
    expect(calls).toEqual(["c"]);
    const fresh: string[] = [];
    expect(second).toEqual(scheduler(fresh).decide(view(topology, { freeGpus: { R: 1 } }), q.handed()).start.map((p) => p.jobId));
    expect(fresh).toEqual(["b", "c"]);
    q.drop(second);

    // a finishes (3 GPUs free in R, more than the 0 the decision ended with): b is tried again and starts
    calls.length = 0;
    const third = carried.decide(view(topology, { freeGpus: { R: 3 } }), q.handed()).start.map((p) => p.jobId);
    expect(third).toEqual(["b"]);
    expect(calls).toEqual(["b"]);
  });

  it("decides over the whole queue when the queue is not what the last decision left (a start not taken, another index)", () => {
    const calls: string[] = [];
    const carried = scheduler(calls);
    const q = new Queue();
    q.push("a", 3);
    q.push("b", 2);
    expect(carried.decide(view(topology), q.handed()).start.map((p) => p.jobId)).toEqual(["a"]);
    // a was not started (still queued), the view as the decision ended: both are tried
    calls.length = 0;
    expect(carried.decide(view(topology, { freeGpus: { R: 1 } }), q.handed()).start.map((p) => p.jobId)).toEqual([]);
    expect(calls).toEqual(["a", "b"]);

    // another queue (another run), under a view no larger than the last decision ended with: every job is tried
    const other = new Queue();
    other.push("x", 1);
    other.push("y", 2);
    calls.length = 0;
    expect(carried.decide(view(topology, { freeGpus: { R: 1 } }), other.handed()).start.map((p) => p.jobId)).toEqual(["x"]);
    expect(calls).toEqual(["x", "y"]);
  });
});
