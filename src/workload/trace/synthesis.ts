/**
 * Seeded synthesis for traces that lack arrivals or durations, and load
 * scaling of trace arrivals (docs/workloads.md, "Synthesis"). Load is the
 * generator's ({@link generateWorkload}, src/workload/generate.ts):
 * ρ = λ · E[reference GPU-seconds per job] / Σ_r gpus_r.
 *
 * - {@link poissonArrivals}: exponential inter-arrival times at
 *   λ = ρ · Σ gpus / mean GPU-seconds of the jobs, from time 0, rounded to the
 *   millisecond (as the generator).
 * - {@link scaleToLoad}: trace arrival offsets multiplied by one factor so
 *   that total GPU-seconds / (Σ gpus · last arrival) = ρ (the measure of
 *   `offeredLoad`); time 0 stays where it is.
 * - {@link resampleDurations}: each job's duration drawn uniformly from the
 *   durations of the source's jobs with the same GPU count; when the source
 *   has no job of that count, from the nearest count present (by ratio,
 *   ties to the smaller count).
 *
 * Each use draws from its own stream, `mulberry32(streamSeed(seed, label))`,
 * so resampling durations does not change the arrivals of the same seed.
 */
import { exponential, mulberry32, type Rng } from "../../util/rng.js";

/** A 32-bit seed for the stream `label` of `seed` (FNV-1a of `"<seed>:<label>"`). */
export function streamSeed(seed: number, label: string): number {
  let h = 0x811c9dc5;
  for (const c of `${seed}:${label}`) {
    h ^= c.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The stream `label` of `seed`. */
export function streamOf(seed: number, label: string): Rng {
  return mulberry32(streamSeed(seed, label));
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Poisson arrivals (seconds from 0) for jobs of the given reference GPU-seconds at load ρ on `totalGpus`; also the rate used. */
export function poissonArrivals(gpuSeconds: readonly number[], totalGpus: number, load: number, rng: Rng): { arrivalsSec: number[]; ratePerSec: number } {
  const mean = gpuSeconds.reduce((s, x) => s + x, 0) / Math.max(1, gpuSeconds.length);
  const ratePerSec = mean > 0 ? (load * totalGpus) / mean : 0;
  let t = 0;
  const arrivalsSec = gpuSeconds.map(() => {
    if (ratePerSec > 0) t += exponential(rng, ratePerSec);
    return round3(t);
  });
  return { arrivalsSec, ratePerSec };
}

/** The factor that brings arrivals (from 0) of jobs with these GPU-seconds to load ρ, and the load before; factor 1 when the span is 0. */
export function scaleToLoad(arrivalsSec: readonly number[], gpuSeconds: readonly number[], totalGpus: number, load: number): { factor: number; loadBefore: number | null } {
  const span = arrivalsSec.reduce((m, t) => Math.max(m, t), 0); // no spread: traces reach 10⁵–10⁶ jobs
  const work = gpuSeconds.reduce((s, x) => s + x, 0);
  if (!(span > 0) || !(totalGpus > 0)) return { factor: 1, loadBefore: null };
  const loadBefore = work / (totalGpus * span);
  return { factor: loadBefore / load, loadBefore };
}

/** Durations by GPU count, each list non-empty. */
export type DurationPool = ReadonlyMap<number, readonly number[]>;

/** The GPU count of `pool` nearest to `gpus` by ratio (ties to the smaller). */
export function nearestCount(pool: DurationPool, gpus: number): number {
  let best = -1;
  let bestD = Infinity;
  for (const c of [...pool.keys()].sort((a, b) => a - b)) {
    const d = Math.abs(Math.log(Math.max(gpus, 1e-9) / c));
    if (d < bestD - 1e-12) [best, bestD] = [c, d];
  }
  if (best < 0) throw new RangeError("resampleDurations: the duration source is empty");
  return best;
}

/** One duration per job of `gpus[i]` GPUs, drawn from `pool` (see the file comment). */
export function resampleDurations(gpus: readonly number[], pool: DurationPool, rng: Rng): number[] {
  return gpus.map((g) => {
    const list = pool.get(g) ?? pool.get(nearestCount(pool, g))!;
    return list[Math.floor(rng() * list.length)]!;
  });
}

/** Groups `(gpus, duration)` pairs into a pool (durations sorted). */
export function poolOf(pairs: readonly { readonly gpus: number; readonly durationSec: number }[]): DurationPool {
  const m = new Map<number, number[]>();
  for (const p of pairs) m.set(p.gpus, [...(m.get(p.gpus) ?? []), p.durationSec]);
  for (const list of m.values()) list.sort((a, b) => a - b);
  return m;
}
