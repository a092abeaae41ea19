/** Workloads: a seeded PRNG, the synthetic generator, its job mixes, the reference run behind load, and the Philly trace reader. */

export * from "./mix.js";
export * from "./reference.js";
export * from "./load.js";
export * from "./checkMix.js";
export * from "./generate.js";
export * from "./philly.js";
