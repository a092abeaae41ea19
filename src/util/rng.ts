/**
 * Seeded pseudo-random numbers for every generator in the toolkit (`src/` uses no
 * unseeded source). A generator is a plain `() => number`; the helpers take it as
 * their first argument so any caller can pass its own stream.
 */

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/**
 * mulberry32: a small, fast 32-bit generator; the same seed always gives the
 * same stream. The seed is taken modulo 2³² (`seed >>> 0`).
 */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An exponential variate with the given `rate` (> 0); its mean is `1 / rate`. */
export function exponential(rng: Rng, rate: number): number {
  if (!(rate > 0)) throw new RangeError(`exponential(rng, rate): rate must be > 0, got ${rate}`);
  return -Math.log(1 - rng()) / rate;
}

/** A uniform number in [min, max). */
export function uniform(rng: Rng, min: number, max: number): number {
  return min + (max - min) * rng();
}

/** A log-uniform number in [min, max) (both > 0): every factor of 10 is equally likely. */
export function logUniform(rng: Rng, min: number, max: number): number {
  if (!(min > 0 && max >= min)) throw new RangeError(`logUniform(rng, min, max): need 0 < min <= max, got ${min}, ${max}`);
  return min * Math.exp(Math.log(max / min) * rng());
}

/** A uniform integer in [min, max], both ends included (both integers, min ≤ max). */
export function intBetween(rng: Rng, min: number, max: number): number {
  if (!Number.isInteger(min) || !Number.isInteger(max) || min > max) {
    throw new RangeError(`intBetween(rng, min, max): need integers min <= max, got ${min}, ${max}`);
  }
  return min + Math.floor(rng() * (max - min + 1));
}

/**
 * One item of a non-empty list: uniform, or with probability proportional to
 * `weights[i]` (same length as `items`, each ≥ 0, positive sum).
 */
export function pick<T>(rng: Rng, items: readonly T[], weights?: readonly number[]): T {
  if (items.length === 0) throw new RangeError("pick(rng, items): items must not be empty");
  if (weights === undefined) return items[Math.floor(rng() * items.length)] as T;
  if (weights.length !== items.length) {
    throw new RangeError(`pick(rng, items, weights): ${weights.length} weights for ${items.length} items; give one weight per item`);
  }
  let total = 0;
  for (const w of weights) {
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`pick(rng, items, weights): weights must be finite and >= 0, got ${w}`);
    total += w;
  }
  if (!(total > 0)) throw new RangeError("pick(rng, items, weights): weights must have a positive sum");
  let u = rng() * total;
  for (let i = 0; i < items.length; i++) {
    u -= weights[i] as number;
    if (u < 0 && (weights[i] as number) > 0) return items[i] as T;
  }
  // Rounding left u ≥ 0 after the last item: return the last item with positive weight.
  for (let i = items.length - 1; i >= 0; i--) if ((weights[i] as number) > 0) return items[i] as T;
  return items[items.length - 1] as T;
}
