/**
 * A ranking consumed lazily: the positions `0 … n−1` of a queue in the order
 * of a comparison, produced one at a time by a binary heap (O(n) to build,
 * O(log n) per position taken) instead of a full sort, for a consumer that
 * usually stops after the first few (a decision ends once no waiting job has
 * room left). Positions that compare equal come in ascending position, as a
 * stable sort gives them, so for any comparison that is a consistent order
 * the sequence is exactly the one `positions.sort(compare)` gives.
 */

/** Positions `0 … n−1` in `compare` order (ties: smaller position first), lazily. */
export function* rankedPositions(n: number, compare: (a: number, b: number) => number): Generator<number> {
  const before = (a: number, b: number): boolean => {
    const c = compare(a, b);
    return c < 0 || (c === 0 && a < b);
  };
  const heap = new Int32Array(n);
  for (let i = 0; i < n; i++) heap[i] = i;
  let size = n;
  const siftDown = (start: number): void => {
    let i = start;
    const x = heap[i] as number;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      const r = l + 1;
      const child = r < size && before(heap[r] as number, heap[l] as number) ? r : l;
      if (!before(heap[child] as number, x)) break;
      heap[i] = heap[child] as number;
      i = child;
    }
    heap[i] = x;
  };
  for (let i = (size >> 1) - 1; i >= 0; i--) siftDown(i);
  while (size > 0) {
    const top = heap[0] as number;
    size--;
    if (size > 0) {
      heap[0] = heap[size] as number;
      siftDown(0);
    }
    yield top;
  }
}
