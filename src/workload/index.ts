/** Workloads: the synthetic generator, its job mixes, the reference run behind load, the Philly trace reader, and trace import. */

export * from "./mix.js";
export * from "./reference.js";
export * from "./load.js";
export * from "./checkMix.js";
export * from "./generate.js";
export * from "./philly.js";
export * from "./trace/index.js";
