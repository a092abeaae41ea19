import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fifoOrder } from "../../src/baselines/orders.js";
import { byArrival, knownInArrivalOrder, QueueIndex, queueIndexOf, registerQueueIndex, type IndexedQueuedJob } from "../../src/sim/queueIndex.js";
import { job } from "../bace/fixtures.js";

const entry = (seq: number, stages: number, gpusPerStage: number, arrivalSec: number): IndexedQueuedJob => ({
  job: job(`j${String(seq).padStart(3, "0")}`, stages, { gpusPerStage, arrivalSec }),
  seq,
  waitedSec: 0,
});

const shapes = fc.array(fc.record({ stages: fc.integer({ min: 1, max: 6 }), g: fc.integer({ min: 1, max: 4 }), arrival: fc.integer({ min: 0, max: 5 }), drop: fc.boolean() }), { maxLength: 40 });

const freeGpus = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 5 });

/** An index of a job per spec, those with `drop` removed again; the jobs it keeps, in queue order. */
function indexed(specs: readonly { stages: number; g: number; arrival: number; drop: boolean }[]): { index: QueueIndex; kept: IndexedQueuedJob[] } {
  const index = new QueueIndex();
  const all = specs.map((s, i) => entry(i, s.stages, s.g, s.arrival));
  all.forEach((e) => index.add(e));
  all.forEach((e, i) => specs[i]!.drop && index.remove(e));
  return { index, kept: all.filter((_, i) => !specs[i]!.drop) };
}

describe("QueueIndex", () => {
  it("withRoom(free) is the queued jobs with Σ⌊free/g⌋ ≥ S, in queue order, after any adds and removes", () => {
    fc.assert(
      fc.property(shapes, freeGpus, (specs, free) => {
        const { index, kept } = indexed(specs);
        const room = (g: number): number => free.reduce((s, n) => s + Math.floor(n / g), 0);
        expect(index.withRoom(free)).toEqual(kept.filter((e) => room(e.job.gpusPerStage) >= e.job.stages));
      }),
    );
  });

  it("fewestStagesWithRoom(free) maps each g to the fewest stages among the jobs withRoom(free) returns", () => {
    fc.assert(
      fc.property(shapes, freeGpus, (specs, free) => {
        const { index } = indexed(specs);
        const fewest = new Map<number, number>();
        for (const { job: j } of index.withRoom(free)) fewest.set(j.gpusPerStage, Math.min(fewest.get(j.gpusPerStage) ?? Infinity, j.stages));
        const got = index.fewestStagesWithRoom(free);
        expect(new Map([...got].sort((a, b) => a[0] - b[0]))).toEqual(new Map([...fewest].sort((a, b) => a[0] - b[0])));
      }),
    );
  });

  it("knows whether the queue is in FIFO order, and fifoOrder then returns it as it is, otherwise sorted", () => {
    fc.assert(
      fc.property(shapes, (specs) => {
        const index = new QueueIndex();
        const all = specs.map((s, i) => entry(i, s.stages, s.g, s.arrival));
        all.forEach((e) => index.add(e));
        const sorted = [...all].sort(byArrival);
        const inOrder = sorted.every((e, i) => e === all[i]);
        expect(index.inArrivalOrder).toBe(inOrder);
        const handed = all.slice();
        registerQueueIndex(handed, index);
        expect(knownInArrivalOrder(handed)).toBe(inOrder);
        expect(fifoOrder({} as never, handed)).toEqual(sorted);
        expect(knownInArrivalOrder(index.withRoom([100]))).toBe(inOrder);
      }),
    );
  });

  it("queueIndexOf(queue) forgets a queue once many others were registered after it, and fifoOrder then still gives its arrival order", () => {
    const index = new QueueIndex();
    const all = [entry(0, 1, 1, 0), entry(1, 1, 1, 1), entry(2, 1, 1, 2)];
    all.forEach((e) => index.add(e));
    const handed = all.slice();
    registerQueueIndex(handed, index);
    expect(queueIndexOf(handed)).toBe(index);
    expect(knownInArrivalOrder(handed)).toBe(true);
    for (let i = 0; i < 64; i++) registerQueueIndex(all.slice(), index);
    expect(queueIndexOf(handed)).toBeUndefined();
    expect(knownInArrivalOrder(handed)).toBe(false);
    expect(fifoOrder({} as never, handed)).toEqual(all);
    expect(queueIndexOf(all.slice())).toBeUndefined();
  });
});
