/**
 * Small seeded MILPs for memory and speed runs: 0/1 knapsacks (5–20 items)
 * and assignment problems (2×2 to 4×4), alternating. Deterministic in `index`.
 */
import { Model } from "../../src/lp/model.js";

/** Numerical Recipes LCG; returns a generator of floats in [0, 1). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A 0/1 knapsack with `n` items (maximise value under one capacity row). */
export function knapsack(n: number, seed: number): Model {
  const rnd = lcg(seed);
  const m = new Model(`knapsack${n}_${seed}`);
  const x = Array.from({ length: n }, (_, i) => m.addVar(`x${i}`, { type: "binary" }));
  const weights = x.map(() => 10 + Math.floor(rnd() * 90));
  const capacity = Math.floor(weights.reduce((a, b) => a + b, 0) / 2);
  m.addConstraint("capacity", x.map((xi, i) => [xi, weights[i] ?? 0] as const), "<=", capacity);
  m.setObjective("max", x.map((xi, i) => [xi, (weights[i] ?? 0) + Math.floor(rnd() * 30)] as const));
  return m;
}

/** An `n`×`n` assignment problem (minimise cost; integer variables). */
export function assignment(n: number, seed: number): Model {
  const rnd = lcg(seed);
  const m = new Model(`assignment${n}_${seed}`);
  const x = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => m.addVar(`x${i}_${j}`, { type: "integer", ub: 1 })));
  for (let i = 0; i < n; i++) m.addConstraint(`row${i}`, (x[i] ?? []).map((v) => [v, 1] as const), "=", 1);
  for (let j = 0; j < n; j++) m.addConstraint(`col${j}`, x.map((r) => [r[j]!, 1] as const), "=", 1);
  m.setObjective("min", x.flat().map((v) => [v, 1 + Math.floor(rnd() * 20)] as const), 3);
  return m;
}

/** The `index`-th small MILP: knapsacks of 5–20 items and 2×2–4×4 assignments, alternating. */
export function smallMilp(index: number): Model {
  return index % 2 === 0 ? knapsack(5 + (index % 16), index + 1) : assignment(2 + (index % 3), index + 1);
}
