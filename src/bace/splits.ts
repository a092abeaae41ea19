/**
 * How S pipeline stages are cut into contiguous blocks over a region
 * sequence: block sizes `n_1 … n_k` with `Σ n_i = S` and `1 ≤ n_i ≤ cap_i`
 * (`cap_i` = stages region i has room for). All splits are listed when there
 * are at most `limit`; beyond that only the extreme splits (every block but
 * one at a bound: 1 stage or its cap; the remaining block takes the rest).
 *
 * Why extremes suffice as a pruning: for fixed regions, the iteration time is
 * affine in the block sizes up to the ±1 layer split (the `max_k` term only
 * depends on which regions and hops are present), and the electricity cost
 * is the product of two positive affine functions (runtime × power), which is
 * quasi-concave; both therefore take their minimum at a vertex of the
 * polytope `{Σ n = S, 1 ≤ n ≤ cap}`. Under the allocator's time tolerance the
 * optimum can lie between vertices, so this is a heuristic cut, documented in
 * docs/bace.md.
 */

/** Splits of `stages` into `caps.length` blocks, first block largest first (lexicographically descending). */
export function blockSplits(stages: number, caps: readonly number[], limit: number): readonly (readonly number[])[] {
  const k = caps.length;
  if (k === 0 || k > stages) return [];
  const bounded = caps.map((c) => Math.min(c, stages - (k - 1)));
  if (bounded.some((c) => c < 1) || bounded.reduce((a, b) => a + b, 0) < stages) return [];
  const all: number[][] = [];
  let overflow = false;
  const rest = (i: number): number => bounded.slice(i).reduce((a, b) => a + b, 0);
  const grow = (i: number, left: number, acc: number[]): void => {
    if (overflow) return;
    if (i === k - 1) {
      if (left >= 1 && left <= (bounded[i] as number)) {
        all.push([...acc, left]);
        if (all.length > limit) overflow = true;
      }
      return;
    }
    const remaining = k - i - 1;
    const hi = Math.min(bounded[i] as number, left - remaining);
    const lo = Math.max(1, left - rest(i + 1));
    for (let n = hi; n >= lo; n--) grow(i + 1, left - n, [...acc, n]);
  };
  grow(0, stages, []);
  return overflow ? extremeSplits(stages, bounded) : all;
}

/** The vertex splits: every block but one at 1 or its cap, deduplicated, lexicographically descending. */
export function extremeSplits(stages: number, caps: readonly number[]): readonly (readonly number[])[] {
  const k = caps.length;
  const seen = new Set<string>();
  const out: number[][] = [];
  for (let free = 0; free < k; free++) {
    for (let mask = 0; mask < 1 << (k - 1); mask++) {
      const split: number[] = [];
      let bit = 0;
      for (let i = 0; i < k; i++) {
        if (i === free) {
          split.push(0);
          continue;
        }
        split.push((mask >> bit++) & 1 ? (caps[i] as number) : 1);
      }
      const left = stages - split.reduce((a, b) => a + b, 0);
      if (left < 1 || left > (caps[free] as number)) continue;
      split[free] = left;
      const key = split.join(",");
      if (!seen.has(key)) {
        seen.add(key);
        out.push(split);
      }
    }
  }
  return out.sort((a, b) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (b[i] as number) - (a[i] as number);
    return 0;
  });
}

const splitCache = new Map<string | number, readonly (readonly number[])[]>();
/** Entries kept before the cache starts afresh (a bound on memory, not a tuning knob: hits stay high). */
const SPLIT_CACHE_ENTRIES = 50_000;

/**
 * {@link blockSplits}, memoised on the arguments it depends on (S, the caps
 * bounded by `S − k + 1`, the limit). The lists are shared: do not change them.
 */
export function cachedBlockSplits(stages: number, caps: readonly number[], limit: number): readonly (readonly number[])[] {
  const k = caps.length;
  const bound = stages - (k - 1);
  let key: string | number;
  if (k <= 3 && stages < 1024 && limit < 1024) {
    // a number for the common case: caps in base 1024 after S, k and the limit
    key = ((stages * 1024 + limit) * 4 + k) * 2 ** 30;
    let packed = 0;
    for (const c of caps) packed = packed * 1024 + Math.max(Math.min(c, bound), 0);
    key += packed;
  } else key = `${stages}|${limit}|${caps.map((c) => Math.min(c, bound)).join(",")}`;
  let hit = splitCache.get(key);
  if (hit === undefined) {
    if (splitCache.size >= SPLIT_CACHE_ENTRIES) splitCache.clear();
    splitCache.set(key, (hit = blockSplits(stages, caps, limit)));
  }
  return hit;
}
