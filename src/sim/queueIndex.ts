/**
 * An index of the simulator's queue by job shape: the queued jobs grouped by
 * GPUs per stage g, each group sorted by stages S. Every placement of a job
 * of S stages × g GPUs needs `Σ_r ⌊free_r / g⌋ ≥ S`, so the jobs that can
 * start at all under some free GPUs are a prefix of each group
 * ({@link QueueIndex.withRoom}): a decision over a long queue can find them
 * without looking at every queued job. The simulator keeps the index as the
 * queue changes and registers it for the queue array it hands a policy
 * ({@link queueIndexOf}); it describes that array during the `decide` call.
 * It also knows whether the queue is in FIFO order ({@link byArrival}), as
 * it is whenever jobs are queued in that order (removals keep it), so a FIFO
 * ranking of a long queue need not sort it at every event.
 */
import type { QueuedJob } from "./types.js";

/** A queued job with its place in the queue (smaller: queued earlier). */
export interface IndexedQueuedJob extends QueuedJob {
  /** Position of the job in the order jobs were queued. */
  readonly seq: number;
}

/** FIFO order: arrival time, then id (the order of the `fifo` baseline). */
export function byArrival(a: QueuedJob, b: QueuedJob): number {
  return a.job.arrivalSec - b.job.arrivalSec || (a.job.id < b.job.id ? -1 : a.job.id > b.job.id ? 1 : 0);
}

/** Whether `a` comes before `b` in a group (fewer stages, then queued earlier). */
const before = (a: IndexedQueuedJob, b: IndexedQueuedJob): boolean => a.job.stages < b.job.stages || (a.job.stages === b.job.stages && a.seq < b.seq);

/** First position in `list` whose entry does not come before `e`. */
function lowerBound(list: readonly IndexedQueuedJob[], e: IndexedQueuedJob): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(list[mid] as IndexedQueuedJob, e)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The queue by shape (see the module comment). */
export class QueueIndex {
  private readonly groups = new Map<number, IndexedQueuedJob[]>();
  private last: IndexedQueuedJob | undefined;
  private fifo = true;

  /** Whether the queue is in {@link byArrival} order (every job was queued after those before it in that order; removing jobs keeps it). */
  get inArrivalOrder(): boolean {
    return this.fifo;
  }

  /** The `seq` of the job added last, the largest (−∞ before any). */
  get lastSeq(): number {
    return this.last?.seq ?? Number.NEGATIVE_INFINITY;
  }

  /** Adds a queued job (queued after every job added before it: its `seq` is larger). */
  add(e: IndexedQueuedJob): void {
    if (this.last !== undefined && byArrival(this.last, e) > 0) this.fifo = false;
    this.last = e;
    const g = e.job.gpusPerStage;
    let list = this.groups.get(g);
    if (list === undefined) this.groups.set(g, (list = []));
    list.splice(lowerBound(list, e), 0, e);
  }

  /** Removes a queued job (no-op when absent). */
  remove(e: IndexedQueuedJob): void {
    const list = this.groups.get(e.job.gpusPerStage);
    if (list === undefined) return;
    const i = lowerBound(list, e);
    if (list[i] === e) list.splice(i, 1);
  }

  /**
   * For each g with some queued job of `Σ_r ⌊free_r / g⌋ ≥ S` under `free`,
   * the fewest stages S among those jobs (the head of g's group): the same
   * map as reading every job {@link withRoom} returns, from one entry per group.
   */
  fewestStagesWithRoom(free: ArrayLike<number>): Map<number, number> {
    const fewest = new Map<number, number>();
    for (const [g, list] of this.groups) {
      const head = list[0];
      if (head === undefined) continue;
      let room = 0;
      for (let r = 0; r < free.length; r++) room += Math.floor((free[r] as number) / g);
      if (head.job.stages <= room) fewest.set(g, head.job.stages);
    }
    return fewest;
  }

