/**
 * A deterministic event queue for the simulator: a binary min-heap ordered by
 * (time, kind, job id), so completions at an instant come before arrivals at
 * the same instant and ties within a kind are broken by job id.
 */

/** What happens at an event. */
export type SimEventKind = "completion" | "arrival";

/** Order of kinds at the same instant: completions first (they free resources), then arrivals. */
export const EVENT_KIND_ORDER: Readonly<Record<SimEventKind, number>> = { completion: 0, arrival: 1 };

/** One discrete event. */
export interface SimEvent {
  /** Simulated time, seconds. */
  readonly timeSec: number;
  readonly kind: SimEventKind;
  /** The job that arrives or completes. */
  readonly jobId: string;
}

/** Total order of events: time, then kind ({@link EVENT_KIND_ORDER}), then job id (code-unit order). */
export function compareEvents(a: SimEvent, b: SimEvent): number {
  if (a.timeSec !== b.timeSec) return a.timeSec < b.timeSec ? -1 : 1;
  const k = EVENT_KIND_ORDER[a.kind] - EVENT_KIND_ORDER[b.kind];
  if (k !== 0) return k;
  return a.jobId < b.jobId ? -1 : a.jobId > b.jobId ? 1 : 0;
}

/** A min-heap of {@link SimEvent}s under {@link compareEvents}. */
export class EventQueue {
  private readonly heap: SimEvent[] = [];

  /** Number of events waiting. */
  get size(): number {
    return this.heap.length;
  }

  /** Adds an event. */
  push(event: SimEvent): void {
    const h = this.heap;
    h.push(event);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (compareEvents(h[i] as SimEvent, h[parent] as SimEvent) >= 0) break;
      [h[i], h[parent]] = [h[parent] as SimEvent, h[i] as SimEvent];
      i = parent;
    }
  }

  /** The earliest event without removing it; `undefined` when empty. */
  peek(): SimEvent | undefined {
    return this.heap[0];
  }

  /** Removes and returns the earliest event; `undefined` when empty. */
  pop(): SimEvent | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined || h.length === 0) return top;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && compareEvents(h[l] as SimEvent, h[m] as SimEvent) < 0) m = l;
      if (r < h.length && compareEvents(h[r] as SimEvent, h[m] as SimEvent) < 0) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m] as SimEvent, h[i] as SimEvent];
      i = m;
    }
    return top;
  }
}
