/**
 * A read-only map from region ids (or link keys) to numbers that stores its
 * values in a typed array, numbered like a {@link TopologyView}. The
 * simulator hands policies their free GPUs and residual bandwidth as these:
 * to a policy they are ordinary `ReadonlyMap`s (same keys, same iteration
 * order as the maps they replace), and the hot paths read the array
 * directly ({@link valuesByNumber}) instead of hashing a string per look-up.
 */

/** A `ReadonlyMap<string, number>` over `values[i]` for `keys[i]`. */
export class IndexedValues implements ReadonlyMap<string, number> {
  constructor(
    /** The keys, by number. */
    readonly keyList: readonly string[],
    /** Number of each key. */
    readonly index: ReadonlyMap<string, number>,
    /** The values, by number (owned by this map: never changed once the map is handed out). */
    readonly numbers: Float64Array,
  ) {}

  get size(): number {
    return this.keyList.length;
  }

  get(key: string): number | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : this.numbers[i];
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  forEach(callback: (value: number, key: string, map: ReadonlyMap<string, number>) => void, thisArg?: unknown): void {
    this.keyList.forEach((k, i) => callback.call(thisArg, this.numbers[i] as number, k, this));
  }

  *entries(): MapIterator<[string, number]> {
    for (let i = 0; i < this.keyList.length; i++) yield [this.keyList[i] as string, this.numbers[i] as number];
  }

  *keys(): MapIterator<string> {
    yield* this.keyList;
  }

  *values(): MapIterator<number> {
    for (let i = 0; i < this.keyList.length; i++) yield this.numbers[i] as number;
  }

  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }
}

/**
 * The values of `map` by number for `keys` (`fallback`, or `fallback[i]`,
 * where the map has no entry): the map's own array when it is an
 * {@link IndexedValues} over the same keys (do not write to it), else a new
 * array.
 */
export function valuesByNumber(map: ReadonlyMap<string, number>, keys: readonly string[], fallback: number | Float64Array): Float64Array {
  if (map instanceof IndexedValues && map.keyList === keys) return map.numbers;
  const out = new Float64Array(keys.length);
  for (let i = 0; i < keys.length; i++) out[i] = map.get(keys[i] as string) ?? (typeof fallback === "number" ? fallback : (fallback[i] as number));
  return out;
}