  /** The queued jobs with `Σ_r ⌊free_r / g⌋ ≥ S` for `free` (free GPUs of every region), in queue order (an array registered with this index, like the queue: {@link queueIndexOf}). */
  withRoom(free: ArrayLike<number>): IndexedQueuedJob[] {
    const out: IndexedQueuedJob[] = [];
    for (const [g, list] of this.groups) {
      let room = 0;
      for (let r = 0; r < free.length; r++) room += Math.floor((free[r] as number) / g);
      for (const e of list) {
        if (e.job.stages > room) break;
        out.push(e);
      }
    }
    const sorted = bySeq(out);
    registerQueueIndex(sorted, this);
    return sorted;
  }
}

/** Packed sort keys `seq · 2^20 + position` are exact doubles for seq below 2^33 and fewer than 2^20 entries. */
const POSITION_SPAN = 2 ** 20;

/**
 * `entries` sorted by `seq` (distinct integers ≥ 0): a numeric sort of packed
 * keys (the native sort of a Float64Array, no comparator calls), falling back
 * to a comparator sort beyond the packing's range.
 */
function bySeq(entries: IndexedQueuedJob[]): IndexedQueuedJob[] {
  const n = entries.length;
  if (n < 2) return entries;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const seq = (entries[i] as IndexedQueuedJob).seq;
    if (n >= POSITION_SPAN || !Number.isInteger(seq) || seq < 0 || seq >= 2 ** 33) return entries.sort((a, b) => a.seq - b.seq);
    keys[i] = seq * POSITION_SPAN + i;
  }
  keys.sort();
  const out = new Array<IndexedQueuedJob>(n);
  for (let i = 0; i < n; i++) {
    const key = keys[i] as number;
    out[i] = entries[key - Math.floor(key / POSITION_SPAN) * POSITION_SPAN] as IndexedQueuedJob;
  }
  return out;
}

/**
 * The last registrations, newest at `next − 1` (a ring). An index describes
 * its queue only during one `decide` call, which registers a few arrays (the
 * queue handed over, the parts `withRoom` gives); a registration this ring
 * has forgotten only sends a policy down its path for a queue without an
 * index, which gives the same answers (slower). A ring instead of a weak map:
 * no table entry per event for the garbage collector to sweep.
 */
const RING = 8;
const ringQueues: (readonly QueuedJob[] | undefined)[] = new Array<undefined>(RING).fill(undefined);
const ringIndexes: (QueueIndex | undefined)[] = new Array<undefined>(RING).fill(undefined);
const ringFifo = new Uint8Array(RING);
let next = 0;

/** The ring slot of `queue`'s newest registration, −1 when none is kept. */
function slotOf(queue: readonly QueuedJob[]): number {
  for (let k = 1; k <= RING; k++) {
    const slot = (next - k + RING) % RING;
    if (ringQueues[slot] === queue) return slot;
  }
  return -1;
}

/** Registers `index` as describing `queue` (the simulator does, for each queue it hands a policy), and marks `queue` when it is in {@link byArrival} order. */
export function registerQueueIndex(queue: readonly QueuedJob[], index: QueueIndex): void {
  ringQueues[next] = queue;
  ringIndexes[next] = index;
  ringFifo[next] = index.inArrivalOrder ? 1 : 0;
  next = (next + 1) % RING;
}

/** Whether `queue` is known to be in {@link byArrival} order: a queue the simulator handed a policy, or the jobs with room of one (`QueueIndex.withRoom`), when it is. */
export function knownInArrivalOrder(queue: readonly QueuedJob[]): boolean {
  const slot = slotOf(queue);
  return slot >= 0 && ringFifo[slot] === 1;
}

/** The index registered for `queue` (a queue the simulator handed a policy, or the jobs with room of one), if any (valid during the `decide` call `queue` was handed to). */
export function queueIndexOf(queue: readonly QueuedJob[]): QueueIndex | undefined {
  const slot = slotOf(queue);
  return slot >= 0 ? ringIndexes[slot] : undefined;
}
