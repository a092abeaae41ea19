/** The engine's open bottleneck intervals, least bound first (a binary heap). */
/** A range [lo, hi] of bottleneck candidates (indices) and a lower bound on the objective over its paths. */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
  readonly bound: number;
  /** Lagrangian multipliers of the capacities its bound was found with (the parent's), to start from. */
  readonly multipliers?: { readonly region: Float64Array; readonly link: Float64Array };
}

/** A binary heap of intervals by bound. */
export class IntervalQueue {
  private readonly items: Interval[] = [];
  get size(): number {
    return this.items.length;
  }
  push(x: Interval): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((a[p] as Interval).bound <= x.bound) break;
      a[i] = a[p] as Interval;
      i = p;
    }
    a[i] = x;
  }
  pop(): Interval | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const r = l + 1;
        const c = r < a.length && (a[r] as Interval).bound < (a[l] as Interval).bound ? r : l;
        if ((a[c] as Interval).bound >= last.bound) break;
        a[i] = a[c] as Interval;
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
  clear(): void {
    this.items.length = 0;
  }
  minBound(): number {
    return this.items[0]?.bound ?? Infinity;
  }
}

